using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Tests.Client;

public class FilterTests
{
    public static TheoryData<string, Filter<Quiz>, string> Renders => new()
    {
        { "empty", Filter<Quiz>.Empty, "{}" },
        { "default", default, "{}" },
        { "eq", Filter<Quiz>.Eq("status", "published"), """{ "status": "published" }""" },
        { "eq regex", Filter<Quiz>.Eq("code", new BsonRegularExpression("^a")), """{ "code": { "$eq": { "$regularExpression": { "pattern": "^a", "options": "" } } } }""" },
        { "eq operator-like document", Filter<Quiz>.Eq("meta", new BsonDocument("$gt", 1)), """{ "meta": { "$eq": { "$gt": 1 } } }""" },
        { "eq plain document", Filter<Quiz>.Eq("meta", new BsonDocument("a", 1)), """{ "meta": { "a": 1 } }""" },
        { "ne", Filter<Quiz>.Ne("status", "draft"), """{ "status": { "$ne": "draft" } }""" },
        { "gt", Filter<Quiz>.Gt("score", 3), """{ "score": { "$gt": 3 } }""" },
        { "gte", Filter<Quiz>.Gte("score", 3), """{ "score": { "$gte": 3 } }""" },
        { "lt", Filter<Quiz>.Lt("score", 3.5), """{ "score": { "$lt": 3.5 } }""" },
        { "lte", Filter<Quiz>.Lte("score", 3L), """{ "score": { "$lte": { "$numberLong": "3" } } }""" },
        { "in params", Filter<Quiz>.In("tag", "a", "b"), """{ "tag": { "$in": ["a", "b"] } }""" },
        { "in enumerable", Filter<Quiz>.In("n", new List<BsonValue> { 1, 2 }), """{ "n": { "$in": [1, 2] } }""" },
        { "nin", Filter<Quiz>.Nin("n", 1), """{ "n": { "$nin": [1] } }""" },
        { "exists", Filter<Quiz>.Exists("x"), """{ "x": { "$exists": true } }""" },
        { "not exists", Filter<Quiz>.Exists("x", false), """{ "x": { "$exists": false } }""" },
        { "type", Filter<Quiz>.Type("x", BsonType.Int64), """{ "x": { "$type": "long" } }""" },
        { "type alias", Filter<Quiz>.Type("x", "number"), """{ "x": { "$type": "number" } }""" },
        { "elemMatch", Filter<Quiz>.ElemMatch("questions", new BsonDocument("points", new BsonDocument("$gt", 2))), """{ "questions": { "$elemMatch": { "points": { "$gt": 2 } } } }""" },
        { "elemMatch typed", Filter<Quiz>.ElemMatch("questions", Filter<BsonDocument>.Eq("kind", "mcq")), """{ "questions": { "$elemMatch": { "kind": "mcq" } } }""" },
        { "size", Filter<Quiz>.Size("questions", 3), """{ "questions": { "$size": 3 } }""" },
        { "all", Filter<Quiz>.All("tags", "a", "b"), """{ "tags": { "$all": ["a", "b"] } }""" },
        { "expr", Filter<Quiz>.Expr(new BsonDocument("$gt", new BsonArray { "$a", "$b" })), """{ "$expr": { "$gt": ["$a", "$b"] } }""" },
        { "text", Filter<Quiz>.Text("mongo", language: "en", caseSensitive: true), """{ "$text": { "$search": "mongo", "$language": "en", "$caseSensitive": true } }""" },
        { "and", Filter<Quiz>.Eq("a", 1) & Filter<Quiz>.Eq("b", 2), """{ "$and": [{ "a": 1 }, { "b": 2 }] }""" },
        { "or", Filter<Quiz>.Eq("a", 1) | Filter<Quiz>.Eq("b", 2), """{ "$or": [{ "a": 1 }, { "b": 2 }] }""" },
        { "nor", Filter<Quiz>.Nor(Filter<Quiz>.Eq("a", 1), Filter<Quiz>.Eq("b", 2)), """{ "$nor": [{ "a": 1 }, { "b": 2 }] }""" },
        { "not", !Filter<Quiz>.Eq("a", 1), """{ "$nor": [{ "a": 1 }] }""" },
        { "from document", new BsonDocument("a", 1), """{ "a": 1 }""" },
    };

    [Theory]
    [MemberData(nameof(Renders))]
    public void Renders_the_document_MongoDB_expects(string name, Filter<Quiz> filter, string expected)
    {
        Assert.NotNull(name);
        Assert.Equal(Json.Of(expected), filter.Render().ToJson());
        Assert.Equal(filter.Render().ToJson(), filter.ToString());
    }

    [Fact]
    public void Regex_renders_the_query_operator_form()
    {
        // Compared field by field: the Extended JSON parser reads { $regex, $options } as a legacy regex literal.
        var condition = Filter<Quiz>.Regex("title", "^Intro", "i").Render()["title"].AsBsonDocument;
        Assert.Equal(["$regex", "$options"], condition.Names);
        Assert.Equal("^Intro", condition["$regex"].AsString);
        Assert.Equal("i", condition["$options"].AsString);
        var plain = Filter<Quiz>.Regex("title", new BsonRegularExpression("^Intro")).Render()["title"].AsBsonDocument;
        Assert.Equal(["$regex"], plain.Names);
    }

    [Fact]
    public void And_flattens_nested_ands_and_drops_empty_filters()
    {
        var a = Filter<Quiz>.Eq("a", 1);
        var b = Filter<Quiz>.Eq("b", 2);
        var c = Filter<Quiz>.Eq("c", 3);
        Assert.Equal(Json.Of("""{ "$and": [{ "a": 1 }, { "b": 2 }, { "c": 3 }] }"""), ((a & b) & c).Render().ToJson());
        Assert.Equal(Json.Of("""{ "$and": [{ "a": 1 }, { "b": 2 }, { "c": 3 }] }"""), (a & (b & c)).Render().ToJson());
        Assert.Equal(Json.Of("""{ "a": 1 }"""), (Filter<Quiz>.Empty & a).Render().ToJson());
        Assert.True((Filter<Quiz>.Empty & Filter<Quiz>.Empty).IsEmpty);
        Assert.True(Filter<Quiz>.And().IsEmpty);
        Assert.Equal(Json.Of("""{ "$and": [{ "a": 1 }, { "b": 2 }] }"""), Filter<Quiz>.And(new List<Filter<Quiz>> { a, b }).Render().ToJson());
    }

    [Fact]
    public void Or_flattens_nested_ors_keeps_ands_and_an_empty_branch_matches_everything()
    {
        var a = Filter<Quiz>.Eq("a", 1);
        var b = Filter<Quiz>.Eq("b", 2);
        var c = Filter<Quiz>.Eq("c", 3);
        Assert.Equal(Json.Of("""{ "$or": [{ "a": 1 }, { "b": 2 }, { "c": 3 }] }"""), (a | b | c).Render().ToJson());
        Assert.Equal(Json.Of("""{ "$or": [{ "$and": [{ "a": 1 }, { "b": 2 }] }, { "c": 3 }] }"""), ((a & b) | c).Render().ToJson());
        Assert.True((a | Filter<Quiz>.Empty).IsEmpty);
        Assert.Throws<ArgumentException>(() => Filter<Quiz>.Or());
        Assert.Throws<ArgumentException>(() => Filter<Quiz>.Nor());
    }

    [Fact]
    public void Negating_twice_gives_the_filter_back()
    {
        var a = Filter<Quiz>.Gt("score", 3);
        Assert.Equal(a.Render().ToJson(), (!!a).Render().ToJson());
        Assert.Equal(Json.Of("""{ "$nor": [{}] }"""), (!Filter<Quiz>.Empty).Render().ToJson());
    }

    [Fact]
    public void A_document_converts_without_copying_and_null_is_refused()
    {
        var document = new BsonDocument("a", 1);
        Filter<Quiz> filter = document;
        Assert.Same(document, filter.Render());
        Assert.Throws<ArgumentNullException>(() => { Filter<Quiz> f = (BsonDocument)null!; return f; });
    }

    [Fact]
    public void Field_names_must_not_be_empty()
    {
        Assert.Throws<ArgumentException>(() => Filter<Quiz>.Eq("", 1));
        Assert.Throws<ArgumentNullException>(() => Filter<Quiz>.Gt(null!, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Filter<Quiz>.Size("a", -1));
    }
}

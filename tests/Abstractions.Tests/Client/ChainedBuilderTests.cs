using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Tests.Client;

public class ChainedBuilderTests
{
    [Fact]
    public void Sort_renders_fields_in_order()
    {
        Assert.Equal(Json.Of("""{ "createdAt": -1, "title": 1 }"""), Sort<Quiz>.Descending("createdAt").Ascending("title").Render().ToJson());
        Assert.Equal(Json.Of("""{ "score": { "$meta": "textScore" } }"""), Sort<Quiz>.MetaTextScore("score").Render().ToJson());
        Sort<Quiz> fromDocument = new BsonDocument("a", 1);
        Assert.Equal(Json.Of("""{ "a": 1, "b": -1 }"""), fromDocument.Descending("b").Render().ToJson());
        Assert.True(default(Sort<Quiz>).IsEmpty);
        Assert.Throws<ArgumentException>(() => Sort<Quiz>.Ascending("a").Descending("a"));
        Assert.Throws<ArgumentException>(() => fromDocument.Ascending("a"));
    }

    public static TheoryData<string, Projection<Quiz>, string> Projections => new()
    {
        { "include/exclude", Projection<Quiz>.Include("title").Exclude("_id"), """{ "title": 1, "_id": 0 }""" },
        { "slice", Projection<Quiz>.Slice("comments", -5), """{ "comments": { "$slice": -5 } }""" },
        { "slice skip", Projection<Quiz>.Slice("comments", 10, 5), """{ "comments": { "$slice": [10, 5] } }""" },
        { "elemMatch", Projection<Quiz>.ElemMatch("questions", new BsonDocument("kind", "mcq")), """{ "questions": { "$elemMatch": { "kind": "mcq" } } }""" },
        { "meta", Projection<Quiz>.Include("title").MetaTextScore("score"), """{ "title": 1, "score": { "$meta": "textScore" } }""" },
    };

    [Theory]
    [MemberData(nameof(Projections))]
    public void Projection_renders_the_document_MongoDB_expects(string name, Projection<Quiz> projection, string expected)
    {
        Assert.NotNull(name);
        Assert.Equal(Json.Of(expected), projection.Render().ToJson());
    }

    public static TheoryData<string, IndexKeys<Quiz>, string, string> Keys => new()
    {
        { "compound", IndexKeys<Quiz>.Ascending("status").Descending("createdAt"), """{ "status": 1, "createdAt": -1 }""", "status_1_createdAt_-1" },
        { "hashed", IndexKeys<Quiz>.Hashed("owner"), """{ "owner": "hashed" }""", "owner_hashed" },
        { "text", IndexKeys<Quiz>.Text("title").Text("body"), """{ "title": "text", "body": "text" }""", "title_text_body_text" },
        { "2dsphere", IndexKeys<Quiz>.Geo2DSphere("location"), """{ "location": "2dsphere" }""", "location_2dsphere" },
        { "2d", IndexKeys<Quiz>.Geo2D("point"), """{ "point": "2d" }""", "point_2d" },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Index_keys_render_in_order_with_the_default_name(string name, IndexKeys<Quiz> keys, string expected, string defaultName)
    {
        Assert.NotNull(name);
        Assert.Equal(Json.Of(expected), keys.Render().ToJson());
        Assert.Equal(defaultName, keys.GetDefaultName());
    }

    [Fact]
    public void Index_models_need_a_key()
    {
        Assert.Throws<ArgumentException>(() => new CreateIndexModel<Quiz>(default));
        var model = new CreateIndexModel<Quiz>(IndexKeys<Quiz>.Ascending("a"), new CreateIndexOptions { Unique = true });
        Assert.True(model.Options!.Unique);
    }

    [Fact]
    public void Pipeline_renders_each_stage()
    {
        var pipeline = Pipeline.Match(Filter<Quiz>.Eq("status", "published"))
            .Unwind("tags")
            .Group(new BsonDocument { { "_id", "$tags" }, { "n", new BsonDocument("$sum", 1) } })
            .Sort(Sort<Quiz>.Descending("n"))
            .Skip(5)
            .Limit(10)
            .Project(Projection<Quiz>.Exclude("_id"))
            .AddFields(new BsonDocument("x", 1))
            .Lookup("authors", "authorId", "_id", "author")
            .Unwind("$author", preserveNullAndEmptyArrays: true, includeArrayIndex: "i")
            .ReplaceRoot("$author")
            .Facet(new BsonDocument("all", new BsonArray()))
            .Count("total")
            .Out("reports", "summary");
        var expected = """
            { "p": [
              { "$match": { "status": "published" } },
              { "$unwind": "$tags" },
              { "$group": { "_id": "$tags", "n": { "$sum": 1 } } },
              { "$sort": { "n": -1 } },
              { "$skip": 5 },
              { "$limit": 10 },
              { "$project": { "_id": 0 } },
              { "$addFields": { "x": 1 } },
              { "$lookup": { "from": "authors", "localField": "authorId", "foreignField": "_id", "as": "author" } },
              { "$unwind": { "path": "$author", "includeArrayIndex": "i", "preserveNullAndEmptyArrays": true } },
              { "$replaceRoot": { "newRoot": "$author" } },
              { "$facet": { "all": [] } },
              { "$count": "total" },
              { "$out": { "db": "reports", "coll": "summary" } }
            ] }
            """;
        Assert.Equal(BsonDocument.Parse(expected)["p"].ToJson(), pipeline.Render().ToJson());
        Assert.Equal(14, pipeline.StageCount);
    }

    [Fact]
    public void Pipelines_convert_from_arrays_and_refuse_what_is_not_a_stage()
    {
        Pipeline fromArray = new BsonArray { new BsonDocument("$limit", 1) };
        Pipeline fromDocuments = new[] { new BsonDocument("$skip", 1) };
        Assert.Equal(2, fromArray.Stage(new BsonDocument("$sample", new BsonDocument("size", 2))).StageCount);
        Assert.Equal(1, fromDocuments.StageCount);
        Assert.True(default(Pipeline).IsEmpty);
        Assert.Throws<ArgumentException>(() => { Pipeline p = new BsonArray { 1 }; return p; });
        Assert.Throws<ArgumentException>(() => Pipeline.Stage(new BsonDocument { { "$match", new BsonDocument() }, { "$limit", 1 } }));
        Assert.Throws<ArgumentException>(() => Pipeline.Stage(new BsonDocument("match", new BsonDocument())));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pipeline.Limit(0));
    }

    [Fact]
    public void Collation_renders_only_the_fields_set()
    {
        var collation = new Collation("fr") { Strength = CollationStrength.Secondary, CaseFirst = CollationCaseFirst.Upper, Alternate = CollationAlternate.Shifted, MaxVariable = CollationMaxVariable.Space, NumericOrdering = true };
        Assert.Equal(
            Json.Of("""{ "locale": "fr", "caseFirst": "upper", "strength": 2, "numericOrdering": true, "alternate": "shifted", "maxVariable": "space" }"""),
            collation.ToBsonDocument().ToJson());
        Assert.Equal(Json.Of("""{ "locale": "simple" }"""), new Collation("simple").ToBsonDocument().ToJson());
    }
}

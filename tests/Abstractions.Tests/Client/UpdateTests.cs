using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Tests.Client;

public class UpdateTests
{
    public static TheoryData<string, Update<Quiz>, string> Renders => new()
    {
        { "set", Update<Quiz>.Set("title", "New"), """{ "$set": { "title": "New" } }""" },
        { "unset", Update<Quiz>.Unset("draft"), """{ "$unset": { "draft": "" } }""" },
        { "inc", Update<Quiz>.Inc("version", 1), """{ "$inc": { "version": 1 } }""" },
        { "mul", Update<Quiz>.Mul("price", 1.5), """{ "$mul": { "price": 1.5 } }""" },
        { "min", Update<Quiz>.Min("low", 2), """{ "$min": { "low": 2 } }""" },
        { "max", Update<Quiz>.Max("high", 9), """{ "$max": { "high": 9 } }""" },
        { "rename", Update<Quiz>.Rename("name", "title"), """{ "$rename": { "name": "title" } }""" },
        { "setOnInsert", Update<Quiz>.SetOnInsert("createdBy", "me"), """{ "$setOnInsert": { "createdBy": "me" } }""" },
        { "currentDate", Update<Quiz>.CurrentDate("updatedAt"), """{ "$currentDate": { "updatedAt": true } }""" },
        { "currentDate timestamp", Update<Quiz>.CurrentDate("ts", CurrentDateType.Timestamp), """{ "$currentDate": { "ts": { "$type": "timestamp" } } }""" },
        { "push", Update<Quiz>.Push("tags", "new"), """{ "$push": { "tags": "new" } }""" },
        { "pushEach", Update<Quiz>.PushEach("scores", [3, 4], slice: -5, position: 0, sort: -1), """{ "$push": { "scores": { "$each": [3, 4], "$position": 0, "$slice": -5, "$sort": -1 } } }""" },
        { "pushEach plain", Update<Quiz>.PushEach("scores", [3]), """{ "$push": { "scores": { "$each": [3] } } }""" },
        { "pull", Update<Quiz>.Pull("tags", "old"), """{ "$pull": { "tags": "old" } }""" },
        { "pull condition", Update<Quiz>.Pull("scores", new BsonDocument("$lt", 2)), """{ "$pull": { "scores": { "$lt": 2 } } }""" },
        { "pullAll", Update<Quiz>.PullAll("tags", ["a", "b"]), """{ "$pullAll": { "tags": ["a", "b"] } }""" },
        { "addToSet", Update<Quiz>.AddToSet("tags", "x"), """{ "$addToSet": { "tags": "x" } }""" },
        { "addToSetEach", Update<Quiz>.AddToSetEach("tags", ["x", "y"]), """{ "$addToSet": { "tags": { "$each": ["x", "y"] } } }""" },
        { "popFirst", Update<Quiz>.PopFirst("queue"), """{ "$pop": { "queue": -1 } }""" },
        { "popLast", Update<Quiz>.PopLast("queue"), """{ "$pop": { "queue": 1 } }""" },
        { "chain groups by operator", Update<Quiz>.Set("a", 1).Inc("n", 1).Set("b", 2).Unset("c"), """{ "$set": { "a": 1, "b": 2 }, "$inc": { "n": 1 }, "$unset": { "c": "" } }""" },
        { "from document", new BsonDocument("$set", new BsonDocument("a", 1)), """{ "$set": { "a": 1 } }""" },
        { "document then chain", ((Update<Quiz>)new BsonDocument("$set", new BsonDocument("a", 1))).Inc("n", 1).Set("b", 2), """{ "$set": { "a": 1, "b": 2 }, "$inc": { "n": 1 } }""" },
        { "sibling paths", Update<Quiz>.Set("a.b", 1).Set("a.c", 2).Set("ab", 3), """{ "$set": { "a.b": 1, "a.c": 2, "ab": 3 } }""" },
    };

    [Theory]
    [MemberData(nameof(Renders))]
    public void Renders_the_document_MongoDB_expects(string name, Update<Quiz> update, string expected)
    {
        Assert.NotNull(name);
        Assert.False(update.IsPipeline);
        Assert.Equal(Json.Of(expected), update.Render().ToJson());
    }

    [Theory]
    [InlineData("a", "a")]
    [InlineData("a", "a.b")]
    [InlineData("a.b", "a")]
    [InlineData("a.b.c", "a.b")]
    public void Two_changes_of_one_path_or_of_a_parent_and_child_throw(string first, string second)
    {
        var update = Update<Quiz>.Set(first, 1);
        var error = Assert.Throws<ArgumentException>(() => update.Inc(second, 1));
        Assert.Contains(first, error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => update.Unset(second));
    }

    [Fact]
    public void Rename_conflicts_with_changes_of_its_source_and_its_target()
    {
        var rename = Update<Quiz>.Rename("old", "new");
        Assert.Throws<ArgumentException>(() => rename.Set("old", 1));
        Assert.Throws<ArgumentException>(() => rename.Set("new.x", 1));
        Assert.Throws<ArgumentException>(() => Update<Quiz>.Set("new", 1).Rename("old", "new"));
        Assert.Equal(Json.Of("""{ "$rename": { "old": "new" }, "$set": { "other": 1 } }"""), rename.Set("other", 1).Render().ToJson());
    }

    [Fact]
    public void Chaining_leaves_the_earlier_update_unchanged()
    {
        var start = Update<Quiz>.Set("a", 1);
        var withB = start.Set("b", 2);
        var withC = start.Set("c", 3);
        Assert.Equal(Json.Of("""{ "$set": { "a": 1 } }"""), start.Render().ToJson());
        Assert.Equal(Json.Of("""{ "$set": { "a": 1, "b": 2 } }"""), withB.Render().ToJson());
        Assert.Equal(Json.Of("""{ "$set": { "a": 1, "c": 3 } }"""), withC.Render().ToJson());
    }

    [Fact]
    public void A_document_must_hold_only_operators_without_conflicts()
    {
        Assert.Throws<ArgumentException>(() => { Update<Quiz> u = new BsonDocument("title", "x"); return u; });
        Assert.Throws<ArgumentException>(() => { Update<Quiz> u = new BsonDocument("$set", 1); return u; });
        Assert.Throws<ArgumentException>(() =>
        {
            Update<Quiz> u = new BsonDocument { { "$set", new BsonDocument("a", 1) }, { "$inc", new BsonDocument("a", 1) } };
            return u;
        });
    }

    [Fact]
    public void Pipelines_render_as_arrays_and_take_no_operators()
    {
        Update<Quiz> fromArray = new BsonArray { new BsonDocument("$set", new BsonDocument("a", 1)) };
        Update<Quiz> fromPipeline = Pipeline.Stage(new BsonDocument("$set", new BsonDocument("a", 1))).Stage(new BsonDocument("$unset", "b"));
        Assert.True(fromArray.IsPipeline);
        Assert.Equal("""[{ "$set" : { "a" : 1 } }]""".Replace(" ", "", StringComparison.Ordinal), fromArray.Render().ToJson().Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(2, fromPipeline.Render().AsBsonArray.Count);
        Assert.Throws<InvalidOperationException>(() => fromArray.Set("x", 1));
        Assert.Throws<ArgumentException>(() => { Update<Quiz> u = new BsonArray { 1 }; return u; });
    }

    [Fact]
    public void The_default_update_is_empty()
    {
        Assert.True(default(Update<Quiz>).IsEmpty);
        Assert.Equal("{}", default(Update<Quiz>).Render().ToJson().Replace(" ", "", StringComparison.Ordinal));
        Assert.False(Update<Quiz>.Set("a", 1).IsEmpty);
    }
}

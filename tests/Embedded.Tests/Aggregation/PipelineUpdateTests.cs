using OpenQuizz.Typed.Embedded.Bson;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Aggregation;

/// <summary>Updates given as pipelines, through update and findAndModify.</summary>
public sealed class PipelineUpdateTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private async Task<string> SeedAsync() => await Agg.SeedAsync(fixture, [D(("_id", 1), ("a", 2), ("b", 3), ("old", true)), D(("_id", 2), ("a", 10), ("b", 1))]);

    private async Task<List<BsonDocument>> FindAsync(string collection) =>
        Reply.FirstBatch(await fixture.RunAsync(D(("find", collection), ("sort", D(("_id", 1)))))).Select(d => d.AsBsonDocument).ToList();

    private static BsonDocument Update(string collection, BsonDocument query, BsonArray pipeline, bool multi = false, bool upsert = false) =>
        D(("update", collection), ("updates", A(D(("q", query), ("u", pipeline), ("multi", multi), ("upsert", upsert)))));

    [Fact]
    public async Task Set_computes_from_the_document_and_unset_removes()
    {
        var collection = await SeedAsync();
        var reply = Reply.Ok(await fixture.RunAsync(Update(collection, D(), A(
            D(("$set", D(("sum", D(("$add", A("$a", "$b")))), ("a", D(("$multiply", A("$a", 10))))))),
            D(("$unset", "old"))), multi: true)));
        Assert.Equal(2, reply["n"].AsInt32);
        Assert.Equal(2, reply["nModified"].AsInt32);
        Agg.Equal([D(("_id", 1), ("a", 20), ("b", 3), ("sum", 5)), D(("_id", 2), ("a", 100), ("b", 1), ("sum", 11))], await FindAsync(collection));
    }

    [Fact]
    public async Task ReplaceWith_keeps_the_id()
    {
        var collection = await SeedAsync();
        Reply.Ok(await fixture.RunAsync(Update(collection, D(("_id", 1)), A(D(("$replaceWith", D(("c", "$a"))))))));
        Agg.Equal([D(("_id", 1), ("c", 2))], (await FindAsync(collection)).Take(1).ToList());
    }

    [Fact]
    public async Task Project_and_addFields_stages_are_allowed()
    {
        var collection = await SeedAsync();
        Reply.Ok(await fixture.RunAsync(Update(collection, D(("_id", 2)), A(D(("$project", D(("a", 1)))), D(("$addFields", D(("z", "$$NOW"))))))));
        var updated = (await FindAsync(collection))[1];
        Assert.Equal(["_id", "a", "z"], updated.Names);
        Assert.IsType<BsonDateTime>(updated["z"]);
    }

    [Fact]
    public async Task Upsert_applies_the_pipeline_to_the_query_seed()
    {
        var collection = await SeedAsync();
        var reply = Reply.Ok(await fixture.RunAsync(Update(collection, D(("_id", 7), ("k", 1)), A(D(("$set", D(("k2", D(("$add", A("$k", 1)))))))), upsert: true)));
        Assert.Equal(7, reply["upserted"][0]["_id"].AsInt32);
        Agg.Equal([D(("_id", 7), ("k", 1), ("k2", 2))], (await FindAsync(collection)).Skip(2).ToList());
    }

    [Fact]
    public async Task FindAndModify_accepts_a_pipeline()
    {
        var collection = await SeedAsync();
        var reply = Reply.Ok(await fixture.RunAsync(D(("findAndModify", collection), ("query", D(("_id", 1))), ("update", A(D(("$set", D(("a", D(("$literal", "$x")))))))), ("new", true))));
        Assert.Equal("$x", reply["value"]["a"].AsString);
    }

    [Theory]
    [InlineData("changing _id", 66)]
    [InlineData("a $group stage", 72)]
    [InlineData("arrayFilters", 9)]
    [InlineData("unknown stage", 40324)]
    public async Task Invalid_pipeline_updates_fail(string name, int code)
    {
        var collection = await SeedAsync();
        var statement = name switch
        {
            "changing _id" => D(("q", D(("_id", 1))), ("u", A(D(("$set", D(("_id", 5))))))),
            "a $group stage" => D(("q", D()), ("u", A(D(("$group", D(("_id", 1))))))),
            "arrayFilters" => D(("q", D()), ("u", A(D(("$set", D(("a", 1)))))), ("arrayFilters", A(D(("x", 1))))),
            _ => D(("q", D()), ("u", A(D(("$bogus", 1))))),
        };
        var reply = await fixture.RunAsync(D(("update", collection), ("updates", A(statement))));
        var error = reply.TryGetValue("writeErrors", out var errors) ? errors[0].AsBsonDocument : reply;
        Assert.True(error["code"].AsInt32 == code, $"expected {code} in {reply}");
    }
}

using OpenQuizz.Typed.Embedded.Bson;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Aggregation;

/// <summary>The aggregate command itself: cursors and getMore, batch sizes, <c>let</c>, <c>aggregate: 1</c> and argument errors.</summary>
public sealed class AggregateCommandTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private async Task<string> SeedAsync(int count) =>
        await Agg.SeedAsync(fixture, Enumerable.Range(1, count).Select(i => D(("_id", i), ("n", i % 3))));

    [Fact]
    public async Task Large_results_come_in_batches_through_getMore()
    {
        var collection = await SeedAsync(250);
        var client = await fixture.ConnectAsync();
        var first = Reply.Ok(await client.RunAsync(Agg.Command(collection, A(D(("$sort", D(("_id", -1))))))));
        Assert.Equal(101, first["cursor"]["firstBatch"].AsBsonArray.Count);
        var id = first["cursor"]["id"].ToInt64();
        Assert.NotEqual(0L, id);
        Assert.Equal("test." + collection, first["cursor"]["ns"].AsString);
        var next = Reply.Ok(await client.RunAsync(D(("getMore", id), ("collection", collection), ("batchSize", 100))));
        Assert.Equal(100, next["cursor"]["nextBatch"].AsBsonArray.Count);
        Assert.Equal(149, next["cursor"]["nextBatch"][0]["_id"].AsInt32);
        var last = Reply.Ok(await client.RunAsync(D(("getMore", id), ("collection", collection))));
        Assert.Equal(49, last["cursor"]["nextBatch"].AsBsonArray.Count);
        Assert.Equal(0L, last["cursor"]["id"].ToInt64());
        Reply.Error(await client.RunAsync(D(("getMore", id), ("collection", collection))), 43);
    }

    [Fact]
    public async Task BatchSize_zero_opens_a_cursor_without_documents()
    {
        var collection = await SeedAsync(5);
        var client = await fixture.ConnectAsync();
        var first = Reply.Ok(await client.RunAsync(Agg.Command(collection, A(), D(("batchSize", 0)))));
        Assert.Empty(first["cursor"]["firstBatch"].AsBsonArray);
        var id = first["cursor"]["id"].ToInt64();
        Assert.NotEqual(0L, id);
        var next = Reply.Ok(await client.RunAsync(D(("getMore", id), ("collection", collection), ("batchSize", 2))));
        Assert.Equal(2, next["cursor"]["nextBatch"].AsBsonArray.Count);
        Reply.Ok(await client.RunAsync(D(("killCursors", collection), ("cursors", A(id)))));
    }

    [Fact]
    public async Task Small_batch_sizes_page_through_every_result()
    {
        var collection = await SeedAsync(7);
        var client = await fixture.ConnectAsync();
        var reply = Reply.Ok(await client.RunAsync(Agg.Command(collection, A(D(("$match", D(("n", 1))))), D(("batchSize", 1)))));
        var ids = reply["cursor"]["firstBatch"].AsBsonArray.Select(d => d["_id"].AsInt32).ToList();
        var id = reply["cursor"]["id"].ToInt64();
        while (id != 0)
        {
            var more = Reply.Ok(await client.RunAsync(D(("getMore", id), ("collection", collection), ("batchSize", 1))));
            ids.AddRange(more["cursor"]["nextBatch"].AsBsonArray.Select(d => d["_id"].AsInt32));
            id = more["cursor"]["id"].ToInt64();
        }

        Assert.Equal([1, 4, 7], ids);
    }

    [Fact]
    public async Task Let_variables_reach_match_and_project()
    {
        var collection = await SeedAsync(6);
        var results = await Agg.RunAsync(
            fixture,
            collection,
            A(D(("$match", D(("$expr", D(("$eq", A("$n", "$$target"))))))), D(("$project", D(("_id", 1), ("t", "$$target"))))),
            D(("let", D(("target", 2)))));
        Agg.Equal([D(("_id", 2), ("t", 2)), D(("_id", 5), ("t", 2))], results);
    }

    [Fact]
    public async Task Aggregate_one_runs_documents_with_a_cmd_namespace()
    {
        var client = await fixture.ConnectAsync();
        var reply = Reply.Ok(await client.RunAsync(Agg.Command(1, A(D(("$documents", A(D(("x", 1)), D(("x", 2))))), D(("$match", D(("x", 2))))))));
        Agg.Equal([D(("x", 2))], reply["cursor"]["firstBatch"].AsBsonArray.Select(d => d.AsBsonDocument).ToList());
        Assert.Equal("test.$cmd.aggregate", reply["cursor"]["ns"].AsString);
    }

    [Fact]
    public async Task Aggregate_one_getMore_uses_the_cmd_namespace()
    {
        var client = await fixture.ConnectAsync();
        var docs = new BsonArray(Enumerable.Range(0, 5).Select(i => (BsonValue)D(("i", i))));
        var reply = Reply.Ok(await client.RunAsync(Agg.Command(1, A(D(("$documents", docs))), D(("batchSize", 2)))));
        var id = reply["cursor"]["id"].ToInt64();
        var more = Reply.Ok(await client.RunAsync(D(("getMore", id), ("collection", "$cmd.aggregate"))));
        Assert.Equal(3, more["cursor"]["nextBatch"].AsBsonArray.Count);
    }

    [Fact]
    public async Task AllowDiskUse_and_comment_are_accepted()
    {
        var collection = await SeedAsync(3);
        var results = await Agg.RunAsync(fixture, collection, A(D(("$count", "n"))), D(("allowDiskUse", true), ("comment", "hi"), ("maxTimeMS", 1000)));
        Agg.Equal([D(("n", 3))], results);
    }

    [Theory]
    [InlineData("no pipeline", 40414)]
    [InlineData("pipeline not an array", 14)]
    [InlineData("no cursor", 9)]
    [InlineData("negative batchSize", 51024)]
    [InlineData("aggregate 1 without $documents", 73)]
    [InlineData("aggregate 2", 9)]
    [InlineData("empty collection name", 73)]
    public async Task Invalid_commands_fail_with_mongods_code(string name, int code)
    {
        var command = name switch
        {
            "no pipeline" => D(("aggregate", "c"), ("cursor", D())),
            "pipeline not an array" => D(("aggregate", "c"), ("pipeline", D()), ("cursor", D())),
            "no cursor" => D(("aggregate", "c"), ("pipeline", A())),
            "negative batchSize" => Agg.Command("c", A(), D(("batchSize", -1))),
            "aggregate 1 without $documents" => Agg.Command(1, A(D(("$match", D())))),
            "aggregate 2" => Agg.Command(2, A()),
            _ => Agg.Command("", A()),
        };
        Reply.Error(await fixture.RunAsync(command), code);
    }
}

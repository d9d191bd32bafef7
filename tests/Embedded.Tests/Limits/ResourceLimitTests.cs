using System.Buffers.Binary;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Limits;

/// <summary>Attacks on the server's memory, time and connection slots; each is stopped by a limit with mongod's code.</summary>
[Collection(nameof(RunsAlone))]
public sealed class ResourceLimitTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static BsonDocument Aggregate(string collection, params BsonDocument[] stages) =>
        D(("aggregate", collection), ("pipeline", A(stages)), ("cursor", new BsonDocument()));

    /// <summary>An aggregation of one <c>$documents</c> document whose field r is <paramref name="expression"/>.</summary>
    private static BsonDocument Evaluate(BsonDocument expression)
    {
        var document = D(("r", expression));
        return Aggregate("none", D(("$documents", A(document))));
    }

    private static BsonDocument Op(string name, BsonValue argument) => D((name, argument));

    [Fact]
    public async Task One_range_expression_cannot_exhaust_the_heap()
    {
        var client = await fixture.ConnectAsync();
        var reply = await client.RunAsync(Evaluate(Op("$range", A(0, int.MaxValue))));
        Reply.Error(reply, 146, "ExceededMemoryLimit");

        var small = Reply.FirstBatch(await client.RunAsync(Evaluate(Op("$size", Op("$range", A(0, 1000))))));
        Assert.Equal(1000, small[0]["r"].ToInt32());
    }

    [Fact]
    public async Task Doubling_arrays_or_strings_in_a_reduce_stops_at_the_memory_limit()
    {
        var client = await fixture.ConnectAsync();
        var doubleArray = D(("input", Op("$range", A(0, 40))), ("initialValue", A(1)), ("in", Op("$concatArrays", A("$$value", "$$value"))));
        var doubleString = D(("input", Op("$range", A(0, 40))), ("initialValue", "ab"), ("in", Op("$concat", A("$$value", "$$value"))));
        var arrays = await client.RunAsync(Evaluate(Op("$reduce", doubleArray)));
        var strings = await client.RunAsync(Evaluate(Op("$reduce", doubleString)));

        Reply.Error(arrays, 146);
        Reply.Error(strings, 146);
    }

    [Fact]
    public async Task Push_accumulators_and_blocking_stages_are_held_to_the_configured_memory_limit()
    {
        await using var server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { MaxMemoryPerStageBytes = 1024 * 1024 });
        await using var client = await WireClient.ConnectAsync(server.EndPoint);
        var documents = A(Enumerable.Range(0, 40).Select(i => (BsonValue)D(("_id", i), ("s", Limits.Hostile.Text(50_000).Value + i))).ToArray());
        Reply.Ok(await client.RunAsync(D(("insert", "big"), ("documents", documents))));

        var push = Op("$group", D(("_id", Null), ("all", Op("$push", "$s"))));
        var groupBy = Op("$group", D(("_id", "$s")));
        var sort = Op("$sort", D(("s", 1)));
        Reply.Error(await client.RunAsync(Aggregate("big", push)), 146);
        Reply.Error(await client.RunAsync(Aggregate("big", sort)), 292, "QueryExceededMemoryLimitNoDiskUseAllowed");
        Reply.Error(await client.RunAsync(Aggregate("big", groupBy)), 292);

        // Under the limit the same stages work.
        var few = Op("$match", D(("_id", Op("$lt", 10))));
        Assert.Equal(10, Reply.FirstBatch(await client.RunAsync(Aggregate("big", few, sort))).Count);
    }

    [Fact]
    public async Task A_find_that_sorts_in_memory_is_held_to_the_same_limit()
    {
        await using var server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { MaxMemoryPerStageBytes = 1024 * 1024 });
        await using var client = await WireClient.ConnectAsync(server.EndPoint);
        var documents = A(Enumerable.Range(0, 40).Select(i => (BsonValue)D(("_id", i), ("s", Limits.Hostile.Text(50_000).Value + i))).ToArray());
        Reply.Ok(await client.RunAsync(D(("insert", "big"), ("documents", documents))));

        // 40 documents of 50 KB sorted at once pass the 1 MB limit; the same sort over 10 of them does not.
        Reply.Error(await client.RunAsync(D(("find", "big"), ("sort", D(("s", -1))))), 292, "QueryExceededMemoryLimitNoDiskUseAllowed");
        var ten = Reply.FirstBatch(await client.RunAsync(D(("find", "big"), ("filter", D(("_id", Op("$lt", 10)))), ("sort", D(("s", -1))))));
        Assert.Equal(10, ten.Count);
        Assert.Equal(9, ten[0]["_id"].AsInt32);
    }

    [Fact]
    public async Task A_sort_with_a_limit_keeps_only_the_limit_within_the_memory_limit()
    {
        await using var server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { MaxMemoryPerStageBytes = 1024 * 1024 });
        await using var client = await WireClient.ConnectAsync(server.EndPoint);
        var documents = A(Enumerable.Range(0, 40).Select(i => (BsonValue)D(("_id", i), ("s", Limits.Hostile.Text(50_000).Value + (i % 7)))).ToArray());
        Reply.Ok(await client.RunAsync(D(("insert", "big"), ("documents", documents))));

        // 40 documents of 50 KB pass the 1 MB limit when sorted whole; the best 5 (mongod's top-k sort) do not.
        var find = Reply.FirstBatch(await client.RunAsync(D(("find", "big"), ("sort", D(("s", -1))), ("skip", 1), ("limit", 5), ("projection", D(("s", 0))))));
        var aggregate = Reply.FirstBatch(await client.RunAsync(Aggregate("big", Op("$sort", D(("s", -1))), Op("$limit", 6), Op("$project", D(("s", 0))))));

        // s ends in i % 7: the 6s come first (ids 6, 13, 20, 27, 34), ties in natural order, as a whole stable sort gives.
        Assert.Equal(A(13, 20, 27, 34, 5), A([.. find.Select(d => d["_id"])]));
        Assert.Equal(A(6, 13, 20, 27, 34, 5), A([.. aggregate.Select(d => d["_id"])]));
        Reply.Error(await client.RunAsync(D(("find", "big"), ("sort", D(("s", -1))), ("limit", 30))), 292);
    }

    [Fact]
    public async Task MaxTimeMS_stops_a_long_aggregation_with_MaxTimeMSExpired()
    {
        var client = await fixture.ConnectAsync();
        var inner = Op("$map", D(("input", Op("$range", A(0, 50))), ("in", "$$this")));
        var outer = Op("$size", Op("$map", D(("input", Op("$range", A(0, 5_000_000))), ("in", inner))));
        var slow = Evaluate(outer).Set("maxTimeMS", 50);

        Reply.Error(await client.RunAsync(slow), 50, "MaxTimeMSExpired");
        Reply.Error(await client.RunAsync(D(("find", "none"), ("maxTimeMS", -1))), 2);
        Reply.Ok(await client.RunAsync(D(("find", "none"), ("maxTimeMS", 10_000))));
    }

    [Fact]
    public async Task Connections_past_maxConns_are_closed_on_accept()
    {
        await using var server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { MaxIncomingConnections = 2 });
        await using var first = await WireClient.ConnectAsync(server.EndPoint);
        await using var second = await WireClient.ConnectAsync(server.EndPoint);
        Reply.Ok(await first.RunAsync(D(("ping", 1))));
        Reply.Ok(await second.RunAsync(D(("ping", 1))));

        await using var third = await WireClient.ConnectAsync(server.EndPoint);

        Assert.True(await third.IsClosedByServerAsync());
        var connections = Reply.Ok(await first.RunAsync(D(("serverStatus", 1)), "admin"))["connections"].AsBsonDocument;
        Assert.Equal(1, connections["rejected"].ToInt64());
        Assert.Equal(0, connections["available"].ToInt32());
    }

    [Fact]
    public async Task A_silent_connection_or_a_message_that_never_arrives_is_closed_after_the_idle_timeout()
    {
        await using var server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { IdleConnectionTimeout = TimeSpan.FromMilliseconds(300) });
        await using var silent = await WireClient.ConnectAsync(server.EndPoint);
        await using var stalled = await WireClient.ConnectAsync(server.EndPoint);

        // A header announcing 40 MB followed by nothing: neither the memory nor the slot may be held.
        var header = new byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(header, 40_000_000);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), 2013);
        await stalled.SendAsync(header);

        Assert.True(await silent.IsClosedByServerAsync());
        Assert.True(await stalled.IsClosedByServerAsync());
        await using var fresh = await WireClient.ConnectAsync(server.EndPoint);
        Reply.Ok(await fresh.RunAsync(D(("ping", 1))));
    }

    [Fact]
    public async Task Open_find_cursors_cost_a_batch_of_memory_not_their_collection()
    {
        await using var server = await EmbeddedMongoServer.StartAsync();
        await using var client = await WireClient.ConnectAsync(server.EndPoint);
        const int Count = 200_000;
        var store = server.Context.Storage.GetOrCreateCollection("test", "many", out _);
        lock (store.SyncRoot)
        {
            for (var i = 0; i < Count; i++)
            {
                store.Insert(D(("_id", i), ("even", i % 2 == 0)), 26);
            }
        }

        var before = Memory();
        var ids = new List<long>();
        for (var i = 0; i < 50; i++)
        {
            var reply = Reply.Ok(await client.RunAsync(D(("find", "many"), ("filter", D(("even", true))), ("batchSize", 1))));
            ids.Add(reply["cursor"]["id"].ToInt64());
        }

        var after = Memory();

        // Materialised, 50 cursors over 100,000 matches each would hold well over 50 MB of lists.
        Assert.True(after - before < 8 * 1024 * 1024, $"50 open cursors took {after - before} bytes");
        Assert.All(ids, id => Assert.NotEqual(0, id));

        // And each still returns the rest, in natural order, resuming where it stopped.
        var cursor = Reply.Ok(await client.RunAsync(D(("getMore", ids[0]), ("collection", "many"), ("batchSize", 60_000))))["cursor"];
        var next = cursor["nextBatch"].AsBsonArray;
        Assert.Equal(60_000, next.Count);
        Assert.Equal(2, next[0]["_id"].ToInt32());
        Assert.Equal(120_000, next[^1]["_id"].ToInt32());
        var rest = Reply.Ok(await client.RunAsync(D(("getMore", ids[0]), ("collection", "many"))))["cursor"];
        Assert.Equal(100_000 - 1 - 60_000, rest["nextBatch"].AsBsonArray.Count);
        Assert.Equal(0, rest["id"].ToInt64());
    }

    [Fact]
    public async Task Open_index_scan_cursors_cost_a_batch_of_memory_not_their_matches()
    {
        await using var server = await EmbeddedMongoServer.StartAsync();
        await using var client = await WireClient.ConnectAsync(server.EndPoint);
        const int Count = 200_000;
        var store = server.Context.Storage.GetOrCreateCollection("test", "indexed", out _);
        lock (store.SyncRoot)
        {
            for (var i = 0; i < Count; i++)
            {
                store.Insert(D(("_id", i), ("k", i % 1000)), 26);
            }
        }

        Reply.Ok(await client.RunAsync(D(("createIndexes", "indexed"), ("indexes", A(D(("key", D(("k", 1))), ("name", "k_1")))))));
        var before = Memory();
        var ids = new List<long>();
        for (var i = 0; i < 50; i++)
        {
            // A range, an $in and an index-ordered sort: each matches about 100,000 documents.
            BsonDocument find = (i % 3) switch
            {
                0 => D(("find", "indexed"), ("filter", D(("k", Op("$gte", 500)))), ("batchSize", 1)),
                1 => D(("find", "indexed"), ("filter", D(("k", Op("$in", A([.. Enumerable.Range(0, 500).Select(v => (BsonValue)v)]))))), ("batchSize", 1)),
                _ => D(("find", "indexed"), ("sort", D(("k", 1))), ("batchSize", 1)),
            };
            ids.Add(Reply.Ok(await client.RunAsync(find))["cursor"]["id"].ToInt64());
        }

        var after = Memory();

        // Materialised, 50 cursors over 100,000+ matches would hold well over 50 MB of lists.
        Assert.True(after - before < 8 * 1024 * 1024, $"50 open index-scan cursors took {after - before} bytes");
        Assert.All(ids, id => Assert.NotEqual(0, id));
        var next = Reply.Ok(await client.RunAsync(D(("getMore", ids[1]), ("collection", "indexed"), ("batchSize", 1000))))["cursor"]["nextBatch"].AsBsonArray;
        Assert.Equal(1000, next.Count);
        Assert.All(next, d => Assert.True(d["k"].ToInt32() < 500));
    }

    private static long Memory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [Fact]
    public async Task A_compressed_message_announcing_more_than_its_payload_can_hold_is_refused_before_any_allocation()
    {
        await using var client = await fixture.ConnectAsync();
        var message = WireFrames.Compress(WireFrames.OpMsg(1, D(("ping", 1), ("$db", "admin")), new WireOptions()), 2);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(20), 40_000_000);

        await client.SendAsync(message);

        var reply = await client.ReadReplyAsync();
        Assert.Equal(0, reply.Body["ok"].ToDouble());
        Assert.Contains("can hold", reply.Body["errmsg"].AsString, StringComparison.Ordinal);
        Assert.True(await client.IsClosedByServerAsync());
    }
}

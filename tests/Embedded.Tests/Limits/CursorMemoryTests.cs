using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Limits;

/// <summary>
/// An open cursor costs its batch, not its collection: index scans, index-ordered sorts and per-document pipelines are
/// read as getMore asks for them. Measured by the documents the server's cursors hold (CursorManager.HeldDocuments),
/// which counts exactly what a materialised result would keep.
/// </summary>
public sealed class CursorMemoryTests : IAsyncLifetime
{
    private const int Count = 50_000;

    private EmbeddedMongoServer _server = null!;
    private WireClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await EmbeddedMongoServer.StartAsync();
        _client = await WireClient.ConnectAsync(_server.EndPoint);
        var store = _server.Context.Storage.GetOrCreateCollection("test", "many", out _);
        lock (store.SyncRoot)
        {
            for (var i = 0; i < Count; i++)
            {
                store.Insert(D(("_id", i), ("k", Count - i), ("g", i % 10)), 30);
            }
        }

        await CreateIndex("many", "k");
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    private long Held => _server.Context.Cursors.HeldDocuments;

    private long Examined => _server.Context.Storage.TryGetCollection("test", "many")!.DocumentsExamined;

    private async Task<BsonDocument> Cursor(BsonDocument command) => Reply.Ok(await _client.RunAsync(command))["cursor"].AsBsonDocument;

    private async Task<BsonArray> GetMore(long id, int batchSize = 0)
    {
        var command = D(("getMore", id), ("collection", "many"));
        if (batchSize > 0)
        {
            command.Add("batchSize", batchSize);
        }

        return Reply.Ok(await _client.RunAsync(command))["cursor"]["nextBatch"].AsBsonArray;
    }

    private async Task CreateIndex(string collection, string field) =>
        Reply.Ok(await _client.RunAsync(D(("createIndexes", collection), ("indexes", A(D(("key", D((field, 1))), ("name", field + "_1")))))));

    private static BsonDocument Op(string name, BsonValue argument) => D((name, argument));

    [Fact]
    public async Task Index_scan_cursors_hold_one_batch_and_read_the_index_lazily()
    {
        var examinedBefore = Examined;
        var ids = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            var cursor = await Cursor(D(("find", "many"), ("filter", D(("k", Op("$gt", 10)))), ("batchSize", 1)));
            Assert.Single(cursor["firstBatch"].AsBsonArray);
            ids.Add(cursor["id"].ToInt64());
        }

        // Materialised, each would hold its 49,990 matches; streamed, each holds at most the one it read ahead.
        Assert.True(Held <= 20, $"20 index-scan cursors hold {Held} documents");
        Assert.True(Examined - examinedBefore <= 40, $"opening 20 cursors examined {Examined - examinedBefore} documents");

        // Each still returns the rest, in index order.
        var next = await GetMore(ids[0], 1000);
        Assert.Equal(1000, next.Count);
        Assert.Equal(12, next[0]["k"].ToInt32());
        Assert.Equal(1011, next[^1]["k"].ToInt32());
    }

    [Fact]
    public async Task A_paused_index_scan_sees_changes_made_while_it_waits()
    {
        var cursor = await Cursor(D(("find", "many"), ("filter", D(("k", D(("$gte", 1), ("$lte", 10))))), ("batchSize", 2)));
        Assert.Equal(A(1, 2), A([.. cursor["firstBatch"].AsBsonArray.Select(d => d["k"])]));
        var id = cursor["id"].ToInt64();

        // The cursor has read k 3 ahead (to know it is not done). Past it: k 4 deleted, k 5 moved behind the cursor,
        // k 6 moved out of range, a new k 4.5 inserted.
        Assert.Equal(1, Reply.Ok(await _client.RunAsync(D(("delete", "many"), ("deletes", A(D(("q", D(("k", 4))), ("limit", 1)))))))["n"].ToInt32());
        Reply.Ok(await _client.RunAsync(D(("update", "many"), ("updates", A(D(("q", D(("k", 5))), ("u", Op("$set", D(("k", 0.5))))))))));
        Reply.Ok(await _client.RunAsync(D(("update", "many"), ("updates", A(D(("q", D(("k", 6))), ("u", Op("$set", D(("k", 99.5))))))))));
        Reply.Ok(await _client.RunAsync(D(("insert", "many"), ("documents", A(D(("_id", -1), ("k", 4.5)))))));

        var rest = await GetMore(id);
        Assert.Equal(A(3, 4.5, 7, 8, 9, 10), A([.. rest.Select(d => d["k"])]));
    }

    [Fact]
    public async Task Dropping_the_index_under_an_open_scan_kills_it_with_QueryPlanKilled()
    {
        await CreateIndex("many", "g");
        var cursor = await Cursor(D(("find", "many"), ("filter", D(("g", 3))), ("batchSize", 1)));
        var id = cursor["id"].ToInt64();

        Reply.Ok(await _client.RunAsync(D(("dropIndexes", "many"), ("index", "g_1"))));

        Reply.Error(await _client.RunAsync(D(("getMore", id), ("collection", "many"))), 175, "QueryPlanKilled");
        Reply.Error(await _client.RunAsync(D(("getMore", id), ("collection", "many"))), 43, "CursorNotFound");
    }

    [Fact]
    public async Task A_sort_an_index_provides_streams_one_an_index_cannot_is_held_whole()
    {
        var byIndex = await Cursor(D(("find", "many"), ("sort", D(("k", 1))), ("batchSize", 1)));
        Assert.Equal(1, byIndex["firstBatch"][0]["k"].ToInt32());
        Assert.True(Held <= 1, $"an index-ordered sort holds {Held} documents");

        // No index on g: a blocking sort, whose result the cursor holds (references to the stored documents).
        var blocking = await Cursor(D(("find", "many"), ("filter", D(("g", 0))), ("sort", D(("g", 1))), ("batchSize", 1)));
        Assert.True(Held >= (Count / 10) - 1, $"a blocking sort's cursor holds {Held} documents");
        Reply.Ok(await _client.RunAsync(D(("killCursors", "many"), ("cursors", A(blocking["id"])))));

        var ordered = await GetMore(byIndex["id"].ToInt64(), 500);
        Assert.Equal(Enumerable.Range(2, 500), ordered.Select(d => d["k"].ToInt32()));
    }

    [Fact]
    public async Task A_pipeline_of_per_document_stages_streams_from_its_index()
    {
        var pipeline = A(
            Op("$match", D(("k", Op("$gte", 100)))),
            Op("$sort", D(("k", 1))),
            Op("$skip", 2),
            Op("$project", D(("_id", 0), ("k", 1), ("double", Op("$multiply", A("$k", 2))))),
            Op("$unwind", D(("path", "$none"), ("preserveNullAndEmptyArrays", true))),
            Op("$limit", 30_000));
        var ids = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            var cursor = await Cursor(D(("aggregate", "many"), ("pipeline", pipeline), ("cursor", D(("batchSize", 1)))));
            Assert.Equal(D(("k", 102), ("double", 204)), cursor["firstBatch"][0]);
            ids.Add(cursor["id"].ToInt64());
        }

        Assert.True(Held <= 10, $"10 streaming pipelines hold {Held} documents");

        var rest = await GetMore(ids[0]);
        Assert.Equal(30_000, 1 + rest.Count);
        Assert.Equal(103, rest[0]["k"].ToInt32());

        // A blocking stage still runs the pipeline whole.
        var grouped = await Cursor(D(("aggregate", "many"), ("pipeline", A(Op("$group", D(("_id", "$g"))))), ("cursor", D(("batchSize", 1)))));
        Assert.Single(grouped["firstBatch"].AsBsonArray);
        Assert.True(Held >= 9, $"a $group's cursor holds {Held} documents");
    }

    [Fact]
    public async Task A_multikey_index_scan_returns_each_document_once_across_getMores()
    {
        Reply.Ok(await _client.RunAsync(D(("insert", "tags"), ("documents", A(
            D(("_id", 1), ("t", A("a", "b", "c"))),
            D(("_id", 2), ("t", A("b"))),
            D(("_id", 3), ("t", A("c", "a"))))))));
        await CreateIndex("tags", "t");

        var first = Reply.Ok(await _client.RunAsync(D(("find", "tags"), ("filter", D(("t", Op("$in", A("a", "b", "c"))))), ("batchSize", 1))))["cursor"];
        var rest = Reply.Ok(await _client.RunAsync(D(("getMore", first["id"]), ("collection", "tags"))))["cursor"]["nextBatch"].AsBsonArray;

        var ids = first["firstBatch"].AsBsonArray.Concat(rest).Select(d => d["_id"].ToInt32()).Order();
        Assert.Equal([1, 2, 3], ids);
    }
}

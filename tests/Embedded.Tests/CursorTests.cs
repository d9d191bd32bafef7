using OpenQuizz.Typed.Embedded.Bson;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests;

public sealed class CursorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Dropping_a_collection_or_its_database_closes_its_cursors()
    {
        var collection = await SeedAsync(10);
        var open = Reply.Ok(await fixture.RunAsync(D(("find", collection), ("batchSize", 2))))["cursor"]["id"].ToInt64();
        var other = await SeedAsync(10);
        var kept = Reply.Ok(await fixture.RunAsync(D(("find", other), ("batchSize", 2))))["cursor"]["id"].ToInt64();

        Reply.Ok(await fixture.RunAsync(D(("drop", collection))));

        // The dropped collection's cursor is gone (it held the rest of the result); another collection's is not.
        Reply.Error(await fixture.RunAsync(D(("getMore", open), ("collection", collection))), 43);
        Reply.Ok(await fixture.RunAsync(D(("getMore", kept), ("collection", other), ("batchSize", 2))));
    }

    private async Task<string> SeedAsync(int count)
    {
        var collection = "c" + Guid.NewGuid().ToString("N");
        var documents = new BsonArray();
        for (var i = 0; i < count; i++)
        {
            documents.Add(D(("_id", i)));
        }

        Reply.Ok(await fixture.RunAsync(D(("insert", collection), ("documents", documents))));
        return collection;
    }

    [Fact]
    public async Task GetMore_walks_the_batches_and_closes_the_exhausted_cursor()
    {
        var collection = await SeedAsync(5);
        var client = await fixture.ConnectAsync();
        var first = Reply.Ok(await client.RunAsync(D(("find", collection), ("batchSize", 2))));
        var id = first["cursor"]["id"].AsInt64;
        Assert.NotEqual(0L, id);
        Assert.Equal("test." + collection, first["cursor"]["ns"].AsString);
        Assert.Equal(2, first["cursor"]["firstBatch"].AsBsonArray.Count);

        var second = Reply.Ok(await client.RunAsync(D(("getMore", id), ("collection", collection), ("batchSize", 2))));
        Assert.Equal(id, second["cursor"]["id"].AsInt64);
        Assert.Equal(A(D(("_id", 2)), D(("_id", 3))), second["cursor"]["nextBatch"]);

        var last = Reply.Ok(await client.RunAsync(D(("getMore", id), ("collection", collection))));
        Assert.Equal(0L, last["cursor"]["id"].AsInt64);
        Assert.Equal(A(D(("_id", 4))), last["cursor"]["nextBatch"]);

        Reply.Error(await client.RunAsync(D(("getMore", id), ("collection", collection))), 43, "CursorNotFound");
    }

    [Fact]
    public async Task GetMore_on_a_cursor_another_getMore_is_reading_fails_with_CursorInUse()
    {
        var collection = await SeedAsync(5);
        var client = await fixture.ConnectAsync();
        var id = Reply.Ok(await client.RunAsync(D(("find", collection), ("batchSize", 2))))["cursor"]["id"].AsInt64;

        // Hold the cursor as a running getMore would, then race it with a second one.
        var cursors = fixture.Server.Context.Cursors;
        var busy = cursors.CheckOut(id);
        Assert.NotNull(busy);
        try
        {
            Reply.Error(await client.RunAsync(D(("getMore", id), ("collection", collection))), 143, "CursorInUse");
        }
        finally
        {
            cursors.Release(busy!);
        }

        // Released, the cursor is usable again and lost nothing.
        var next = Reply.Ok(await client.RunAsync(D(("getMore", id), ("collection", collection))))["cursor"];
        Assert.Equal(3, next["nextBatch"].AsBsonArray.Count);
    }

    [Fact]
    public async Task Default_first_batch_is_101_documents()
    {
        var collection = await SeedAsync(150);
        var first = Reply.Ok(await fixture.RunAsync(D(("find", collection))));
        Assert.Equal(101, first["cursor"]["firstBatch"].AsBsonArray.Count);
        var rest = Reply.Ok(await fixture.RunAsync(D(("getMore", first["cursor"]["id"]), ("collection", collection))));
        Assert.Equal(49, rest["cursor"]["nextBatch"].AsBsonArray.Count);
        Assert.Equal(0L, rest["cursor"]["id"].AsInt64);
    }

    [Fact]
    public async Task A_cursor_is_bound_to_its_namespace()
    {
        var collection = await SeedAsync(3);
        var first = Reply.Ok(await fixture.RunAsync(D(("find", collection), ("batchSize", 1))));
        Reply.Error(await fixture.RunAsync(D(("getMore", first["cursor"]["id"]), ("collection", "other"))), 13);
    }

    [Fact]
    public async Task GetMore_validates_its_arguments()
    {
        Reply.Error(await fixture.RunAsync(D(("getMore", "x"), ("collection", "c"))), 14);
        Reply.Error(await fixture.RunAsync(D(("getMore", 1L))), 40414);
    }

    [Fact]
    public async Task KillCursors_reports_killed_and_not_found()
    {
        var collection = await SeedAsync(3);
        var first = Reply.Ok(await fixture.RunAsync(D(("find", collection), ("batchSize", 1))));
        var id = first["cursor"]["id"].AsInt64;
        var reply = Reply.Ok(await fixture.RunAsync(D(("killCursors", collection), ("cursors", A(id, 12345L)))));
        Assert.Equal(A(id), reply["cursorsKilled"]);
        Assert.Equal(A(12345L), reply["cursorsNotFound"]);
        Reply.Error(await fixture.RunAsync(D(("getMore", id), ("collection", collection))), 43);
    }

    [Fact]
    public async Task ListCollections_pages_through_a_cursor()
    {
        var database = "lc" + Guid.NewGuid().ToString("N")[..8];
        foreach (var name in new[] { "a", "b", "c" })
        {
            Reply.Ok(await fixture.RunAsync(D(("create", name)), database));
        }

        var first = Reply.Ok(await fixture.RunAsync(D(("listCollections", 1), ("cursor", D(("batchSize", 2)))), database));
        Assert.Equal(2, first["cursor"]["firstBatch"].AsBsonArray.Count);
        Assert.Equal(database + ".$cmd.listCollections", first["cursor"]["ns"].AsString);
        var rest = Reply.Ok(await fixture.RunAsync(D(("getMore", first["cursor"]["id"]), ("collection", "$cmd.listCollections")), database));
        Assert.Single(rest["cursor"]["nextBatch"].AsBsonArray);
    }
}

/// <summary>The idle timeout, driven by a manual clock: no sleeping.</summary>
public sealed class CursorTimeoutTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new();
    private EmbeddedMongoServer _server = null!;

    public async ValueTask InitializeAsync() =>
        _server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { CursorTimeout = TimeSpan.FromMinutes(1), TimeProvider = _time });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Idle_cursors_are_closed_by_the_timer()
    {
        await using var client = await Wire.WireClient.ConnectAsync(_server.EndPoint);
        var documents = A(D(("_id", 1)), D(("_id", 2)), D(("_id", 3)));
        Reply.Ok(await client.RunAsync(D(("insert", "t"), ("documents", documents))));
        var id = Reply.Ok(await client.RunAsync(D(("find", "t"), ("batchSize", 1))))["cursor"]["id"].AsInt64;

        _time.Advance(TimeSpan.FromSeconds(30));
        Reply.Ok(await client.RunAsync(D(("getMore", id), ("collection", "t"), ("batchSize", 1))));

        // Used 30 s ago is not idle for a minute yet.
        _time.Advance(TimeSpan.FromSeconds(45));
        Assert.True(_server.Context.Cursors.Exists(id));

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(_server.Context.Cursors.Exists(id));
        Reply.Error(await client.RunAsync(D(("getMore", id), ("collection", "t"))), 43);
    }
}

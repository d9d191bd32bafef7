using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Cursors;
using OpenQuizz.Typed.Tests.Infrastructure;

namespace OpenQuizz.Typed.Tests.Cursors;

/// <summary>Cursors across batches, killCursors on early disposal, and the implicit session's return to the pool.</summary>
public sealed class CursorTests(TestServerFixture server) : IClassFixture<TestServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<MongoCollection<BsonDocument>> SeedAsync(MongoClient client, string name, int count)
    {
        var database = client.GetDatabase("cursors");
        try
        {
            await database.RunCommandAsync(new BsonDocument("drop", name), cancellationToken: Token);
        }
        catch (MongoCommandException)
        {
            // The collection did not exist.
        }

        var documents = new BsonArray();
        for (var i = 0; i < count; i++)
        {
            documents.Add(new BsonDocument { { "_id", i }, { "n", i } });
        }

        await database.RunCommandAsync(new BsonDocument { { "insert", name }, { "documents", documents } }, cancellationToken: Token);
        return database.GetCollection<BsonDocument>(name);
    }

    private static async Task<long> OpenCursorsAsync(MongoClient client) =>
        (await client.GetDatabase("admin").RunCommandAsync(new BsonDocument("serverStatus", 1), cancellationToken: Token))["metrics"].AsBsonDocument["cursor"].AsBsonDocument["open"].AsBsonDocument["total"].ToInt64();

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task A_cursor_reads_many_batches_with_getMore_in_one_session_on_one_server(SyncOrAsync mode)
    {
        var log = new CommandLog();
        await using var client = new MongoClient(server.CreateSettings(s => s.CommandEventSubscriber = log));
        var collection = await SeedAsync(client, "many_" + mode, 250);
        var query = collection.Find(Filter<BsonDocument>.Empty).Sort(Sort<BsonDocument>.Ascending("n")).BatchSize(20);

        var results = mode == SyncOrAsync.Async ? await query.ToListAsync(Token) : query.ToList(Token);

        Assert.Equal(Enumerable.Range(0, 250), results.Select(d => d["n"].ToInt32()));
        var find = Assert.Single(log.StartedOf("find"));
        var getMores = log.StartedOf("getMore");
        Assert.Equal(12, getMores.Count);
        Assert.All(getMores, g =>
        {
            Assert.Equal(find.Command["lsid"], g.Command["lsid"]);
            Assert.Equal(find.Connection.Address, g.Connection.Address);
            Assert.Equal(20, g.Command["batchSize"].ToInt32());
        });
        Assert.Empty(log.StartedOf("killCursors"));
        Assert.Equal(1, client.Executor.Sessions.IdleCount);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Disposing_a_cursor_early_kills_it_on_the_server_and_returns_the_session(SyncOrAsync mode)
    {
        var log = new CommandLog();
        await using var client = new MongoClient(server.CreateSettings(s => s.CommandEventSubscriber = log));
        var collection = await SeedAsync(client, "early_" + mode, 50);
        var before = await OpenCursorsAsync(client);
        var idleBefore = client.Executor.Sessions.IdleCount;

        var cursor = (AsyncCursor<BsonDocument>)(mode == SyncOrAsync.Async
            ? await collection.Find(Filter<BsonDocument>.Empty).BatchSize(5).ToCursorAsync(Token)
            : collection.Find(Filter<BsonDocument>.Empty).BatchSize(5).ToCursor(Token));
        var id = cursor.Id;
        Assert.NotEqual(0, id);
        Assert.NotNull(cursor.Session);
        Assert.Equal(before + 1, await OpenCursorsAsync(client));
        if (mode == SyncOrAsync.Async)
        {
            await foreach (var item in cursor.WithCancellation(Token))
            {
                break;
            }
        }
        else
        {
            foreach (var item in cursor)
            {
                break;
            }
        }

        var kill = Assert.Single(log.StartedOf("killCursors")).Command;
        Assert.Equal(id, kill["cursors"].AsBsonArray[0].ToInt64());
        Assert.Equal(0, cursor.Id);
        Assert.Null(cursor.Session);
        Assert.Equal(before, await OpenCursorsAsync(client));
        Assert.True(client.Executor.Sessions.IdleCount >= Math.Max(1, idleBefore));
    }

    [Fact]
    public async Task A_cursor_exhausted_in_its_first_batch_returns_its_session_at_once()
    {
        await using var client = new MongoClient(server.CreateSettings());
        var collection = await SeedAsync(client, "small", 3);

        var cursor = (AsyncCursor<BsonDocument>)await collection.Find(Filter<BsonDocument>.Empty).ToCursorAsync(Token);

        Assert.Equal(0, cursor.Id);
        Assert.Null(cursor.Session);
        Assert.True(client.Executor.Sessions.IdleCount >= 1);
        Assert.Equal(3, (await cursor.ToListAsync(Token)).Count);
    }

    [Fact]
    public async Task A_cursor_is_enumerated_once()
    {
        await using var client = new MongoClient(server.CreateSettings());
        var collection = await SeedAsync(client, "once", 3);
        var cursor = await collection.Find(Filter<BsonDocument>.Empty).ToCursorAsync(Token);
        _ = await cursor.ToListAsync(Token);

        Assert.Throws<InvalidOperationException>(() => cursor.ToList());
    }

    [Fact]
    public async Task Disposing_the_client_ends_its_server_sessions()
    {
        var log = new CommandLog();
        var client = new MongoClient(server.CreateSettings(s => s.CommandEventSubscriber = log));
        var collection = await SeedAsync(client, "ending", 1);
        _ = await collection.CountDocumentsAsync(Filter<BsonDocument>.Empty, cancellationToken: Token);
        var lsid = log.StartedOf("aggregate")[0].Command["lsid"];

        await client.DisposeAsync();

        var end = Assert.Single(log.StartedOf("endSessions")).Command;
        Assert.Contains(lsid, end["endSessions"].AsBsonArray);
        Assert.False(end.Contains("lsid"));
    }
}

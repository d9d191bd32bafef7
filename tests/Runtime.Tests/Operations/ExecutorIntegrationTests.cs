using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Pooling;
using OpenQuizz.Typed.Tests.Infrastructure;

namespace OpenQuizz.Typed.Tests.Operations;

/// <summary>
/// The executor against a live server: retryable reads through <c>failCommand</c>, cancellation, pool exhaustion.
/// Failpoints are global to the server, so these tests run one at a time in this class.
/// </summary>
public sealed class ExecutorIntegrationTests(TestServerFixture server) : IClassFixture<TestServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<MongoCollection<BsonDocument>> SeedAsync(MongoClient client, string name)
    {
        var database = client.GetDatabase("executor");
        await database.RunCommandAsync(new BsonDocument { { "insert", name }, { "documents", new BsonArray { new BsonDocument("_id", 1), new BsonDocument("_id", 2) } } }, cancellationToken: Token)
            .ContinueWith(_ => { }, Token);
        return database.GetCollection<BsonDocument>(name);
    }

    private static Task FailAsync(MongoClient client, string command, BsonValue mode, BsonDocument data) =>
        client.GetDatabase("admin").RunCommandAsync(new BsonDocument
        {
            { "configureFailPoint", "failCommand" },
            { "mode", mode },
            { "data", new BsonDocument(data) { { "failCommands", new BsonArray { command } } } },
        }, cancellationToken: Token);

    private static Task OffAsync(MongoClient client) =>
        client.GetDatabase("admin").RunCommandAsync(new BsonDocument { { "configureFailPoint", "failCommand" }, { "mode", "off" } }, cancellationToken: Token);

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task A_read_whose_connection_closes_is_retried_once_and_succeeds(SyncOrAsync mode)
    {
        var log = new CommandLog();
        await using var client = new MongoClient(server.CreateSettings(s => s.CommandEventSubscriber = log));
        var collection = await SeedAsync(client, "retry_network");
        await FailAsync(client, "find", new BsonDocument("times", 1), new BsonDocument("closeConnection", true));
        try
        {
            var results = mode == SyncOrAsync.Async
                ? await collection.Find(Filter<BsonDocument>.Empty).ToListAsync(Token)
                : await Task.Run(() => collection.Find(Filter<BsonDocument>.Empty).ToList(Token), Token);

            Assert.Equal(2, results.Count);
            Assert.Equal(2, log.StartedOf("find").Count);
            Assert.Single(log.Failed, f => f.CommandName == "find");
        }
        finally
        {
            await OffAsync(client);
        }
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task A_read_failing_twice_raises_after_one_retry(SyncOrAsync mode)
    {
        var log = new CommandLog();
        await using var client = new MongoClient(server.CreateSettings(s => s.CommandEventSubscriber = log));
        var collection = await SeedAsync(client, "retry_twice");
        await FailAsync(client, "count", new BsonDocument("times", 2), new BsonDocument("errorCode", 6));
        try
        {
            var error = mode == SyncOrAsync.Async
                ? await Assert.ThrowsAsync<MongoCommandException>(() => collection.EstimatedDocumentCountAsync(cancellationToken: Token))
                : Assert.Throws<MongoCommandException>(() => collection.EstimatedDocumentCount(cancellationToken: Token));

            Assert.Equal(6, error.Code);
            Assert.Equal(2, log.StartedOf("count").Count);
        }
        finally
        {
            await OffAsync(client);
        }
    }

    [Fact]
    public async Task A_non_retryable_error_is_not_retried()
    {
        var log = new CommandLog();
        await using var client = new MongoClient(server.CreateSettings(s => s.CommandEventSubscriber = log));
        var collection = await SeedAsync(client, "no_retry");
        await FailAsync(client, "distinct", new BsonDocument("times", 1), new BsonDocument("errorCode", 2));
        try
        {
            var error = await Assert.ThrowsAsync<MongoCommandException>(() => collection.DistinctAsync<int>("_id", cancellationToken: Token));
            Assert.Equal(2, error.Code);
            Assert.Single(log.StartedOf("distinct"));
        }
        finally
        {
            await OffAsync(client);
        }
    }

    [Fact]
    public async Task RetryReads_false_disables_the_retry()
    {
        var log = new CommandLog();
        await using var client = new MongoClient(server.CreateSettings(s =>
        {
            s.CommandEventSubscriber = log;
            s.RetryReads = false;
        }));
        var collection = await SeedAsync(client, "retry_off");
        await FailAsync(client, "find", new BsonDocument("times", 1), new BsonDocument("closeConnection", true));
        try
        {
            await Assert.ThrowsAnyAsync<MongoConnectionException>(() => collection.Find(Filter<BsonDocument>.Empty).ToListAsync(Token));
            Assert.Single(log.StartedOf("find"));
        }
        finally
        {
            await OffAsync(client);
        }
    }

    [Fact]
    public async Task A_network_error_marks_the_session_dirty_so_it_is_not_reused()
    {
        var log = new CommandLog();
        await using var client = new MongoClient(server.CreateSettings(s =>
        {
            s.CommandEventSubscriber = log;
            s.RetryReads = false;
        }));
        var collection = await SeedAsync(client, "dirty");
        await FailAsync(client, "find", new BsonDocument("times", 1), new BsonDocument("closeConnection", true));
        try
        {
            await Assert.ThrowsAnyAsync<MongoConnectionException>(() => collection.Find(Filter<BsonDocument>.Empty).ToListAsync(Token));
        }
        finally
        {
            await OffAsync(client);
        }

        _ = await collection.Find(Filter<BsonDocument>.Empty).ToListAsync(Token);
        var finds = log.StartedOf("find");
        Assert.NotEqual(finds[0].Command["lsid"], finds[1].Command["lsid"]);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Cancelling_mid_operation_leaves_the_pool_usable(SyncOrAsync mode)
    {
        await using var client = new MongoClient(server.CreateSettings(s => s.MaxPoolSize = 1));
        var collection = await SeedAsync(client, "cancel_" + mode);
        await FailAsync(client, "find", new BsonDocument("times", 1), new BsonDocument { { "blockConnection", true }, { "blockTimeMS", 5000 } });
        try
        {
            using var cancel = new CancellationTokenSource();
            var running = mode == SyncOrAsync.Async
                ? collection.Find(Filter<BsonDocument>.Empty).ToListAsync(cancel.Token)
                : Task.Run(() => collection.Find(Filter<BsonDocument>.Empty).ToList(cancel.Token), Token);
            await Task.Yield();
            cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        }
        finally
        {
            await OffAsync(client);
        }

        // The only connection was closed (never returned mid-message), so the next operation gets a fresh one.
        Assert.Equal(2, (await collection.Find(Filter<BsonDocument>.Empty).ToListAsync(Token)).Count);
    }

    [Fact]
    public async Task An_exhausted_pool_times_out_with_a_clear_message()
    {
        await using var client = new MongoClient(server.CreateSettings(s =>
        {
            s.MaxPoolSize = 1;
            s.WaitQueueTimeout = TimeSpan.FromMilliseconds(200);
        }));
        var collection = await SeedAsync(client, "exhausted");
        var cursor = await collection.Find(Filter<BsonDocument>.Empty).ToCursorAsync(Token);
        await cursor.DisposeAsync();

        // Hold the only connection with a blocked command, then ask for another.
        await FailAsync(client, "find", new BsonDocument("times", 1), new BsonDocument { { "blockConnection", true }, { "blockTimeMS", 2000 } });
        try
        {
            var blocked = collection.Find(Filter<BsonDocument>.Empty).ToListAsync(Token);
            var error = await Assert.ThrowsAsync<MongoWaitQueueTimeoutException>(async () =>
            {
                while (true)
                {
                    // Until the blocked find holds the connection, the count may still get it: ask again.
                    _ = await collection.EstimatedDocumentCountAsync(cancellationToken: Token);
                }
            });
            Assert.Contains("200 ms", error.Message);
            Assert.Contains("maxPoolSize", error.Message);
            await blocked;
        }
        finally
        {
            await OffAsync(client);
        }
    }
}

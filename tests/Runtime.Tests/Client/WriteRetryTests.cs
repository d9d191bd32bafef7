using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Embedded;
using OpenQuizz.Typed.Tests.Infrastructure;

namespace OpenQuizz.Typed.Tests.Client;

/// <summary>An embedded server in replica-set mode (drivers send txnNumber only to replica sets), or the run's external target.</summary>
public sealed class ReplicaSetServerFixture : IAsyncLifetime
{
    public EmbeddedMongoServer? Embedded { get; private set; }

    public string ConnectionString { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        // The external targets are replica sets already (the README asks for one; Testcontainers starts one).
        if (await SharedTarget.GetExternalConnectionStringAsync() is { } external)
        {
            ConnectionString = external;
            return;
        }

        Embedded = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { ReplicaSetName = "rs0" });
        ConnectionString = Embedded.ConnectionString;
    }

    public MongoClientSettings CreateSettings(Action<MongoClientSettings>? configure = null)
    {
        var settings = MongoClientSettings.FromConnectionString(ConnectionString);
        settings.ServerSelectionTimeout = TimeSpan.FromSeconds(10);
        configure?.Invoke(settings);
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        if (Embedded is not null)
        {
            await Embedded.DisposeAsync();
        }
    }
}

/// <summary>Retryable writes through the real client: one retry, with the same txnNumber, applied once. Failpoints are global: one test at a time.</summary>
public sealed class WriteRetryTests(ReplicaSetServerFixture server) : IClassFixture<ReplicaSetServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(MongoClient Client, MongoCollection<BsonDocument> Collection, CommandLog Log)> FreshAsync(string name, bool retryWrites = true)
    {
        var log = new CommandLog();
        var client = new MongoClient(server.CreateSettings(s =>
        {
            s.CommandEventSubscriber = log;
            s.RetryWrites = retryWrites;
        }));
        var collection = client.GetDatabase("retries").GetCollection<BsonDocument>(name);
        await collection.DropAsync(cancellationToken: Token);
        return (client, collection, log);
    }

    private static Task OffAsync(MongoClient client) =>
        client.GetDatabase("admin").RunCommandAsync(new BsonDocument { { "configureFailPoint", "failCommand" }, { "mode", "off" } }, cancellationToken: Token);

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task A_write_whose_connection_closes_is_retried_once_with_the_same_txnNumber_and_applied_once(SyncOrAsync mode)
    {
        var (client, c, log) = await FreshAsync($"close_{mode}");
        await using var _ = client;
        await WriteIntegrationTests.FailPoint(client, "insert", new BsonDocument("times", 1), new BsonDocument("closeConnection", true));
        try
        {
            var result = mode == SyncOrAsync.Async
                ? await c.InsertOneAsync(new BsonDocument("_id", 1), cancellationToken: Token)
                : await Task.Run(() => c.InsertOne(new BsonDocument("_id", 1), cancellationToken: Token), Token);

            Assert.Equal(new BsonInt32(1), result.InsertedId);
            var inserts = log.StartedOf("insert");
            Assert.Equal(2, inserts.Count);
            Assert.Equal(inserts[0].Command["txnNumber"], inserts[1].Command["txnNumber"]);
            Assert.Equal(inserts[0].Command["lsid"], inserts[1].Command["lsid"]);
            Assert.Equal(1, await c.CountDocumentsAsync(Filter<BsonDocument>.Empty, cancellationToken: Token));
        }
        finally
        {
            await OffAsync(client);
        }
    }

    [Fact]
    public async Task A_bulk_batch_is_retried_with_its_own_documents_and_ids()
    {
        var (client, c, log) = await FreshAsync("close_bulk");
        await using var _ = client;
        await WriteIntegrationTests.FailPoint(client, "insert", new BsonDocument("times", 1), new BsonDocument("closeConnection", true));
        try
        {
            var result = await c.InsertManyAsync([new BsonDocument("a", 1), new BsonDocument("a", 2)], cancellationToken: Token);

            var inserts = log.StartedOf("insert");
            Assert.Equal(2, inserts.Count);
            Assert.Equal(inserts[0].Command["documents"], inserts[1].Command["documents"]);
            var stored = await c.Find(Filter<BsonDocument>.Empty).ToListAsync(Token);
            Assert.Equal(result.InsertedIds.OrderBy(id => id.AsObjectId), stored.Select(d => d["_id"]).OrderBy(id => id.AsObjectId));
        }
        finally
        {
            await OffAsync(client);
        }
    }

    [Fact]
    public async Task A_RetryableWriteError_label_is_retried()
    {
        var (client, c, log) = await FreshAsync("labelled");
        await using var _ = client;
        // The label alone makes it retryable; a state-change code (such as 91) would also send the server through SDAM rediscovery.
        await WriteIntegrationTests.FailPoint(client, "update", new BsonDocument("times", 1), new BsonDocument { { "errorCode", 112 }, { "errorLabels", new BsonArray { "RetryableWriteError" } } });
        try
        {
            var result = await c.UpdateOneAsync(Filter<BsonDocument>.Eq("_id", 1), Update<BsonDocument>.Inc("n", 1), new UpdateOptions { IsUpsert = true }, Token);

            Assert.Equal(new BsonInt32(1), result.UpsertedId);
            Assert.Equal(2, log.StartedOf("update").Count);
        }
        finally
        {
            await OffAsync(client);
        }
    }

    [Fact]
    public async Task A_write_whose_retry_also_loses_its_connection_fails_with_the_RetryableWriteError_label()
    {
        var (client, c, log) = await FreshAsync("close_twice");
        await using var _ = client;
        await WriteIntegrationTests.FailPoint(client, "insert", new BsonDocument("times", 2), new BsonDocument("closeConnection", true));
        try
        {
            var error = await Assert.ThrowsAnyAsync<MongoConnectionException>(() => c.InsertOneAsync(new BsonDocument("_id", 1), cancellationToken: Token));

            Assert.Contains("RetryableWriteError", ((IMongoErrorLabels)error).ErrorLabels);
            Assert.Equal(2, log.StartedOf("insert").Count);
        }
        finally
        {
            await OffAsync(client);
        }
    }

    [Fact]
    public async Task A_retryable_write_concern_error_is_retried_and_the_retry_result_returned()
    {
        var (client, c, log) = await FreshAsync("wce_retry");
        await using var _ = client;
        await WriteIntegrationTests.FailPoint(client, "insert", new BsonDocument("times", 1), new BsonDocument
        {
            { "errorLabels", new BsonArray { "RetryableWriteError" } },
            { "writeConcernError", new BsonDocument { { "code", 91 }, { "errmsg", "Replication is being shut down" } } },
        });
        try
        {
            var result = await c.InsertOneAsync(new BsonDocument("_id", 1), cancellationToken: Token);

            Assert.Equal(new BsonInt32(1), result.InsertedId);
            var inserts = log.StartedOf("insert");
            Assert.Equal(2, inserts.Count);
            Assert.Equal(inserts[0].Command["txnNumber"], inserts[1].Command["txnNumber"]);
        }
        finally
        {
            await OffAsync(client);
        }
    }

    [Fact]
    public async Task A_write_concern_error_without_the_label_is_raised_without_a_retry()
    {
        var (client, c, log) = await FreshAsync("wce_no_retry");
        await using var _ = client;
        await WriteIntegrationTests.FailPoint(client, "insert", new BsonDocument("times", 1), new BsonDocument
        {
            { "errorLabels", new BsonArray() },
            { "writeConcernError", new BsonDocument { { "code", 100 }, { "errmsg", "Not enough data-bearing nodes" } } },
        });
        try
        {
            var error = await Assert.ThrowsAsync<MongoWriteException>(() => c.InsertOneAsync(new BsonDocument("_id", 1), cancellationToken: Token));

            Assert.Equal(100, error.WriteConcernError!.Code);
            Assert.Single(log.StartedOf("insert"));
        }
        finally
        {
            await OffAsync(client);
        }
    }

    [Fact]
    public async Task A_non_retryable_error_is_not_retried()
    {
        var (client, c, log) = await FreshAsync("not_retryable");
        await using var _ = client;
        await WriteIntegrationTests.FailPoint(client, "delete", new BsonDocument("times", 1), new BsonDocument("errorCode", 2));
        try
        {
            var error = await Assert.ThrowsAsync<MongoCommandException>(() => c.DeleteOneAsync(Filter<BsonDocument>.Eq("_id", 1), cancellationToken: Token));

            Assert.Equal(2, error.Code);
            Assert.Single(log.StartedOf("delete"));
        }
        finally
        {
            await OffAsync(client);
        }
    }

    [Fact]
    public async Task With_retryWrites_false_nothing_is_retried_and_no_txnNumber_is_sent()
    {
        var (client, c, log) = await FreshAsync("no_retry", retryWrites: false);
        await using var _ = client;
        await WriteIntegrationTests.FailPoint(client, "insert", new BsonDocument("times", 1), new BsonDocument("closeConnection", true));
        try
        {
            await Assert.ThrowsAnyAsync<MongoException>(() => c.InsertOneAsync(new BsonDocument("_id", 1), cancellationToken: Token));

            var insert = Assert.Single(log.StartedOf("insert"));
            Assert.False(insert.Command.Contains("txnNumber"));
        }
        finally
        {
            await OffAsync(client);
        }
    }

    [Fact]
    public async Task A_multi_update_is_not_a_retryable_write()
    {
        var (client, c, log) = await FreshAsync("multi");
        await using var _ = client;
        await c.UpdateManyAsync(Filter<BsonDocument>.Empty, Update<BsonDocument>.Set("a", 1), cancellationToken: Token);
        Assert.False(Assert.Single(log.StartedOf("update")).Command.Contains("txnNumber"));
    }
}

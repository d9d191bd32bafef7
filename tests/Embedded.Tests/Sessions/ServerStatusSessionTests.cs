using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Sessions;

/// <summary>serverStatus reports sessions, retried statements, cursors, connections and memory; its own server and clock.</summary>
public sealed class ServerStatusSessionTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new();
    private EmbeddedMongoServer _server = null!;
    private WireClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions
        {
            ReplicaSetName = "rs0",
            TimeProvider = _clock,
            CursorTimeout = TimeSpan.FromDays(1),
            LogicalSessionTimeoutMinutes = 5,
            MaxSessions = 3,
        });
        _client = await WireClient.ConnectAsync(_server.EndPoint);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<BsonDocument> StatusAsync() => Reply.Ok(await _client.RunAsync(D(("serverStatus", 1)), "admin"));

    [Fact]
    public async Task Sessions_cursors_connections_and_memory_are_reported()
    {
        var first = D(("id", BsonBinaryData.FromGuid(Guid.NewGuid(), UuidRepresentation.Standard)));
        var second = D(("id", BsonBinaryData.FromGuid(Guid.NewGuid(), UuidRepresentation.Standard)));
        var insert = D(("insert", "st"), ("documents", A(D(("_id", 1)), D(("_id", 2)), D(("_id", 3)))), ("lsid", first), ("txnNumber", 1L));
        Reply.Ok(await _client.RunAsync((BsonDocument)insert.DeepClone()));
        Reply.Ok(await _client.RunAsync((BsonDocument)insert.DeepClone()));
        Reply.Ok(await _client.RunAsync(D(("find", "st"), ("batchSize", 1), ("lsid", second))));

        var status = await StatusAsync();
        Assert.Equal(2, status["logicalSessionRecordCache"]["activeSessionsCount"].ToInt32());
        Assert.Equal(3L, status["transactions"]["retriedStatementsCount"].ToInt64());
        Assert.Equal(1L, status["metrics"]["cursor"]["open"]["total"].ToInt64());
        Assert.True(status["connections"]["current"].ToInt32() >= 1);
        Assert.True(status["connections"]["totalCreated"].ToInt64() >= 1);
        Assert.True(status["connections"]["available"].ToInt32() > 0);
        Assert.True(status["mem"]["resident"].ToInt32() > 0);
        Assert.True(status["mem"]["managedHeapBytes"].ToInt64() > 0);

        // Expiry closes the sessions and the cursor opened in one of them.
        _clock.Advance(TimeSpan.FromMinutes(6));
        status = await StatusAsync();
        Assert.Equal(0, status["logicalSessionRecordCache"]["activeSessionsCount"].ToInt32());
        Assert.Equal(0L, status["metrics"]["cursor"]["open"]["total"].ToInt64());
        Assert.True(status["logicalSessionRecordCache"]["sessionsCollectionJobCount"].ToInt64() > 0);
    }

    [Fact]
    public async Task A_client_inventing_session_ids_is_stopped_at_maxSessions()
    {
        BsonDocument Ping() => D(("find", "none"), ("lsid", D(("id", BsonBinaryData.FromGuid(Guid.NewGuid(), UuidRepresentation.Standard)))));
        for (var i = 0; i < 3; i++)
        {
            Reply.Ok(await _client.RunAsync(Ping()));
        }

        Reply.Error(await _client.RunAsync(Ping()), 261, "TooManyLogicalSessions");
        Assert.Equal(3, (await StatusAsync())["logicalSessionRecordCache"]["activeSessionsCount"].ToInt32());

        // Expired sessions make room again.
        _clock.Advance(TimeSpan.FromMinutes(6));
        Reply.Ok(await _client.RunAsync(Ping()));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(30, 0)]
    public async Task Session_options_below_one_are_refused_at_start(int timeoutMinutes, int maxSessions)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
        {
            await using var server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { LogicalSessionTimeoutMinutes = timeoutMinutes, MaxSessions = maxSessions });
        });
    }
}

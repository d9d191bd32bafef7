using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.FailPoints;

/// <summary>Failpoints are server-wide, so each test gets its own server.</summary>
public sealed class FailCommandTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new();
    private EmbeddedMongoServer _server = null!;
    private WireClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { TimeProvider = _clock });
        _admin = await WireClient.ConnectAsync(_server.EndPoint);
    }

    public async ValueTask DisposeAsync()
    {
        await _admin.DisposeAsync();
        await _server.DisposeAsync();
    }

    private Task<BsonDocument> Configure(BsonValue mode, BsonDocument? data = null)
    {
        var command = D(("configureFailPoint", "failCommand"), ("mode", mode));
        if (data is not null)
        {
            command.Add("data", data);
        }

        return _admin.RunAsync(command, "admin");
    }

    private static BsonDocument Ping => D(("ping", 1));

    private static BsonDocument InsertOne(int id) => D(("insert", "fp"), ("documents", A(D(("_id", id)))));

    [Fact]
    public async Task Times_fails_n_commands_with_mongods_reply_shape()
    {
        Reply.Ok(await Configure(D(("times", 2)), D(("failCommands", A("ping")), ("errorCode", 91), ("errorLabels", A("RetryableWriteError")))));
        var reply = await _admin.RunAsync(Ping);

        // A shutdown error carries the server's topologyVersion (the one hello reports), as mongod's does.
        var topologyVersion = Reply.Ok(await _admin.RunAsync(D(("hello", 1))))["topologyVersion"];
        Assert.Equal(
            D(("ok", 0.0), ("errmsg", "Failing command via 'failCommand' failpoint"), ("code", 91), ("codeName", "ShutdownInProgress"), ("topologyVersion", topologyVersion), ("errorLabels", A("RetryableWriteError"))),
            reply);
        Reply.Error(await _admin.RunAsync(Ping), 91);
        Reply.Ok(await _admin.RunAsync(Ping));
        Reply.Ok(await _admin.RunAsync(D(("hello", 1)))); // not listed
    }

    [Fact]
    public async Task Skip_lets_n_commands_through_then_stays_on_until_off()
    {
        Reply.Ok(await Configure(D(("skip", 1)), D(("failCommands", A("ping")), ("errorCode", 2))));
        Reply.Ok(await _admin.RunAsync(Ping));
        Reply.Error(await _admin.RunAsync(Ping), 2);
        Reply.Error(await _admin.RunAsync(Ping), 2);
        var off = Reply.Ok(await Configure("off"));
        Assert.Equal(2, off["count"].ToInt64());
        Reply.Ok(await _admin.RunAsync(Ping));
    }

    [Fact]
    public async Task AlwaysOn_fails_until_turned_off()
    {
        Reply.Ok(await Configure("alwaysOn", D(("failCommands", A("insert")), ("errorCode", 11600))));
        for (var i = 0; i < 3; i++)
        {
            Reply.Error(await _admin.RunAsync(InsertOne(i)), 11600, "InterruptedAtShutdown");
        }

        Reply.Ok(await Configure("off"));
        Assert.Equal(1, Reply.Ok(await _admin.RunAsync(InsertOne(1)))["n"].AsInt32);
    }

    [Fact]
    public async Task Retryable_writes_get_the_RetryableWriteError_label_without_being_told()
    {
        // txnNumber belongs to replica sets (a standalone refuses it before any failpoint), so this one runs as one.
        await using var replicaSet = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { ReplicaSetName = "rs0", TimeProvider = _clock });
        await using var client = await WireClient.ConnectAsync(replicaSet.EndPoint);
        var failInsert = D(("configureFailPoint", "failCommand"), ("mode", D(("times", 1))), ("data", D(("failCommands", A("insert")), ("errorCode", 10107))));
        Reply.Ok(await client.RunAsync(failInsert, "admin"));
        var command = InsertOne(7);
        command.Add("lsid", D(("id", new BsonBinaryData(new byte[16], BsonBinarySubType.UuidStandard))));
        command.Add("txnNumber", 1L);
        var reply = await client.RunAsync(command);
        Reply.Error(reply, 10107, "NotWritablePrimary");
        Assert.Equal(A("RetryableWriteError"), reply["errorLabels"]);
        Assert.Empty(Reply.FirstBatch(await client.RunAsync(D(("find", "fp"), ("filter", D(("_id", 7)))))));
    }

    [Fact]
    public async Task CloseConnection_closes_the_socket_without_a_reply()
    {
        Reply.Ok(await Configure(D(("times", 1)), D(("failCommands", A("ping")), ("closeConnection", true))));
        await using var client = await WireClient.ConnectAsync(_server.EndPoint);
        await client.SendAsync(WireFrames.OpMsg(1, D(("ping", 1), ("$db", "admin")), new WireOptions()));
        Assert.True(await client.IsClosedByServerAsync());
        Reply.Ok(await _admin.RunAsync(Ping)); // times: 1 is spent
    }

    [Fact]
    public async Task BlockConnection_delays_the_reply_on_the_server_clock()
    {
        Reply.Ok(await Configure(D(("times", 1)), D(("failCommands", A("ping")), ("blockConnection", true), ("blockTimeMS", 5000))));
        await using var client = await WireClient.ConnectAsync(_server.EndPoint);
        var blocking = _clock.WhenTimerCreatedAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var pending = client.RunAsync(Ping, "admin");

        // Once the server holds the reply on its clock, it answers exactly when that clock reaches blockTimeMS.
        await blocking;
        _clock.Advance(TimeSpan.FromMilliseconds(4999));
        Assert.False(pending.IsCompleted, "answered before blockTimeMS of server time");
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Reply.Ok(await pending);
    }

    [Fact]
    public async Task BlockConnection_with_an_error_code_delays_then_fails()
    {
        Reply.Ok(await Configure(D(("times", 1)), D(("failCommands", A("ping")), ("blockConnection", true), ("blockTimeMS", 100), ("errorCode", 89))));
        var blocking = _clock.WhenTimerCreatedAsync(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        var pending = _admin.RunAsync(Ping);
        await blocking;
        _clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(pending.IsCompleted, "answered before blockTimeMS of server time");
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Reply.Error(await pending, 89, "NetworkTimeout");
    }

    [Fact]
    public async Task WriteConcernError_is_added_to_a_successful_write()
    {
        Reply.Ok(await Configure(D(("times", 1)), D(("failCommands", A("insert")), ("writeConcernError", D(("code", 100), ("errmsg", "Not enough data-bearing nodes"))))));
        var reply = Reply.Ok(await _admin.RunAsync(InsertOne(100)));
        Assert.Equal(1, reply["n"].AsInt32);
        Assert.Equal(D(("code", 100), ("errmsg", "Not enough data-bearing nodes")), reply["writeConcernError"]);
        Assert.False(reply.Contains("errorLabels"));
        Assert.Single(Reply.FirstBatch(await _admin.RunAsync(D(("find", "fp"), ("filter", D(("_id", 100)))))));
    }

    [Fact]
    public async Task A_state_change_write_concern_error_carries_the_topologyVersion_as_mongods_does()
    {
        Reply.Ok(await Configure(D(("times", 1)), D(("failCommands", A("insert")), ("writeConcernError", D(("code", 91), ("errmsg", "Replication is being shut down"))))));
        var reply = Reply.Ok(await _admin.RunAsync(InsertOne(101)));
        var topologyVersion = Reply.Ok(await _admin.RunAsync(D(("hello", 1))))["topologyVersion"];
        Assert.Equal(topologyVersion, reply["topologyVersion"]);
    }

    private static BsonDocument RetryableInsert(int id, long txnNumber)
    {
        var command = InsertOne(id);
        command.Add("lsid", D(("id", new BsonBinaryData(new byte[16], BsonBinarySubType.UuidStandard))));
        command.Add("txnNumber", txnNumber);
        return command;
    }

    [Fact]
    public async Task OnPrimaryTransactionalWrite_commits_then_closes_the_connection_so_the_retry_is_answered_from_history()
    {
        await using var replicaSet = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { ReplicaSetName = "rs0", TimeProvider = _clock });
        await using var admin = await WireClient.ConnectAsync(replicaSet.EndPoint);
        Reply.Ok(await admin.RunAsync(D(("configureFailPoint", "onPrimaryTransactionalWrite"), ("mode", D(("times", 1)))), "admin"));

        await using var first = await WireClient.ConnectAsync(replicaSet.EndPoint);
        await first.SendAsync(WireFrames.OpMsg(1, With(RetryableInsert(8, 1), "$db", "test"), new WireOptions()));
        Assert.True(await first.IsClosedByServerAsync());

        // The write was applied before the connection closed; its retry is answered from the session's history.
        var retry = Reply.Ok(await admin.RunAsync(RetryableInsert(8, 1)));
        Assert.Equal(1, retry["n"].AsInt32);
        Assert.Equal(A(0), retry["retriedStmtIds"]);
        Assert.Single(Reply.FirstBatch(await admin.RunAsync(D(("find", "fp"), ("filter", D(("_id", 8)))))));
    }

    [Fact]
    public async Task OnPrimaryTransactionalWrite_with_failBeforeCommitExceptionCode_applies_nothing()
    {
        await using var replicaSet = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { ReplicaSetName = "rs0", TimeProvider = _clock });
        await using var admin = await WireClient.ConnectAsync(replicaSet.EndPoint);
        var configure = D(("configureFailPoint", "onPrimaryTransactionalWrite"), ("mode", "alwaysOn"), ("data", D(("failBeforeCommitExceptionCode", 1), ("closeConnection", false))));
        Reply.Ok(await admin.RunAsync(configure, "admin"));

        var reply = Reply.Ok(await admin.RunAsync(RetryableInsert(9, 1)));
        Assert.Equal(0, reply["n"].AsInt32);
        Assert.Equal(1, reply["writeErrors"][0]["code"].ToInt32());

        // Only statements the history does not answer are evaluated, and a write without txnNumber is not a retryable one.
        Reply.Ok(await admin.RunAsync(InsertOne(10)));
        var off = Reply.Ok(await admin.RunAsync(D(("configureFailPoint", "onPrimaryTransactionalWrite"), ("mode", "off")), "admin"));
        Assert.Equal(1, off["count"].ToInt64());
        Assert.Empty(Reply.FirstBatch(await admin.RunAsync(D(("find", "fp"), ("filter", D(("_id", 9)))))));
        Assert.Equal(1, Reply.Ok(await admin.RunAsync(RetryableInsert(9, 2)))["n"].AsInt32);
    }

    private static BsonDocument With(BsonDocument document, string name, BsonValue value)
    {
        document.Add(name, value);
        return document;
    }

    [Fact]
    public async Task AppName_limits_the_failpoint_to_matching_connections()
    {
        Reply.Ok(await Configure("alwaysOn", D(("failCommands", A("ping")), ("errorCode", 2), ("appName", "victim"))));
        await using var victim = await WireClient.ConnectAsync(_server.EndPoint);
        Reply.Ok(await victim.RunAsync(D(("hello", 1), ("client", D(("application", D(("name", "victim"))), ("driver", D(("name", "t"), ("version", "1"))), ("os", D(("type", "Linux")))))), "admin"));
        Reply.Error(await victim.RunAsync(Ping, "admin"), 2);
        Reply.Ok(await _admin.RunAsync(Ping, "admin"));
    }

    [Fact]
    public async Task ConfigureFailPoint_is_admin_only_and_validates_its_arguments()
    {
        Reply.Error(await _admin.RunAsync(D(("configureFailPoint", "failCommand"), ("mode", "alwaysOn"), ("data", D(("failCommands", A("ping"))))), "test"), 13, "Unauthorized");
        Reply.Error(await _admin.RunAsync(D(("configureFailPoint", "noSuchFailPoint"), ("mode", "off")), "admin"), 2);
        Reply.Error(await Configure("sometimes", D(("failCommands", A("ping")))), 2);
        Reply.Error(await Configure("alwaysOn", D(("errorCode", 2))), 2);
        Reply.Ok(await _admin.RunAsync(Ping));
    }
}

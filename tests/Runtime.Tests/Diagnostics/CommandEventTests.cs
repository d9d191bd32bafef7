using MongoDB.Bson;
using System.Diagnostics;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Diagnostics;
using OpenQuizz.Typed.Tests.Authentication;
using OpenQuizz.Typed.Tests.Infrastructure;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Tests.Diagnostics;

public class CommandEventTests
{
    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Started_and_succeeded_events_carry_the_command_reply_and_ids(SyncOrAsync mode)
    {
        var events = new RecordingSubscriber();
        var server = new FakeServer { OnCommand = r => TestWire.Msg(r.RequestId, new BsonDocument { { "ok", 1 }, { "n", 2 } }) };
        using var connection = await TestConnections.OpenAsync(server, mode, new ConnectionSettings { CommandEvents = events });
        var documents = new[] { new BsonDocument("_id", 1), new BsonDocument("_id", 2) };
        var request = new CommandRequest("openquizz", new BsonDocumentCommandBody(new BsonDocument("insert", "quizzes")), [new BsonDocumentSequence("documents", documents)]);
        using (await TestConnections.ExecuteAsync(connection, mode, request))
        {
        }

        var started = events.Started[^1];
        Assert.Equal("insert", started.CommandName);
        Assert.Equal("openquizz", started.DatabaseName);
        Assert.Equal(server.Requests[^1].RequestId, started.RequestId);
        Assert.Equal(new BsonArray(documents), started.Command["documents"]);
        Assert.Equal("quizzes", started.Command["insert"].AsString);
        Assert.Equal(FakeServer.Address, started.Connection.Address);
        Assert.Equal(connection.Id, started.Connection.LocalConnectionId);
        Assert.Equal(42, started.Connection.ServerConnectionId);

        var succeeded = events.Succeeded[^1];
        Assert.Equal(started.RequestId, succeeded.RequestId);
        Assert.Equal(2, succeeded.Reply["n"].AsInt32);
        Assert.True(succeeded.Duration >= TimeSpan.Zero);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Failed_events_report_command_and_network_errors(SyncOrAsync mode)
    {
        var events = new RecordingSubscriber();
        var server = new FakeServer { OnCommand = r => TestWire.Msg(r.RequestId, new BsonDocument { { "ok", 0 }, { "code", 2 }, { "errmsg", "bad" } }) };
        using var connection = await TestConnections.OpenAsync(server, mode, new ConnectionSettings { CommandEvents = events });
        await Assert.ThrowsAsync<MongoCommandException>(() => TestConnections.RunAsync(connection, mode, new BsonDocument("find", "c")));
        Assert.IsType<MongoCommandException>(events.Failed[^1].Failure);

        server.OnCommand = r => new ScriptedAnswer([1, 2, 3], EndOfStream: true);
        await Assert.ThrowsAsync<MongoConnectionClosedException>(() => TestConnections.RunAsync(connection, mode, new BsonDocument("find", "c")));
        Assert.IsType<MongoConnectionClosedException>(events.Failed[^1].Failure);
        Assert.Equal(events.Started.Count, events.Succeeded.Count + events.Failed.Count);
    }

    [Theory]
    [InlineData("authenticate")]
    [InlineData("saslStart")]
    [InlineData("saslContinue")]
    [InlineData("getnonce")]
    [InlineData("createUser")]
    [InlineData("updateUser")]
    [InlineData("copydbgetnonce")]
    [InlineData("copydbsaslstart")]
    [InlineData("copydb")]
    [InlineData("CreateUser")]
    public async Task Sensitive_commands_are_redacted(string command)
    {
        var events = new RecordingSubscriber();
        var server = new FakeServer { OnCommand = r => TestWire.Msg(r.RequestId, new BsonDocument { { "ok", 1 }, { "payload", "secret-reply" } }) };
        using var connection = await TestConnections.OpenAsync(server, SyncOrAsync.Async, new ConnectionSettings { CommandEvents = events });
        await connection.RunCommandAsync("admin", new BsonDocument { { command, 1 }, { "pwd", "secret-command" } });

        Assert.Empty(events.Started[^1].Command);
        Assert.Empty(events.Succeeded[^1].Reply);
        Assert.Equal(command, events.Started[^1].CommandName);
    }

    [Fact]
    public async Task Hello_is_redacted_only_with_speculative_authentication()
    {
        var events = new RecordingSubscriber();
        var server = new FakeServer();
        using var connection = await TestConnections.OpenAsync(server, SyncOrAsync.Async, new ConnectionSettings { CommandEvents = events });
        Assert.Equal("isMaster", events.Started[0].CommandName);
        Assert.NotEmpty(events.Started[0].Command);
        Assert.NotEmpty(events.Succeeded[0].Reply);

        await connection.RunCommandAsync("admin", new BsonDocument { { "hello", 1 }, { "speculativeAuthenticate", new BsonDocument("saslStart", 1) } });
        Assert.Empty(events.Started[^1].Command);
        Assert.Empty(events.Succeeded[^1].Reply);
    }

    [Fact]
    public async Task A_throwing_subscriber_does_not_fail_the_command()
    {
        var server = new FakeServer();
        using var connection = await TestConnections.OpenAsync(server, SyncOrAsync.Async, new ConnectionSettings { CommandEvents = new ThrowingSubscriber() });
        Assert.Equal(1, (await connection.RunCommandAsync("db", new BsonDocument("ping", 1)))["ok"].AsInt32);
    }

    [Fact]
    public async Task Each_command_is_an_activity_with_database_tags()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MongoTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (activities) { activities.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);

        var database = $"activity_{Guid.NewGuid():N}";
        var server = new FakeServer();
        using var connection = await TestConnections.OpenAsync(server, SyncOrAsync.Async);
        await connection.RunCommandAsync(database, new BsonDocument("ping", 1));
        server.OnCommand = r => TestWire.Msg(r.RequestId, new BsonDocument { { "ok", 0 }, { "code", 13 }, { "codeName", "Unauthorized" } });
        await Assert.ThrowsAsync<MongoCommandException>(() => connection.RunCommandAsync(database, new BsonDocument("find", "c")).AsTask());

        Activity ping, find;
        lock (activities)
        {
            ping = activities.Single(a => a.OperationName == "ping" && (string?)a.GetTagItem("db.name") == database);
            find = activities.Single(a => a.OperationName == "find" && (string?)a.GetTagItem("db.name") == database);
        }

        Assert.Equal(ActivityKind.Client, ping.Kind);
        Assert.Equal("mongodb", ping.GetTagItem("db.system"));
        Assert.Equal("ping", ping.GetTagItem("db.operation"));
        Assert.Equal("fake.example", ping.GetTagItem("server.address"));
        Assert.Equal(27017, ping.GetTagItem("server.port"));
        Assert.Equal(ActivityStatusCode.Unset, ping.Status);
        Assert.Equal(ActivityStatusCode.Error, find.Status);
        Assert.Equal("Unauthorized", find.GetTagItem("error.type"));
    }

    [Fact]
    public async Task Logs_name_commands_but_not_their_contents()
    {
        var logs = new ListLoggerFactory();
        var server = new FakeServer();
        using var connection = await TestConnections.OpenAsync(server, SyncOrAsync.Async, new ConnectionSettings { LoggerFactory = logs });
        await connection.RunCommandAsync("openquizz", new BsonDocument { { "find", "quizzes" }, { "filter", new BsonDocument("answer", "private-value") } });

        var text = logs.AllText;
        Assert.Contains("opened", text);
        Assert.Contains("Command find on openquizz started", text);
        Assert.Contains("Command find on openquizz succeeded", text);
        Assert.DoesNotContain("private-value", text);
    }

    private sealed class ThrowingSubscriber : ICommandEventSubscriber
    {
        public void OnCommandStarted(CommandStartedEvent e) => throw new InvalidOperationException("subscriber bug");

        public void OnCommandSucceeded(CommandSucceededEvent e) => throw new InvalidOperationException("subscriber bug");

        public void OnCommandFailed(CommandFailedEvent e) => throw new InvalidOperationException("subscriber bug");
    }
}

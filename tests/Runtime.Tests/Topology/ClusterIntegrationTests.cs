using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Embedded;
using OpenQuizz.Typed.Pooling;
using OpenQuizz.Typed.Pooling.Events;
using OpenQuizz.Typed.Selection;
using OpenQuizz.Typed.Tests.Infrastructure;
using OpenQuizz.Typed.Topology;
using OpenQuizz.Typed.Topology.Events;

namespace OpenQuizz.Typed.Tests.Topology;

/// <summary>The wired topology (monitors, pools, selection) against a real server: the embedded one, or OPENQUIZZ_MONGODB_URI.</summary>
public sealed class ClusterIntegrationTests(TestServerFixture server) : IClassFixture<TestServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static IServerSelector Write => ServerSelection.ForWrite(TimeSpan.FromMilliseconds(15));

    private static IServerSelector Read => ServerSelection.ForRead(ReadPreference.Primary, TimeSpan.FromMilliseconds(15));

    [Fact]
    public async Task Discovers_a_standalone_as_a_single_topology()
    {
        var sdam = new SdamRecorder();
        using var cluster = ClusterFactory.Create(server.CreateSettings(), new ClusterDiagnostics(SdamEvents: sdam));
        cluster.Open();

        var changed = await sdam.Recorder.WaitForAsync<TopologyDescriptionChangedEvent>(e => e.NewDescription.HasAvailableServer);

        var discovered = changed.NewDescription.Servers.Single(s => s.IsAvailable);
        if (server.IsEmbedded)
        {
            Assert.Equal(TopologyType.Single, changed.NewDescription.Type);
            Assert.Equal(ServerType.Standalone, discovered.Type);
        }

        Assert.True(discovered.IsDataBearing);
        Assert.True(discovered.MaxWireVersion >= TopologyDescription.ClientMinWireVersion);
        Assert.True(discovered.RoundTripTime > TimeSpan.Zero, "the round trip time is measured");
        Assert.Contains(sdam.Recorder.Events, e => e is TopologyOpeningEvent);
        Assert.Contains(sdam.Recorder.Events, e => e is ServerOpeningEvent);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Selects_a_server_for_reads_and_writes(SyncOrAsync mode)
    {
        using var cluster = ClusterFactory.Create(server.CreateSettings());
        foreach (var selector in new[] { Write, Read })
        {
            using var selected = mode == SyncOrAsync.Async
                ? await cluster.SelectServerAsync(selector, Token)
                : await Task.Run(() => cluster.SelectServer(selector, Token), Token);
            Assert.True(selected.Description.IsDataBearing);
            Assert.Equal(1, selected.Server.OperationCount);
            Assert.Same(cluster.GetServer(selected.Description.Address)!.Pool, selected.Pool);
        }
    }

    [Fact]
    public async Task Rents_runs_and_returns_connections()
    {
        var pool = new PoolRecorder();
        using var cluster = ClusterFactory.Create(server.CreateSettings(), new ClusterDiagnostics(PoolEvents: pool));
        using var selected = await cluster.SelectServerAsync(Write, Token);

        long firstId;
        using (var lease = await selected.Pool.RentAsync(Token))
        {
            var reply = await lease.GetMongoConnection().RunCommandAsync("admin", new BsonDocument("ping", 1), Token);
            Assert.Equal(1, reply["ok"].ToInt32());
            firstId = lease.Connection.Id;
            Assert.Equal(selected.Pool.Generation, lease.Connection.Generation);
        }

        Assert.Equal(1, selected.Pool.AvailableConnectionCount);
        using (var again = await selected.Pool.RentAsync(Token))
        {
            Assert.Equal(firstId, again.Connection.Id);
        }

        Assert.Contains(pool.Recorder.Events, e => e is ConnectionCheckedInEvent { ConnectionId: var id } && id == firstId);
        Assert.Single(pool.Recorder.Events, e => e is ConnectionCreatedEvent);
    }

    [Fact]
    public async Task Fills_min_pool_size_in_the_background()
    {
        var pool = new PoolRecorder();
        using var cluster = ClusterFactory.Create(server.CreateSettings(s => s.MinPoolSize = 3), new ClusterDiagnostics(PoolEvents: pool));
        cluster.Open();

        var ready = await pool.Recorder.WaitForAsync<ConnectionPoolReadyEvent>();
        await pool.Recorder.WaitUntilAsync(events => events.Count(e => e is ConnectionReadyEvent) >= 3, "three connections are established");

        var live = cluster.GetServer(ready.Address)!.Pool;
        Assert.Equal(3, live.TotalConnectionCount);
        Assert.Equal(3, live.AvailableConnectionCount);
    }

    [Fact]
    public async Task Streams_awaited_heartbeats_and_measures_round_trips_on_another_connection()
    {
        var sdam = new SdamRecorder();
        var settings = server.CreateSettings(s =>
        {
            s.HeartbeatFrequency = TimeSpan.FromMilliseconds(500);
            s.ServerMonitoringMode = ServerMonitoringMode.Stream;
        });
        using var cluster = ClusterFactory.Create(settings, new ClusterDiagnostics(SdamEvents: sdam));
        cluster.Open();

        var awaited = await sdam.Recorder.WaitForAsync<ServerHeartbeatSucceededEvent>(e => e.Awaited);
        Assert.True(awaited.Reply.Contains("topologyVersion"));
        Assert.Contains(sdam.Recorder.Events, e => e is ServerHeartbeatStartedEvent { Awaited: true });

        // A second streamed reply arrives without a new request (moreToCome).
        await sdam.Recorder.WaitForAsync<ServerHeartbeatSucceededEvent>(e => e.Awaited && !ReferenceEquals(e, awaited));
        var description = cluster.Description.GetServer(awaited.Address)!;
        Assert.True(description.RoundTripTime > TimeSpan.Zero);
        if (server.Embedded is { } embedded)
        {
            // The monitoring connection and the RTT monitor's own connection.
            await embedded.WhenConnectionCountAsync(count => count >= 2).Within("the RTT monitor has its connection");
        }
    }

    [Fact]
    public async Task Polls_when_asked_to()
    {
        var sdam = new SdamRecorder();
        var settings = server.CreateSettings(s =>
        {
            s.HeartbeatFrequency = TimeSpan.FromMilliseconds(500);
            s.ServerMonitoringMode = ServerMonitoringMode.Poll;
        });
        using var cluster = ClusterFactory.Create(settings, new ClusterDiagnostics(SdamEvents: sdam));
        cluster.Open();

        await sdam.Recorder.WaitUntilAsync(events => events.Count(e => e is ServerHeartbeatSucceededEvent) >= 2, "a second heartbeat");
        Assert.DoesNotContain(sdam.Recorder.Events, e => e is ServerHeartbeatSucceededEvent { Awaited: true });
    }

    [Fact]
    public async Task A_stopped_server_times_out_selection_with_the_topology_in_the_message()
    {
        // This test stops its server, so it always has one of its own.
        var own = await EmbeddedMongoServer.StartAsync(cancellationToken: Token);
        try
        {
            var sdam = new SdamRecorder();
            var settings = MongoClientSettings.FromConnectionString(own.ConnectionString);
            settings.HeartbeatFrequency = TimeSpan.FromMilliseconds(500);
            settings.ServerSelectionTimeout = TimeSpan.FromMilliseconds(500);
            using var cluster = ClusterFactory.Create(settings, new ClusterDiagnostics(SdamEvents: sdam));
            using (await cluster.SelectServerAsync(Write, Token))
            {
            }

            await own.StopAsync(Token);
            await sdam.Recorder.WaitForAsync<ServerDescriptionChangedEvent>(e => e.NewDescription.Type == ServerType.Unknown);

            var error = await Assert.ThrowsAsync<ServerSelectionTimeoutException>(async () => await cluster.SelectServerAsync(Write, Token));
            Assert.Contains("Unknown", error.Message);
            Assert.Contains(own.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.TopologyDescription);
            Assert.Equal(TimeSpan.FromMilliseconds(500), error.Timeout);
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_network_error_handled_as_sdam_says_clears_the_pool()
    {
        var pool = new PoolRecorder();
        using var cluster = ClusterFactory.Create(server.CreateSettings(), new ClusterDiagnostics(PoolEvents: pool));
        using var selected = await cluster.SelectServerAsync(Write, Token);
        var generation = selected.Pool.Generation;

        // The executor's error path: the operation's network error goes to the cluster with the connection's generation.
        using (var lease = await selected.Pool.RentAsync(Token))
        {
            var connection = lease.GetMongoConnection();
            await connection.RunCommandAsync("admin", new BsonDocument
            {
                { "configureFailPoint", "failCommand" },
                { "mode", new BsonDocument("times", 1) },
                { "data", new BsonDocument { { "failCommands", new BsonArray { "ping" } }, { "closeConnection", true } } },
            }, Token);
            var error = await Assert.ThrowsAnyAsync<MongoConnectionException>(async () => await connection.RunCommandAsync("admin", new BsonDocument("ping", 1), Token));
            cluster.HandleApplicationError(ApplicationError.From(selected.Description.Address, lease.Connection.Generation,
                selected.Description.MaxWireVersion, ErrorPhase.AfterHandshakeCompletes, error));
            Assert.True(lease.Connection.IsBroken);
        }

        var cleared = await pool.Recorder.WaitForAsync<ConnectionPoolClearedEvent>();
        Assert.Equal(selected.Description.Address, cleared.Address);
        Assert.Equal(generation + 1, selected.Pool.Generation);
        Assert.Contains(pool.Recorder.Events, e => e is ConnectionClosedEvent { Reason: PoolConnectionClosedReason.Error });

        // The monitor finds the server again and selection works once more.
        using var again = await cluster.SelectServerAsync(Write, Token);
        Assert.True(again.Description.IsDataBearing);
    }
}

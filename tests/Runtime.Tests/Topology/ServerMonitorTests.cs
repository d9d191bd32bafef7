using MongoDB.Bson;
using System.Threading.Channels;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Topology;
using static OpenQuizz.Typed.Tests.Topology.TopologyTestData;

namespace OpenQuizz.Typed.Tests.Topology;

/// <summary>The monitor's schedule and protocol choice, driven by a manual clock and scripted monitoring connections.</summary>
public sealed class ServerMonitorTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Polls_every_heartbeat_and_not_before()
    {
        var time = new ManualTimeProvider();
        var sink = new RecordingSink();
        var connections = new ScriptedConnections(_ => Standalone());
        using var monitor = new ServerMonitor(A, sink, connections, TimeSpan.FromSeconds(10), ServerMonitoringMode.Poll, time);
        monitor.Start();

        Assert.Equal(ServerType.Standalone, (await sink.Outcomes.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Wait, TestContext.Current.CancellationToken)).Type);
        await time.WhenAsync(() => time.PendingTimers > 0, "the background loop waits on the clock");
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(sink.Outcomes.Reader.TryRead(out _));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ServerType.Standalone, (await sink.Outcomes.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Wait, TestContext.Current.CancellationToken)).Type);
        Assert.Equal(1, connections.Opened);
    }

    [Fact]
    public async Task An_immediate_check_waits_at_least_the_minimum_heartbeat()
    {
        var time = new ManualTimeProvider();
        var sink = new RecordingSink();
        using var monitor = new ServerMonitor(A, sink, new ScriptedConnections(_ => Standalone()), TimeSpan.FromSeconds(10), ServerMonitoringMode.Poll, time);
        monitor.Start();
        await sink.Outcomes.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Wait, TestContext.Current.CancellationToken);
        await time.WhenAsync(() => time.PendingTimers > 0, "the background loop waits on the clock");

        monitor.RequestImmediateCheck();
        await time.WhenAsync(() => time.PendingTimers > 0, "the background loop waits on the clock");
        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(sink.Outcomes.Reader.TryRead(out _));
        time.Advance(TimeSpan.FromMilliseconds(1));

        await sink.Outcomes.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Wait, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Streams_awaitable_hellos_when_the_server_reports_a_topology_version()
    {
        var time = new ManualTimeProvider();
        var sink = new RecordingSink();
        var connections = new ScriptedConnections(_ => WithTopologyVersion(Standalone(), 1));
        using var monitor = new ServerMonitor(A, sink, connections, TimeSpan.FromSeconds(10), ServerMonitoringMode.Stream, time);
        monitor.Start();

        await sink.Outcomes.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Wait, TestContext.Current.CancellationToken);
        var streamed = await sink.Outcomes.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Wait, TestContext.Current.CancellationToken);

        Assert.True(monitor.IsStreaming);
        Assert.Equal(1, streamed.TopologyVersion!.Value.Counter);
        Assert.Contains(connections.Requests, r => r.TopologyVersion is not null && r.MaxAwaitTime == TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_network_error_on_a_known_server_is_retried_at_once()
    {
        var time = new ManualTimeProvider();
        var sink = new RecordingSink { Known = true };
        var calls = 0;
        var connections = new ScriptedConnections(_ => ++calls == 1 ? throw new MongoConnectionException(A, "reset") : Standalone());
        using var monitor = new ServerMonitor(A, sink, connections, TimeSpan.FromSeconds(10), ServerMonitoringMode.Poll, time);
        monitor.Start();

        var failure = await sink.Failures.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Wait, TestContext.Current.CancellationToken);
        var retried = await sink.Outcomes.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Wait, TestContext.Current.CancellationToken);

        Assert.IsType<MongoConnectionException>(failure);
        Assert.Equal(ServerType.Standalone, retried.Type);
    }

    private static BsonDocument Standalone() => new() { { "ok", 1 }, { "isWritablePrimary", true }, { "maxWireVersion", 21 } };

    private static BsonDocument WithTopologyVersion(BsonDocument reply, long counter) =>
        reply.Add("topologyVersion", new TopologyVersion(ObjectId.Parse("000000010000000000000000"), counter).ToBsonDocument());

    private sealed class RecordingSink : IServerCheckSink
    {
        public Channel<ServerDescription> Outcomes { get; } = Channel.CreateUnbounded<ServerDescription>();

        public Channel<Exception> Failures { get; } = Channel.CreateUnbounded<Exception>();

        public bool Known { get; set; }

        public ObjectId TopologyId { get; } = ObjectId.GenerateNewId();

        private ServerDescription? _current;

        public ServerDescription? CurrentDescription(MongoServerAddress address) =>
            _current ?? (Known ? new ServerDescription(address).WithType(ServerType.Standalone) : null);

        public void OnCheckSucceeded(ServerDescription description)
        {
            _current = description;
            Outcomes.Writer.TryWrite(description);
        }

        public void OnCheckFailed(MongoServerAddress address, Exception error) => Failures.Writer.TryWrite(error);
    }

    internal sealed record HelloRequest(TopologyVersion? TopologyVersion, TimeSpan? MaxAwaitTime);

    private sealed class ScriptedConnections(Func<HelloRequest?, BsonDocument> reply) : IMonitorConnectionFactory
    {
        public List<HelloRequest> Requests { get; } = [];

        public int Opened;

        public ValueTask<IMonitorConnection> OpenAsync(MongoServerAddress address, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Opened);
            return ValueTask.FromResult<IMonitorConnection>(new Connection(this, reply(null)));
        }

        private sealed class Connection(ScriptedConnections owner, BsonDocument handshake) : IMonitorConnection
        {
            public BsonDocument HandshakeReply { get; } = handshake;

            public bool MoreToCome => false;

            public ValueTask<BsonDocument> HelloAsync(TopologyVersion? topologyVersion, TimeSpan? maxAwaitTime, CancellationToken cancellationToken)
            {
                var request = new HelloRequest(topologyVersion, maxAwaitTime);
                lock (owner.Requests)
                {
                    owner.Requests.Add(request);
                }

                if (topologyVersion is not null && owner.Requests.Count(r => r.TopologyVersion is not null) > 1)
                {
                    // Later awaitable hellos block until the test ends, as a server with no state change would.
                    return new ValueTask<BsonDocument>(Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => new BsonDocument(), TaskScheduler.Default));
                }

                return ValueTask.FromResult(owner.reply(request));
            }

            public ValueTask<BsonDocument> ReadNextAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

            public void Dispose()
            {
            }
        }

        private readonly Func<HelloRequest?, BsonDocument> reply = reply;
    }
}

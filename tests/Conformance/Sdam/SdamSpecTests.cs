using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Conformance.Cmap;
using OpenQuizz.Typed.Topology;
using OpenQuizz.Typed.Topology.Events;

namespace OpenQuizz.Typed.Conformance.Sdam;

/// <summary>
/// The server-discovery-and-monitoring vectors: each file builds a <see cref="Cluster"/> from its URI (monitors that
/// never run, pools over fake connections), feeds it the hello replies and application errors of each phase, and
/// compares the topology (or, in <c>monitoring/</c>, the SDAM events) with the expected outcome.
/// </summary>
[Trait("Suite", "server-discovery-and-monitoring")]
public sealed class SdamSpecTests
{
    private const string Suite = "server-discovery-and-monitoring";

    public static TheoryData<string> OutcomeFiles => VectorJson.Files(Suite, "rs", "sharded", "single", "load-balanced", "errors");

    public static TheoryData<string> MonitoringFiles => VectorJson.Files(Suite, "monitoring");

    [Theory]
    [MemberData(nameof(OutcomeFiles))]
    public void Topology_matches_each_phase_outcome(string file)
    {
        var vector = VectorJson.Load(file);
        using var cluster = CreateCluster(vector, null);
        foreach (var phase in vector["phases"].Items())
        {
            RunPhase(cluster, phase);
            SdamOutcome.AssertTopology(phase["outcome"], cluster);
        }
    }

    [Theory]
    [MemberData(nameof(MonitoringFiles))]
    public void Events_match_each_phase(string file)
    {
        var vector = VectorJson.Load(file);
        var events = new RecordingSdamSubscriber();
        using var cluster = CreateCluster(vector, events);
        foreach (var phase in vector["phases"].Items())
        {
            RunPhase(cluster, phase);
            SdamOutcome.AssertEvents(phase["outcome"]["events"], events.Drain());
        }
    }

    private static Cluster CreateCluster(VectorNode vector, ISdamEventSubscriber? events)
    {
        var settings = TestUri.Parse(vector["uri"].String());
        var cluster = new Cluster(settings, NoMonitor.Instance, new FakeConnectionFactory(), sdamSubscriber: events);
        cluster.Open();
        return cluster;
    }

    private static void RunPhase(Cluster cluster, VectorNode phase)
    {
        if (phase.Optional("responses") is { } responses)
        {
            foreach (var response in responses.Items())
            {
                var pair = response.Items().ToArray();
                var address = VectorJson.Address(pair[0].String());
                var reply = pair[1].Document();
                if (reply.ElementCount == 0)
                {
                    cluster.OnCheckFailed(address, new MongoConnectionException(address, "Simulated network error during a check."));
                }
                else
                {
                    cluster.OnCheckSucceeded(ServerDescription.FromHello(address, reply, TimeSpan.Zero, DateTime.UtcNow));
                }
            }
        }

        if (phase.Optional("applicationErrors") is { } errors)
        {
            foreach (var error in errors.Items())
            {
                if (ToApplicationError(cluster, error) is { } applicationError)
                {
                    cluster.HandleApplicationError(applicationError);
                }
            }
        }
    }

    private static ApplicationError? ToApplicationError(Cluster cluster, VectorNode error)
    {
        var address = VectorJson.Address(error["address"].String());
        var generation = error.Optional("generation") is { } g ? (int)g.Long() : cluster.GetServer(address)?.Pool.Generation ?? 0;
        var maxWireVersion = (int)error["maxWireVersion"].Long();
        var phase = error["when"].String() switch
        {
            "beforeHandshakeCompletes" => ErrorPhase.BeforeHandshakeCompletes,
            "afterHandshakeCompletes" => ErrorPhase.AfterHandshakeCompletes,
            _ => throw error["when"].Fail("is not a known phase"),
        };
        return error["type"].String() switch
        {
            "command" => ApplicationError.FromReply(address, generation, maxWireVersion, phase, error["response"].Document()),
            "network" => ApplicationError.From(address, generation, maxWireVersion, phase, new MongoConnectionException(address, "Simulated network error.")),
            "timeout" => ApplicationError.From(address, generation, maxWireVersion, phase, new MongoConnectionException(address, "Simulated timeout.", isTimeout: true)),
            _ => throw error["type"].Fail("is not a known error type"),
        };
    }
}

/// <summary>Collects SDAM events in order.</summary>
internal sealed class RecordingSdamSubscriber : ISdamEventSubscriber
{
    private readonly List<SdamEvent> _events = [];

    public void Handle(SdamEvent sdamEvent)
    {
        lock (_events)
        {
            _events.Add(sdamEvent);
        }
    }

    public List<SdamEvent> Drain()
    {
        lock (_events)
        {
            var copy = _events.ToList();
            _events.Clear();
            return copy;
        }
    }
}

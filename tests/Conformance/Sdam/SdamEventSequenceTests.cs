using MongoDB.Bson;
using OpenQuizz.Typed.Conformance.Cmap;
using OpenQuizz.Typed.Topology;
using OpenQuizz.Typed.Topology.Events;

namespace OpenQuizz.Typed.Conformance.Sdam;

/// <summary>
/// The SDAM monitoring event sequence for the topologies the monitoring vectors do not cover (sharded, a replica set
/// discovered from an unknown topology, a single server that fails, closing): opening events first, then for each
/// check a ServerDescriptionChanged before the TopologyDescriptionChanged it causes, ServerClosed for a removed server
/// before that change, no event for a description that did not change, and closing events last.
/// </summary>
[Trait("Suite", "server-discovery-and-monitoring")]
public sealed class SdamEventSequenceTests
{
    private static readonly MongoServerAddress A = new("a", 27017);
    private static readonly MongoServerAddress B = new("b", 27017);

    private static BsonDocument Mongos() => new() { { "ok", 1 }, { "helloOk", true }, { "isWritablePrimary", true }, { "msg", "isdbgrid" }, { "minWireVersion", 0 }, { "maxWireVersion", 21 } };

    private static BsonDocument Primary(string setName, params string[] hosts) => new()
    {
        { "ok", 1 }, { "helloOk", true }, { "isWritablePrimary", true }, { "setName", setName }, { "setVersion", 1 },
        { "hosts", new BsonArray(hosts) }, { "minWireVersion", 0 }, { "maxWireVersion", 21 },
    };

    private static (Cluster Cluster, RecordingSdamSubscriber Events) Open(string uri)
    {
        var events = new RecordingSdamSubscriber();
        var cluster = new Cluster(TestUri.Parse(uri), NoMonitor.Instance, new FakeConnectionFactory(), sdamSubscriber: events);
        cluster.Open();
        return (cluster, events);
    }

    private static void Reply(Cluster cluster, MongoServerAddress address, BsonDocument hello) =>
        cluster.OnCheckSucceeded(ServerDescription.FromHello(address, hello, TimeSpan.Zero, DateTime.UtcNow));

    private static string Describe(SdamEvent e) => e switch
    {
        TopologyOpeningEvent => "TopologyOpening",
        TopologyClosedEvent => "TopologyClosed",
        ServerOpeningEvent s => "ServerOpening " + s.Address,
        ServerClosedEvent s => "ServerClosed " + s.Address,
        ServerDescriptionChangedEvent s => $"ServerDescriptionChanged {s.Address} {s.PreviousDescription.Type}->{s.NewDescription.Type}",
        TopologyDescriptionChangedEvent t => $"TopologyDescriptionChanged {t.PreviousDescription.Type}->{t.NewDescription.Type} [{string.Join(", ", t.NewDescription.Servers.Select(s => s.Address + ":" + s.Type))}]",
        _ => e.GetType().Name,
    };

    [Fact]
    public void A_sharded_cluster_discovered_from_two_seeds()
    {
        var (cluster, events) = Open("mongodb://a,b/");
        using (cluster)
        {
            Assert.Equal(
                ["TopologyOpening", "TopologyDescriptionChanged Unknown->Unknown [a:27017:Unknown, b:27017:Unknown]", "ServerOpening a:27017", "ServerOpening b:27017"],
                events.Drain().Select(Describe));

            Reply(cluster, A, Mongos());
            Assert.Equal(
                ["ServerDescriptionChanged a:27017 Unknown->Mongos", "TopologyDescriptionChanged Unknown->Sharded [a:27017:Mongos, b:27017:Unknown]"],
                events.Drain().Select(Describe));

            // A replica-set member in a sharded topology is removed: its change, its closing, then the topology's change.
            Reply(cluster, B, Primary("rs", "b:27017"));
            Assert.Equal(
                ["ServerDescriptionChanged b:27017 Unknown->RSPrimary", "ServerClosed b:27017", "TopologyDescriptionChanged Sharded->Sharded [a:27017:Mongos]"],
                events.Drain().Select(Describe));

            // The same reply again changes nothing: no event.
            Reply(cluster, A, Mongos());
            Assert.Empty(events.Drain());
        }

        Assert.Equal(["ServerClosed a:27017", "TopologyDescriptionChanged Sharded->Unknown []", "TopologyClosed"], events.Drain().Select(Describe));
    }

    [Fact]
    public void A_replica_set_discovered_from_an_unknown_topology_adds_the_members_the_primary_lists()
    {
        var (cluster, events) = Open("mongodb://a/?directConnection=false");
        using (cluster)
        {
            events.Drain();
            Reply(cluster, A, Primary("rs", "a:27017", "b:27017"));
            Assert.Equal(
                ["ServerDescriptionChanged a:27017 Unknown->RSPrimary", "ServerOpening b:27017", "TopologyDescriptionChanged Unknown->ReplicaSetWithPrimary [a:27017:RSPrimary, b:27017:Unknown]"],
                events.Drain().Select(Describe));
        }
    }

    [Fact]
    public void A_single_server_that_fails_its_check_becomes_unknown_and_stays_in_the_topology()
    {
        var (cluster, events) = Open("mongodb://a/?directConnection=true");
        using (cluster)
        {
            Assert.Equal(["TopologyOpening", "TopologyDescriptionChanged Unknown->Single [a:27017:Unknown]", "ServerOpening a:27017"], events.Drain().Select(Describe));
            Reply(cluster, A, Mongos());
            Assert.Equal(["ServerDescriptionChanged a:27017 Unknown->Mongos", "TopologyDescriptionChanged Single->Single [a:27017:Mongos]"], events.Drain().Select(Describe));

            cluster.OnCheckFailed(A, new MongoConnectionException(A, "reset"));
            Assert.Equal(["ServerDescriptionChanged a:27017 Mongos->Unknown", "TopologyDescriptionChanged Single->Single [a:27017:Unknown]"], events.Drain().Select(Describe));
        }
    }
}

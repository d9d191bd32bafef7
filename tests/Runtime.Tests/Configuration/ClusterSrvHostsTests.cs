using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Topology;
using OpenQuizz.Typed.Topology.Events;

namespace OpenQuizz.Typed.Tests.Configuration;

/// <summary><c>Cluster.ApplySrvHosts</c>: the SDAM rules for a seed list changed by SRV polling.</summary>
public sealed class ClusterSrvHostsTests
{
    private static readonly MongoServerAddress A = new("a.example.com");
    private static readonly MongoServerAddress B = new("b.example.com");
    private static readonly MongoServerAddress C = new("c.example.com");

    [Fact]
    public void Removed_servers_close_new_ones_open_as_Unknown_and_kept_ones_keep_their_description()
    {
        var events = new List<SdamEvent>();
        using var cluster = Cluster(events, A, B);
        var mongos = ServerDescription.FromHello(A, new BsonDocument { { "ok", 1 }, { "msg", "isdbgrid" }, { "maxWireVersion", 21 } }, TimeSpan.FromMilliseconds(1), DateTime.UtcNow);
        cluster.OnCheckSucceeded(mongos);
        Assert.Equal(TopologyType.Sharded, cluster.Description.Type);
        var keptServer = cluster.GetServer(A);
        events.Clear();

        cluster.ApplySrvHosts([new MongoServerAddress("A.example.com"), C]);

        Assert.Equal(TopologyType.Sharded, cluster.Description.Type);
        Assert.Equal([A, C], cluster.Description.Servers.Select(s => s.Address));
        Assert.Equal(ServerType.Mongos, cluster.Description.GetServer(A)!.Type);
        Assert.Equal(ServerType.Unknown, cluster.Description.GetServer(C)!.Type);
        Assert.Same(keptServer, cluster.GetServer(A));
        Assert.Null(cluster.GetServer(B));
        Assert.NotNull(cluster.GetServer(C));
        Assert.Contains(events, e => e is ServerOpeningEvent { Address: var address } && address.Equals(C));
        Assert.Contains(events, e => e is ServerClosedEvent { Address: var address } && address.Equals(B));
        Assert.IsType<TopologyDescriptionChangedEvent>(events[^1]);
        Assert.Equal([A, C], cluster.CurrentHosts);
    }

    [Fact]
    public void An_unknown_topology_takes_the_new_list()
    {
        using var cluster = Cluster([], A);
        Assert.True(cluster.IsSrvPollingActive);

        cluster.ApplySrvHosts([B, C]);

        Assert.Equal([B, C], cluster.CurrentHosts);
        Assert.Equal(TopologyType.Unknown, cluster.Description.Type);
    }

    [Fact]
    public void A_replica_set_is_not_changed_and_stops_polling()
    {
        using var cluster = Cluster([], A);
        var primary = new BsonDocument { { "ok", 1 }, { "isWritablePrimary", true }, { "setName", "rs" }, { "hosts", new BsonArray { "a.example.com:27017" } }, { "maxWireVersion", 21 } };
        cluster.OnCheckSucceeded(ServerDescription.FromHello(A, primary, TimeSpan.FromMilliseconds(1), DateTime.UtcNow));
        Assert.Equal(TopologyType.ReplicaSetWithPrimary, cluster.Description.Type);

        cluster.ApplySrvHosts([B]);

        Assert.False(cluster.IsSrvPollingActive);
        Assert.Equal([A], cluster.CurrentHosts);
    }

    [Fact]
    public void An_empty_list_or_a_closed_cluster_is_ignored()
    {
        var cluster = Cluster([], A);
        cluster.ApplySrvHosts([]);
        Assert.Equal([A], cluster.CurrentHosts);

        cluster.Dispose();
        cluster.ApplySrvHosts([B]);
        Assert.False(cluster.IsSrvPollingActive);
        Assert.Empty(cluster.CurrentHosts);
    }

    private static Cluster Cluster(List<SdamEvent> events, params MongoServerAddress[] seeds)
    {
        var cluster = new Cluster(
            new TopologySettings { Seeds = seeds, PoolBackgroundInterval = TimeSpan.FromMilliseconds(-1) },
            NoMonitor.Instance,
            new NoConnections(),
            sdamSubscriber: new Subscriber(events));
        cluster.Open();
        return cluster;
    }

    private sealed class Subscriber(List<SdamEvent> events) : ISdamEventSubscriber
    {
        public void Handle(SdamEvent sdamEvent) => events.Add(sdamEvent);
    }

    private sealed class NoConnections : Typed.Pooling.IPoolableConnectionFactory
    {
        public Typed.Pooling.IPoolableConnection Create(MongoServerAddress address, long id, int generation) => throw new InvalidOperationException();
    }
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Pooling;
using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Tests.Topology;

internal static class TopologyTestData
{
    public static readonly MongoServerAddress A = new("a", 27017);
    public static readonly MongoServerAddress B = new("b", 27017);

    public static BsonDocument Primary(params string[] hosts) => new()
    {
        { "ok", 1 }, { "isWritablePrimary", true }, { "setName", "rs" }, { "hosts", new BsonArray(hosts.Select(h => (BsonValue)h)) },
        { "minWireVersion", 0 }, { "maxWireVersion", 21 },
    };

    public static BsonDocument Secondary(params string[] hosts) => new()
    {
        { "ok", 1 }, { "secondary", true }, { "setName", "rs" }, { "hosts", new BsonArray(hosts.Select(h => (BsonValue)h)) },
        { "minWireVersion", 0 }, { "maxWireVersion", 21 },
    };

    public static Cluster ReplicaSetCluster(TimeProvider time, IServerMonitorFactory? monitors = null) =>
        new(new TopologySettings { Seeds = [A, B], InitialType = TopologyType.ReplicaSetNoPrimary, SetName = "rs", PoolBackgroundInterval = TimeSpan.FromMilliseconds(-1) },
            monitors ?? NoMonitor.Instance, new NoConnections(), time);

    private sealed class NoConnections : IPoolableConnectionFactory
    {
        public IPoolableConnection Create(MongoServerAddress address, long id, int generation) => throw new InvalidOperationException("No connections in this test.");
    }
}

using MongoDB.Bson;
using OpenQuizz.Typed.Selection;
using OpenQuizz.Typed.Topology;
using static OpenQuizz.Typed.Tests.Topology.TopologyTestData;

namespace OpenQuizz.Typed.Tests.Topology;

/// <summary>Server selection on a live cluster, with the clock under the test's control.</summary>
public sealed class ClusterSelectionTests
{
    [Fact]
    public async Task Selection_times_out_with_the_topology_in_the_message()
    {
        var time = new ManualTimeProvider();
        using var cluster = ReplicaSetCluster(time);
        var selecting = cluster.SelectServerAsync(ServerSelection.ForWrite(TimeSpan.FromMilliseconds(15)), TestContext.Current.CancellationToken).AsTask();
        await time.WhenAsync(() => time.PendingTimers > 0, "the background loop waits on the clock");

        time.Advance(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<ServerSelectionTimeoutException>(() => selecting);
        Assert.Contains("ReplicaSetNoPrimary", error.Message);
        Assert.Contains("a:27017", error.TopologyDescription);
    }

    [Fact]
    public async Task A_waiting_selection_completes_when_a_primary_is_discovered()
    {
        var time = new ManualTimeProvider();
        using var cluster = ReplicaSetCluster(time);
        var selecting = cluster.SelectServerAsync(ServerSelection.ForWrite(TimeSpan.FromMilliseconds(15)), TestContext.Current.CancellationToken).AsTask();
        await time.WhenAsync(() => time.PendingTimers > 0, "the background loop waits on the clock");

        cluster.OnCheckSucceeded(ServerDescription.FromHello(A, Primary("a:27017", "b:27017"), TimeSpan.FromMilliseconds(2), time.GetUtcNow().UtcDateTime));

        using var selected = await selecting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(A, selected.Description.Address);
        Assert.Equal(1, selected.Server.OperationCount);
        selected.Dispose();
        Assert.Equal(0, selected.Server.OperationCount);
    }

    [Fact]
    public async Task A_retry_avoids_the_deprioritized_mongos_when_another_is_suitable()
    {
        var time = new ManualTimeProvider();
        using var cluster = new Cluster(new TopologySettings { Seeds = [A, B], PoolBackgroundInterval = TimeSpan.FromMilliseconds(-1) }, NoMonitor.Instance, new FakeNoConnections(), time);
        cluster.Open();
        var mongos = new MongoDB.Bson.BsonDocument { { "ok", 1 }, { "msg", "isdbgrid" }, { "maxWireVersion", 21 } };
        cluster.OnCheckSucceeded(ServerDescription.FromHello(A, mongos, TimeSpan.FromMilliseconds(1), time.GetUtcNow().UtcDateTime));
        cluster.OnCheckSucceeded(ServerDescription.FromHello(B, mongos, TimeSpan.FromMilliseconds(1), time.GetUtcNow().UtcDateTime));

        for (var i = 0; i < 20; i++)
        {
            using var selected = await cluster.SelectServerAsync(ServerSelection.ForWrite(TimeSpan.FromMilliseconds(15), [A]), TestContext.Current.CancellationToken);
            Assert.Equal(B, selected.Description.Address);
        }
    }

    private sealed class FakeNoConnections : Typed.Pooling.IPoolableConnectionFactory
    {
        public Typed.Pooling.IPoolableConnection Create(MongoServerAddress address, long id, int generation) => throw new InvalidOperationException();
    }
}

using MongoDB.Bson;
using OpenQuizz.Typed.Topology;
using static OpenQuizz.Typed.Tests.Topology.TopologyTestData;

namespace OpenQuizz.Typed.Tests.Topology;

/// <summary>The pure transition function: snapshots are never mutated, and failover steps follow the SDAM rules.</summary>
public sealed class TopologyTransitionsTests
{
    private static readonly DateTime Now = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Applying_a_primary_returns_a_new_snapshot_and_leaves_the_old_one_alone()
    {
        var initial = TopologyDescription.CreateInitial([A, B], TopologyType.ReplicaSetNoPrimary, "rs", TimeSpan.FromSeconds(10));

        var next = TopologyTransitions.Apply(initial, ServerDescription.FromHello(A, Primary("a:27017", "b:27017"), TimeSpan.FromMilliseconds(1), Now));

        Assert.Equal(TopologyType.ReplicaSetNoPrimary, initial.Type);
        Assert.All(initial.Servers, s => Assert.Equal(ServerType.Unknown, s.Type));
        Assert.Equal(TopologyType.ReplicaSetWithPrimary, next.Type);
        Assert.Equal(ServerType.RSPrimary, next.GetServer(A)!.Type);
    }

    [Fact]
    public void A_network_error_on_the_primary_clears_its_pool_and_loses_the_primary()
    {
        var topology = TopologyTransitions.Apply(
            TopologyDescription.CreateInitial([A, B], TopologyType.ReplicaSetNoPrimary, "rs", TimeSpan.FromSeconds(10)),
            ServerDescription.FromHello(A, Primary("a:27017", "b:27017"), TimeSpan.FromMilliseconds(1), Now));
        var error = ApplicationError.From(A, 0, 21, ErrorPhase.AfterHandshakeCompletes, new MongoConnectionException(A, "reset"));

        var outcome = TopologyTransitions.HandleApplicationError(topology, error, poolGeneration: 0);

        Assert.True(outcome.ClearPool);
        Assert.True(outcome.CancelCheck);
        Assert.Equal(TopologyType.ReplicaSetNoPrimary, outcome.Description.Type);
        Assert.Equal(ServerType.Unknown, outcome.Description.GetServer(A)!.Type);
    }

    [Fact]
    public void An_error_from_an_older_connection_generation_is_ignored()
    {
        var topology = TopologyTransitions.Apply(
            TopologyDescription.CreateInitial([A], TopologyType.ReplicaSetNoPrimary, "rs", TimeSpan.FromSeconds(10)),
            ServerDescription.FromHello(A, Primary("a:27017"), TimeSpan.FromMilliseconds(1), Now));
        var error = ApplicationError.From(A, 0, 21, ErrorPhase.AfterHandshakeCompletes, new MongoConnectionException(A, "reset"));

        var outcome = TopologyTransitions.HandleApplicationError(topology, error, poolGeneration: 1);

        Assert.Same(topology, outcome.Description);
        Assert.False(outcome.ClearPool);
    }

    [Fact]
    public void A_step_down_on_a_4_2_server_requests_a_check_without_clearing_the_pool()
    {
        var topology = TopologyTransitions.Apply(
            TopologyDescription.CreateInitial([A], TopologyType.ReplicaSetNoPrimary, "rs", TimeSpan.FromSeconds(10)),
            ServerDescription.FromHello(A, Primary("a:27017"), TimeSpan.FromMilliseconds(1), Now));
        var reply = new MongoDB.Bson.BsonDocument { { "ok", 0 }, { "code", 10107 }, { "errmsg", "not primary" } };

        var outcome = TopologyTransitions.HandleApplicationError(topology, ApplicationError.FromReply(A, 0, 8, ErrorPhase.AfterHandshakeCompletes, reply)!, 0);

        Assert.False(outcome.ClearPool);
        Assert.True(outcome.RequestImmediateCheck);
        Assert.Equal(ServerType.Unknown, outcome.Description.GetServer(A)!.Type);
    }
}

using MongoDB.Bson;
using OpenQuizz.Typed.Topology;
using static OpenQuizz.Typed.Tests.Topology.TopologyTestData;

namespace OpenQuizz.Typed.Tests.Topology;

/// <summary>
/// SDAM "updateRSFromPrimary": a primary whose (electionId, setVersion) is older than the largest seen is stale. Servers
/// of 6.0+ (maxWireVersion 17) order by electionId first; older servers by setVersion first, and record the electionId
/// of every primary that reports both, even the first one.
/// </summary>
public sealed class PrimaryOrderingTests
{
    private static readonly DateTime Now = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly ObjectId Low = ObjectId.Parse("000000000000000000000001");
    private static readonly ObjectId High = ObjectId.Parse("000000000000000000000002");

    private static TopologyDescription Initial() =>
        TopologyDescription.CreateInitial([A, B], TopologyType.ReplicaSetNoPrimary, "rs", TimeSpan.FromSeconds(10));

    private static ServerDescription PrimaryAt(MongoServerAddress address, int wire, ObjectId? electionId, int? setVersion)
    {
        var hello = Primary("a:27017", "b:27017");
        hello["maxWireVersion"] = wire;
        if (electionId is { } id)
        {
            hello["electionId"] = id;
        }

        if (setVersion is { } version)
        {
            hello["setVersion"] = version;
        }

        return ServerDescription.FromHello(address, hello, TimeSpan.FromMilliseconds(1), Now);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(8)]
    public void The_first_primary_records_its_election_id_and_set_version(int wire)
    {
        var topology = TopologyTransitions.Apply(Initial(), PrimaryAt(A, wire, High, 2));

        Assert.Equal(High, topology.MaxElectionId);
        Assert.Equal(2, topology.MaxSetVersion);
        Assert.Equal(ServerType.RSPrimary, topology.GetServer(A)!.Type);
    }

    [Fact]
    public void From_6_0_a_newer_election_wins_even_with_a_lower_set_version()
    {
        var topology = TopologyTransitions.Apply(Initial(), PrimaryAt(A, 17, Low, 5));
        topology = TopologyTransitions.Apply(topology, PrimaryAt(B, 17, High, 1));

        Assert.Equal(ServerType.RSPrimary, topology.GetServer(B)!.Type);
        Assert.Equal(ServerType.Unknown, topology.GetServer(A)!.Type);
        Assert.Equal(High, topology.MaxElectionId);
        Assert.Equal(1, topology.MaxSetVersion);
    }

    [Fact]
    public void From_6_0_an_older_election_is_stale_even_with_a_higher_set_version()
    {
        var topology = TopologyTransitions.Apply(Initial(), PrimaryAt(A, 17, High, 1));
        topology = TopologyTransitions.Apply(topology, PrimaryAt(B, 17, Low, 9));

        Assert.Equal(ServerType.RSPrimary, topology.GetServer(A)!.Type);
        Assert.Equal(ServerType.Unknown, topology.GetServer(B)!.Type);
        Assert.Equal(High, topology.MaxElectionId);
        Assert.Equal(1, topology.MaxSetVersion);
    }

    [Fact]
    public void Before_6_0_a_higher_set_version_wins_even_with_an_older_election()
    {
        var topology = TopologyTransitions.Apply(Initial(), PrimaryAt(A, 8, High, 1));
        topology = TopologyTransitions.Apply(topology, PrimaryAt(B, 8, Low, 2));

        Assert.Equal(ServerType.RSPrimary, topology.GetServer(B)!.Type);
        Assert.Equal(ServerType.Unknown, topology.GetServer(A)!.Type);
        Assert.Equal(Low, topology.MaxElectionId);
        Assert.Equal(2, topology.MaxSetVersion);
    }

    [Fact]
    public void Before_6_0_an_older_election_at_the_same_set_version_is_stale()
    {
        var topology = TopologyTransitions.Apply(Initial(), PrimaryAt(A, 8, High, 1));
        topology = TopologyTransitions.Apply(topology, PrimaryAt(B, 8, Low, 1));

        Assert.Equal(ServerType.RSPrimary, topology.GetServer(A)!.Type);
        Assert.Equal(ServerType.Unknown, topology.GetServer(B)!.Type);
    }

    [Fact]
    public void Before_6_0_a_lower_set_version_is_stale()
    {
        var topology = TopologyTransitions.Apply(Initial(), PrimaryAt(A, 8, Low, 3));
        topology = TopologyTransitions.Apply(topology, PrimaryAt(B, 8, High, 2));

        Assert.Equal(ServerType.RSPrimary, topology.GetServer(A)!.Type);
        Assert.Equal(ServerType.Unknown, topology.GetServer(B)!.Type);
        Assert.Equal(3, topology.MaxSetVersion);
    }

    [Fact]
    public void From_6_0_a_primary_without_an_election_id_after_one_with_is_stale()
    {
        var topology = TopologyTransitions.Apply(Initial(), PrimaryAt(A, 17, Low, 1));
        topology = TopologyTransitions.Apply(topology, PrimaryAt(B, 17, null, 5));

        Assert.Equal(ServerType.RSPrimary, topology.GetServer(A)!.Type);
        Assert.Equal(ServerType.Unknown, topology.GetServer(B)!.Type);
    }
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Selection;
using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Tests.Selection;

/// <summary>Single-criterion selectors compose; each is a pure function of a snapshot.</summary>
public sealed class SelectorTests
{
    private static readonly MongoServerAddress A = new("a", 27017);
    private static readonly MongoServerAddress B = new("b", 27017);
    private static readonly DateTime Now = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_secondary_read_with_unmatched_tags_falls_back_to_the_primary_only_for_secondaryPreferred()
    {
        var topology = ReplicaSet();
        var tags = new[] { new TagSet(new Tag("dc", "tokyo")) };

        Assert.Empty(ServerSelection.Select(ServerSelection.ForRead(new ReadPreference(ReadPreferenceMode.Secondary, tags), TimeSpan.FromMilliseconds(15)), topology));
        var fallback = ServerSelection.Select(ServerSelection.ForRead(new ReadPreference(ReadPreferenceMode.SecondaryPreferred, tags), TimeSpan.FromMilliseconds(15)), topology);
        Assert.Equal(A, Assert.Single(fallback).Address);
    }

    [Fact]
    public void The_latency_window_keeps_servers_within_the_threshold_of_the_fastest()
    {
        var topology = ReplicaSet(primaryRtt: 5, secondaryRtt: 30);

        var window = ServerSelection.Select(ServerSelection.ForRead(ReadPreference.Nearest, TimeSpan.FromMilliseconds(15)), topology);

        Assert.Equal(A, Assert.Single(window).Address);
    }

    [Fact]
    public void A_too_small_max_staleness_is_rejected()
    {
        var readPreference = new ReadPreference(ReadPreferenceMode.Secondary, maxStaleness: TimeSpan.FromSeconds(30));

        Assert.Throws<MongoConfigurationException>(() => ServerSelection.Select(ServerSelection.ForRead(readPreference, TimeSpan.FromMilliseconds(15)), ReplicaSet()));
    }

    private static TopologyDescription ReplicaSet(double primaryRtt = 5, double secondaryRtt = 5)
    {
        var hosts = new BsonArray { "a:27017", "b:27017" };
        var primary = new BsonDocument { { "ok", 1 }, { "isWritablePrimary", true }, { "setName", "rs" }, { "hosts", hosts }, { "maxWireVersion", 21 }, { "tags", new BsonDocument("dc", "nyc") } };
        var secondary = new BsonDocument { { "ok", 1 }, { "secondary", true }, { "setName", "rs" }, { "hosts", hosts }, { "maxWireVersion", 21 }, { "tags", new BsonDocument("dc", "nyc") } };
        var topology = TopologyDescription.CreateInitial([A, B], TopologyType.ReplicaSetNoPrimary, "rs", TimeSpan.FromSeconds(10));
        topology = TopologyTransitions.Apply(topology, ServerDescription.FromHello(A, primary, TimeSpan.FromMilliseconds(primaryRtt), Now));
        return TopologyTransitions.Apply(topology, ServerDescription.FromHello(B, secondary, TimeSpan.FromMilliseconds(secondaryRtt), Now));
    }
}

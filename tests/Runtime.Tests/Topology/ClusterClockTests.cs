using MongoDB.Bson;
using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Tests.Topology;

/// <summary>The client's cluster time only moves forward (sessions spec, "Gossipping the cluster time").</summary>
public sealed class ClusterClockTests
{
    private static BsonDocument At(int seconds, int increment) => new()
    {
        { "clusterTime", new BsonTimestamp(seconds, increment) },
        { "signature", new BsonDocument { { "hash", new BsonBinaryData(new byte[20]) }, { "keyId", 0L } } },
    };

    [Fact]
    public void The_greatest_cluster_time_seen_is_kept()
    {
        var clock = new ClusterClock();
        Assert.Null(clock.ClusterTime);

        clock.Advance(At(10, 1));
        clock.Advance(At(10, 3));
        clock.Advance(At(9, 7));
        clock.Advance(null);
        clock.Advance(new BsonDocument("clusterTime", 5));

        Assert.Equal(At(10, 3), clock.ClusterTime);
    }
}

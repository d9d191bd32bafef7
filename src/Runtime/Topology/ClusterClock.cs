using MongoDB.Bson;

namespace OpenQuizz.Typed.Topology;

/// <summary>
/// The highest <c>$clusterTime</c> the client has seen in a server reply (sessions spec, "Gossipping the cluster
/// time"): every command to a server that is not a standalone carries it, so the deployment's logical clock advances
/// through the client. Thread-safe; one per client.
/// </summary>
internal sealed class ClusterClock
{
    private BsonDocument? _clusterTime;

    /// <summary>The greatest <c>$clusterTime</c> document seen, or null before any.</summary>
    public BsonDocument? ClusterTime => Volatile.Read(ref _clusterTime);

    /// <summary>Keeps <paramref name="candidate"/> when its <c>clusterTime</c> timestamp is greater than the current one.</summary>
    public void Advance(BsonDocument? candidate)
    {
        if (candidate?.GetValue("clusterTime", null) is not BsonTimestamp time)
        {
            return;
        }

        while (true)
        {
            var current = Volatile.Read(ref _clusterTime);
            if (current?.GetValue("clusterTime", null) is BsonTimestamp known && known.Value >= time.Value)
            {
                return;
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref _clusterTime, candidate, current), current))
            {
                return;
            }
        }
    }
}

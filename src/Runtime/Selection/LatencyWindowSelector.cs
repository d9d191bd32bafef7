using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Selection;

/// <summary>Keeps the candidates whose average round trip time is within <c>localThresholdMS</c> of the fastest.</summary>
internal sealed class LatencyWindowSelector(TimeSpan localThreshold) : IServerSelector
{
    public TimeSpan LocalThreshold { get; } = localThreshold;

    /// <inheritdoc/>
    public IReadOnlyList<ServerDescription> Select(TopologyDescription topology, IReadOnlyList<ServerDescription> candidates)
    {
        TimeSpan? fastest = null;
        foreach (var server in candidates)
        {
            if (server.RoundTripTime is { } rtt && (fastest is null || rtt < fastest))
            {
                fastest = rtt;
            }
        }

        if (fastest is not { } minimum)
        {
            return candidates;
        }

        var limit = minimum + LocalThreshold;

        // A load balancer is never checked, so it has no round trip time and is always in the window.
        return [.. candidates.Where(s => s.RoundTripTime is not { } rtt || rtt <= limit)];
    }

    /// <inheritdoc/>
    public override string ToString() => $"latency window {LocalThreshold.TotalMilliseconds} ms";
}

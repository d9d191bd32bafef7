using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Selection;

/// <summary>Builds the standard selector chains and makes the final choice among the servers in the latency window.</summary>
internal static class ServerSelection
{
    /// <summary>The selector for a read: suitability by read preference (avoiding deprioritized servers), then the latency window.</summary>
    public static IServerSelector ForRead(ReadPreference readPreference, TimeSpan localThreshold, IReadOnlyCollection<MongoServerAddress>? deprioritized = null) =>
        Chain(new ReadPreferenceServerSelector(readPreference), localThreshold, deprioritized);

    /// <summary>The selector for a write: a writable server (avoiding deprioritized servers), then the latency window.</summary>
    public static IServerSelector ForWrite(TimeSpan localThreshold, IReadOnlyCollection<MongoServerAddress>? deprioritized = null) =>
        Chain(WritableServerSelector.Instance, localThreshold, deprioritized);

    /// <summary>Runs a selector over every server of the topology.</summary>
    public static IReadOnlyList<ServerDescription> Select(IServerSelector selector, TopologyDescription topology) =>
        selector.Select(topology, topology.Servers);

    private static IServerSelector Chain(IServerSelector suitability, TimeSpan localThreshold, IReadOnlyCollection<MongoServerAddress>? deprioritized) =>
        new CompositeServerSelector(
            deprioritized is { Count: > 0 } ? new DeprioritizingSelector(suitability, deprioritized) : suitability,
            new LatencyWindowSelector(localThreshold));
}

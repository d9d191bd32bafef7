using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Selection;

/// <summary>Servers that accept writes: the primary of a replica set, mongoses, the single server, the load balancer.</summary>
internal sealed class WritableServerSelector : IServerSelector
{
    public static WritableServerSelector Instance { get; } = new();

    /// <inheritdoc/>
    public IReadOnlyList<ServerDescription> Select(TopologyDescription topology, IReadOnlyList<ServerDescription> candidates) =>
        topology.Type switch
        {
            TopologyType.Single or TopologyType.LoadBalanced => [.. candidates.Where(s => s.IsAvailable)],
            TopologyType.Sharded => [.. candidates.Where(s => s.Type == ServerType.Mongos)],
            TopologyType.ReplicaSetWithPrimary or TopologyType.ReplicaSetNoPrimary => [.. candidates.Where(s => s.Type == ServerType.RSPrimary)],
            _ => [],
        };

    /// <inheritdoc/>
    public override string ToString() => "writable";
}

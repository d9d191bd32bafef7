using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Selection;

/// <summary>
/// Servers suitable for a read with the given read preference (the server selection specification's "suitable"
/// step): the mode picks the member types, then max staleness and the first matching tag set narrow the secondaries.
/// Outside a replica set the read preference only travels to the server (mongos) and every available server is suitable.
/// </summary>
internal sealed class ReadPreferenceServerSelector(ReadPreference readPreference) : IServerSelector
{
    public ReadPreference ReadPreference { get; } = readPreference ?? throw new ArgumentNullException(nameof(readPreference));

    /// <inheritdoc/>
    public IReadOnlyList<ServerDescription> Select(TopologyDescription topology, IReadOnlyList<ServerDescription> candidates)
    {
        switch (topology.Type)
        {
            case TopologyType.Single or TopologyType.LoadBalanced:
                return [.. candidates.Where(s => s.IsAvailable)];
            case TopologyType.Sharded:
                return [.. candidates.Where(s => s.Type == ServerType.Mongos)];
            case TopologyType.ReplicaSetWithPrimary or TopologyType.ReplicaSetNoPrimary:
                break;
            default:
                return [];
        }

        MaxStalenessRules.Validate(topology, ReadPreference);
        var primary = candidates.Where(s => s.Type == ServerType.RSPrimary).ToList();
        switch (ReadPreference.Mode)
        {
            case ReadPreferenceMode.Primary:
                return primary;
            case ReadPreferenceMode.PrimaryPreferred:
                return primary.Count > 0 ? primary : EligibleSecondaries(topology, candidates);
            case ReadPreferenceMode.Secondary:
                return EligibleSecondaries(topology, candidates);
            case ReadPreferenceMode.SecondaryPreferred:
                var secondaries = EligibleSecondaries(topology, candidates);
                return secondaries.Count > 0 ? secondaries : primary;
            default:
                var members = candidates.Where(s => s.Type is ServerType.RSPrimary or ServerType.RSSecondary).ToList();
                return TagSetRules.FirstMatching(MaxStalenessRules.Filter(topology, members, ReadPreference.MaxStaleness), ReadPreference.TagSets);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"read preference {ReadPreference}";

    private List<ServerDescription> EligibleSecondaries(TopologyDescription topology, IReadOnlyList<ServerDescription> candidates)
    {
        var secondaries = candidates.Where(s => s.Type == ServerType.RSSecondary).ToList();
        return TagSetRules.FirstMatching(MaxStalenessRules.Filter(topology, secondaries, ReadPreference.MaxStaleness), ReadPreference.TagSets);
    }
}

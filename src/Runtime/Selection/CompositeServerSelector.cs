using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Selection;

/// <summary>Applies selectors in order, each to the previous one's result.</summary>
internal sealed class CompositeServerSelector(params IServerSelector[] selectors) : IServerSelector
{
    /// <inheritdoc/>
    public IReadOnlyList<ServerDescription> Select(TopologyDescription topology, IReadOnlyList<ServerDescription> candidates)
    {
        foreach (var selector in selectors)
        {
            if (candidates.Count == 0)
            {
                break;
            }

            candidates = selector.Select(topology, candidates);
        }

        return candidates;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(" then ", selectors.Select(s => s.ToString()));
}

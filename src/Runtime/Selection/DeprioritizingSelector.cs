using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Selection;

/// <summary>
/// For retries: applies <paramref name="inner"/> to the servers that have not failed this operation yet, and only when
/// none of those is suitable, to all of them — so a retry goes elsewhere when it can, and back when it cannot.
/// </summary>
internal sealed class DeprioritizingSelector(IServerSelector inner, IReadOnlyCollection<MongoServerAddress> deprioritized) : IServerSelector
{
    /// <inheritdoc/>
    public IReadOnlyList<ServerDescription> Select(TopologyDescription topology, IReadOnlyList<ServerDescription> candidates)
    {
        if (deprioritized.Count > 0)
        {
            var preferred = inner.Select(topology, [.. candidates.Where(s => !deprioritized.Contains(s.Address))]);
            if (preferred.Count > 0)
            {
                return preferred;
            }
        }

        return inner.Select(topology, candidates);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{inner}, avoiding {string.Join(", ", deprioritized)}";
}

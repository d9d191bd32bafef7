namespace OpenQuizz.Typed.Topology;

/// <summary>The server selection specification's final step among the servers in the latency window.</summary>
internal static class OperationCountChoice
{
    /// <summary>
    /// Picks two candidates at random and returns the one with fewer operations in flight ("power of two random
    /// choices"), which spreads load without herding onto one server; the only candidate when there is one.
    /// </summary>
    public static T? Choose<T>(IReadOnlyList<T> candidates, Func<T, int> operationCount, Random random)
        where T : class
    {
        if (candidates.Count <= 1)
        {
            return candidates.Count == 1 ? candidates[0] : null;
        }

        var first = random.Next(candidates.Count);
        var second = random.Next(candidates.Count - 1);
        if (second >= first)
        {
            second++;
        }

        var a = candidates[first];
        var b = candidates[second];
        return operationCount(b) < operationCount(a) ? b : a;
    }
}

using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Selection;

/// <summary>Tag set matching: the servers matching the first tag set that any server matches; no tag sets match everything.</summary>
internal static class TagSetRules
{
    public static List<ServerDescription> FirstMatching(List<ServerDescription> servers, IReadOnlyList<TagSet> tagSets)
    {
        if (tagSets.Count == 0)
        {
            return servers;
        }

        foreach (var tagSet in tagSets)
        {
            var matching = servers.Where(s => tagSet.IsMatchedBy(s.Tags)).ToList();
            if (matching.Count > 0)
            {
                return matching;
            }
        }

        return [];
    }
}

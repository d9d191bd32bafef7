using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Indexes;
using OpenQuizz.Typed.Embedded.Query;
using OpenQuizz.Typed.Embedded.Storage;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>A matching document, its record id and the array position the filter matched (for positional <c>$</c>).</summary>
internal readonly record struct QueryMatch(long RecordId, BsonDocument Document, int ArrayIndex);

/// <summary>
/// Runs a filter over a collection: a point lookup when the filter pins <c>_id</c> to one value, otherwise a
/// scan in natural order. This is where secondary indexes will plug in (choosing a plan from the filter).
/// The caller holds the collection lock.
/// </summary>
internal static class QueryExecutor
{
    public static List<QueryMatch> FindMatches(CollectionStore collection, FilterNode filter, bool needDetails, int stopAfter = int.MaxValue)
    {
        var matches = new List<QueryMatch>();
        if (stopAfter <= 0)
        {
            return matches;
        }

        if (TryGetIdEquality(filter, out var id))
        {
            if (collection.TryGetById(id, out var recordId, out var document))
            {
                collection.DocumentsExamined++;
                var details = needDetails ? new MatchDetails() : null;
                if (filter.Matches(document, details))
                {
                    matches.Add(new QueryMatch(recordId, document, details?.ArrayIndex ?? -1));
                }
            }

            return matches;
        }

        if (IndexPlanner.TryGetCandidates(collection, filter, out var candidates))
        {
            foreach (var recordId in candidates)
            {
                OperationLimits.CheckTime();
                collection.DocumentsExamined++;
                var document = collection.GetDocument(recordId);
                var details = needDetails ? new MatchDetails() : null;
                if (filter.Matches(document, details))
                {
                    matches.Add(new QueryMatch(recordId, document, details?.ArrayIndex ?? -1));
                    if (matches.Count >= stopAfter)
                    {
                        break;
                    }
                }
            }

            return matches;
        }

        foreach (var (recordId, stored) in collection.Scan())
        {
            OperationLimits.CheckTime();
            collection.DocumentsExamined++;
            var details = needDetails ? new MatchDetails() : null;
            if (filter.Matches(stored.Document, details))
            {
                matches.Add(new QueryMatch(recordId, stored.Document, details?.ArrayIndex ?? -1));
                if (matches.Count >= stopAfter)
                {
                    break;
                }
            }
        }

        return matches;
    }

    /// <summary>Sorts (stably), then applies skip and limit (0 = none).</summary>
    public static List<QueryMatch> SortSkipLimit(List<QueryMatch> matches, SortSpec? sort, long skip, long limit)
    {
        if (sort is not null && limit > 0 && skip + limit < matches.Count)
        {
            // A sort with a limit keeps only the best skip + limit matches (mongod's top-k sort).
            matches = sort.Top(matches, (int)(skip + limit), static m => m.Document, "Sort");
        }
        else if (sort is not null && matches.Count > 1)
        {
            // A blocking sort holds every match at once: bounded like mongod's (100 MB by default), which never
            // spills here since this server has no disk-backed sort.
            var memory = 0L;
            foreach (var match in matches)
            {
                OperationLimits.CheckTime();
                memory += match.Document.GetEncodedSize();
                OperationLimits.CheckMemory(memory, "Sort", ErrorCodes.QueryExceededMemoryLimitNoDiskUseAllowed);
            }

            var documents = matches.ConvertAll(m => m.Document);
            var byDocument = new Dictionary<BsonDocument, QueryMatch>(ReferenceEqualityComparer.Instance);
            foreach (var match in matches)
            {
                byDocument[match.Document] = match;
            }

            sort.Sort(documents);
            matches = documents.ConvertAll(d => byDocument[d]);
        }

        var start = (int)Math.Min(skip, matches.Count);
        var count = matches.Count - start;
        if (limit > 0 && limit < count)
        {
            count = (int)limit;
        }

        return start == 0 && count == matches.Count ? matches : matches.GetRange(start, count);
    }

    /// <summary>Whether the filter is (or is an $and containing) an equality on <c>_id</c> with a plain value.</summary>
    public static bool TryGetIdEquality(FilterNode filter, out BsonValue id)
    {
        if (filter.TryGetEquality(out var path, out id) && path == "_id" && id is not (BsonArray or BsonNull or BsonDocument))
        {
            return true;
        }

        if (filter is AndNode and)
        {
            foreach (var child in and.Children)
            {
                if (child.TryGetEquality(out path, out id) && path == "_id" && id is not (BsonArray or BsonNull or BsonDocument))
                {
                    return true;
                }
            }
        }

        id = BsonNull.Value;
        return false;
    }
}

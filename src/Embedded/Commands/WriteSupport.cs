using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Protocol;
using OpenQuizz.Typed.Embedded.Query;
using OpenQuizz.Typed.Embedded.Storage;
using OpenQuizz.Typed.Embedded.Update;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>The steps every write command shares: validation of stored documents, update-or-upsert of one statement.</summary>
internal static class WriteSupport
{
    public static void CheckBatchSize(CommandContext context, BsonArray statements)
    {
        if (statements.Count is 0 or > WireLimits.MaxWriteBatchSize)
        {
            throw new MongoServerException(16, $"Write batch sizes must be between 1 and {WireLimits.MaxWriteBatchSize}. Got {statements.Count} operations.");
        }

        _ = context;
    }

    /// <summary>Gives a new document its <c>_id</c> (first), checks it and stores it. Caller holds the collection lock.</summary>
    public static BsonDocument InsertNew(CollectionStore collection, BsonDocument document, bool fromUpdate)
    {
        document = UpsertSeed.EnsureIdFirst(document);
        var size = StorageValidation.Validate(document, fromUpdate);
        collection.Insert(document, size);
        return document;
    }

    /// <summary>Checks a document about to be stored (size, depth, <c>_id</c>; see <see cref="StorageValidation"/>) and returns its size.</summary>
    public static int CheckSize(BsonDocument document, bool fromUpdate) => StorageValidation.Validate(document, fromUpdate);

    /// <summary>The outcome of one update statement.</summary>
    public readonly record struct UpdateResult(int Matched, int Modified, BsonValue? UpsertedId, BsonDocument? Before, BsonDocument? After);

    /// <summary>
    /// Applies one update statement under the collection lock: to the first match (or every match with
    /// <paramref name="multi"/>), or inserts the upsert document when nothing matched.
    /// </summary>
    public static UpdateResult ApplyUpdate(
        CollectionStore collection,
        FilterNode filter,
        BsonDocument? query,
        UpdateSpec update,
        bool multi,
        bool upsert,
        SortSpec? sort,
        DateTimeOffset now)
    {
        var matches = QueryExecutor.FindMatches(collection, filter, needDetails: true, stopAfter: multi || sort is not null ? int.MaxValue : 1);
        if (sort is not null && matches.Count > 1)
        {
            matches = QueryExecutor.SortSkipLimit(matches, sort, 0, 1);
        }

        if (matches.Count == 0)
        {
            if (!upsert)
            {
                return new UpdateResult(0, 0, null, null, null);
            }

            var seed = UpsertSeed.FromQuery(query);
            if (update.IsReplacement)
            {
                seed = seed.TryGetValue("_id", out var seedId) ? new BsonDocument("_id", seedId) : [];
            }

            var inserted = update.Apply(seed, new UpdateContext { IsInsert = true, Now = now });
            inserted = InsertNew(collection, inserted, fromUpdate: true);
            return new UpdateResult(0, 0, inserted["_id"], null, inserted);
        }

        var modified = 0;
        BsonDocument? firstBefore = null, firstAfter = null;
        foreach (var match in matches)
        {
            var copy = (BsonDocument)match.Document.DeepClone();
            var result = update.Apply(copy, new UpdateContext { Details = new MatchDetails { ArrayIndex = match.ArrayIndex }, Now = now });
            firstBefore ??= match.Document;
            if (!result.Equals(match.Document))
            {
                result = UpsertSeed.EnsureIdFirst(result);
                collection.Replace(match.RecordId, result, CheckSize(result, fromUpdate: true));
                modified++;
                firstAfter ??= result;
            }
            else
            {
                firstAfter ??= match.Document;
            }
        }

        return new UpdateResult(matches.Count, modified, null, firstBefore, firstAfter);
    }
}

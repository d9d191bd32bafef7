using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>find: filter, sort, projection, skip, limit, batchSize and singleBatch, answered through a cursor.</summary>
internal sealed class FindCommand : ICommandHandler
{
    /// <summary>mongod's first batch when the client names no batch size.</summary>
    private const int DefaultFirstBatch = 101;

    public IEnumerable<string> Names => ["find"];

    public BsonDocument Execute(CommandContext context)
    {
        var name = context.CollectionName();
        var ns = context.Database + "." + name;
        var filter = FilterParser.Parse(Arguments.Document(context, "filter"));
        var sort = SortSpec.Parse(Arguments.Document(context, "sort"));
        var projection = Projection.Parse(Arguments.Document(context, "projection"));
        var skip = Arguments.Long(context, "skip", 0) ?? 0;
        var limit = Arguments.Long(context, "limit", 0) ?? 0;
        var batchSize = Arguments.Long(context, "batchSize", 0);
        var singleBatch = Arguments.Bool(context, "singleBatch");
        if (Arguments.Bool(context, "tailable"))
        {
            throw new MongoServerException(ErrorCodes.BadValue, "error processing query: tailable cursor requested on non capped collection");
        }

        Interlocked.Increment(ref context.Server.Statistics.Queries);
        var collection = context.Server.Storage.TryGetCollection(context.Database, name);
        if (collection is null)
        {
            return Replies.Cursor("firstBatch", [], 0, ns);
        }

        if (skip >= 0 && limit >= 0 && batchSize is not < 0 && ResumableScan(collection, filter, sort) is { } scan)
        {
            return Streaming(context, ns, collection, scan, filter, projection, skip, limit, batchSize, singleBatch);
        }

        List<QueryMatch> matches;
        lock (collection.SyncRoot)
        {
            // Without a sort the scan can stop as soon as skip + limit documents matched.
            var stopAfter = sort is null && limit > 0 ? (int)Math.Min(skip + limit, int.MaxValue) : int.MaxValue;
            matches = QueryExecutor.FindMatches(collection, filter, projection?.NeedsMatchDetails == true, stopAfter);
        }

        matches = QueryExecutor.SortSkipLimit(matches, sort, skip, limit);
        var documents = matches.ConvertAll(m => m.Document);
        Func<int, BsonDocument>? transform = projection is null
            ? null
            : i => projection.Apply(matches[i].Document, new MatchDetails { ArrayIndex = matches[i].ArrayIndex });
        var firstBatch = batchSize is null ? DefaultFirstBatch : (int)Math.Min(batchSize.Value, int.MaxValue);
        if (batchSize == 0)
        {
            // batchSize 0 opens a cursor without returning documents.
            var cursor = context.Server.Cursors.Open(ns, documents, 0, transform, context.CursorOrigin());
            return Replies.Cursor("firstBatch", [], cursor.IsExhausted ? Kill(context, cursor.Id) : cursor.Id, ns);
        }

        return CursorOptions.FirstBatch(context, ns, documents, firstBatch, transform, singleBatch);
    }

    /// <summary>
    /// How to read the result without holding it: the <c>_id</c> lookup, the chosen index or, with no index, the
    /// collection in natural order. A sort is streamed only when the scan already yields its order (an index whose
    /// key pattern is the sort); otherwise null, and the result is sorted in memory.
    /// </summary>
    private static Storage.RecordScan? ResumableScan(Storage.CollectionStore collection, FilterNode filter, SortSpec? sort)
    {
        lock (collection.SyncRoot)
        {
            if (QueryExecutor.TryGetIdEquality(filter, out var id))
            {
                return new Storage.RecordListScan(collection.TryGetById(id, out var recordId, out _) ? [recordId] : []);
            }

            if (Indexes.IndexPlanner.TryPlan(collection, filter, out var indexScan))
            {
                return sort is null || (indexScan.InKeyOrder && Indexes.IndexPlanner.ProvidesSort(indexScan.Index, sort)) ? indexScan : null;
            }

            if (sort is null)
            {
                return new Storage.CollectionScan();
            }

            return Indexes.IndexPlanner.TryPlanSort(collection, sort, out var ordered) ? ordered : null;
        }
    }

    /// <summary>
    /// A result read as the client asks for it: the cursor keeps the scan's position (a record id, or an index entry)
    /// and resumes after it, re-checking each document under the lock, so an open cursor costs one batch of memory,
    /// not the collection's matches.
    /// </summary>
    private static BsonDocument Streaming(CommandContext context, string ns, Storage.CollectionStore collection, Storage.RecordScan scan, FilterNode filter, Projection? projection, long skip, long limit, long? batchSize, bool singleBatch)
    {
        var needDetails = projection?.NeedsMatchDetails == true;
        long skipped = 0, returned = 0;
        BsonDocument? Pull()
        {
            if (limit > 0 && returned >= limit)
            {
                return null;
            }

            lock (collection.SyncRoot)
            {
                while (scan.TryNext(collection, out _, out var document))
                {
                    OperationLimits.CheckTime();
                    collection.DocumentsExamined++;
                    var details = needDetails ? new MatchDetails() : null;
                    if (!filter.Matches(document, details))
                    {
                        continue;
                    }

                    if (skipped < skip)
                    {
                        skipped++;
                        continue;
                    }

                    returned++;
                    return projection is null ? document : projection.Apply(document, new MatchDetails { ArrayIndex = details?.ArrayIndex ?? -1 });
                }
            }

            return null;
        }

        return CursorOptions.StreamingFirstBatch(context, ns, Pull, batchSize is null ? DefaultFirstBatch : (int)Math.Min(batchSize.Value, int.MaxValue), singleBatch);
    }

    private static long Kill(CommandContext context, long id)
    {
        context.Server.Cursors.Kill(id);
        return 0;
    }
}

/// <summary>getMore: the next batch of an open cursor; an exhausted cursor is closed and reported as id 0.</summary>
internal sealed class GetMoreCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["getMore", "getmore"];

    public BsonDocument Execute(CommandContext context)
    {
        if (context.CommandValue is not (BsonInt64 or BsonInt32))
        {
            throw Arguments.WrongType(context, "getMore", context.CommandValue, "long");
        }

        var id = context.CommandValue.ToInt64();
        var collection = Arguments.String(context, "collection")
            ?? throw new MongoServerException(40414, "BSON field 'getMore.collection' is missing but a required field");
        var batchSize = (int)Math.Min(Arguments.Long(context, "batchSize", 0) ?? 0, int.MaxValue);
        var ns = context.Database + "." + collection;
        Interlocked.Increment(ref context.Server.Statistics.GetMores);
        var cursors = context.Server.Cursors;
        var cursor = cursors.CheckOut(id);
        if (cursor is null)
        {
            throw cursors.Exists(id)
                ? new MongoServerException(ErrorCodes.CursorInUse, $"Cursor id {id} is already in use")
                : new MongoServerException(ErrorCodes.CursorNotFound, $"cursor id {id} not found");
        }

        try
        {
            if (!cursor.IsOwnedBy(context.Connection.Authentication.Users))
            {
                throw new MongoServerException(ErrorCodes.Unauthorized, $"cursor id {id} was not created by the authenticated user");
            }

            CheckSession(context, cursor);
            context.Server.Authentication.AuthorizeAgain(context, cursor.Privileges);
            if (cursor.Namespace != ns && !(cursor.Namespace.StartsWith(context.Database + ".$cmd.", StringComparison.Ordinal) && collection.StartsWith("$cmd.", StringComparison.Ordinal)))
            {
                throw new MongoServerException(ErrorCodes.Unauthorized, $"Requested getMore on namespace '{ns}', but cursor belongs to a different namespace {cursor.Namespace}");
            }

            BsonArray batch;
            try
            {
                batch = cursor.NextBatch(batchSize, Protocol.WireLimits.MaxBsonObjectSize);
            }
            catch (MongoServerException)
            {
                // As in mongod, a cursor whose read failed (its index dropped, its time limit passed…) is closed.
                cursors.Kill(id);
                throw;
            }

            return Replies.Cursor("nextBatch", batch, cursor.IsExhausted ? 0 : id, cursor.Namespace);
        }
        finally
        {
            cursors.Release(cursor);
        }
    }

    // mongod 7.0's getMore: a cursor is read in the session that opened it, and only there.
    private static void CheckSession(CommandContext context, Cursors.ServerCursor cursor)
    {
        var session = context.Session?.Key;
        if (cursor.Session == session)
        {
            return;
        }

        throw (cursor.Session, session) switch
        {
            (null, { } now) => new MongoServerException(50736, $"Cannot run getMore on cursor {cursor.Id}, which was not created in a session, in session {now.Id}"),
            ({ } then, null) => new MongoServerException(50737, $"Cannot run getMore on cursor {cursor.Id}, which was created in session {then.Id}, without an lsid"),
            var (then, now) => new MongoServerException(50738, $"Cannot run getMore on cursor {cursor.Id}, which was created in session {then!.Value.Id}, in session {now!.Value.Id}"),
        };
    }
}

internal sealed class KillCursorsCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["killCursors", "killcursors"];

    public BsonDocument Execute(CommandContext context)
    {
        context.CollectionName();
        var ids = Arguments.Array(context, "cursors")
            ?? throw new MongoServerException(40414, "BSON field 'killCursors.cursors' is missing but a required field");
        var killed = new BsonArray();
        var notFound = new BsonArray();
        foreach (var value in ids)
        {
            if (value is not (BsonInt64 or BsonInt32))
            {
                throw Arguments.WrongType(context, "cursors", value, "long");
            }

            var id = value.ToInt64();
            if (context.Server.Cursors.Find(id) is { } open && !open.IsOwnedBy(context.Connection.Authentication.Users))
            {
                throw new MongoServerException(ErrorCodes.Unauthorized, $"not authorized to kill cursor {id}");
            }

            (context.Server.Cursors.Kill(id) ? killed : notFound).Add(id);
        }

        return new BsonDocument
        {
            { "cursorsKilled", killed },
            { "cursorsNotFound", notFound },
            { "cursorsAlive", new BsonArray() },
            { "cursorsUnknown", new BsonArray() },
            { "ok", 1.0 },
        };
    }
}

internal sealed class CountCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["count"];

    public BsonDocument Execute(CommandContext context)
    {
        var name = context.CollectionName();
        var filter = FilterParser.Parse(Arguments.Document(context, "query"));
        var skip = Arguments.Long(context, "skip", 0) ?? 0;
        var limit = Math.Abs(Arguments.Long(context, "limit") ?? 0);
        long n = 0;
        if (context.Server.Storage.TryGetCollection(context.Database, name) is { } collection)
        {
            lock (collection.SyncRoot)
            {
                n = QueryExecutor.FindMatches(collection, filter, needDetails: false).Count;
            }
        }

        n = Math.Max(n - skip, 0);
        if (limit > 0)
        {
            n = Math.Min(n, limit);
        }

        return new BsonDocument { { "n", (int)n }, { "ok", 1.0 } };
    }
}

internal sealed class DistinctCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["distinct"];

    public BsonDocument Execute(CommandContext context)
    {
        var name = context.CollectionName();
        var key = Arguments.String(context, "key")
            ?? throw new MongoServerException(40414, "BSON field 'distinct.key' is missing but a required field");
        var filter = FilterParser.Parse(Arguments.Document(context, "query"));
        var values = new BsonArray();
        if (context.Server.Storage.TryGetCollection(context.Database, name) is { } collection)
        {
            List<QueryMatch> matches;
            lock (collection.SyncRoot)
            {
                matches = QueryExecutor.FindMatches(collection, filter, needDetails: false);
            }

            var parts = key.Split('.');
            var seen = new HashSet<BsonValue>(BsonKeyEquality.Instance);
            var reached = new List<BsonValue>();
            foreach (var match in matches)
            {
                reached.Clear();
                FieldPath.Collect(match.Document, parts, 0, expandLeafArrays: true, reached);
                foreach (var value in reached)
                {
                    if (seen.Add(value))
                    {
                        values.Add(value);
                    }
                }
            }
        }

        return new BsonDocument { { "values", values }, { "ok", 1.0 } };
    }
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Operations.Write;

/// <summary>Runs one write operation (one batch) for <see cref="BulkWriteRunner{TDocument}"/>: the executor in production, a script in tests.</summary>
internal interface IWriteBatchExecutor
{
    ValueTask<WriteCommandResult> ExecuteAsync(bool async, IOperation<WriteCommandResult> operation, CancellationToken cancellationToken);
}

/// <summary>
/// A bulk write: the requests grouped into runs of one command kind (consecutive runs when ordered; all inserts, all
/// updates, all deletes when unordered), each run sent as as many batches as the connection's limits need (see
/// <see cref="BatchedSequence"/>). Indexes in replies are mapped back to positions in the caller's list. Ordered stops at
/// the first write error; unordered sends everything. Write errors and the last write concern error end in one
/// <see cref="MongoBulkWriteException{TDocument}"/> with the partial result and, when ordered, the requests not sent.
/// Not an operation itself: it builds one operation per batch and hands each to the executor.
/// </summary>
internal sealed class BulkWriteRunner<TDocument>
{
    private readonly string _databaseName;
    private readonly string _collectionName;
    private readonly IBsonCodec<TDocument> _codec;
    private readonly WriteCommandSettings _settings;
    private readonly List<Run> _runs;
    private readonly int _requestCount;
    private readonly Func<int, IReadOnlyList<WriteModel<TDocument>>> _unprocessedFrom;

    private BulkWriteRunner(string databaseName, string collectionName, IBsonCodec<TDocument> codec, WriteCommandSettings settings, List<Run> runs, int requestCount, Func<int, IReadOnlyList<WriteModel<TDocument>>> unprocessedFrom)
    {
        _databaseName = databaseName;
        _collectionName = collectionName;
        _codec = codec;
        _settings = settings;
        _runs = runs;
        _requestCount = requestCount;
        _unprocessedFrom = unprocessedFrom;
    }

    /// <summary>How many commands the plan starts with (before splitting by size or count).</summary>
    internal int RunCount => _runs.Count;

    /// <summary>Plans <c>BulkWrite</c>: checks every request before anything is sent.</summary>
    /// <exception cref="ArgumentException">No requests, a null request, an empty update or a replacement with operators.</exception>
    public static BulkWriteRunner<TDocument> ForRequests(string databaseName, string collectionName, IBsonCodec<TDocument> codec, IEnumerable<WriteModel<TDocument>> requests, WriteCommandSettings settings)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var models = requests as IReadOnlyList<WriteModel<TDocument>> ?? requests.ToList();
        if (models.Count == 0)
        {
            throw new ArgumentException("A bulk write needs at least one request.", nameof(requests));
        }

        var runs = new List<Run>();
        Run? insertRun = null, updateRun = null, deleteRun = null;
        for (var i = 0; i < models.Count; i++)
        {
            var model = models[i] ?? throw new ArgumentException($"The request at index {i} is null.", nameof(requests));
            var kind = model switch
            {
                InsertOneModel<TDocument> => WriteKind.Insert,
                DeleteOneModel<TDocument> or DeleteManyModel<TDocument> => WriteKind.Delete,
                _ => WriteKind.Update,
            };

            Run run;
            if (settings.IsOrdered)
            {
                if (runs.Count == 0 || runs[^1].Kind != kind)
                {
                    runs.Add(new Run(kind));
                }

                run = runs[^1];
            }
            else
            {
                ref var slot = ref kind == WriteKind.Insert ? ref insertRun : ref kind == WriteKind.Update ? ref updateRun : ref deleteRun;
                if (slot is null)
                {
                    slot = new Run(kind);
                    runs.Add(slot);
                }

                run = slot;
            }

            run.Indexes!.Add(i);
            switch (model)
            {
                case InsertOneModel<TDocument> insert:
                    InsertIds.EnsureDomId(insert.Document);
                    run.Documents!.Add(insert.Document);
                    break;
                case UpdateOneModel<TDocument> u:
                    run.Statements!.Add(UpdateStatement.ForUpdate(u.Filter, u.Update, multi: false, u.IsUpsert, u.ArrayFilters, u.Hint, u.Collation, u.Sort.IsEmpty ? null : u.Sort.Render()));
                    break;
                case UpdateManyModel<TDocument> u:
                    run.Statements!.Add(UpdateStatement.ForUpdate(u.Filter, u.Update, multi: true, u.IsUpsert, u.ArrayFilters, u.Hint, u.Collation));
                    break;
                case ReplaceOneModel<TDocument> r:
                    run.Statements!.Add(UpdateStatement.ForReplacement(r.Filter, r.Replacement, codec, r.IsUpsert, r.Hint, r.Collation, r.Sort.IsEmpty ? null : r.Sort.Render()));
                    break;
                case DeleteOneModel<TDocument> d:
                    run.Statements!.Add(DeleteStatement.Create(d.Filter, multi: false, d.Hint, d.Collation));
                    break;
                case DeleteManyModel<TDocument> d:
                    run.Statements!.Add(DeleteStatement.Create(d.Filter, multi: true, d.Hint, d.Collation));
                    break;
                default:
                    throw new ArgumentException($"The request at index {i} is of an unknown kind, {model.GetType().Name}.", nameof(requests));
            }
        }

        return new BulkWriteRunner<TDocument>(databaseName, collectionName, codec, settings, runs, models.Count, from => Unprocessed(models, from, settings.IsOrdered));
    }

    /// <summary>Plans <c>InsertMany</c>: one insert run over <paramref name="documents"/> (its ids: <see cref="InsertedIds"/>).</summary>
    /// <exception cref="ArgumentException">No documents, or a null document.</exception>
    public static BulkWriteRunner<TDocument> ForDocuments(string databaseName, string collectionName, IBsonCodec<TDocument> codec, IEnumerable<TDocument> documents, WriteCommandSettings settings)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var list = documents.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("InsertMany needs at least one document.", nameof(documents));
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"The document at index {i} is null.", nameof(documents));
            }

            InsertIds.EnsureDomId(list[i]);
        }

        var run = new Run(WriteKind.Insert, list);
        return new BulkWriteRunner<TDocument>(databaseName, collectionName, codec, settings, [run], list.Count, from =>
            settings.IsOrdered ? list.Skip(from).Select(d => (WriteModel<TDocument>)new InsertOneModel<TDocument>(d)).ToList() : []);
    }

    /// <summary>The <c>_id</c> of each document of an <see cref="ForDocuments"/> plan, in order, once executed.</summary>
    public IReadOnlyList<BsonValue> InsertedIds => _runs[0].Ids!.Slice(0, _runs[0].Count);

    /// <summary>Sends every batch.</summary>
    /// <exception cref="MongoBulkWriteException{TDocument}">Some requests failed or the write concern was not satisfied.</exception>
    public async ValueTask<BulkWriteResult> ExecuteAsync(bool async, IWriteBatchExecutor executor, CancellationToken cancellationToken)
    {
        long inserted = 0, matched = 0, modified = 0, deleted = 0;
        var processed = 0;
        var acknowledged = true;
        List<BulkWriteUpsert>? upserts = null;
        List<WriteError>? errors = null;
        WriteConcernError? concernError = null;
        MongoServerAddress? address = null;
        HashSet<string>? labels = null;
        var stopAt = -1;

        foreach (var run in _runs)
        {
            var offset = 0;
            while (offset < run.Count)
            {
                var cursor = new BatchCursor(offset, run.Count - offset);
                var result = await executor.ExecuteAsync(async, CreateOperation(run, cursor), cancellationToken).ConfigureAwait(false);
                var count = cursor.Count ?? result.Processed;
                if (count <= 0)
                {
                    throw new InvalidOperationException("A write batch carried no requests.");
                }

                address = result.Address ?? address;
                processed += count;
                if (!result.IsAcknowledged)
                {
                    acknowledged = false;
                    offset += count;
                    continue;
                }

                switch (run.Kind)
                {
                    case WriteKind.Insert:
                        inserted += result.N;
                        break;
                    case WriteKind.Update:
                        matched += result.N - result.Upserted.Count;
                        modified += result.NModified;
                        break;
                    default:
                        deleted += result.N;
                        break;
                }

                foreach (var upsert in result.Upserted)
                {
                    (upserts ??= []).Add(new BulkWriteUpsert(run.OriginalIndex(offset + upsert.Index), upsert.Id));
                }

                foreach (var error in result.WriteErrors)
                {
                    var index = run.OriginalIndex(offset + error.Index);
                    (errors ??= []).Add(new WriteError(index, error.Code, error.CodeName, error.Message, error.Details));
                    if (_settings.IsOrdered && stopAt < 0)
                    {
                        stopAt = index;
                    }
                }

                if (result.WriteConcernError is not null)
                {
                    concernError = result.WriteConcernError;
                }

                foreach (var label in result.ErrorLabels)
                {
                    (labels ??= []).Add(label);
                }

                if (stopAt >= 0)
                {
                    // An ordered command stops at its first error: the server did not run the requests after it.
                    processed -= count - (run.PositionOf(stopAt) - offset + 1);
                    break;
                }

                offset += count;
            }

            if (stopAt >= 0)
            {
                break;
            }
        }

        if (!acknowledged)
        {
            return BulkWriteResult.Unacknowledged(_requestCount);
        }

        var result2 = BulkWriteResult.Acknowledged(errors is null && concernError is null ? _requestCount : processed, inserted, matched, modified, deleted, (IReadOnlyList<BulkWriteUpsert>?)upserts ?? []);
        if (errors is null && concernError is null)
        {
            return result2;
        }

        errors?.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        var unprocessed = stopAt >= 0 ? _unprocessedFrom(stopAt + 1) : [];
        throw new MongoBulkWriteException<TDocument>(address, (IReadOnlyList<WriteError>?)errors ?? [], concernError, result2, unprocessed, labels);
    }

    private IOperation<WriteCommandResult> CreateOperation(Run run, BatchCursor cursor) => run.Kind switch
    {
        WriteKind.Insert => new InsertOperation<TDocument>(_databaseName, _collectionName, run.Documents!, _codec, run.Ids!, cursor, _settings),
        WriteKind.Update => new UpdateOperation(_databaseName, _collectionName, run.Statements!, cursor, _settings),
        _ => new DeleteOperation(_databaseName, _collectionName, run.Statements!, cursor, _settings),
    };

    private static List<WriteModel<TDocument>> Unprocessed(IReadOnlyList<WriteModel<TDocument>> models, int from, bool ordered)
    {
        var result = new List<WriteModel<TDocument>>();
        if (ordered)
        {
            for (var i = from; i < models.Count; i++)
            {
                result.Add(models[i]);
            }
        }

        return result;
    }

    private enum WriteKind
    {
        Insert,
        Update,
        Delete,
    }

    /// <summary>The requests of one command kind, with their positions in the caller's list (null: the identity).</summary>
    private sealed class Run
    {
        private InsertIds? _ids;

        public Run(WriteKind kind)
        {
            Kind = kind;
            Indexes = [];
            if (kind == WriteKind.Insert)
            {
                Documents = [];
            }
            else
            {
                Statements = [];
            }
        }

        public Run(WriteKind kind, List<TDocument> documents)
        {
            Kind = kind;
            Documents = documents;
        }

        public WriteKind Kind { get; }

        public List<int>? Indexes { get; }

        public List<TDocument>? Documents { get; }

        public List<IWriteStatement>? Statements { get; }

        public int Count => Documents?.Count ?? Statements!.Count;

        public InsertIds? Ids => Kind == WriteKind.Insert ? _ids ??= new InsertIds(Count) : null;

        public int OriginalIndex(int position) => Indexes is null ? position : Indexes[position];

        public int PositionOf(int originalIndex) => Indexes is null ? originalIndex : Indexes.BinarySearch(originalIndex);
    }
}

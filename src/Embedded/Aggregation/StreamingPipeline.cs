using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;
using OpenQuizz.Typed.Embedded.Storage;

namespace OpenQuizz.Typed.Embedded.Aggregation;

/// <summary>
/// A pipeline of per-document stages (and <c>$skip</c>/<c>$limit</c>) run lazily over a resumable scan of its
/// collection: each pull reads source documents under the collection lock until one passes the leading filter, then
/// runs the stages on it outside the lock. A cursor over it holds the scan's position and at most the outputs of one
/// input document (an <c>$unwind</c>), never the whole result.
/// </summary>
internal sealed class StreamingPipeline
{
    private readonly CollectionStore _collection;
    private readonly RecordScan _scan;
    private readonly FilterNode? _filter;
    private readonly List<Stage> _stages;
    private readonly PipelineRuntime _runtime;

    // Per stage: how many documents a $skip still drops, or a $limit still lets through.
    private readonly long[] _remaining;
    private readonly Queue<BsonDocument> _pending = new();
    private readonly List<BsonDocument> _single = new(1);
    private bool _done;

    private StreamingPipeline(CollectionStore collection, RecordScan scan, FilterNode? filter, List<Stage> stages, PipelineRuntime runtime)
    {
        _collection = collection;
        _scan = scan;
        _filter = filter;
        _stages = stages;
        _runtime = runtime;
        _remaining = new long[stages.Count];
        for (var i = 0; i < stages.Count; i++)
        {
            _remaining[i] = stages[i] switch
            {
                SkipStage skip => skip.Count,
                LimitStage limit => limit.Count,
                _ => 0,
            };
        }
    }

    /// <summary>
    /// A streaming plan for <paramref name="pipeline"/> over <paramref name="collection"/>, or null when some stage
    /// needs all its input at once (then the caller materialises). A leading <c>$match</c> picks the scan (the
    /// <c>_id</c> lookup or an index), and a <c>$sort</c> after it is absorbed when an index yields its order.
    /// </summary>
    public static StreamingPipeline? TryCreate(CollectionStore collection, Pipeline pipeline, PipelineRuntime runtime)
    {
        var stages = pipeline.Stages;
        var first = 0;
        FilterNode? filter = null;
        if (first < stages.Count && stages[first] is MatchStage match)
        {
            filter = match.Filter;
            first++;
        }

        SortSpec? sort = null;
        if (first < stages.Count && stages[first] is SortStage sortStage)
        {
            sort = sortStage.Sort;
            first++;
        }

        for (var i = first; i < stages.Count; i++)
        {
            if (!(stages[i].IsPerDocument || stages[i] is SkipStage or LimitStage))
            {
                return null;
            }
        }

        var saved = EvaluationContext.Ambient;
        EvaluationContext.Ambient = runtime.Variables;
        try
        {
            lock (collection.SyncRoot)
            {
                var scan = PlanScan(collection, filter, sort);
                return scan is null ? null : new StreamingPipeline(collection, scan, filter, stages.GetRange(first, stages.Count - first), runtime);
            }
        }
        finally
        {
            EvaluationContext.Ambient = saved;
        }
    }

    private static RecordScan? PlanScan(CollectionStore collection, FilterNode? filter, SortSpec? sort)
    {
        if (filter is not null)
        {
            if (Commands.QueryExecutor.TryGetIdEquality(filter, out var id))
            {
                return new RecordListScan(collection.TryGetById(id, out var recordId, out _) ? [recordId] : []);
            }

            if (Indexes.IndexPlanner.TryPlan(collection, filter, out var indexScan))
            {
                return sort is null || (indexScan.InKeyOrder && Indexes.IndexPlanner.ProvidesSort(indexScan.Index, sort)) ? indexScan : null;
            }
        }

        if (sort is null)
        {
            return new CollectionScan();
        }

        return Indexes.IndexPlanner.TryPlanSort(collection, sort, out var ordered) ? ordered : null;
    }

    /// <summary>The next output document, or null when the pipeline is done.</summary>
    public BsonDocument? Pull()
    {
        var saved = EvaluationContext.Ambient;
        EvaluationContext.Ambient = _runtime.Variables;
        try
        {
            while (true)
            {
                if (_pending.TryDequeue(out var ready))
                {
                    return ready;
                }

                if (_done || NextSource() is not { } source)
                {
                    _done = true;
                    return null;
                }

                Run(source);
            }
        }
        finally
        {
            EvaluationContext.Ambient = saved;
        }
    }

    private BsonDocument? NextSource()
    {
        lock (_collection.SyncRoot)
        {
            while (_scan.TryNext(_collection, out _, out var document))
            {
                OperationLimits.CheckTime();
                _collection.DocumentsExamined++;
                if (_filter is null || _filter.Matches(document))
                {
                    return document;
                }
            }
        }

        return null;
    }

    private void Run(BsonDocument source)
    {
        _single.Clear();
        _single.Add(source);
        var current = _single;
        for (var i = 0; i < _stages.Count && current.Count > 0; i++)
        {
            switch (_stages[i])
            {
                case SkipStage:
                    var drop = (int)Math.Min(_remaining[i], current.Count);
                    _remaining[i] -= drop;
                    current = drop == 0 ? current : current.GetRange(drop, current.Count - drop);
                    break;
                case LimitStage:
                    var keep = (int)Math.Min(_remaining[i], current.Count);
                    _remaining[i] -= keep;
                    current = keep == current.Count ? current : current.GetRange(0, keep);
                    if (_remaining[i] == 0)
                    {
                        _done = true; // nothing more can pass this stage
                    }

                    break;
                default:
                    current = _stages[i].Execute(current, _runtime);
                    break;
            }
        }

        foreach (var document in current)
        {
            _pending.Enqueue(document);
        }
    }
}

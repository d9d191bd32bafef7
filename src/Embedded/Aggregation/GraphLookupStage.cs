using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Commands;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Aggregation;

/// <summary>
/// <c>$graphLookup</c> (mongod 7.0): for each input document, a breadth-first search of the <c>from</c> collection
/// (always in the command's database) from the <c>startWith</c> values, matching <c>connectToField</c> against the
/// frontier and following <c>connectFromField</c>, up to <c>maxDepth</c>, within <c>restrictSearchWithMatch</c>.
/// Each document is visited once (by <c>_id</c>). The visited documents and the frontier are held to the stage memory
/// limit with mongod's code 40099.
/// </summary>
internal sealed class GraphLookupStage : Stage
{
    private string? _from;
    private Expression? _startWith;
    private string? _connectFromField;
    private string[] _connectFrom = [];
    private string? _connectToField;
    private string[]? _as;
    private string? _depthField;
    private long? _maxDepth;
    private BsonDocument? _restrict;

    public static GraphLookupStage Parse(BsonValue spec)
    {
        if (spec is not BsonDocument options)
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, $"the $graphLookup stage specification must be an object, but found {BsonTypeNames.AliasOf(spec.BsonType)}");
        }

        var stage = new GraphLookupStage();
        foreach (var element in options)
        {
            var value = element.Value;
            switch (element.Name)
            {
                case "startWith":
                    stage._startWith = ExpressionParser.Parse(value);
                    break;
                case "maxDepth":
                    if (!value.IsNumeric)
                    {
                        throw new MongoServerException(40100, $"maxDepth must be numeric, found type: {BsonTypeNames.AliasOf(value.BsonType)}");
                    }

                    var depth = value.ToDouble();
                    if (depth < 0)
                    {
                        throw new MongoServerException(40101, $"maxDepth requires a nonnegative argument, found: {value}");
                    }

                    if (depth != Math.Floor(depth) || depth >= long.MaxValue)
                    {
                        throw new MongoServerException(40102, $"maxDepth could not be represented as a long long: {value}");
                    }

                    stage._maxDepth = (long)depth;
                    break;
                case "restrictSearchWithMatch":
                    stage._restrict = value as BsonDocument
                        ?? throw new MongoServerException(40185, $"restrictSearchWithMatch must be an object, found {BsonTypeNames.AliasOf(value.BsonType)}");
                    FilterParser.Parse(stage._restrict); // refused now if malformed, not per document
                    break;
                case "from":
                    // mongod accepts {db, coll} only for internal namespaces (config.cache.chunks.*, local.oplog.rs).
                    if (value is BsonDocument ns)
                    {
                        throw new MongoServerException(
                            ErrorCodes.FailedToParse,
                            $"$graphLookup with syntax {{from: {{db:<>, coll:<>}},..}} is not supported for db: {ns.GetValue("db", BsonNull.Value)} and coll: {ns.GetValue("coll", BsonNull.Value)}");
                    }

                    stage._from = value is BsonString { Value: var from }
                        ? from
                        : throw new MongoServerException(ErrorCodes.FailedToParse, $"$graphLookup 'from' field must be a string, but found {BsonTypeNames.AliasOf(value.BsonType)}");
                    break;
                case "as" or "connectFromField" or "connectToField" or "depthField":
                    if (value is not BsonString { Value: var text })
                    {
                        throw new MongoServerException(40103, $"expected string as argument for {element.Name}, found: {value}");
                    }

                    if (text.Length == 0 || text.StartsWith('$'))
                    {
                        throw new MongoServerException(40352, $"FieldPath field names may not start with '$' or be empty: {text}");
                    }

                    switch (element.Name)
                    {
                        case "as":
                            stage._as = text.Split('.');
                            break;
                        case "connectFromField":
                            stage._connectFromField = text;
                            stage._connectFrom = text.Split('.');
                            break;
                        case "connectToField":
                            stage._connectToField = text;
                            break;
                        default:
                            stage._depthField = text;
                            break;
                    }

                    break;
                default:
                    throw new MongoServerException(40104, $"Unknown argument to $graphLookup: {element.Name}");
            }
        }

        if (stage._from is null || stage._as is null || stage._startWith is null || stage._connectFromField is null || stage._connectToField is null)
        {
            throw new MongoServerException(40105, "$graphLookup requires 'from', 'as', 'startWith', 'connectFromField', and 'connectToField' to be specified.");
        }

        return stage;
    }

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime)
    {
        var collection = runtime.Server.Storage.TryGetCollection(runtime.Database, _from!);
        var output = new List<BsonDocument>(input.Count);
        foreach (var document in input)
        {
            var found = collection is null ? [] : Search(collection, runtime.Context(document));
            output.Add(CopyOnWritePaths.With(document, _as!, found));
        }

        return output;
    }

    private BsonArray Search(Storage.CollectionStore collection, EvaluationContext context)
    {
        var frontier = new List<BsonValue>();
        var frontierSeen = new HashSet<BsonValue>(BsonKeyEquality.Instance);
        long frontierBytes = 0, visitedBytes = 0;
        var start = _startWith!.Evaluate(context);
        if (start is BsonArray starts)
        {
            foreach (var value in starts)
            {
                AddToFrontier(value);
            }
        }
        else if (start is not null)
        {
            AddToFrontier(start);
        }

        var visited = new HashSet<BsonValue>(BsonKeyEquality.Instance);
        var results = new BsonArray();
        var reached = new List<BsonValue>();
        for (long depth = 0; frontier.Count > 0 && (_maxDepth is null || depth <= _maxDepth); depth++)
        {
            // {$and: [restrictSearchWithMatch, {connectToField: {$in: frontier}}]}, as mongod builds it.
            var clauses = new BsonArray();
            if (_restrict is not null)
            {
                clauses.Add(_restrict);
            }

            clauses.Add(new BsonDocument(_connectToField!, new BsonDocument("$in", new BsonArray(frontier))));
            var filter = FilterParser.Parse(new BsonDocument("$and", clauses));
            frontier.Clear();
            frontierSeen.Clear();
            frontierBytes = 0;

            List<QueryMatch> matches;
            lock (collection.SyncRoot)
            {
                matches = QueryExecutor.FindMatches(collection, filter, needDetails: false);
            }

            foreach (var match in matches)
            {
                OperationLimits.CheckTime();
                var found = match.Document;
                var id = found.GetValue("_id", null) ?? BsonNull.Value;
                if (!visited.Add(id))
                {
                    continue;
                }

                var result = _depthField is null ? found : CopyOnWritePaths.With(found, _depthField.Split('.'), new BsonInt64(depth));
                results.Add(result);
                visitedBytes += BsonSize.OfValue(id) + result.GetEncodedSize();

                reached.Clear();
                FieldPath.Collect(found, _connectFrom, 0, expandLeafArrays: false, reached);
                foreach (var value in reached)
                {
                    if (value is BsonArray values)
                    {
                        foreach (var item in values)
                        {
                            AddToFrontier(item);
                        }
                    }
                    else
                    {
                        AddToFrontier(value);
                    }
                }

                CheckMemory();
            }
        }

        return results;

        void AddToFrontier(BsonValue value)
        {
            if (frontierSeen.Add(value))
            {
                frontier.Add(value);
                frontierBytes += BsonSize.OfValue(value);
                CheckMemory();
            }
        }

        void CheckMemory()
        {
            if (visitedBytes + frontierBytes >= OperationLimits.MemoryBytes)
            {
                throw new MongoServerException(40099, "$graphLookup reached maximum memory consumption");
            }
        }
    }
}

using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Aggregation;

/// <summary>
/// <c>$lookup</c> in its three forms: equality (<c>localField</c>/<c>foreignField</c>), <c>let</c> + <c>pipeline</c>,
/// and both combined (the equality first, then the pipeline over the matches).
/// </summary>
internal sealed class LookupStage : Stage
{
    private string? _from;
    private string? _fromDatabase;
    private string[]? _localField;
    private string[]? _foreignField;
    private List<(string Name, Expression Value)>? _let;
    private Pipeline? _pipeline;
    private string[] _as = [];

    public static LookupStage Parse(BsonValue spec)
    {
        if (spec is not BsonDocument options)
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, "the $lookup specification must be an Object");
        }

        var stage = new LookupStage();
        foreach (var element in options)
        {
            switch (element.Name)
            {
                case "from":
                    switch (element.Value)
                    {
                        case BsonString s:
                            stage._from = s.Value;
                            break;
                        case BsonDocument { } ns when ns.GetValue("db", null) is BsonString db && ns.GetValue("coll", null) is BsonString coll:
                            (stage._fromDatabase, stage._from) = (db.Value, coll.Value);
                            break;
                        default:
                            throw new MongoServerException(ErrorCodes.FailedToParse, $"$lookup 'from' field must be a string or an object with 'db' and 'coll', but found {BsonTypeNames.AliasOf(element.Value.BsonType)}");
                    }

                    break;
                case "localField":
                    stage._localField = PathOption(element);
                    break;
                case "foreignField":
                    stage._foreignField = PathOption(element);
                    break;
                case "as":
                    stage._as = PathOption(element);
                    break;
                case "let":
                    if (element.Value is not BsonDocument variables)
                    {
                        throw new MongoServerException(ErrorCodes.FailedToParse, $"$lookup argument 'let' must be an object, is type {BsonTypeNames.AliasOf(element.Value.BsonType)}");
                    }

                    stage._let = variables.Select(v => (v.Name, ExpressionParser.Parse(v.Value))).ToList();
                    break;
                case "pipeline":
                    stage._pipeline = Pipeline.Parse(element.Value, PipelineScope.Lookup);
                    break;
                default:
                    throw new MongoServerException(ErrorCodes.FailedToParse, $"unknown argument to $lookup: {element.Name}");
            }
        }

        if (stage._as.Length == 0)
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, "must specify 'as' field for a $lookup");
        }

        if ((stage._localField is null) != (stage._foreignField is null))
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, "$lookup requires both or neither of 'localField' and 'foreignField' to be specified");
        }

        if (stage._localField is null && stage._pipeline is null)
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, "$lookup requires either 'pipeline' or both 'localField' and 'foreignField' to be specified");
        }

        if (stage._from is null && (stage._pipeline is null || stage._pipeline.Stages.Count == 0 || stage._pipeline.Stages[0] is not DocumentsStage))
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, "must specify 'from' field for a $lookup");
        }

        return stage;
    }

    private static string[] PathOption(BsonElement element) => element.Value is BsonString { Value.Length: > 0 } s
        ? s.Value.Split('.')
        : throw new MongoServerException(ErrorCodes.FailedToParse, $"$lookup argument '{element.Name}: {element.Value}' must be a string, is type {BsonTypeNames.AliasOf(element.Value.BsonType)}");

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime)
    {
        var foreign = _from is null ? [] : CollectionSnapshot.Read(runtime, _fromDatabase ?? runtime.Database, _from);
        List<BsonValue[]>? foreignKeys = null;
        if (_foreignField is not null)
        {
            foreignKeys = foreign.ConvertAll(d => KeysAt(d, _foreignField));
        }

        var output = new List<BsonDocument>(input.Count);
        foreach (var document in input)
        {
            var matches = foreign;
            if (_localField is not null)
            {
                var local = KeysAt(document, _localField);
                matches = [];
                for (var i = 0; i < foreign.Count; i++)
                {
                    if (Intersects(local, foreignKeys![i]))
                    {
                        matches.Add(foreign[i]);
                    }
                }
            }

            if (_pipeline is not null)
            {
                Dictionary<string, BsonValue>? variables = null;
                if (_let is not null)
                {
                    variables = new Dictionary<string, BsonValue>(StringComparer.Ordinal);
                    var context = runtime.Context(document);
                    foreach (var (name, expression) in _let)
                    {
                        variables[name] = expression.Evaluate(context) ?? BsonNull.Value;
                    }
                }

                matches = _pipeline.Run(matches, runtime.With(variables));
            }

            output.Add(CopyOnWritePaths.With(document, _as, new BsonArray(matches)));
        }

        return output;
    }

    /// <summary>The values a path reaches, array elements expanded; nothing reached counts as null (so null matches missing).</summary>
    private static BsonValue[] KeysAt(BsonDocument document, string[] path)
    {
        var values = new List<BsonValue>();
        FieldPath.Collect(document, path, 0, expandLeafArrays: true, values);
        if (values.Count == 0)
        {
            values.Add(BsonNull.Value);
        }

        return [.. values];
    }

    private static bool Intersects(BsonValue[] local, BsonValue[] foreign)
    {
        foreach (var x in local)
        {
            foreach (var y in foreign)
            {
                if (BsonOrder.CompareValues(x, y) == 0)
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary><c>$facet</c>: several sub-pipelines over the same input, one array field each, in one output document.</summary>
internal sealed class FacetStage(List<(string Name, Pipeline Pipeline)> facets) : Stage
{
    public static FacetStage Parse(BsonValue spec)
    {
        if (spec is not BsonDocument { ElementCount: > 0 } document)
        {
            throw new MongoServerException(40169, "the $facet specification must be a non-empty object");
        }

        var facets = new List<(string, Pipeline)>();
        foreach (var element in document)
        {
            if (element.Name.Length == 0 || element.Name.StartsWith('$') || element.Name.Contains('.'))
            {
                throw new MongoServerException(40352, $"FieldPath field names may not start with '$' or contain '.': {element.Name}");
            }

            if (element.Value is not BsonArray)
            {
                throw new MongoServerException(40170, $"arguments to $facet must be arrays, {element.Name} is type {BsonTypeNames.AliasOf(element.Value.BsonType)}");
            }

            facets.Add((element.Name, Pipeline.Parse(element.Value, PipelineScope.Facet)));
        }

        return new FacetStage(facets);
    }

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime)
    {
        var result = new BsonDocument(facets.Count);
        foreach (var (name, pipeline) in facets)
        {
            result.Add(name, new BsonArray(pipeline.Run(input, runtime)));
        }

        return [result];
    }
}

/// <summary><c>$unionWith</c>: the input followed by another collection's documents, optionally through a pipeline.</summary>
internal sealed class UnionWithStage(string collection, Pipeline? pipeline) : Stage
{
    public static UnionWithStage Parse(BsonValue spec)
    {
        switch (spec)
        {
            case BsonString s:
                return new UnionWithStage(s.Value, null);
            case BsonDocument options when options.GetValue("coll", null) is BsonString coll:
                foreach (var element in options)
                {
                    if (element.Name is not ("coll" or "pipeline"))
                    {
                        throw new MongoServerException(40415, $"BSON field '$unionWith.{element.Name}' is an unknown field.");
                    }
                }

                return new UnionWithStage(coll.Value, options.TryGetValue("pipeline", out var p) ? Pipeline.Parse(p, PipelineScope.Lookup) : null);
            default:
                throw new MongoServerException(ErrorCodes.FailedToParse, "the $unionWith stage specification must be an object or string");
        }
    }

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime)
    {
        var other = CollectionSnapshot.Read(runtime, runtime.Database, collection);
        var result = new List<BsonDocument>(input);
        result.AddRange(pipeline is null ? other : pipeline.Run(other, runtime));
        return result;
    }
}

/// <summary>Reads a collection's documents under its lock; stored documents are immutable, so the list may be used after.</summary>
internal static class CollectionSnapshot
{
    public static List<BsonDocument> Read(PipelineRuntime runtime, string database, string name)
    {
        var collection = runtime.Server.Storage.TryGetCollection(database, name);
        if (collection is null)
        {
            return [];
        }

        lock (collection.SyncRoot)
        {
            return collection.Scan().Select(r => r.Value.Document).ToList();
        }
    }
}

using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Commands;
using OpenQuizz.Typed.Embedded.Query;
using OpenQuizz.Typed.Embedded.Storage;

namespace OpenQuizz.Typed.Embedded.Aggregation;

/// <summary>
/// <c>$out</c>: replaces the target collection with the results. As mongod does, the results go to a temporary
/// collection first, which is then renamed over the target, so readers see the old or the new contents, never a mix,
/// and a failure (a duplicate <c>_id</c>) leaves the target unchanged.
/// </summary>
internal sealed class OutStage(string? database, string collection) : Stage
{
    public static OutStage Parse(BsonValue spec)
    {
        string? database = null;
        string collection;
        switch (spec)
        {
            case BsonString s:
                collection = s.Value;
                break;
            case BsonDocument options:
                foreach (var element in options)
                {
                    if (element.Name is not ("db" or "coll" or "timeseries"))
                    {
                        throw new MongoServerException(40415, $"BSON field '$out.{element.Name}' is an unknown field.");
                    }
                }

                database = options.GetValue("db", null) is BsonString db ? db.Value : throw new MongoServerException(40414, "BSON field '$out.db' is missing but a required field");
                collection = options.GetValue("coll", null) is BsonString coll ? coll.Value : throw new MongoServerException(40414, "BSON field '$out.coll' is missing but a required field");
                break;
            default:
                throw new MongoServerException(31278, $"$out only supports a string or object argument, but found {BsonTypeNames.AliasOf(spec.BsonType)}");
        }

        ValidateTarget(database, collection, "$out");
        return new OutStage(database, collection);
    }

    public static void ValidateTarget(string? database, string collection, string stage)
    {
        if (database is not null)
        {
            NamespaceRules.ValidateDatabase(database);
        }

        if (collection.Length == 0 || collection.Contains('$') || collection.Contains('\0') || collection.StartsWith('.'))
        {
            throw new MongoServerException(ErrorCodes.InvalidNamespace, $"Invalid {stage} target namespace, '{collection}'");
        }

        if (collection.StartsWith("system.", StringComparison.Ordinal))
        {
            throw new MongoServerException(17385, $"Can't {stage} to special collection: {collection}");
        }
    }

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime)
    {
        var storage = runtime.Server.Storage;
        var db = database ?? runtime.Database;
        var temp = "tmp.agg_out." + Guid.NewGuid().ToString("N");
        var store = storage.GetOrCreateCollection(db, temp, out _);
        try
        {
            lock (store.SyncRoot)
            {
                foreach (var document in input)
                {
                    WriteSupport.InsertNew(store, document, fromUpdate: false);
                }
            }

            storage.Rename(db, temp, db, collection, dropTarget: true);
        }
        catch
        {
            storage.DropCollection(db, temp);
            throw;
        }

        return [];
    }
}

/// <summary><c>$merge</c>: writes each result into the target by the <c>on</c> fields, with the whenMatched/whenNotMatched policies.</summary>
internal sealed class MergeStage : Stage
{
    private string? _database;
    private string _collection = string.Empty;
    private string[] _on = ["_id"];
    private string _whenMatched = "merge";
    private Pipeline? _whenMatchedPipeline;
    private string _whenNotMatched = "insert";
    private List<(string Name, Expression Value)>? _let;

    public static MergeStage Parse(BsonValue spec)
    {
        var stage = new MergeStage();
        switch (spec)
        {
            case BsonString s:
                stage._collection = s.Value;
                break;
            case BsonDocument options:
                foreach (var element in options)
                {
                    switch (element.Name)
                    {
                        case "into" when element.Value is BsonString into:
                            stage._collection = into.Value;
                            break;
                        case "into" when element.Value is BsonDocument ns:
                            stage._database = ns.GetValue("db", null) is BsonString db ? db.Value : null;
                            stage._collection = ns.GetValue("coll", null) is BsonString coll ? coll.Value : string.Empty;
                            break;
                        case "on" when element.Value is BsonString on:
                            stage._on = [on.Value];
                            break;
                        case "on" when element.Value is BsonArray { Count: > 0 } fields && fields.All(f => f is BsonString):
                            stage._on = fields.Select(f => f.AsString).ToArray();
                            break;
                        case "whenMatched" when element.Value is BsonString { Value: "replace" or "keepExisting" or "merge" or "fail" } mode:
                            stage._whenMatched = mode.Value;
                            break;
                        case "whenMatched" when element.Value is BsonArray:
                            stage._whenMatched = "pipeline";
                            stage._whenMatchedPipeline = Pipeline.Parse(element.Value, PipelineScope.Update);
                            break;
                        case "whenNotMatched" when element.Value is BsonString { Value: "insert" or "discard" or "fail" } mode:
                            stage._whenNotMatched = mode.Value;
                            break;
                        case "let" when element.Value is BsonDocument variables:
                            stage._let = variables.Select(v => (v.Name, ExpressionParser.Parse(v.Value))).ToList();
                            break;
                        default:
                            throw new MongoServerException(ErrorCodes.FailedToParse, $"invalid $merge option {element.Name}: {element.Value}");
                    }
                }

                break;
            default:
                throw new MongoServerException(51182, $"$merge only supports a string or object argument, not {BsonTypeNames.AliasOf(spec.BsonType)}");
        }

        if (stage._collection.Length == 0)
        {
            throw new MongoServerException(40414, "BSON field '$merge.into' is missing but a required field");
        }

        OutStage.ValidateTarget(stage._database, stage._collection, "$merge");
        return stage;
    }

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime)
    {
        var store = runtime.Server.Storage.GetOrCreateCollection(_database ?? runtime.Database, _collection, out _);
        lock (store.SyncRoot)
        {
            foreach (var document in input)
            {
                var key = new BsonValue[_on.Length];
                for (var i = 0; i < _on.Length; i++)
                {
                    key[i] = FieldPath.GetSingle(document, _on[i])
                        ?? (_on[i] == "_id" ? BsonNull.Value : throw new MongoServerException(51132, $"$merge write error: 'on' field '{_on[i]}' cannot be missing, null or an array. Original error: {document}"));
                }

                long? recordId = null;
                BsonDocument? existing = null;
                foreach (var (id, stored) in store.Scan())
                {
                    if (Matches(stored.Document, key))
                    {
                        (recordId, existing) = (id, stored.Document);
                        break;
                    }
                }

                if (existing is null)
                {
                    switch (_whenNotMatched)
                    {
                        case "insert":
                            WriteSupport.InsertNew(store, document, fromUpdate: false);
                            break;
                        case "fail":
                            throw new MongoServerException(13113, "$merge could not find a matching document in the target collection for at least one document in the source collection");
                    }

                    continue;
                }

                BsonDocument? replacement = _whenMatched switch
                {
                    "replace" => WithId(document, existing["_id"]),
                    "merge" => Merged(existing, document),
                    "keepExisting" => null,
                    "fail" => throw store.DuplicateKey(existing["_id"]),
                    _ => RunWhenMatched(existing, document, runtime),
                };
                if (replacement is not null)
                {
                    store.Replace(recordId!.Value, replacement, WriteSupport.CheckSize(replacement, fromUpdate: true));
                }
            }
        }

        return [];
    }

    private bool Matches(BsonDocument stored, BsonValue[] key)
    {
        for (var i = 0; i < _on.Length; i++)
        {
            var value = FieldPath.GetSingle(stored, _on[i]) ?? BsonNull.Value;
            if (BsonOrder.CompareValues(value, key[i]) != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static BsonDocument WithId(BsonDocument document, BsonValue id)
    {
        var result = new BsonDocument(document.ElementCount + 1) { { "_id", id } };
        foreach (var element in document)
        {
            if (element.Name != "_id")
            {
                result.Add(element.Name, element.Value);
            }
        }

        return result;
    }

    private static BsonDocument Merged(BsonDocument existing, BsonDocument incoming)
    {
        var result = new BsonDocument(existing);
        foreach (var element in incoming)
        {
            if (element.Name != "_id")
            {
                result.Set(element.Name, element.Value);
            }
        }

        return result;
    }

    private BsonDocument RunWhenMatched(BsonDocument existing, BsonDocument incoming, PipelineRuntime runtime)
    {
        var variables = new Dictionary<string, BsonValue>(StringComparer.Ordinal);
        if (_let is null)
        {
            variables["new"] = incoming;
        }
        else
        {
            var context = runtime.Context(incoming);
            foreach (var (name, expression) in _let)
            {
                variables[name] = expression.Evaluate(context) ?? BsonNull.Value;
            }
        }

        var result = _whenMatchedPipeline!.Run([existing], runtime.With(variables));
        return WithId(result.Count == 1 ? result[0] : existing, existing["_id"]);
    }
}

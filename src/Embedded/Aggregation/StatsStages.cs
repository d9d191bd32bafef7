using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Aggregation;

/// <summary>
/// <c>$collStats</c> (first stage only): one document describing the aggregated collection, with the sections asked
/// for (<c>latencyStats</c>, <c>storageStats</c>, <c>count</c>, <c>queryExecStats</c>) shaped as mongod 7.0's.
/// Authorization (the collStats action: read or dbAdmin) is checked before the pipeline runs, see PipelinePrivileges.
/// </summary>
internal sealed class CollStatsStage(BsonDocument options) : Stage
{
    public static CollStatsStage Parse(BsonValue spec)
    {
        if (spec is not BsonDocument options)
        {
            throw new MongoServerException(5447000, $"$collStats must take a nested object but found: {spec}");
        }

        foreach (var element in options)
        {
            switch (element.Name)
            {
                case "latencyStats" or "storageStats" or "count" or "queryExecStats":
                    if (element.Value is not BsonDocument section)
                    {
                        throw new MongoServerException(ErrorCodes.TypeMismatch, $"BSON field '$collStats.{element.Name}' is the wrong type '{BsonTypeNames.AliasOf(element.Value.BsonType)}', expected type 'object'");
                    }

                    if (element.Name == "storageStats" && section.TryGetValue("scale", out var scale) && (!scale.IsNumeric || scale.ToDouble() < 1))
                    {
                        throw new MongoServerException(ErrorCodes.IdlBadValue, $"BSON field 'scale' value must be >= 1, actual value '{scale}'");
                    }

                    break;
                default:
                    throw new MongoServerException(ErrorCodes.IdlUnknownField, $"BSON field '$collStats.{element.Name}' is an unknown field.");
            }
        }

        return new CollStatsStage(options);
    }

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime)
    {
        var name = runtime.Collection ?? throw new MongoServerException(ErrorCodes.InvalidNamespace, "$collStats must be run against a collection");
        var ns = runtime.Database + "." + name;
        var collection = runtime.Server.Storage.TryGetCollection(runtime.Database, name);
        var result = new BsonDocument
        {
            { "ns", ns },
            { "host", runtime.Server.HostAndPort },
            { "localTime", new BsonDateTime(runtime.Server.Time.GetUtcNow()) },
        };
        if (options.Contains("latencyStats"))
        {
            var zero = new BsonDocument { { "latency", 0L }, { "ops", 0L } };
            result.Add("latencyStats", new BsonDocument
            {
                { "reads", zero.DeepClone() },
                { "writes", zero.DeepClone() },
                { "commands", zero.DeepClone() },
                { "transactions", zero.DeepClone() },
            });
        }

        if (options.Contains("storageStats") || options.Contains("count"))
        {
            if (collection is null)
            {
                throw new MongoServerException(ErrorCodes.NamespaceNotFound, $"Unable to retrieve storageStats in $collStats stage :: caused by :: Collection [{ns}] not found.");
            }

            var (count, size, indexSizes) = collection.Statistics();

            if (options.GetValue("storageStats", null) is BsonDocument storage)
            {
                var scale = storage.GetValue("scale", null) is { IsNumeric: true } s ? (long)Math.Min(s.ToDouble(), int.MaxValue) : 1;
                var stats = new BsonDocument { { "size", size / scale }, { "count", count } };
                if (count > 0)
                {
                    stats.Add("avgObjSize", size / count);
                }

                stats.Add("numOrphanDocs", 0);
                stats.Add("storageSize", size / scale);
                stats.Add("freeStorageSize", 0);
                stats.Add("capped", false);
                stats.Add("nindexes", indexSizes.ElementCount);
                stats.Add("indexDetails", new BsonDocument());
                stats.Add("indexBuilds", new BsonArray());
                stats.Add("totalIndexSize", 0);
                stats.Add("totalSize", size / scale);
                stats.Add("indexSizes", indexSizes);
                stats.Add("scaleFactor", (int)scale);
                result.Add("storageStats", stats);
            }

            if (options.Contains("count"))
            {
                result.Add("count", count);
            }
        }

        if (options.Contains("queryExecStats"))
        {
            result.Add("queryExecStats", new BsonDocument("collectionScans", new BsonDocument { { "total", 0L }, { "nonTailable", 0L } }));
        }

        return [result];
    }
}

/// <summary>
/// <c>$indexStats</c> (first stage only): one document per index of the aggregated collection — name, key, host,
/// accesses (the queries planned on it since it was built) and spec — as mongod 7.0 reports them. Authorization (the
/// indexStats action: dbAdmin, not read) is checked before the pipeline runs, see PipelinePrivileges.
/// </summary>
internal sealed class IndexStatsStage : Stage
{
    public static IndexStatsStage Parse(BsonValue spec) => spec is BsonDocument { ElementCount: 0 }
        ? new IndexStatsStage()
        : throw new MongoServerException(28803, "The $indexStats stage specification must be an empty object");

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime)
    {
        var name = runtime.Collection ?? throw new MongoServerException(ErrorCodes.InvalidNamespace, "$indexStats must be run against a collection");
        var output = new List<BsonDocument>();
        if (runtime.Server.Storage.TryGetCollection(runtime.Database, name) is not { } collection)
        {
            return output;
        }

        lock (collection.SyncRoot)
        {
            output.Add(Describe(Indexes.IndexSpec.IdIndex, collection.IdIndexAccesses, runtime));
            foreach (var index in collection.Indexes.Secondary)
            {
                output.Add(Describe(index.Spec, index.Accesses, runtime));
            }
        }

        return output;
    }

    // Access counts live in memory and start with the server, so "since" is the server's start.
    private static BsonDocument Describe(Indexes.IndexSpec spec, long accesses, PipelineRuntime runtime) => new()
    {
        { "name", spec.Name },
        { "key", spec.Key },
        { "host", runtime.Server.HostAndPort },
        { "accesses", new BsonDocument { { "ops", accesses }, { "since", new BsonDateTime(runtime.Server.StartTime) } } },
        { "spec", spec.Document },
    };
}

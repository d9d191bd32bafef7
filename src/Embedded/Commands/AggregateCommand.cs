using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Aggregation;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Commands;

// The client builder OpenQuizz.Typed.Pipeline would shadow the engine's pipeline here (enclosing namespaces win over file usings).
using Pipeline = OpenQuizz.Typed.Embedded.Aggregation.Pipeline;

/// <summary>
/// aggregate: runs a pipeline over a collection (or, for <c>aggregate: 1</c>, over <c>$documents</c>) and answers
/// through a cursor like find. A leading <c>$match</c> goes through the query executor, so it can use the <c>_id</c>
/// lookup (and secondary indexes as they arrive).
/// </summary>
internal sealed class AggregateCommand : ICommandHandler
{
    private const int DefaultFirstBatch = 101;

    public IEnumerable<string> Names => ["aggregate"];

    public BsonDocument Execute(CommandContext context)
    {
        string? name = null;
        if (context.CommandValue is BsonString)
        {
            name = context.CollectionName();
        }
        else if (!(context.CommandValue.IsNumeric && context.CommandValue.ToDouble() == 1))
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, $"Invalid command format: the 'aggregate' field must specify a collection name or 1, not {context.CommandValue}");
        }

        if (!context.Command.TryGetValue("pipeline", out var pipelineValue))
        {
            throw new MongoServerException(40414, "BSON field 'aggregate.pipeline' is missing but a required field");
        }

        if (pipelineValue is not BsonArray)
        {
            throw Arguments.WrongType(context, "pipeline", pipelineValue, "array");
        }

        if (Arguments.Bool(context, "explain"))
        {
            throw new MongoServerException(ErrorCodes.NotImplemented, "explain is not supported by the embedded server's aggregate");
        }

        if (context.Command.GetValue("apiStrict", null) is BsonBoolean { Value: true })
        {
            RefuseStagesOutsideApiVersion1((BsonArray)pipelineValue);
        }

        if (Arguments.Document(context, "cursor") is null)
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
        }

        var batchSize = CursorOptions.BatchSize(context);
        var hasBatchSize = Arguments.Document(context, "cursor")!.Contains("batchSize");
        var pipeline = Pipeline.Parse(pipelineValue, PipelineScope.Top);
        if (name is null && (pipeline.Stages.Count == 0 || pipeline.Stages[0] is not (DocumentsStage or ListLocalSessionsStage)))
        {
            throw new MongoServerException(
                ErrorCodes.InvalidNamespace,
                "{aggregate: 1} is not valid for an initial stage other than $documents; a collection is required.");
        }

        if (pipeline.Writes && Arguments.Document(context, "readConcern")?.GetValue("level", null) is BsonString { Value: "linearizable" })
        {
            // As mongod: a linearizable read cannot be part of a write ($out, $merge).
            throw new MongoServerException(ErrorCodes.InvalidOptions, "$out and $merge cannot be used with a 'linearizable' read concern level");
        }

        var runtime = new PipelineRuntime(context.Server, context.Database, Variables(context)) { Collection = name, Users = context.Connection.Authentication.Users };
        var ns = context.Database + "." + (name ?? "$cmd.aggregate");
        Interlocked.Increment(ref context.Server.Statistics.Queries);
        // A pipeline of per-document stages is read as getMore asks for it; one with a blocking stage is run whole
        // (its input holds references to the stored, immutable documents, not copies).
        if (name is not null && !pipeline.Writes
            && context.Server.Storage.TryGetCollection(context.Database, name) is { } source
            && StreamingPipeline.TryCreate(source, pipeline, runtime) is { } streaming)
        {
            return CursorOptions.StreamingFirstBatch(context, ns, streaming.Pull, hasBatchSize ? batchSize : DefaultFirstBatch);
        }

        // $collStats and $indexStats produce their documents from the catalog, not from the collection's documents.
        var fromCatalog = pipeline.Stages.Count > 0 && pipeline.Stages[0] is CollStatsStage or IndexStatsStage;
        var (input, skip) = name is null || fromCatalog ? ([], 0) : ReadInput(context, name, pipeline, runtime.Variables);
        var results = pipeline.Run(input, runtime, skip);
        if (pipeline.Writes)
        {
            return Replies.Cursor("firstBatch", [], 0, ns);
        }

        if (hasBatchSize && batchSize == 0)
        {
            var cursor = context.Server.Cursors.Open(ns, results, 0, null, context.CursorOrigin());
            if (cursor.IsExhausted)
            {
                context.Server.Cursors.Kill(cursor.Id);
                return Replies.Cursor("firstBatch", [], 0, ns);
            }

            return Replies.Cursor("firstBatch", [], cursor.Id, ns);
        }

        return CursorOptions.FirstBatch(context, ns, results, hasBatchSize ? batchSize : DefaultFirstBatch, null);
    }

    /// <summary>The command's <c>let</c> variables, evaluated once (they may use $$NOW but no document).</summary>
    private static Dictionary<string, BsonValue>? Variables(CommandContext context)
    {
        if (Arguments.Document(context, "let") is not { } let)
        {
            return null;
        }

        var variables = new Dictionary<string, BsonValue>(StringComparer.Ordinal);
        var evaluation = new EvaluationContext(new BsonDocument()) { Variables = variables };
        foreach (var element in let)
        {
            variables[element.Name] = ExpressionParser.Parse(element.Value).Evaluate(evaluation) ?? BsonNull.Value;
        }

        return variables;
    }

    /// <summary>The collection's documents, filtered by a leading <c>$match</c> when there is one (which is then skipped).</summary>
    private static (List<BsonDocument> Documents, int Skip) ReadInput(CommandContext context, string name, Pipeline pipeline, Dictionary<string, BsonValue>? variables)
    {
        var collection = context.Server.Storage.TryGetCollection(context.Database, name);
        if (collection is null)
        {
            return ([], 0);
        }

        var leading = pipeline.Stages.Count > 0 ? pipeline.Stages[0] as MatchStage : null;
        var saved = EvaluationContext.Ambient;
        EvaluationContext.Ambient = variables;
        try
        {
            lock (collection.SyncRoot)
            {
                return leading is null
                    ? (collection.Scan().Select(r => r.Value.Document).ToList(), 0)
                    : (QueryExecutor.FindMatches(collection, leading.Filter, needDetails: false).ConvertAll(m => m.Document), 1);
            }
        }
        finally
        {
            EvaluationContext.Ambient = saved;
        }
    }

    /// <summary>The aggregation stages of Stable API version 1 (mongod 7.0); apiStrict refuses the others.</summary>
    private static readonly HashSet<string> ApiVersion1Stages = new(StringComparer.Ordinal)
    {
        "$addFields", "$bucket", "$bucketAuto", "$changeStream", "$count", "$densify", "$documents", "$facet", "$fill", "$geoNear",
        "$graphLookup", "$group", "$limit", "$lookup", "$match", "$merge", "$out", "$project", "$redact", "$replaceRoot",
        "$replaceWith", "$sample", "$set", "$setWindowFields", "$skip", "$sort", "$sortByCount", "$unionWith", "$unset", "$unwind",
    };

    private static void RefuseStagesOutsideApiVersion1(BsonArray pipeline)
    {
        foreach (var stage in pipeline)
        {
            if (stage is not BsonDocument { ElementCount: 1 } document)
            {
                continue;
            }

            var element = document.GetElement(0);
            if (!ApiVersion1Stages.Contains(element.Name))
            {
                throw new MongoServerException(ErrorCodes.APIStrictError, $"{element.Name} is not allowed with 'apiStrict: true' in API Version 1");
            }

            // Sub-pipelines are held to the same rule.
            switch (element.Value)
            {
                case BsonDocument { } options when options.GetValue("pipeline", null) is BsonArray inner:
                    RefuseStagesOutsideApiVersion1(inner);
                    break;
                case BsonDocument facets when element.Name == "$facet":
                    foreach (var facet in facets)
                    {
                        if (facet.Value is BsonArray facetPipeline)
                        {
                            RefuseStagesOutsideApiVersion1(facetPipeline);
                        }
                    }

                    break;
            }
        }
    }
}

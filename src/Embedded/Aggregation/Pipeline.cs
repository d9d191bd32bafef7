using System.Runtime.CompilerServices;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Hosting;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Aggregation;

/// <summary>Where a pipeline is parsed: some stages are refused inside <c>$lookup</c>, <c>$facet</c> or an update.</summary>
internal enum PipelineScope
{
    Top,
    Lookup,
    Facet,
    Update,
}

/// <summary>
/// What stages need while they run: the server (for <c>$lookup</c>, <c>$out</c>, <c>$merge</c>), the database, the
/// variables in scope (<c>let</c>) and the server's random source.
/// </summary>
internal sealed class PipelineRuntime(ServerContext server, string database, Dictionary<string, BsonValue>? variables)
{
    private static readonly ConditionalWeakTable<ServerContext, Random> Randoms = [];

    public ServerContext Server { get; } = server;

    public string Database { get; } = database;

    public Dictionary<string, BsonValue>? Variables { get; } = variables;

    /// <summary>The users authenticated on the connection that runs the pipeline ($listLocalSessions).</summary>
    public IReadOnlyList<(string Database, string Name)> Users { get; init; } = [];

    /// <summary>The collection the command aggregates (for <c>$collStats</c> and <c>$indexStats</c>); null for <c>aggregate: 1</c>.</summary>
    public string? Collection { get; init; }

    /// <summary>One random source per server, seeded from <see cref="EmbeddedServerOptions.RandomSeed"/> when set.</summary>
    public Random Random => Randoms.GetValue(Server, static s => s.Options.RandomSeed is { } seed ? new Random(seed) : new Random());

    /// <summary>A runtime for a sub-pipeline with more variables (<c>$lookup</c>'s <c>let</c>).</summary>
    public PipelineRuntime With(Dictionary<string, BsonValue>? extra)
    {
        if (extra is null || extra.Count == 0)
        {
            return this;
        }

        var merged = Variables is null ? new Dictionary<string, BsonValue>(StringComparer.Ordinal) : new Dictionary<string, BsonValue>(Variables, StringComparer.Ordinal);
        foreach (var (name, value) in extra)
        {
            merged[name] = value;
        }

        return new PipelineRuntime(Server, Database, merged) { Collection = Collection, Users = Users };
    }

    public EvaluationContext Context(BsonDocument document) => new(document) { Variables = Variables };
}

/// <summary>One stage of a pipeline. Stages never mutate their input documents: those may be stored documents.</summary>
internal abstract class Stage
{
    public abstract List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime);

    /// <summary>
    /// Whether each output document depends on one input document only, so the stage can run on a cursor's documents
    /// one at a time as getMore pulls them (see <see cref="StreamingPipeline"/>).
    /// </summary>
    public virtual bool IsPerDocument => false;
}

/// <summary>A parsed aggregation pipeline.</summary>
internal sealed class Pipeline
{
    private Pipeline(List<Stage> stages) => Stages = stages;

    public List<Stage> Stages { get; }

    /// <summary>Whether the last stage writes to a collection (<c>$out</c>, <c>$merge</c>), so the cursor is empty.</summary>
    public bool Writes => Stages.Count > 0 && Stages[^1] is OutStage or MergeStage;

    public static Pipeline Parse(BsonValue? pipeline, PipelineScope scope)
    {
        if (pipeline is not BsonArray stages)
        {
            throw new MongoServerException(ErrorCodes.TypeMismatch, "A pipeline must be an array of stage objects");
        }

        var parsed = new List<Stage>(stages.Count);
        for (var i = 0; i < stages.Count; i++)
        {
            if (stages[i] is not BsonDocument spec)
            {
                throw new MongoServerException(ErrorCodes.TypeMismatch, "Each element of the 'pipeline' array must be an object");
            }

            if (spec.ElementCount != 1)
            {
                throw new MongoServerException(40323, "A pipeline stage specification object must contain exactly one field.");
            }

            var element = spec.GetElement(0);
            // Parsing first reports an unknown stage as such (40324) wherever it appears.
            var stage = StageParser.Parse(element.Name, element.Value, scope);
            CheckPlacement(element.Name, i, stages.Count, scope);
            parsed.AddRange(stage);
        }

        // A $sort followed by a $limit sorts only as many documents as the limit lets through, as mongod coalesces them.
        for (var i = 0; i + 1 < parsed.Count; i++)
        {
            if (parsed[i] is SortStage sort && parsed[i + 1] is LimitStage limit)
            {
                sort.Limit = limit.Count;
            }
        }

        return new Pipeline(parsed);
    }

    private static void CheckPlacement(string name, int index, int count, PipelineScope scope)
    {
        if (name is "$out" or "$merge")
        {
            switch (scope)
            {
                case PipelineScope.Facet:
                    throw new MongoServerException(40600, $"{name} is not allowed to be used within a $facet stage");
                case PipelineScope.Lookup:
                    throw new MongoServerException(51047, $"{name} is not allowed within a $lookup's sub-pipeline");
            }

            if (index != count - 1)
            {
                throw new MongoServerException(40601, $"{name} can only be the final stage in the pipeline");
            }
        }

        if (name == "$facet" && scope == PipelineScope.Facet)
        {
            throw new MongoServerException(40600, "$facet is not allowed to be used within a $facet stage");
        }

        if (name is "$collStats" or "$indexStats")
        {
            switch (scope)
            {
                case PipelineScope.Facet:
                    throw new MongoServerException(40600, $"{name} is not allowed to be used within a $facet stage");
                case PipelineScope.Lookup:
                    throw new MongoServerException(51047, $"{name} is not allowed within a $lookup's sub-pipeline");
            }
        }

        if (name is "$documents" or "$collStats" or "$indexStats" && index != 0)
        {
            throw new MongoServerException(40602, $"{name} is only valid as the first stage in a pipeline");
        }

        if (scope == PipelineScope.Update && name is not ("$addFields" or "$set" or "$project" or "$unset" or "$replaceRoot" or "$replaceWith"))
        {
            throw new MongoServerException(ErrorCodes.InvalidOptions, $"{name} is not allowed to be used within an update");
        }
    }

    /// <summary>Runs the stages over <paramref name="input"/>; filters inside see the pipeline's variables (see <see cref="EvaluationContext.Ambient"/>).</summary>
    public List<BsonDocument> Run(List<BsonDocument> input, PipelineRuntime runtime, int skipStages = 0)
    {
        var saved = EvaluationContext.Ambient;
        EvaluationContext.Ambient = runtime.Variables;
        try
        {
            var current = input;
            for (var i = skipStages; i < Stages.Count; i++)
            {
                OperationLimits.CheckTimeNow();
                current = Stages[i].Execute(current, runtime);
            }

            return current;
        }
        finally
        {
            EvaluationContext.Ambient = saved;
        }
    }
}

/// <summary>Maps a stage name to its parsed stage(s); aliases and sugar (<c>$sortByCount</c>) expand here.</summary>
internal static class StageParser
{
    public static IEnumerable<Stage> Parse(string name, BsonValue spec, PipelineScope scope) => name switch
    {
        "$match" => [MatchStage.Parse(spec)],
        "$project" => [new ProjectStage(AggregateProjection.ParseProject(spec))],
        "$addFields" or "$set" => [new ProjectStage(AggregateProjection.ParseAddFields(name, spec))],
        "$unset" => [new ProjectStage(AggregateProjection.ParseUnset(spec))],
        "$group" => [GroupStage.Parse(spec)],
        "$sort" => [SortStage.Parse(spec)],
        "$skip" => [SkipStage.Parse(spec)],
        "$limit" => [LimitStage.Parse(spec)],
        "$unwind" => [UnwindStage.Parse(spec)],
        "$lookup" => [LookupStage.Parse(spec)],
        "$count" => CountStage.Parse(spec),
        "$replaceRoot" => [ReplaceRootStage.ParseReplaceRoot(spec)],
        "$replaceWith" => [new ReplaceRootStage(ExpressionParser.Parse(spec))],
        "$facet" => [FacetStage.Parse(spec)],
        "$sortByCount" => SortByCount(spec),
        "$sample" => [SampleStage.Parse(spec)],
        "$out" => [OutStage.Parse(spec)],
        "$merge" => [MergeStage.Parse(spec)],
        "$documents" => [DocumentsStage.Parse(spec)],
        "$unionWith" => [UnionWithStage.Parse(spec)],
        "$bucket" => BucketStage.Parse(spec),
        "$bucketAuto" => [BucketAutoStage.Parse(spec)],
        "$setWindowFields" => [SetWindowFieldsStage.Parse(spec)],
        "$graphLookup" => [GraphLookupStage.Parse(spec)],
        "$collStats" => [CollStatsStage.Parse(spec)],
        "$indexStats" => [IndexStatsStage.Parse(spec)],
        "$listLocalSessions" => [ListLocalSessionsStage.Parse(spec)],
        "$listSearchIndexes" or "$search" or "$searchMeta" or "$vectorSearch" => throw new MongoServerException(ErrorCodes.SearchNotEnabled, Commands.SearchIndexCommands.Message),
        _ => throw new MongoServerException(40324, $"Unrecognized pipeline stage name: '{name}'"),
    };

    private static IEnumerable<Stage> SortByCount(BsonValue spec)
    {
        if (spec is not (BsonString { Value: ['$', ..] } or BsonDocument { ElementCount: 1 }) || (spec is BsonDocument d && !d.GetElement(0).Name.StartsWith('$')))
        {
            throw new MongoServerException(40147, "the sortByCount field must be defined as a $-prefixed path or an expression object");
        }

        return
        [
            GroupStage.Parse(new BsonDocument { { "_id", spec }, { "count", new BsonDocument("$sum", 1) } }),
            SortStage.Parse(new BsonDocument("count", -1)),
        ];
    }
}

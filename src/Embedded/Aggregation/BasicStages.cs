using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Aggregation;

/// <summary><c>$match</c>: the find filter language, <c>$expr</c> included.</summary>
internal sealed class MatchStage(FilterNode filter) : Stage
{
    public FilterNode Filter { get; } = filter;

    public static MatchStage Parse(BsonValue spec) => spec is BsonDocument filter
        ? new MatchStage(FilterParser.Parse(filter))
        : throw new MongoServerException(15959, "the match filter must be an expression in an object");

    public override bool IsPerDocument => true;

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime) => input.FindAll(d => Filter.Matches(d));
}

/// <summary><c>$project</c>, <c>$addFields</c>/<c>$set</c> and <c>$unset</c>, all applied through <see cref="AggregateProjection"/>.</summary>
internal sealed class ProjectStage(AggregateProjection projection) : Stage
{
    public AggregateProjection Projection { get; } = projection;

    public override bool IsPerDocument => true;

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime) => input.ConvertAll(d => Projection.Apply(d, runtime));
}

internal sealed class SortStage(SortSpec sort) : Stage
{
    public SortSpec Sort => sort;

    /// <summary>The <c>$limit</c> that follows, if any: the sort then keeps only that many documents (mongod's top-k sort).</summary>
    public long Limit { get; set; }

    public static SortStage Parse(BsonValue spec)
    {
        if (spec is not BsonDocument keys)
        {
            throw new MongoServerException(15973, "the $sort key specification must be an object");
        }

        return new SortStage(SortSpec.Parse(keys) ?? throw new MongoServerException(15976, "$sort stage must have at least one sort key"));
    }

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime)
    {
        if (Limit > 0 && Limit < input.Count)
        {
            return sort.Top(input, (int)Limit, static d => d, "$sort");
        }

        var memory = 0L;
        foreach (var document in input)
        {
            OperationLimits.CheckTime();
            memory += document.GetEncodedSize();
            OperationLimits.CheckMemory(memory, "$sort", ErrorCodes.QueryExceededMemoryLimitNoDiskUseAllowed);
        }

        var sorted = new List<BsonDocument>(input);
        sort.Sort(sorted);
        return sorted;
    }
}

internal sealed class SkipStage(long skip) : Stage
{
    public long Count => skip;

    public static SkipStage Parse(BsonValue spec)
    {
        if (!spec.IsNumeric || spec.ToDouble() != Math.Floor(spec.ToDouble()))
        {
            throw new MongoServerException(5107200, $"invalid argument to $skip stage: Cannot represent as a 64-bit integer: $skip: {spec}");
        }

        return spec.ToDouble() < 0
            ? throw new MongoServerException(5107200, $"invalid argument to $skip stage: Expected a non-negative number in: $skip: {spec}")
            : new SkipStage((long)Math.Min(spec.ToDouble(), long.MaxValue));
    }

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime) =>
        skip >= input.Count ? [] : input.GetRange((int)skip, input.Count - (int)skip);
}

internal sealed class LimitStage(long limit) : Stage
{
    public long Count => limit;

    public static LimitStage Parse(BsonValue spec)
    {
        if (!spec.IsNumeric || spec.ToDouble() != Math.Floor(spec.ToDouble()))
        {
            throw new MongoServerException(5107201, $"invalid argument to $limit stage: Cannot represent as a 64-bit integer: $limit: {spec}");
        }

        return spec.ToDouble() <= 0
            ? throw new MongoServerException(15958, "the limit must be positive")
            : new LimitStage((long)Math.Min(spec.ToDouble(), long.MaxValue));
    }

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime) =>
        limit >= input.Count ? input : input.GetRange(0, (int)limit);
}

/// <summary><c>$count</c>: sugar for a group counting documents, projected to the named field (no output for no input).</summary>
internal static class CountStage
{
    public static IEnumerable<Stage> Parse(BsonValue spec)
    {
        if (spec is not BsonString { Value: var field } || field.Length == 0)
        {
            throw new MongoServerException(40156, "the count field must be a non-empty string");
        }

        if (field.StartsWith('$'))
        {
            throw new MongoServerException(40158, "the count field cannot be a $-prefixed path");
        }

        if (field.Contains('.'))
        {
            throw new MongoServerException(40160, "the count field cannot contain '.'");
        }

        return
        [
            GroupStage.Parse(new BsonDocument { { "_id", BsonNull.Value }, { field, new BsonDocument("$sum", 1) } }),
            new ProjectStage(AggregateProjection.ParseProject(new BsonDocument("_id", 0))),
        ];
    }
}

/// <summary><c>$replaceRoot: {newRoot}</c> and <c>$replaceWith</c>.</summary>
internal sealed class ReplaceRootStage(Expression newRoot) : Stage
{
    public static ReplaceRootStage ParseReplaceRoot(BsonValue spec)
    {
        if (spec is not BsonDocument options)
        {
            throw new MongoServerException(40229, $"expected an object as specification for $replaceRoot stage, got {BsonTypeNames.AliasOf(spec.BsonType)}");
        }

        Expression? root = null;
        foreach (var element in options)
        {
            root = element.Name == "newRoot"
                ? ExpressionParser.Parse(element.Value)
                : throw new MongoServerException(40415, $"BSON field '$replaceRoot.{element.Name}' is an unknown field.");
        }

        return new ReplaceRootStage(root ?? throw new MongoServerException(40414, "BSON field '$replaceRoot.newRoot' is missing but a required field"));
    }

    public override bool IsPerDocument => true;

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime) => input.ConvertAll(document =>
    {
        var value = newRoot.Evaluate(runtime.Context(document));
        return value as BsonDocument ?? throw new MongoServerException(
            40228,
            $"'newRoot' expression must evaluate to an object, but resulting value was: {(value is null ? "MISSING" : value.ToString())}. Type of resulting value: '{(value is null ? "missing" : BsonTypeNames.AliasOf(value.BsonType))}'. Input document: {document}");
    });
}

/// <summary><c>$sample: {size}</c>: a uniform random subset in random order, from the server's (seedable) random source.</summary>
internal sealed class SampleStage(long size) : Stage
{
    public static SampleStage Parse(BsonValue spec)
    {
        if (spec is not BsonDocument options)
        {
            throw new MongoServerException(28745, "the $sample stage specification must be an object");
        }

        long? size = null;
        foreach (var element in options)
        {
            if (element.Name != "size")
            {
                throw new MongoServerException(28748, $"unrecognized option to $sample: {element.Name}");
            }

            if (!element.Value.IsNumeric)
            {
                throw new MongoServerException(28746, "size argument to $sample must be a number");
            }

            size = element.Value.ToDouble() < 0
                ? throw new MongoServerException(28747, "size argument to $sample must not be negative")
                : (long)Math.Min(element.Value.ToDouble(), long.MaxValue);
        }

        return new SampleStage(size ?? throw new MongoServerException(28749, "$sample stage must specify a size"));
    }

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime)
    {
        var shuffled = new List<BsonDocument>(input);
        var random = runtime.Random;
        var take = (int)Math.Min(size, shuffled.Count);
        lock (random)
        {
            // A partial Fisher-Yates shuffle: the first `take` positions are a uniform sample in random order.
            for (var i = 0; i < take; i++)
            {
                var j = random.Next(i, shuffled.Count);
                (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
            }
        }

        return shuffled.GetRange(0, take);
    }
}

/// <summary><c>$documents</c>: literal documents (an expression evaluating to an array of objects) as the pipeline's input.</summary>
internal sealed class DocumentsStage(Expression documents) : Stage
{
    public static DocumentsStage Parse(BsonValue spec) => new(ExpressionParser.Parse(spec));

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime)
    {
        var value = documents.Evaluate(runtime.Context([]));
        if (value is not BsonArray array)
        {
            throw new MongoServerException(5858203, "error during $documents evaluation: an array is expected");
        }

        return array.Select(item => item as BsonDocument ?? throw new MongoServerException(ErrorCodes.TypeMismatch, "$documents: every element must be an object")).ToList();
    }
}

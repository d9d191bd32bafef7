using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Aggregation;

/// <summary>
/// <c>$bucket</c>: sugar, as in mongod, for a <c>$group</c> whose <c>_id</c> is a <c>$switch</c> over the boundaries
/// followed by a <c>$sort</c> on <c>_id</c>; both are held to the stage memory limit like any group and sort.
/// </summary>
internal static class BucketStage
{
    public static IEnumerable<Stage> Parse(BsonValue spec)
    {
        if (spec is not BsonDocument options)
        {
            throw new MongoServerException(40201, $"Argument to $bucket stage must be an object, but found type: {BsonTypeNames.AliasOf(spec.BsonType)}.");
        }

        BsonValue? groupBy = null;
        BsonValue? defaultValue = null;
        List<BsonValue>? boundaries = null;
        var group = new BsonDocument();
        var outputSpecified = false;
        foreach (var element in options)
        {
            switch (element.Name)
            {
                case "groupBy":
                    groupBy = element.Value;
                    if (!(groupBy is BsonString { Value: ['$', ..] } || (groupBy is BsonDocument { ElementCount: > 0 } g && g.GetElement(0).Name.StartsWith('$'))))
                    {
                        throw new MongoServerException(40202, $"The $bucket 'groupBy' field must be defined as a $-prefixed path or an expression, but found: {groupBy}.");
                    }

                    break;
                case "boundaries":
                    if (element.Value is not BsonArray array)
                    {
                        throw new MongoServerException(40200, $"The $bucket 'boundaries' field must be an array, but found type: {BsonTypeNames.AliasOf(element.Value.BsonType)}.");
                    }

                    boundaries = new List<BsonValue>(array.Count);
                    foreach (var boundary in array)
                    {
                        boundaries.Add(ExpressionParser.Parse(boundary) is ConstantExpression constant
                            ? constant.Value
                            : throw new MongoServerException(40191, $"The $bucket 'boundaries' field must be an array of constant values, but found value: {boundary}."));
                    }

                    CheckBoundaries(boundaries);
                    break;
                case "default":
                    defaultValue = ExpressionParser.Parse(element.Value) is ConstantExpression constantDefault
                        ? constantDefault.Value
                        : throw new MongoServerException(40195, $"The $bucket 'default' field must be a constant expression, but found: {element.Value}.");
                    break;
                case "output":
                    if (element.Value is not BsonDocument output)
                    {
                        throw new MongoServerException(40196, $"The $bucket 'output' field must be an object, but found type: {BsonTypeNames.AliasOf(element.Value.BsonType)}.");
                    }

                    outputSpecified = true;
                    foreach (var field in output)
                    {
                        group.Add(field.Name, field.Value);
                    }

                    break;
                default:
                    throw new MongoServerException(40197, $"Unrecognized option to $bucket: {element.Name}.");
            }
        }

        if (groupBy is null || boundaries is null || boundaries.Count == 0)
        {
            throw new MongoServerException(40198, "$bucket requires 'groupBy' and 'boundaries' to be specified.");
        }

        if (defaultValue is not null && BsonOrder.Rank(defaultValue.BsonType) == BsonOrder.Rank(boundaries[0].BsonType)
            && BsonOrder.CompareValues(defaultValue, boundaries[0]) >= 0 && BsonOrder.CompareValues(defaultValue, boundaries[^1]) < 0)
        {
            throw new MongoServerException(40199, "The $bucket 'default' field must be less than the lowest boundary or greater than or equal to the highest boundary.");
        }

        var branches = new BsonArray();
        for (var i = 1; i < boundaries.Count; i++)
        {
            var inBucket = new BsonDocument("$and", new BsonArray
            {
                new BsonDocument("$gte", new BsonArray { groupBy, Literal(boundaries[i - 1]) }),
                new BsonDocument("$lt", new BsonArray { groupBy, Literal(boundaries[i]) }),
            });
            branches.Add(new BsonDocument { { "case", inBucket }, { "then", Literal(boundaries[i - 1]) } });
        }

        var @switch = new BsonDocument("branches", branches);
        if (defaultValue is not null)
        {
            @switch.Add("default", Literal(defaultValue));
        }

        group.InsertAt(0, new BsonElement("_id", new BsonDocument("$switch", @switch)));
        if (!outputSpecified)
        {
            group.Add("count", new BsonDocument("$sum", 1));
        }

        return [GroupStage.Parse(group), SortStage.Parse(new BsonDocument("_id", 1))];
    }

    // A boundary is a value, never an expression or a path, whatever it looks like.
    private static BsonDocument Literal(BsonValue value) => new("$literal", value);

    private static void CheckBoundaries(List<BsonValue> boundaries)
    {
        if (boundaries.Count < 2)
        {
            throw new MongoServerException(40192, $"The $bucket 'boundaries' field must have at least 2 values, but found {boundaries.Count} value(s).");
        }

        for (var i = 1; i < boundaries.Count; i++)
        {
            var (lower, upper) = (boundaries[i - 1], boundaries[i]);
            if (BsonOrder.Rank(lower.BsonType) != BsonOrder.Rank(upper.BsonType))
            {
                throw new MongoServerException(40193, $"All values in the the 'boundaries' option to $bucket must have the same type. Found conflicting types {BsonTypeNames.AliasOf(lower.BsonType)} and {BsonTypeNames.AliasOf(upper.BsonType)}.");
            }

            if (BsonOrder.CompareValues(lower, upper) >= 0)
            {
                throw new MongoServerException(40194, $"The 'boundaries' option to $bucket must be sorted, but elements {i - 1} and {i} are not in ascending order ({lower} is not less than {upper}).");
            }
        }
    }
}

/// <summary>
/// <c>$bucketAuto</c>: documents sorted by their <c>groupBy</c> value and cut into about <c>buckets</c> equal buckets,
/// each <c>{_id: {min, max}, …accumulators}</c>, equal values never split across two, as mongod does. The sort holds
/// every input document, so it is held to the stage memory limit (QueryExceededMemoryLimitNoDiskUseAllowed, 292).
/// </summary>
internal sealed class BucketAutoStage(Expression groupBy, int buckets, List<(string Field, string Operator, Expression Argument)> fields) : Stage
{
    public static BucketAutoStage Parse(BsonValue spec)
    {
        if (spec is not BsonDocument options)
        {
            throw new MongoServerException(40240, $"The argument to $bucketAuto must be an object, but found type: {BsonTypeNames.AliasOf(spec.BsonType)}");
        }

        Expression? groupBy = null;
        int? buckets = null;
        var fields = new List<(string, string, Expression)>();
        foreach (var element in options)
        {
            switch (element.Name)
            {
                case "groupBy":
                    var value = element.Value;
                    if (!(value is BsonString { Value: ['$', ..] } || (value is BsonDocument { ElementCount: > 0 } g && g.GetElement(0).Name.StartsWith('$'))))
                    {
                        throw new MongoServerException(40239, $"The $bucketAuto 'groupBy' field must be defined as a $-prefixed path or an expression object, but found: {value}");
                    }

                    groupBy = ExpressionParser.Parse(value);
                    break;
                case "buckets":
                    if (!element.Value.IsNumeric)
                    {
                        throw new MongoServerException(40241, $"The $bucketAuto 'buckets' field must be a numeric value, but found type: {BsonTypeNames.AliasOf(element.Value.BsonType)}");
                    }

                    var number = element.Value.ToDouble();
                    if (number != Math.Floor(number) || number < int.MinValue || number > int.MaxValue)
                    {
                        throw new MongoServerException(40242, $"The $bucketAuto 'buckets' field must be representable as a 32-bit integer, but found {number}");
                    }

                    buckets = (int)number;
                    break;
                case "output":
                    if (element.Value is not BsonDocument output)
                    {
                        throw new MongoServerException(40244, $"The $bucketAuto 'output' field must be an object, but found type: {BsonTypeNames.AliasOf(element.Value.BsonType)}");
                    }

                    foreach (var field in output)
                    {
                        fields.Add(GroupStage.ParseField(field));
                    }

                    break;
                case "granularity":
                    if (element.Value is not BsonString)
                    {
                        throw new MongoServerException(40261, $"The $bucketAuto 'granularity' field must be a string, but found type: {BsonTypeNames.AliasOf(element.Value.BsonType)}");
                    }

                    throw new MongoServerException(ErrorCodes.NotImplemented, "$bucketAuto's 'granularity' is not supported by the embedded server");
                default:
                    throw new MongoServerException(40245, $"Unrecognized option to $bucketAuto: {element.Name}");
            }
        }

        if (groupBy is null || buckets is null)
        {
            throw new MongoServerException(40246, "$bucketAuto requires 'groupBy' and 'buckets' to be specified");
        }

        if (buckets <= 0)
        {
            throw new MongoServerException(40243, $"The $bucketAuto 'buckets' field must be greater than 0, but found: {buckets}");
        }

        if (fields.Count == 0)
        {
            fields.Add(("count", "$sum", new ConstantExpression(BsonInt32.Create(1))));
        }

        return new BucketAutoStage(groupBy, buckets.Value, fields);
    }

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime)
    {
        // The sort holds each document and its key, as mongod's sorter does.
        var keyed = new (BsonValue Key, int Position, BsonDocument Document)[input.Count];
        var memory = 0L;
        for (var i = 0; i < input.Count; i++)
        {
            OperationLimits.CheckTime();
            var key = groupBy.Evaluate(runtime.Context(input[i])) ?? BsonNull.Value;
            memory += input[i].GetEncodedSize() + BsonSize.OfValue(key);
            OperationLimits.CheckMemory(memory, "$bucketAuto", ErrorCodes.QueryExceededMemoryLimitNoDiskUseAllowed);
            keyed[i] = (key, i, input[i]);
        }

        Array.Sort(keyed, static (a, b) =>
        {
            var c = BsonOrder.CompareValues(a.Key, b.Key);
            return c != 0 ? c : a.Position.CompareTo(b.Position);
        });

        var output = new List<BsonDocument>();
        if (keyed.Length == 0)
        {
            return output;
        }

        var approximate = Math.Max(1L, (long)Math.Round((double)keyed.Length / buckets, MidpointRounding.AwayFromZero));
        var next = 0;
        for (var bucket = 1; bucket <= buckets && next < keyed.Length; bucket++)
        {
            var accumulators = new Accumulator[fields.Count];
            for (var k = 0; k < fields.Count; k++)
            {
                accumulators[k] = Accumulator.Create(fields[k].Operator);
            }

            var min = keyed[next].Key;
            var last = bucket == buckets;
            var taken = 0L;
            BsonValue max;
            do
            {
                Add(accumulators, keyed[next].Document, runtime);
                max = keyed[next].Key;
                next++;
                taken++;
            }
            while (next < keyed.Length && (last || taken < approximate));

            // Values equal to the bucket's largest join it, so one value never spans two buckets.
            while (next < keyed.Length && BsonOrder.CompareValues(keyed[next].Key, max) == 0)
            {
                Add(accumulators, keyed[next].Document, runtime);
                next++;
            }

            // A bucket's max is the next one's min (exclusive), except the last bucket's (inclusive).
            if (next < keyed.Length)
            {
                max = keyed[next].Key;
            }

            var result = new BsonDocument(fields.Count + 1) { { "_id", new BsonDocument { { "min", min }, { "max", max } } } };
            for (var k = 0; k < fields.Count; k++)
            {
                result.Add(fields[k].Field, accumulators[k].Result());
            }

            output.Add(result);
        }

        return output;
    }

    private void Add(Accumulator[] accumulators, BsonDocument document, PipelineRuntime runtime)
    {
        var context = runtime.Context(document);
        for (var k = 0; k < fields.Count; k++)
        {
            accumulators[k].Add(fields[k].Argument.Evaluate(context));
        }
    }
}

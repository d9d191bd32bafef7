using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Aggregation;

/// <summary>
/// <c>$group</c>: documents grouped by the <c>_id</c> expression (numbers of different types group together, missing
/// is null), one accumulator per output field. Groups come out in the order they were first seen.
/// </summary>
internal sealed class GroupStage : Stage
{
    private readonly Expression _id;
    private readonly List<(string Field, string Operator, Expression Argument)> _fields;

    private GroupStage(Expression id, List<(string, string, Expression)> fields)
    {
        _id = id;
        _fields = fields;
    }

    public static GroupStage Parse(BsonValue spec)
    {
        if (spec is not BsonDocument document)
        {
            throw new MongoServerException(15947, "a group's fields must be specified in an object");
        }

        Expression? id = null;
        var fields = new List<(string, string, Expression)>();
        foreach (var element in document)
        {
            if (element.Name == "_id")
            {
                id = ExpressionParser.Parse(element.Value);
                continue;
            }

            fields.Add(ParseField(element));
        }

        return new GroupStage(id ?? throw new MongoServerException(15955, "a group specification must include an _id"), fields);
    }

    /// <summary>One output field of a group (<c>{field: {$accumulator: argument}}</c>), shared by <c>$bucket</c> and <c>$bucketAuto</c>.</summary>
    public static (string Field, string Operator, Expression Argument) ParseField(BsonElement element)
    {
        if (element.Name.Contains('.'))
        {
            throw new MongoServerException(40235, $"The field name '{element.Name}' cannot contain '.'");
        }

        if (element.Name.StartsWith('$'))
        {
            throw new MongoServerException(40236, $"The field name '{element.Name}' cannot be an operator name");
        }

        if (element.Value is not BsonDocument accumulator)
        {
            throw new MongoServerException(40234, $"The field '{element.Name}' must be an accumulator object");
        }

        if (accumulator.ElementCount != 1)
        {
            throw new MongoServerException(40238, $"The field '{element.Name}' must specify one accumulator");
        }

        var op = accumulator.GetElement(0);
        if (!Accumulator.IsKnown(op.Name))
        {
            throw new MongoServerException(15952, $"unknown group operator '{op.Name}'");
        }

        if (op.Value is BsonArray && op.Name != "$mergeObjects")
        {
            throw new MongoServerException(40237, $"The {op.Name} accumulator is a unary operator");
        }

        if (op.Name == "$count" && op.Value is not BsonDocument { ElementCount: 0 })
        {
            throw new MongoServerException(ErrorCodes.TypeMismatch, "$count takes no arguments, i.e. $count:{}");
        }

        return (element.Name, op.Name, op.Name == "$count" ? new ConstantExpression(BsonInt32.Create(1)) : ExpressionParser.Parse(op.Value));
    }

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime)
    {
        var groups = new Dictionary<BsonValue, Accumulator[]>(BsonKeyEquality.Instance);
        var order = new List<BsonValue>();
        var memory = 0L;
        foreach (var document in input)
        {
            OperationLimits.CheckTime();
            var context = runtime.Context(document);
            var key = _id.Evaluate(context) ?? BsonNull.Value;
            if (!groups.TryGetValue(key, out var accumulators))
            {
                // Each group holds its key and accumulators; values kept by $push/$addToSet are counted there.
                memory += BsonSize.OfValue(key) + (_fields.Count * OperationLimits.ValueBytes);
                OperationLimits.CheckMemory(memory, "$group", ErrorCodes.QueryExceededMemoryLimitNoDiskUseAllowed);
                accumulators = new Accumulator[_fields.Count];
                for (var i = 0; i < _fields.Count; i++)
                {
                    accumulators[i] = Accumulator.Create(_fields[i].Operator);
                }

                groups.Add(key, accumulators);
                order.Add(key);
            }

            for (var i = 0; i < _fields.Count; i++)
            {
                accumulators[i].Add(_fields[i].Argument.Evaluate(context));
            }
        }

        var output = new List<BsonDocument>(order.Count);
        foreach (var key in order)
        {
            var result = new BsonDocument(_fields.Count + 1) { { "_id", key } };
            var accumulators = groups[key];
            for (var i = 0; i < _fields.Count; i++)
            {
                result.Add(_fields[i].Field, accumulators[i].Result());
            }

            output.Add(result);
        }

        return output;
    }
}

/// <summary>One group's running state for one output field.</summary>
internal abstract class Accumulator
{
    private static readonly HashSet<string> Names =
        ["$sum", "$avg", "$min", "$max", "$first", "$last", "$push", "$addToSet", "$count", "$mergeObjects", "$stdDevPop", "$stdDevSamp"];

    public static bool IsKnown(string name) => Names.Contains(name);

    public static Accumulator Create(string name) => name switch
    {
        "$sum" or "$count" => new SumAccumulator(),
        "$avg" => new AvgAccumulator(),
        "$min" => new ExtremeAccumulator(-1),
        "$max" => new ExtremeAccumulator(1),
        "$first" => new FirstAccumulator(),
        "$last" => new LastAccumulator(),
        "$push" => new PushAccumulator(unique: false),
        "$addToSet" => new PushAccumulator(unique: true),
        "$mergeObjects" => new MergeObjectsAccumulator(),
        "$stdDevPop" => new StdDevAccumulator(sample: false),
        "$stdDevSamp" => new StdDevAccumulator(sample: true),
        _ => throw new MongoServerException(15952, $"unknown group operator '{name}'"),
    };

    /// <summary>Adds one document's value; null means the expression was missing.</summary>
    public abstract void Add(BsonValue? value);

    public abstract BsonValue Result();

    private sealed class SumAccumulator : Accumulator
    {
        private BsonValue _sum = BsonInt32.Create(0);

        public override void Add(BsonValue? value)
        {
            // Non-numeric values (and arrays) are ignored, as in mongod.
            if (value is { IsNumeric: true })
            {
                _sum = Numeric.Add(_sum, value);
            }
        }

        public override BsonValue Result() => _sum;
    }

    private sealed class AvgAccumulator : Accumulator
    {
        private BsonValue _sum = BsonInt32.Create(0);
        private long _count;

        public override void Add(BsonValue? value)
        {
            if (value is { IsNumeric: true })
            {
                _sum = Numeric.Add(_sum, value);
                _count++;
            }
        }

        public override BsonValue Result() => _count == 0
            ? BsonNull.Value
            : _sum is BsonDecimal128
                ? new BsonDecimal128(new Decimal128(Numeric.ToDecimal(_sum) / _count))
                : new BsonDouble(_sum.ToDouble() / _count);
    }

    private sealed class ExtremeAccumulator(int direction) : Accumulator
    {
        private BsonValue? _best;

        public override void Add(BsonValue? value)
        {
            if (!ExpressionValues.IsNullish(value) && (_best is null || BsonOrder.CompareValues(value!, _best) * direction > 0))
            {
                _best = value;
            }
        }

        public override BsonValue Result() => _best ?? BsonNull.Value;
    }

    private sealed class FirstAccumulator : Accumulator
    {
        private bool _seen;
        private BsonValue _value = BsonNull.Value;

        public override void Add(BsonValue? value)
        {
            if (!_seen)
            {
                _seen = true;
                _value = value ?? BsonNull.Value;
            }
        }

        public override BsonValue Result() => _value;
    }

    private sealed class LastAccumulator : Accumulator
    {
        private BsonValue _value = BsonNull.Value;

        public override void Add(BsonValue? value) => _value = value ?? BsonNull.Value;

        public override BsonValue Result() => _value;
    }

    private sealed class PushAccumulator(bool unique) : Accumulator
    {
        private readonly BsonArray _values = [];
        private readonly HashSet<BsonValue> _seen = new(BsonKeyEquality.Instance);
        private long _bytes;

        public override void Add(BsonValue? value)
        {
            if (value is not null && (!unique || _seen.Add(value)))
            {
                _bytes += BsonSize.OfValue(value) + OperationLimits.ValueBytes;
                OperationLimits.CheckMemory(_bytes, unique ? "$addToSet" : "$push");
                _values.Add(value);
            }
        }

        public override BsonValue Result() => _values;
    }

    private sealed class MergeObjectsAccumulator : Accumulator
    {
        private readonly BsonDocument _result = [];

        public override void Add(BsonValue? value) => ExpressionOperators.MergeInto(_result, value);

        public override BsonValue Result() => _result;
    }

    private sealed class StdDevAccumulator(bool sample) : Accumulator
    {
        private long _count;
        private double _mean;
        private double _m2;

        public override void Add(BsonValue? value)
        {
            if (value is { IsNumeric: true })
            {
                // Welford's online algorithm.
                var x = value.ToDouble();
                _count++;
                var delta = x - _mean;
                _mean += delta / _count;
                _m2 += delta * (x - _mean);
            }
        }

        public override BsonValue Result()
        {
            var n = sample ? _count - 1 : _count;
            return n <= 0 ? BsonNull.Value : new BsonDouble(Math.Sqrt(_m2 / n));
        }
    }
}

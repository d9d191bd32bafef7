using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary>Array operators, including the ones that bind variables (<c>$filter</c>, <c>$map</c>, <c>$reduce</c>), and set operators.</summary>
internal static partial class ExpressionOperators
{
    private static void RegisterArrays()
    {
        Table["$first"] = (n, a, c) => FirstOrLast(n, a, c, first: true);
        Table["$last"] = (n, a, c) => FirstOrLast(n, a, c, first: false);
        Table["$indexOfArray"] = IndexOfArray;
        Table["$slice"] = Slice;
        Table["$concatArrays"] = (_, a, c) =>
        {
            var result = new BsonArray();
            foreach (var arg in a)
            {
                var value = arg.Evaluate(c);
                if (ExpressionValues.IsNullish(value))
                {
                    return BsonNull.Value;
                }

                var array = value as BsonArray
                    ?? throw new MongoServerException(28664, $"$concatArrays only supports arrays, not {BsonTypeNames.AliasOf(value!.BsonType)}");
                OperationLimits.CheckMemory(((long)result.Count + array.Count) * OperationLimits.ValueBytes, "$concatArrays");
                result.AddRange(array);
            }

            return result;
        };
        Table["$filter"] = Filter;
        Table["$map"] = Map;
        Table["$reduce"] = Reduce;
        Table["$reverseArray"] = (n, a, c) =>
        {
            Arity(n, a, 1);
            var value = a[0].Evaluate(c);
            if (ExpressionValues.IsNullish(value))
            {
                return BsonNull.Value;
            }

            var array = value as BsonArray ?? throw new MongoServerException(34435, $"The argument to $reverseArray must be an array, but was of type: {BsonTypeNames.AliasOf(value!.BsonType)}");
            return new BsonArray(array.Reverse());
        };
        Table["$range"] = Range;
        Table["$sortArray"] = SortArray;
        Table["$zip"] = Zip;
    }

    private static BsonArray? ArrayOrNull(string name, BsonValue? value, int code, out bool isNull)
    {
        isNull = ExpressionValues.IsNullish(value);
        return isNull ? null : value as BsonArray ?? throw new MongoServerException(code, $"{name}'s argument must be an array, but is {BsonTypeNames.AliasOf(value!.BsonType)}");
    }

    private static BsonValue? FirstOrLast(string name, Expression[] args, EvaluationContext context, bool first)
    {
        Arity(name, args, 1);
        var array = ArrayOrNull(name, args[0].Evaluate(context), 28689, out var isNull);
        if (isNull)
        {
            return BsonNull.Value;
        }

        return array!.Count == 0 ? null : first ? array[0] : array[^1];
    }

    private static BsonValue IndexOfArray(string name, Expression[] args, EvaluationContext context)
    {
        if (args.Length is < 2 or > 4)
        {
            throw new MongoServerException(16020, $"Expression {name} takes at least 2 arguments, and at most 4, but {args.Length} were passed in.");
        }

        var array = ArrayOrNull(name, args[0].Evaluate(context), 40090, out var isNull);
        if (isNull)
        {
            return BsonNull.Value;
        }

        var search = args[1].Evaluate(context) ?? BsonNull.Value;
        var start = args.Length > 2 ? IndexArgument(name, args[2].Evaluate(context)) : 0;
        var end = args.Length > 3 ? Math.Min(IndexArgument(name, args[3].Evaluate(context)), array!.Count) : array!.Count;
        for (var i = start; i < end; i++)
        {
            if (BsonOrder.CompareValues(array[i], search) == 0)
            {
                return BsonInt32.Create(i);
            }
        }

        return BsonInt32.Create(-1);
    }

    private static BsonValue Slice(string name, Expression[] args, EvaluationContext context)
    {
        if (args.Length is < 2 or > 3)
        {
            throw new MongoServerException(28667, $"Expression {name} takes at least 2 arguments, and at most 3, but {args.Length} were passed in.");
        }

        var values = new BsonValue?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            values[i] = args[i].Evaluate(context);
            if (ExpressionValues.IsNullish(values[i]))
            {
                return BsonNull.Value;
            }
        }

        var array = values[0] as BsonArray ?? throw new MongoServerException(28724, $"First argument to $slice must be an array, but is of type: {BsonTypeNames.AliasOf(values[0]!.BsonType)}");
        for (var i = 1; i < values.Length; i++)
        {
            if (!values[i]!.IsNumeric || values[i]!.ToDouble() != Math.Floor(values[i]!.ToDouble()))
            {
                throw new MongoServerException(28725 + i - 1, $"Argument {i} to $slice must be an integral numeric value");
            }
        }

        int from, count;
        if (values.Length == 2)
        {
            var n = (long)values[1]!.ToDouble();
            (from, count) = n >= 0 ? (0, (int)Math.Min(n, array.Count)) : ((int)Math.Max(array.Count + n, 0), (int)Math.Min(-n, array.Count));
        }
        else
        {
            var position = (long)values[1]!.ToDouble();
            var n = (long)values[2]!.ToDouble();
            if (n <= 0)
            {
                throw new MongoServerException(28729, $"Third argument to $slice must be positive: {values[2]}");
            }

            from = position >= 0 ? (int)Math.Min(position, array.Count) : (int)Math.Max(array.Count + position, 0);
            count = (int)Math.Min(n, array.Count - from);
        }

        var result = new BsonArray(count);
        for (var i = from; i < from + count && i < array.Count; i++)
        {
            result.Add(array[i]);
        }

        return result;
    }

    private static BsonValue Filter(string name, Expression[] args, EvaluationContext context)
    {
        var spec = Named(name, args);
        CheckFields(name, spec, 28647, "input", "as", "cond", "limit");
        var input = (spec.Field("input") ?? throw new MongoServerException(28648, "Missing 'input' parameter to $filter")).Evaluate(context);
        var cond = spec.Field("cond") ?? throw new MongoServerException(28650, "Missing 'cond' parameter to $filter");
        var variable = VariableName(spec.Field("as"), "this");
        long limit = long.MaxValue;
        if (spec.Field("limit") is { } limitExpression)
        {
            var value = limitExpression.Evaluate(context);
            if (!ExpressionValues.IsNullish(value))
            {
                if (!value!.IsNumeric || value.ToDouble() < 1 || value.ToDouble() != Math.Floor(value.ToDouble()))
                {
                    throw new MongoServerException(327391, $"$filter: limit must be a positive integral value: {value}");
                }

                limit = (long)value.ToDouble();
            }
        }

        var array = ArrayOrNull(name, input, 28651, out var isNull);
        if (isNull)
        {
            return BsonNull.Value;
        }

        var result = new BsonArray();
        var scope = WithVariables(context, variable, BsonNull.Value);
        foreach (var item in array!)
        {
            OperationLimits.CheckTime();
            scope.Variables![variable] = item;
            if (ExpressionValues.IsTruthy(cond.Evaluate(scope)))
            {
                result.Add(item);
                if (result.Count >= limit)
                {
                    break;
                }
            }
        }

        return result;
    }

    private static BsonValue Map(string name, Expression[] args, EvaluationContext context)
    {
        var spec = Named(name, args);
        CheckFields(name, spec, 16879, "input", "as", "in");
        var input = (spec.Field("input") ?? throw new MongoServerException(16880, "Missing 'input' parameter to $map")).Evaluate(context);
        var body = spec.Field("in") ?? throw new MongoServerException(16882, "Missing 'in' parameter to $map");
        var variable = VariableName(spec.Field("as"), "this");
        var array = ArrayOrNull(name, input, 16883, out var isNull);
        if (isNull)
        {
            return BsonNull.Value;
        }

        var result = new BsonArray(array!.Count);
        var scope = WithVariables(context, variable, BsonNull.Value);
        foreach (var item in array)
        {
            OperationLimits.CheckTime();
            scope.Variables![variable] = item;
            result.Add(body.Evaluate(scope) ?? BsonNull.Value);
        }

        return result;
    }

    private static BsonValue? Reduce(string name, Expression[] args, EvaluationContext context)
    {
        var spec = Named(name, args);
        CheckFields(name, spec, 40076, "input", "initialValue", "in");
        var input = (spec.Field("input") ?? throw new MongoServerException(40077, "$reduce requires 'input' to be specified")).Evaluate(context);
        var initial = spec.Field("initialValue") ?? throw new MongoServerException(40078, "$reduce requires 'initialValue' to be specified");
        var body = spec.Field("in") ?? throw new MongoServerException(40079, "$reduce requires 'in' to be specified");
        var array = ArrayOrNull(name, input, 40080, out var isNull);
        if (isNull)
        {
            return BsonNull.Value;
        }

        var accumulated = initial.Evaluate(context);
        var scope = WithVariables(context, "value", BsonNull.Value);
        foreach (var item in array!)
        {
            OperationLimits.CheckTime();
            scope.Variables!["value"] = accumulated ?? BsonNull.Value;
            scope.Variables["this"] = item;
            accumulated = body.Evaluate(scope);
        }

        return accumulated;
    }

    private static BsonValue Range(string name, Expression[] args, EvaluationContext context)
    {
        if (args.Length is < 2 or > 3)
        {
            throw new MongoServerException(28667, $"Expression {name} takes at least 2 arguments, and at most 3, but {args.Length} were passed in.");
        }

        var start = RangeArgument(args[0].Evaluate(context), 34443, "starting value");
        var end = RangeArgument(args[1].Evaluate(context), 34445, "ending value");
        var step = args.Length == 3 ? RangeArgument(args[2].Evaluate(context), 34447, "step value") : 1;
        if (step == 0)
        {
            throw new MongoServerException(34449, "$range requires a non-zero step value");
        }

        // Sized before anything is built, as mongod does, so one expression cannot exhaust the heap.
        var count = step > 0 ? Math.Max(0, ((long)end - start + step - 1) / step) : Math.Max(0, ((long)start - end - step - 1) / -(long)step);
        OperationLimits.CheckMemory(count * OperationLimits.ValueBytes, "$range");
        var result = new BsonArray();
        for (var i = (long)start; step > 0 ? i < end : i > end; i += step)
        {
            result.Add(BsonInt32.Create((int)i));
        }

        return result;
    }

    private static int RangeArgument(BsonValue? value, int code, string what)
    {
        if (value is null || !value.IsNumeric)
        {
            throw new MongoServerException(code, $"$range requires a numeric {what}, found value of type: {(value is null ? "missing" : BsonTypeNames.AliasOf(value.BsonType))}");
        }

        var d = value.ToDouble();
        if (d != Math.Floor(d) || d is < int.MinValue or > int.MaxValue)
        {
            throw new MongoServerException(code + 1, $"$range requires a {what} that can be represented as a 32-bit integer, found value: {value}");
        }

        return (int)d;
    }

    private static BsonValue SortArray(string name, Expression[] args, EvaluationContext context)
    {
        var spec = Named(name, args);
        CheckFields(name, spec, 2, "input", "sortBy");
        var input = (spec.Field("input") ?? throw new MongoServerException(2, "$sortArray requires 'input' to be specified")).Evaluate(context);
        var sortBy = (spec.Field("sortBy") ?? throw new MongoServerException(2, "$sortArray requires 'sortBy' to be specified")).Evaluate(context);
        var array = ArrayOrNull(name, input, 2, out var isNull);
        if (isNull)
        {
            return BsonNull.Value;
        }

        var items = new List<BsonValue>(array!);
        if (sortBy is BsonDocument keys)
        {
            // Elements that are not documents sort as if their keys were missing (null).
            var sort = SortSpec.Parse(keys) ?? throw new MongoServerException(2, "$sortArray sortBy must not be empty");
            var wrapped = items.ConvertAll(item => item as BsonDocument ?? new BsonDocument("\u0000value", item));
            var original = new Dictionary<BsonDocument, BsonValue>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < items.Count; i++)
            {
                original[wrapped[i]] = items[i];
            }

            sort.Sort(wrapped);
            return new BsonArray(wrapped.ConvertAll(w => original[w]));
        }

        if (sortBy is null || !sortBy.IsNumeric || sortBy.ToDouble() is not (1 or -1))
        {
            throw new MongoServerException(2, "$sortArray sortBy must be either 1, -1 or a sort specification document");
        }

        var direction = sortBy.ToDouble() > 0 ? 1 : -1;
        var indexed = items.Select((value, index) => (value, index)).ToList();
        indexed.Sort((x, y) =>
        {
            var c = BsonOrder.CompareValues(x.value, y.value) * direction;
            return c != 0 ? c : x.index.CompareTo(y.index);
        });
        return new BsonArray(indexed.ConvertAll(p => p.value));
    }

    private static BsonValue Zip(string name, Expression[] args, EvaluationContext context)
    {
        var spec = Named(name, args);
        CheckFields(name, spec, 34464, "inputs", "useLongestLength", "defaults");
        var inputs = (spec.Field("inputs") ?? throw new MongoServerException(34465, "$zip requires at least one input array")).Evaluate(context);
        var useLongest = ExpressionValues.IsTruthy(spec.Field("useLongestLength")?.Evaluate(context));
        var defaultsValue = spec.Field("defaults")?.Evaluate(context);
        if (ExpressionValues.IsNullish(inputs))
        {
            return BsonNull.Value;
        }

        if (inputs is not BsonArray inputArrays)
        {
            throw new MongoServerException(34461, "inputs must be an array of expressions");
        }

        var arrays = new List<BsonArray>();
        foreach (var value in inputArrays)
        {
            if (ExpressionValues.IsNullish(value))
            {
                return BsonNull.Value;
            }

            arrays.Add(value as BsonArray ?? throw new MongoServerException(34468, $"$zip found a non-array expression in input: {value}"));
        }

        BsonArray? defaults = null;
        if (!ExpressionValues.IsNullish(defaultsValue))
        {
            if (!useLongest)
            {
                throw new MongoServerException(34466, "cannot specify defaults unless useLongestLength is true");
            }

            defaults = defaultsValue as BsonArray ?? throw new MongoServerException(34462, "defaults must be an array of expressions");
            if (defaults.Count != arrays.Count)
            {
                throw new MongoServerException(34467, "defaults and inputs must have the same length");
            }
        }

        var length = arrays.Count == 0 ? 0 : useLongest ? arrays.Max(a => a.Count) : arrays.Min(a => a.Count);
        var result = new BsonArray(length);
        for (var i = 0; i < length; i++)
        {
            var tuple = new BsonArray(arrays.Count);
            for (var j = 0; j < arrays.Count; j++)
            {
                tuple.Add(i < arrays[j].Count ? arrays[j][i] : defaults?[j] ?? BsonNull.Value);
            }

            result.Add(tuple);
        }

        return result;
    }

    private static void RegisterSets()
    {
        Table["$setUnion"] = (n, a, c) => SetFold(n, a, c, (x, y) => x.UnionWith(y));
        Table["$setIntersection"] = (n, a, c) => SetFold(n, a, c, (x, y) => x.IntersectWith(y));
        Table["$setDifference"] = (n, a, c) =>
        {
            Arity(n, a, 2);
            return SetFold(n, a, c, (x, y) => x.ExceptWith(y));
        };
        Table["$setEquals"] = (n, a, c) =>
        {
            var sets = Sets(n, a, c, 17044) ?? throw new MongoServerException(17044, "All operands of $setEquals must be arrays.");
            return BsonBoolean.Create(sets.All(s => s.SetEquals(sets[0])));
        };
        Table["$setIsSubset"] = (n, a, c) =>
        {
            Arity(n, a, 2);
            var sets = Sets(n, a, c, 17046) ?? throw new MongoServerException(17046, "both operands of $setIsSubset must be arrays.");
            return BsonBoolean.Create(sets[0].IsSubsetOf(sets[1]));
        };
        Table["$anyElementTrue"] = (n, a, c) => AnyAll(n, a, c, any: true);
        Table["$allElementsTrue"] = (n, a, c) => AnyAll(n, a, c, any: false);
    }

    /// <summary>The arguments as sets (BSON equality), or null when any is null or missing.</summary>
    private static List<HashSet<BsonValue>>? Sets(string name, Expression[] args, EvaluationContext context, int code)
    {
        var sets = new List<HashSet<BsonValue>>(args.Length);
        foreach (var arg in args)
        {
            var value = arg.Evaluate(context);
            if (ExpressionValues.IsNullish(value))
            {
                return null;
            }

            sets.Add(new HashSet<BsonValue>(
                value as BsonArray ?? throw new MongoServerException(code, $"All operands of {name} must be arrays. One argument is of type: {BsonTypeNames.AliasOf(value!.BsonType)}"),
                BsonKeyEquality.Instance));
        }

        return sets;
    }

    private static BsonValue SetFold(string name, Expression[] args, EvaluationContext context, Action<HashSet<BsonValue>, HashSet<BsonValue>> op)
    {
        var sets = Sets(name, args, context, 17043);
        if (sets is null)
        {
            return BsonNull.Value;
        }

        if (sets.Count == 0)
        {
            return new BsonArray();
        }

        var result = sets[0];
        foreach (var set in sets.Skip(1))
        {
            op(result, set);
        }

        return new BsonArray(result);
    }

    private static BsonValue AnyAll(string name, Expression[] args, EvaluationContext context, bool any)
    {
        Arity(name, args, 1);
        if (args[0].Evaluate(context) is not BsonArray array)
        {
            throw new MongoServerException(17041, $"{name}'s argument must be an array");
        }

        return BsonBoolean.Create(any ? array.Any(ExpressionValues.IsTruthy) : array.All(ExpressionValues.IsTruthy));
    }
}

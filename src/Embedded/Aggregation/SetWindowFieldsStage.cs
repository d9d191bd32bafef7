using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Aggregation;

/// <summary>
/// <c>$setWindowFields</c>: documents sorted by partition then <c>sortBy</c> (the <c>$sort</c> mongod puts in front,
/// held to the stage memory limit with 292), then each partition held whole while its window functions are computed,
/// held to the same limit with mongod's code 5414201. Supports the group accumulators over <c>documents</c> and numeric
/// <c>range</c> windows, <c>$count</c>, <c>$rank</c>, <c>$denseRank</c>, <c>$documentNumber</c>, <c>$shift</c> and <c>$locf</c>.
/// </summary>
internal sealed class SetWindowFieldsStage : Stage
{
    /// <summary>mongod's code when a partition passes the memory limit.</summary>
    public const int ExceededWindowMemory = 5414201;

    private const long Unbounded = long.MinValue;
    private const long Current = 0;

    private readonly Expression? _partitionBy;
    private readonly SortSpec? _sortBy;
    private readonly List<Output> _outputs;

    private SetWindowFieldsStage(Expression? partitionBy, SortSpec? sortBy, List<Output> outputs)
    {
        _partitionBy = partitionBy;
        _sortBy = sortBy;
        _outputs = outputs;
    }

    private enum Kind
    {
        Accumulate,
        Rank,
        DenseRank,
        DocumentNumber,
        Shift,
        Locf,
    }

    /// <summary>One output field: its function, argument and window (bounds relative to the current document).</summary>
    private sealed record Output(string[] Path, Kind Kind, string Operator, Expression? Argument, bool ByRange, double? Lower, double? Upper, long By = 0, BsonValue? Default = null);

    public static SetWindowFieldsStage Parse(BsonValue spec)
    {
        if (spec is not BsonDocument options)
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, $"the $setWindowFields stage specification must be an object, found {BsonTypeNames.AliasOf(spec.BsonType)}");
        }

        Expression? partitionBy = null;
        SortSpec? sortBy = null;
        BsonDocument? output = null;
        foreach (var element in options)
        {
            switch (element.Name)
            {
                case "partitionBy":
                    partitionBy = ExpressionParser.Parse(element.Value);
                    break;
                case "sortBy":
                    sortBy = element.Value is BsonDocument sort
                        ? SortSpec.Parse(sort)
                        : throw new MongoServerException(ErrorCodes.TypeMismatch, $"BSON field '$setWindowFields.sortBy' is the wrong type '{BsonTypeNames.AliasOf(element.Value.BsonType)}', expected type 'object'");
                    break;
                case "output":
                    output = element.Value as BsonDocument
                        ?? throw new MongoServerException(ErrorCodes.TypeMismatch, $"BSON field '$setWindowFields.output' is the wrong type '{BsonTypeNames.AliasOf(element.Value.BsonType)}', expected type 'object'");
                    break;
                default:
                    throw new MongoServerException(ErrorCodes.IdlUnknownField, $"BSON field '$setWindowFields.{element.Name}' is an unknown field.");
            }
        }

        if (output is null)
        {
            throw new MongoServerException(40414, "BSON field '$setWindowFields.output' is missing but a required field");
        }

        var outputs = new List<Output>(output.ElementCount);
        foreach (var field in output)
        {
            outputs.Add(ParseOutput(field, sortBy));
        }

        return new SetWindowFieldsStage(partitionBy, sortBy, outputs);
    }

    private static Output ParseOutput(BsonElement field, SortSpec? sortBy)
    {
        if (field.Name.Length == 0 || field.Name.StartsWith('$'))
        {
            throw new MongoServerException(40352, $"FieldPath field names may not start with '$': {field.Name}");
        }

        if (field.Value is not BsonDocument spec)
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, $"The field '{field.Name}' must be an object");
        }

        string? function = null;
        BsonValue? argument = null;
        BsonDocument? window = null;
        foreach (var element in spec)
        {
            if (element.Name == "window")
            {
                window = element.Value as BsonDocument ?? throw new MongoServerException(ErrorCodes.FailedToParse, "'window' field must be an object");
            }
            else if (element.Name.StartsWith('$') && function is null)
            {
                (function, argument) = (element.Name, element.Value);
            }
            else
            {
                throw new MongoServerException(ErrorCodes.FailedToParse, function is null
                    ? $"Expected a $-prefixed window function, {element.Name}"
                    : $"{function} got unexpected argument: {element.Name}");
            }
        }

        if (function is null)
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, "Expected a $-prefixed window function");
        }

        var path = field.Name.Split('.');
        switch (function)
        {
            case "$rank" or "$denseRank" or "$documentNumber":
                if (argument is not BsonDocument { ElementCount: 0 })
                {
                    throw new MongoServerException(5371603, $"{function} must be specified with '{{}}' as the value");
                }

                if (sortBy is null || sortBy.Keys.Count != 1)
                {
                    throw new MongoServerException(5371602, $"{function} must be specified with a top level sortBy expression with exactly one element");
                }

                if (window is not null)
                {
                    throw new MongoServerException(5371601, $"Rank style window functions take no other arguments");
                }

                return new Output(path, function switch { "$rank" => Kind.Rank, "$denseRank" => Kind.DenseRank, _ => Kind.DocumentNumber }, function, null, false, null, null);
            case "$shift":
                return ParseShift(path, argument!, sortBy, window);
            case "$locf":
                if (window is not null)
                {
                    throw new MongoServerException(ErrorCodes.FailedToParse, "$locf does not accept a window");
                }

                return new Output(path, Kind.Locf, function, ExpressionParser.Parse(argument!), false, null, null);
        }

        if (function == "$mergeObjects" || !Accumulator.IsKnown(function))
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, $"Unrecognized window function, {function}");
        }

        if (function == "$count" && argument is not BsonDocument { ElementCount: 0 })
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, "$count only accepts an empty object as input");
        }

        var input = function == "$count" ? new ConstantExpression(BsonInt32.Create(1)) : ExpressionParser.Parse(argument!);
        var (byRange, lower, upper) = ParseWindow(window, sortBy);
        return new Output(path, Kind.Accumulate, function == "$count" ? "$sum" : function, input, byRange, lower, upper);
    }

    private static Output ParseShift(string[] path, BsonValue argument, SortSpec? sortBy, BsonDocument? window)
    {
        if (sortBy is null)
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, "$shift requires a sortBy");
        }

        if (window is not null || argument is not BsonDocument options)
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, "Argument to $shift must be an object");
        }

        Expression? output = null;
        long? by = null;
        BsonValue? defaultValue = null;
        foreach (var element in options)
        {
            switch (element.Name)
            {
                case "output":
                    output = ExpressionParser.Parse(element.Value);
                    break;
                case "by":
                    by = element.Value.IsNumeric && element.Value.ToDouble() == Math.Floor(element.Value.ToDouble()) && Math.Abs(element.Value.ToDouble()) <= int.MaxValue
                        ? (long)element.Value.ToDouble()
                        : throw new MongoServerException(ErrorCodes.FailedToParse, "'$shift:by' field must be an integer, but found " + element.Value);
                    break;
                case "default":
                    defaultValue = ExpressionParser.Parse(element.Value) is ConstantExpression constant
                        ? constant.Value
                        : throw new MongoServerException(ErrorCodes.FailedToParse, "'$shift:default' expression must yield a constant value.");
                    break;
                default:
                    throw new MongoServerException(ErrorCodes.FailedToParse, $"Unknown argument in $shift: {element.Name}");
            }
        }

        if (output is null || by is null)
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, "$shift requires an 'output' and a 'by' argument");
        }

        return new Output(path, Kind.Shift, "$shift", output, false, null, null, by.Value, defaultValue ?? BsonNull.Value);
    }

    // A window: documents [lower, upper] as offsets from the current document, or range [lower, upper] as offsets
    // from its sortBy value; null = unbounded. No window means the whole partition.
    private static (bool ByRange, double? Lower, double? Upper) ParseWindow(BsonDocument? window, SortSpec? sortBy)
    {
        if (window is null)
        {
            return (false, null, null);
        }

        bool? byRange = null;
        BsonArray? bounds = null;
        foreach (var element in window)
        {
            switch (element.Name)
            {
                case "documents" or "range" when byRange is null:
                    byRange = element.Name == "range";
                    bounds = element.Value as BsonArray;
                    if (bounds is not { Count: 2 })
                    {
                        throw new MongoServerException(ErrorCodes.FailedToParse, $"Window bounds must be a 2-element array: {element.Name}: {element.Value}");
                    }

                    break;
                case "unit":
                    throw new MongoServerException(ErrorCodes.NotImplemented, "time-unit range windows are not supported by the embedded server");
                default:
                    throw new MongoServerException(ErrorCodes.FailedToParse, $"'window' field can only contain 'documents' as the only argument or 'range' with an optional 'unit' field, found: {element.Name}");
            }
        }

        if (byRange is null)
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, "'window' field that is empty is not valid");
        }

        if (sortBy is null && (byRange.Value || bounds![0] is not BsonString { Value: "unbounded" } || bounds[1] is not BsonString { Value: "unbounded" }))
        {
            throw new MongoServerException(5339901, "Document-based bounds require a sortBy");
        }

        if (byRange.Value && (sortBy!.Keys.Count != 1 || !sortBy.Keys[0].Ascending))
        {
            throw new MongoServerException(
                sortBy.Keys.Count != 1 ? 5339902 : ErrorCodes.NotImplemented,
                sortBy.Keys.Count != 1 ? "Range-based bounds require sortBy a single field" : "range windows over a descending sortBy are not supported by the embedded server");
        }

        var lower = Bound(bounds![0], byRange.Value);
        var upper = Bound(bounds[1], byRange.Value);
        if (lower is not null && upper is not null && lower > upper)
        {
            throw new MongoServerException(5339900, "Lower bound must not exceed upper bound");
        }

        return (byRange.Value, lower, upper);
    }

    private static double? Bound(BsonValue value, bool byRange) => value switch
    {
        BsonString { Value: "unbounded" } => null,
        BsonString { Value: "current" } => 0,
        { IsNumeric: true } when byRange || value.ToDouble() == Math.Floor(value.ToDouble()) => value.ToDouble(),
        _ => throw new MongoServerException(ErrorCodes.FailedToParse, $"Numeric document-based bounds must be an integer: {value}"),
    };

    public override List<BsonDocument> Execute(List<BsonDocument> input, PipelineRuntime runtime)
    {
        // The sort mongod puts in front when there is a partitionBy or a sortBy: it holds every input document.
        var keyed = new (BsonValue Partition, int Position, BsonDocument Document)[input.Count];
        var sortMemory = 0L;
        for (var i = 0; i < input.Count; i++)
        {
            OperationLimits.CheckTime();
            var partition = _partitionBy is null ? BsonNull.Value : _partitionBy.Evaluate(runtime.Context(input[i])) ?? BsonNull.Value;
            if (_partitionBy is not null || _sortBy is not null)
            {
                sortMemory += input[i].GetEncodedSize();
                OperationLimits.CheckMemory(sortMemory, "$setWindowFields", ErrorCodes.QueryExceededMemoryLimitNoDiskUseAllowed);
            }

            keyed[i] = (partition, i, input[i]);
        }

        if (_partitionBy is not null || _sortBy is not null)
        {
            Array.Sort(keyed, (a, b) =>
            {
                var c = BsonOrder.CompareValues(a.Partition, b.Partition);
                if (c == 0 && _sortBy is not null)
                {
                    c = _sortBy.Compare(a.Document, b.Document);
                }

                return c != 0 ? c : a.Position.CompareTo(b.Position);
            });
        }

        var output = new List<BsonDocument>(input.Count);
        var start = 0;
        while (start < keyed.Length)
        {
            var end = start + 1;
            while (end < keyed.Length && BsonKeyEquality.Instance.Equals(keyed[end].Partition, keyed[start].Partition))
            {
                end++;
            }

            var partition = new List<BsonDocument>(end - start);
            for (var i = start; i < end; i++)
            {
                partition.Add(keyed[i].Document);
            }

            output.AddRange(ComputePartition(partition, runtime));
            start = end;
        }

        return output;
    }

    private List<BsonDocument> ComputePartition(List<BsonDocument> partition, PipelineRuntime runtime)
    {
        // The partition is held whole while its windows are computed, with every value the functions produce.
        var memory = 0L;
        foreach (var document in partition)
        {
            memory += document.GetEncodedSize();
        }

        CheckWindowMemory(memory);
        var results = new BsonValue[_outputs.Count][];
        for (var o = 0; o < _outputs.Count; o++)
        {
            results[o] = Compute(_outputs[o], partition, runtime, ref memory);
        }

        var output = new List<BsonDocument>(partition.Count);
        for (var i = 0; i < partition.Count; i++)
        {
            var document = partition[i];
            for (var o = 0; o < _outputs.Count; o++)
            {
                document = CopyOnWritePaths.With(document, _outputs[o].Path, results[o][i]);
            }

            output.Add(document);
        }

        return output;
    }

    private static void CheckWindowMemory(long memory)
    {
        if (memory > OperationLimits.MemoryBytes)
        {
            throw new MongoServerException(ExceededWindowMemory, $"Exceeded memory limit in DocumentSourceSetWindowFields, used {memory} bytes but max allowed is {OperationLimits.MemoryBytes}");
        }
    }

    private BsonValue[] Compute(Output output, List<BsonDocument> partition, PipelineRuntime runtime, ref long memory)
    {
        var count = partition.Count;
        var results = new BsonValue[count];
        switch (output.Kind)
        {
            case Kind.DocumentNumber:
                for (var i = 0; i < count; i++)
                {
                    results[i] = BsonInt32.Create(i + 1);
                }

                return results;
            case Kind.Rank:
            case Kind.DenseRank:
                var rank = 0;
                for (var i = 0; i < count; i++)
                {
                    if (i == 0 || _sortBy!.Compare(partition[i - 1], partition[i]) != 0)
                    {
                        rank = output.Kind == Kind.Rank ? i + 1 : rank + 1;
                    }

                    results[i] = BsonInt32.Create(rank);
                }

                return results;
        }

        var values = new BsonValue?[count];
        for (var i = 0; i < count; i++)
        {
            OperationLimits.CheckTime();
            values[i] = output.Argument!.Evaluate(runtime.Context(partition[i]));
        }

        switch (output.Kind)
        {
            case Kind.Shift:
                for (var i = 0; i < count; i++)
                {
                    var at = i + output.By;
                    results[i] = at >= 0 && at < count ? values[at] ?? BsonNull.Value : output.Default!;
                }

                return results;
            case Kind.Locf:
                BsonValue last = BsonNull.Value;
                for (var i = 0; i < count; i++)
                {
                    if (values[i] is { } value and not BsonNull)
                    {
                        last = value;
                    }

                    results[i] = values[i] is null or BsonNull ? last : values[i]!;
                }

                return results;
        }

        var keys = output.ByRange ? SortKeys(partition) : null;
        Accumulator? running = null;
        var added = 0;
        for (var i = 0; i < count; i++)
        {
            OperationLimits.CheckTime();
            var (from, to) = keys is null ? DocumentWindow(output, i, count) : RangeWindow(output, keys, i);
            BsonValue result;
            if (output.Lower is null && from == 0)
            {
                // Windows that start at the partition's start only grow: one running accumulator serves them all.
                running ??= Accumulator.Create(output.Operator);
                for (; added <= to; added++)
                {
                    running.Add(values[added]);
                }

                result = Snapshot(running.Result());
            }
            else
            {
                var accumulator = Accumulator.Create(output.Operator);
                for (var j = from; j <= to; j++)
                {
                    accumulator.Add(values[j]);
                }

                result = accumulator.Result();
            }

            if (result is BsonArray or BsonDocument or BsonString)
            {
                memory += BsonSize.OfValue(result);
                CheckWindowMemory(memory);
            }

            results[i] = result;
        }

        return results;
    }

    // A running $push/$addToSet keeps growing its array: each document gets a copy of it as it stands.
    private static BsonValue Snapshot(BsonValue value) => value is BsonArray array ? new BsonArray(array) : value;

    private static (int From, int To) DocumentWindow(Output output, int i, int count)
    {
        var from = output.Lower is { } lower ? (int)Math.Max(0, Math.Min(count, i + lower)) : 0;
        var to = output.Upper is { } upper ? (int)Math.Min(count - 1, Math.Max(-1, i + upper)) : count - 1;
        return (from, to);
    }

    private double[] SortKeys(List<BsonDocument> partition)
    {
        // Range windows need a numeric sortBy value in every document, as in mongod.
        var parts = _sortBy!.Keys[0].Parts;
        var reached = new List<BsonValue>(1);
        var keys = new double[partition.Count];
        for (var i = 0; i < partition.Count; i++)
        {
            reached.Clear();
            FieldPath.Collect(partition[i], parts, 0, expandLeafArrays: false, reached);
            if (reached.Count != 1 || !reached[0].IsNumeric)
            {
                var type = reached.Count == 0 ? "missing" : BsonTypeNames.AliasOf(reached[0].BsonType);
                throw new MongoServerException(5429413, $"Invalid range: Expected the sortBy field to be a number, but it was {type}");
            }

            keys[i] = reached[0].ToDouble();
        }

        return keys;
    }

    // The documents whose sortBy value lies within [value + lower, value + upper] (keys ascend).
    private static (int From, int To) RangeWindow(Output output, double[] keys, int i)
    {
        var from = 0;
        if (output.Lower is { } lower)
        {
            var min = keys[i] + lower;
            int lo = 0, hi = keys.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (keys[mid] < min)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            from = lo;
        }

        var to = keys.Length - 1;
        if (output.Upper is { } upper)
        {
            var max = keys[i] + upper;
            int lo = 0, hi = keys.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (keys[mid] <= max)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            to = lo - 1;
        }

        return (from, to);
    }
}

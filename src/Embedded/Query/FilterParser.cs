using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary>Compiles a query filter document into a <see cref="FilterNode"/> tree, raising mongod's errors for invalid filters.</summary>
internal static class FilterParser
{
    public static FilterNode Parse(BsonDocument? filter)
    {
        if (filter is null || filter.ElementCount == 0)
        {
            return ConstantNode.True;
        }

        return ParseDocument(filter, topLevel: true);
    }

    private static FilterNode ParseDocument(BsonDocument filter, bool topLevel)
    {
        var nodes = new List<FilterNode>(filter.ElementCount);
        foreach (var element in filter)
        {
            var name = element.Name;
            if (name.StartsWith('$'))
            {
                switch (name)
                {
                    case "$and":
                        nodes.Add(new AndNode(ParseClauses(name, element.Value)));
                        break;
                    case "$or":
                        var clauses = ParseClauses(name, element.Value);
                        nodes.Add(clauses.Length == 1 ? clauses[0] : new OrNode(clauses));
                        break;
                    case "$nor":
                        nodes.Add(new NorNode(ParseClauses(name, element.Value)));
                        break;
                    case "$expr":
                        nodes.Add(new ExprNode(ExpressionParser.Parse(element.Value)));
                        break;
                    case "$comment":
                        break;
                    case "$alwaysTrue":
                        break;
                    case "$alwaysFalse":
                        nodes.Add(ConstantNode.False);
                        break;
                    case "$where" or "$text" or "$jsonSchema" or "$sampleRate":
                        throw new MongoServerException(ErrorCodes.NotImplemented, $"{name} is not supported by the embedded server");
                    default:
                        throw new MongoServerException(ErrorCodes.BadValue, $"unknown top level operator: {name}. If you have a field name that starts with a '$' symbol, consider using $getField or $setField.");
                }

                continue;
            }

            nodes.Add(ParseField(name, element.Value));
        }

        _ = topLevel;
        return nodes.Count switch
        {
            0 => ConstantNode.True,
            1 => nodes[0],
            _ => new AndNode([.. nodes]),
        };
    }

    private static FilterNode[] ParseClauses(string op, BsonValue value)
    {
        if (value is not BsonArray array || array.Count == 0)
        {
            throw new MongoServerException(ErrorCodes.BadValue, $"{op} argument must be a non-empty array");
        }

        var clauses = new FilterNode[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            clauses[i] = array[i] is BsonDocument clause
                ? ParseDocument(clause, topLevel: false)
                : throw new MongoServerException(ErrorCodes.BadValue, $"{op} argument's entries must be objects");
        }

        return clauses;
    }

    private static FilterNode ParseField(string path, BsonValue value)
    {
        if (path.Length == 0 || path.StartsWith('.') || path.EndsWith('.') || path.Contains("..", StringComparison.Ordinal))
        {
            // mongod accepts an empty top-level name only as an equality that never matches real fields.
            if (path.Length != 0)
            {
                throw new MongoServerException(ErrorCodes.BadValue, $"FieldPath field names may not be empty strings: '{path}'");
            }
        }

        if (value is BsonDocument operators && operators.ElementCount > 0 && operators.GetElement(0).Name.StartsWith('$'))
        {
            return ParseOperators(path, operators);
        }

        return value is BsonRegularExpression regex
            ? new PathNode(path, new RegexPredicate(regex))
            : new PathNode(path, new EqualsPredicate(value));
    }

    /// <summary>Parses <c>{$op: arg, …}</c> applying to <paramref name="path"/> (empty for a value-mode <c>$elemMatch</c>).</summary>
    internal static FilterNode ParseOperators(string path, BsonDocument operators)
    {
        var nodes = new List<FilterNode>(operators.ElementCount);
        BsonValue? regex = null;
        string? regexOptions = null;
        foreach (var element in operators)
        {
            var arg = element.Value;
            switch (element.Name)
            {
                case "$eq":
                    nodes.Add(new PathNode(path, new EqualsPredicate(arg)));
                    break;
                case "$ne":
                    if (arg is BsonRegularExpression)
                    {
                        throw new MongoServerException(ErrorCodes.BadValue, "Can't have regex as arg to $ne.");
                    }

                    nodes.Add(new NotNode(new PathNode(path, new EqualsPredicate(arg))));
                    break;
                case "$gt":
                    nodes.Add(new PathNode(path, new ComparisonPredicate(ComparisonOperator.GreaterThan, arg)));
                    break;
                case "$gte":
                    nodes.Add(new PathNode(path, new ComparisonPredicate(ComparisonOperator.GreaterThanOrEqual, arg)));
                    break;
                case "$lt":
                    nodes.Add(new PathNode(path, new ComparisonPredicate(ComparisonOperator.LessThan, arg)));
                    break;
                case "$lte":
                    nodes.Add(new PathNode(path, new ComparisonPredicate(ComparisonOperator.LessThanOrEqual, arg)));
                    break;
                case "$in":
                    nodes.Add(new PathNode(path, ParseIn("$in", arg)));
                    break;
                case "$nin":
                    nodes.Add(new NotNode(new PathNode(path, ParseIn("$nin", arg))));
                    break;
                case "$exists":
                    var exists = new PathNode(path, ExistsPredicate.Instance);
                    nodes.Add(ExpressionValues.IsTruthy(arg) ? exists : new NotNode(exists));
                    break;
                case "$type":
                    nodes.Add(new PathNode(path, ParseType(arg)));
                    break;
                case "$size":
                    nodes.Add(new PathNode(path, new SizePredicate(ParseSize(arg))));
                    break;
                case "$all":
                    nodes.Add(ParseAll(path, arg));
                    break;
                case "$elemMatch":
                    nodes.Add(new PathNode(path, ParseElemMatch(arg)));
                    break;
                case "$regex":
                    regex = arg;
                    break;
                case "$options":
                    regexOptions = arg is BsonString s ? s.Value : throw new MongoServerException(ErrorCodes.BadValue, "$options has to be a string");
                    break;
                case "$mod":
                    nodes.Add(new PathNode(path, ParseMod(arg)));
                    break;
                case "$not":
                    nodes.Add(ParseNot(path, arg));
                    break;
                case "$comment":
                    break;
                default:
                    throw new MongoServerException(ErrorCodes.BadValue, $"unknown operator: {element.Name}");
            }
        }

        if (regex is not null)
        {
            nodes.Add(new PathNode(path, new RegexPredicate(MakeRegex(regex, regexOptions))));
        }
        else if (regexOptions is not null)
        {
            throw new MongoServerException(ErrorCodes.BadValue, "$options needs a $regex");
        }

        return nodes.Count == 1 ? nodes[0] : new AndNode([.. nodes]);
    }

    private static BsonRegularExpression MakeRegex(BsonValue pattern, string? options) => pattern switch
    {
        BsonString s => new BsonRegularExpression(s.Value, options ?? string.Empty),
        BsonRegularExpression r when options is null || r.Options.Length == 0 => new BsonRegularExpression(r.Pattern, options ?? r.Options),
        BsonRegularExpression => throw new MongoServerException(51075, "options set in both $regex and $options"),
        _ => throw new MongoServerException(ErrorCodes.BadValue, "$regex has to be a string"),
    };

    private static InPredicate ParseIn(string op, BsonValue arg)
    {
        if (arg is not BsonArray array)
        {
            throw new MongoServerException(ErrorCodes.BadValue, $"{op} needs an array");
        }

        var values = new EqualsPredicate[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is BsonDocument d && d.ElementCount > 0 && d.GetElement(0).Name.StartsWith('$'))
            {
                throw new MongoServerException(ErrorCodes.BadValue, "cannot nest $ under $in");
            }

            values[i] = new EqualsPredicate(array[i]);
        }

        return new InPredicate(values);
    }

    private static TypePredicate ParseType(BsonValue arg)
    {
        var types = new HashSet<BsonType>();
        var anyNumber = false;
        if (arg is BsonArray array)
        {
            foreach (var item in array)
            {
                BsonTypeNames.Parse(item, types, ref anyNumber);
            }
        }
        else
        {
            BsonTypeNames.Parse(arg, types, ref anyNumber);
        }

        return new TypePredicate(types, anyNumber);
    }

    private static int ParseSize(BsonValue arg)
    {
        if (!arg.IsNumeric)
        {
            throw new MongoServerException(ErrorCodes.BadValue, "$size needs a number");
        }

        var d = arg.ToDouble();
        if (d < 0 || d != Math.Floor(d) || d > int.MaxValue)
        {
            throw new MongoServerException(ErrorCodes.BadValue, $"Failed to parse $size. Expected a non-negative integer: {arg}");
        }

        return (int)d;
    }

    private static FilterNode ParseAll(string path, BsonValue arg)
    {
        if (arg is not BsonArray array)
        {
            throw new MongoServerException(ErrorCodes.BadValue, "$all needs an array");
        }

        if (array.Count == 0)
        {
            return ConstantNode.False;
        }

        var nodes = new FilterNode[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            if (item is BsonDocument d && d.ElementCount > 0 && d.GetElement(0).Name == "$elemMatch")
            {
                nodes[i] = new PathNode(path, ParseElemMatch(d[0]));
            }
            else if (item is BsonDocument op && op.ElementCount > 0 && op.GetElement(0).Name.StartsWith('$'))
            {
                throw new MongoServerException(ErrorCodes.BadValue, "no $ expressions in $all");
            }
            else
            {
                nodes[i] = new PathNode(path, item is BsonRegularExpression r ? new RegexPredicate(r) : new EqualsPredicate(item));
            }
        }

        return nodes.Length == 1 ? nodes[0] : new AndNode(nodes);
    }

    private static ElemMatchPredicate ParseElemMatch(BsonValue arg)
    {
        if (arg is not BsonDocument spec)
        {
            throw new MongoServerException(ErrorCodes.BadValue, "$elemMatch needs an Object");
        }

        // Operators on the element itself ({$gt: 1}) or a query on element documents ({a: 1}, {$or: …}).
        var first = spec.ElementCount > 0 ? spec.GetElement(0).Name : string.Empty;
        var valueMode = first.StartsWith('$') && first is not ("$and" or "$or" or "$nor" or "$expr" or "$where");
        return valueMode
            ? new ElemMatchPredicate(ParseOperators(string.Empty, spec), documentMode: false)
            : new ElemMatchPredicate(ParseDocument(spec, topLevel: false), documentMode: true);
    }

    private static ModPredicate ParseMod(BsonValue arg)
    {
        if (arg is not BsonArray { Count: 2 } array || !array[0].IsNumeric || !array[1].IsNumeric)
        {
            throw new MongoServerException(ErrorCodes.BadValue, "malformed mod, needs to be an array of two numbers");
        }

        var divisor = (long)Math.Truncate(array[0].ToDouble());
        if (divisor == 0)
        {
            throw new MongoServerException(ErrorCodes.BadValue, "divisor cannot be 0");
        }

        return new ModPredicate(divisor, (long)Math.Truncate(array[1].ToDouble()));
    }

    private static NotNode ParseNot(string path, BsonValue arg) => arg switch
    {
        BsonRegularExpression regex => new NotNode(new PathNode(path, new RegexPredicate(regex))),
        BsonDocument { ElementCount: 0 } => throw new MongoServerException(ErrorCodes.BadValue, "$not cannot be empty"),
        BsonDocument d when d.GetElement(0).Name.StartsWith('$') => new NotNode(ParseOperators(path, d)),
        _ => throw new MongoServerException(ErrorCodes.BadValue, "$not needs a regex or a document"),
    };
}

using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using OpenQuizz.Typed.Generators.Diagnostics;
using OpenQuizz.Typed.Generators.Model;
using OpenQuizz.Typed.Generators.Parsing;

namespace OpenQuizz.Typed.Generators.Queries;

/// <summary>
/// Translates the body of a query lambda (as Roslyn operations) into a <see cref="FilterNode"/>, using the codec
/// model of the document type: element names, representations and discriminators come from the same parser that
/// generates the codecs. Values that do not depend on the document are emitted as C# that the interceptor evaluates
/// on each call (captured variables are read from the delegate's closure); everything else is fixed at build time.
/// </summary>
internal sealed partial class QueryTranslator
{
    private const string Bson = "global::MongoDB.Bson.";
    private const string Values = "global::OpenQuizz.Typed.Queries.QueryValues";

    private readonly Compilation _compilation;
    private readonly DocumentParser _parser;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<ITypeSymbol, CodecSpec?> _specs = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, FieldRef> _scope = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, string> _captures = new();
    private readonly List<string> _statics = new();
    private string _delegate;

    public QueryTranslator(Compilation compilation, string delegateParameter, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _parser = new DocumentParser(new KnownTypes(compilation), null, cancellationToken);
        _cancellationToken = cancellationToken;
        _delegate = delegateParameter;
    }

    /// <summary>The interceptor parameter that holds the lambda being translated (its closure holds the captured variables).</summary>
    public string Delegate
    {
        get => _delegate;
        set => _delegate = value;
    }

    /// <summary>Static fields the interceptor class needs (captured-variable readers).</summary>
    public IReadOnlyList<string> Statics => _statics;

    /// <summary>Whether any value is read at run time (otherwise the whole filter is built once).</summary>
    public bool IsDynamic { get; private set; }

    /// <summary>Translates a predicate lambda over <paramref name="document"/>.</summary>
    public FilterNode TranslatePredicate(IAnonymousFunctionOperation lambda, ITypeSymbol document)
    {
        var root = Root(document, lambda.Syntax.GetLocation());
        _scope[lambda.Symbol.Parameters[0]] = root;
        return Filter(Body(lambda));
    }

    /// <summary>Translates a member-selector lambda (<c>q =&gt; q.Author.Name</c>) into the stored field it names.</summary>
    public FieldRef TranslateSelector(IAnonymousFunctionOperation lambda, ITypeSymbol document)
    {
        var root = Root(document, lambda.Syntax.GetLocation());
        _scope[lambda.Symbol.Parameters[0]] = root;
        var body = Body(lambda);
        var field = Field(body);
        if (field is null || field.IsElement)
        {
            throw new TranslationException(DiagnosticDescriptors.QueryMemberPathNotSupported, body.Syntax.GetLocation(), body.Syntax.ToString(), "it does not name a member of the document");
        }

        return field;
    }

    private FieldRef Root(ITypeSymbol document, Location location)
    {
        if (document is not INamedTypeSymbol named || document.TypeKind is TypeKind.TypeParameter or TypeKind.Interface || SpecOf(named) is null)
        {
            throw new TranslationException(DiagnosticDescriptors.QueryTypeNotDocument, location, Display(document),
                document.TypeKind == TypeKind.TypeParameter ? "a query on a type parameter cannot be translated at build time; write it where the document type is known" : "mark it [MongoDocument], or query it with Filter<T> builders");
        }

        return new FieldRef(string.Empty, true, document, null, null, null);
    }

    private static IOperation Body(IAnonymousFunctionOperation lambda)
    {
        if (lambda.Body.Operations.Length == 1 && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } value })
        {
            return value;
        }

        throw new TranslationException(DiagnosticDescriptors.QueryNotTranslatable, lambda.Syntax.GetLocation(), lambda.Syntax.ToString(), "a query lambda must be a single expression (q => ...), not a block of statements");
    }

    // ---- filters -------------------------------------------------------------------------------------------------

    private FilterNode Filter(IOperation op)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        op = Unwrap(op);
        switch (op)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } conjunction when IsBool(conjunction.Type):
                return And(Filter(conjunction.LeftOperand), Filter(conjunction.RightOperand));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } disjunction when IsBool(disjunction.Type):
                return Or(Filter(disjunction.LeftOperand), Filter(disjunction.RightOperand));
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Negate(Filter(not.Operand));
            case IBinaryOperation binary when Comparison(binary.OperatorKind) && (binary.OperatorMethod is null || binary.OperatorMethod.ContainingType.SpecialType == SpecialType.System_String
                || IsEquatableValueType(binary.OperatorMethod.ContainingType) || IsNullLiteral(binary.LeftOperand) || IsNullLiteral(binary.RightOperand)):
                // Guid, ObjectId, DateTime, decimal… compare through their operators: the stored values compare the same way.
                // A record's == (q.Author == null) is a user-defined operator, but comparing with null means only "is null".
                return Compare(binary.OperatorKind, binary.LeftOperand, binary.RightOperand, op);
            case IIsTypeOperation isType:
                return TypeCheck(RequireField(isType.ValueOperand), isType.TypeOperand, op);
            case IIsPatternOperation pattern:
                return Pattern(RequireField(pattern.Value), pattern.Pattern, pattern.Value);
            case IInvocationOperation call:
                return Call(call);
            case IPropertyReferenceOperation { Property.Name: "HasValue" } hasValue when IsNullable(hasValue.Instance?.Type):
                return new Clause(RequireField(hasValue.Instance!), "$ne", Bson + "BsonNull.Value");
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: bool constant } }:
                return new ConstantNode(constant);
        }

        if (References(op))
        {
            if (IsBool(op.Type) && Field(op) is { } flag)
            {
                return new Clause(flag, "$eq", Bson + "BsonBoolean.True");
            }

            throw Untranslatable(op, "it has no MQL meaning; see docs/queries.md for what translates");
        }

        // A condition that does not depend on the document (a captured flag): decided on each call.
        if (op.ConstantValue is { HasValue: true, Value: bool fixedValue })
        {
            return new ConstantNode(fixedValue);
        }

        return new ConditionNode(Value(op));
    }

    private static bool IsNullLiteral(IOperation op) => Unwrap(op).ConstantValue is { HasValue: true, Value: null };

    private static bool Comparison(BinaryOperatorKind kind) => kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals
        or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual;

    private static bool IsEquatableValueType(INamedTypeSymbol type) =>
        type.SpecialType is SpecialType.System_Decimal or SpecialType.System_DateTime
        || type.ToDisplayString() is "System.Guid" or "MongoDB.Bson.ObjectId" or "System.DateTimeOffset" or "MongoDB.Bson.Decimal128" or "System.TimeSpan" or "System.DateOnly" or "System.TimeOnly";

    private static FilterNode And(FilterNode left, FilterNode right) =>
        Combine(left, right, neutral: true, static n => (n as AndNode)?.Items, static items => new AndNode(items));

    private static FilterNode Or(FilterNode left, FilterNode right) =>
        Combine(left, right, neutral: false, static n => (n as OrNode)?.Items, static items => new OrNode(items));

    /// <summary>
    /// <c>$and</c> or <c>$or</c> of two filters: the neutral constant (true for and, false for or) drops out, and nested
    /// operators of the same kind are flattened into one list.
    /// </summary>
    private static FilterNode Combine(FilterNode left, FilterNode right, bool neutral, System.Func<FilterNode, List<FilterNode>?> itemsOf, System.Func<List<FilterNode>, FilterNode> create)
    {
        if (left is ConstantNode constantLeft && constantLeft.Value == neutral)
        {
            return right;
        }

        if (right is ConstantNode constantRight && constantRight.Value == neutral)
        {
            return left;
        }

        var items = new List<FilterNode>();
        foreach (var side in new[] { left, right })
        {
            if (itemsOf(side) is { } nested)
            {
                items.AddRange(nested);
            }
            else
            {
                items.Add(side);
            }
        }

        return create(items);
    }

    /// <summary>The filter that matches exactly the documents <paramref name="node"/> does not (as C#'s <c>!</c> would).</summary>
    private static FilterNode Negate(FilterNode node)
    {
        switch (node)
        {
            case ConstantNode constant:
                return new ConstantNode(!constant.Value);
            case ConditionNode condition:
                return new ConditionNode("!(" + condition.Condition + ")");
            case NorNode { Items.Count: 1 } nor:
                return nor.Items[0];
            case OrNode disjunction:
                return new NorNode(disjunction.Items);
            case Clause clause:
                switch (clause.Op)
                {
                    case "$eq": return new Clause(clause.Field, "$ne", clause.Value);
                    case "$ne": return new Clause(clause.Field, "$eq", clause.Value);
                    case "$in": return new Clause(clause.Field, "$nin", clause.Value);
                    case "$nin": return new Clause(clause.Field, "$in", clause.Value);
                    case "$exists": return new Clause(clause.Field, "$exists", clause.Value == "true" ? "false" : "true");
                    case "$not": return new Clause(clause.Field, "$op", clause.Value);
                    case "$op": return new Clause(clause.Field, "$not", clause.Value);
                    default: return new Clause(clause.Field, "$not", OperatorDocument(clause));
                }

            default:
                return new NorNode(new List<FilterNode> { node });
        }
    }

    /// <summary>The condition document of an operator clause: <c>{ $gt: 3 }</c>.</summary>
    private static string OperatorDocument(Clause clause) => clause.Op switch
    {
        "$regex" => clause.Value,
        "$op" => clause.Value,
        _ => $"new {Bson}BsonDocument({Literal(clause.Op)}, {clause.Value})",
    };

    // ---- comparisons ---------------------------------------------------------------------------------------------

    private FilterNode Compare(BinaryOperatorKind kind, IOperation left, IOperation right, IOperation at)
    {
        var leftReferences = References(left);
        var rightReferences = References(right);
        if (!leftReferences && !rightReferences)
        {
            return new ConditionNode(Value(at));
        }

        if (!leftReferences)
        {
            (left, right) = (right, left);
            kind = Flip(kind);
        }

        var inner = Unwrap(left);

        // Sizes: q.Tags.Count > 3, q.Tags.Length == 0, q.Tags.Count() != 2.
        if (!References(right) && CollectionOf(inner) is { } sized)
        {
            return SizeCompare(kind, sized, right, at);
        }

        // String lengths against a constant: a regular expression, which also works on the element of an array.
        if (!References(right) && inner is IPropertyReferenceOperation { Property.Name: "Length", Instance: { Type.SpecialType: SpecialType.System_String } text }
            && References(text) && right.ConstantValue is { HasValue: true, Value: int length })
        {
            return StringLength(kind, RequireField(text), length);
        }

        // Remainders: q.Number % 2 == 1.
        if (!References(right) && inner is IBinaryOperation { OperatorKind: BinaryOperatorKind.Remainder } remainder
            && References(remainder.LeftOperand) && !References(remainder.RightOperand) && kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals
            && IsIntegral(Underlying(remainder.Type)))
        {
            // (The query operator $mod truncates a fractional value first; other remainders are computed in $expr below.)
            var field = RequireField(remainder.LeftOperand);
            var mod = new Clause(field, "$mod", $"new {Bson}BsonArray {{ {Raw(remainder.RightOperand)}, {Raw(right)} }}");
            return kind == BinaryOperatorKind.Equals ? mod : Negate(mod);
        }

        var leftField = Field(left);
        var rightField = References(right) ? Field(right) : null;
        if (leftField is null || References(right))
        {
            if (leftField is not null && rightField is not null)
            {
                CheckComparable(leftField, rightField, kind, at);
            }

            // Two fields, or a computed value: an aggregation expression.
            var comparison = $"new {Bson}BsonDocument({Literal(AggregationOperator(kind))}, new {Bson}BsonArray {{ {Aggregation(left, rightField)}, {Aggregation(right, leftField)} }})";

            // A lifted ordering (int? < int) is false when a side is null, but the server orders null below every number.
            var guards = new List<string>();
            if (kind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
            {
                foreach (var side in new[] { left, right })
                {
                    if (References(side) && CanBeNull(Unwrap(side).Type))
                    {
                        guards.Add($"new {Bson}BsonDocument(\"$gt\", new {Bson}BsonArray {{ {Aggregation(side, null)}, {Bson}BsonNull.Value }})");
                    }
                }
            }

            return new ExprNode(guards.Count == 0 ? comparison : $"new {Bson}BsonDocument(\"$and\", new {Bson}BsonArray {{ {comparison}, {string.Join(", ", guards)} }})");
        }

        if (leftField.IsElement && leftField.Spec is null && leftField.Encoder is null)
        {
            throw Untranslatable(left, "the document itself cannot be compared; compare one of its members");
        }

        if (InstantCompare(kind, leftField, right, at) is { } instant)
        {
            return instant;
        }

        var ordering = kind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals);
        if (ordering)
        {
            CheckOrdering(leftField, at);
        }

        var value = Encode(leftField, right, Unwrap(left).Type);
        var op = kind switch
        {
            BinaryOperatorKind.Equals => "$eq",
            BinaryOperatorKind.NotEquals => "$ne",
            BinaryOperatorKind.LessThan => "$lt",
            BinaryOperatorKind.LessThanOrEqual => "$lte",
            BinaryOperatorKind.GreaterThan => "$gt",
            _ => "$gte",
        };

        // The value of a BsonValue member may itself look like an operator document: compare with $eq explicitly.
        if (op == "$eq" && leftField.Spec?.Kind == ValueKind.BsonValue)
        {
            op = "$op";
            value = $"new {Bson}BsonDocument(\"$eq\", {value})";
        }

        return new Clause(leftField, op, value);
    }

    private static BinaryOperatorKind Flip(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
        BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
        _ => kind,
    };

    private static string AggregationOperator(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Equals => "$eq",
        BinaryOperatorKind.NotEquals => "$ne",
        BinaryOperatorKind.LessThan => "$lt",
        BinaryOperatorKind.LessThanOrEqual => "$lte",
        BinaryOperatorKind.GreaterThan => "$gt",
        BinaryOperatorKind.GreaterThanOrEqual => "$gte",
        BinaryOperatorKind.Add => "$add",
        BinaryOperatorKind.Subtract => "$subtract",
        BinaryOperatorKind.Multiply => "$multiply",
        BinaryOperatorKind.Divide => "$divide",
        BinaryOperatorKind.Remainder => "$mod",
        BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And => "$and",
        BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or => "$or",
        _ => string.Empty,
    };

    /// <summary>
    /// A DateTimeOffset stored as a document ({ DateTime, Ticks, Offset }) compares in C# by instant (UtcTicks), whatever
    /// the offset: the comparison is made on Ticks - Offset (minutes) × 600 000 000 in <c>$expr</c>, which is exact for
    /// ==, != and the orderings. Null when <paramref name="field"/> is not such a member.
    /// </summary>
    private FilterNode? InstantCompare(BinaryOperatorKind kind, FieldRef field, IOperation value, IOperation at)
    {
        var spec = field.Spec?.Kind == ValueKind.Nullable ? field.Spec.Item : field.Spec;
        if (spec is not { Kind: ValueKind.DateTimeOffset } || spec.Representation == ValueSpec.RepDateTime || spec.Representation == ValueSpec.RepString || IsNullLiteral(value))
        {
            return null;
        }

        if (field.IsElement || !field.IsLiteral)
        {
            throw new TranslationException(DiagnosticDescriptors.QueryComparisonNotSupported, at.Syntax.GetLocation(), at.Syntax.ToString(),
                "a DateTimeOffset stored as a document is compared by instant in an expression, which is not possible on an array element or a computed path; store it as [BsonRepresentation(BsonType.DateTime)]");
        }

        var instant = $"new {Bson}BsonDocument(\"$subtract\", new {Bson}BsonArray {{ new {Bson}BsonString({Literal("$" + field.Path + ".Ticks")}), "
            + $"new {Bson}BsonDocument(\"$multiply\", new {Bson}BsonArray {{ new {Bson}BsonString({Literal("$" + field.Path + ".Offset")}), new {Bson}BsonInt64(600000000L) }}) }})";
        var ticks = $"new {Bson}BsonInt64(((global::System.DateTimeOffset)({Value(value)})).UtcTicks)";
        var comparison = $"new {Bson}BsonDocument({Literal(AggregationOperator(kind))}, new {Bson}BsonArray {{ {instant}, {ticks} }})";
        if (kind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
        {
            // A missing or null member has no instant: an ordering with it is false, as a lifted comparison in C#.
            comparison = $"new {Bson}BsonDocument(\"$and\", new {Bson}BsonArray {{ {comparison}, new {Bson}BsonDocument(\"$gt\", new {Bson}BsonArray {{ {instant}, {Bson}BsonNull.Value }}) }})";
        }

        return new ExprNode(comparison);
    }

    /// <summary>An ordering comparison is refused where the stored form does not order as the C# value does.</summary>
    private static void CheckOrdering(FieldRef field, IOperation at)
    {
        var spec = field.Spec?.Kind == ValueKind.Nullable ? field.Spec.Item : field.Spec;
        if (spec is null)
        {
            return;
        }

        string? reason = spec.Kind switch
        {
            ValueKind.Enum when spec.Representation == ValueSpec.RepString => "the enum is stored as a string, so <, <=, > and >= would compare names, not values; compare with == or != (or store it as a number)",
            ValueKind.DateTimeOffset when spec.Representation == ValueSpec.RepString => "the DateTimeOffset is stored as a string, which does not order as an instant; store it as [BsonRepresentation(BsonType.DateTime)]",
            ValueKind.Decimal when spec.Representation == ValueSpec.RepString => "the decimal is stored as a string, which does not order as a number; store it as Decimal128 ([BsonRepresentation(BsonType.Decimal128)])",
            ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double or ValueKind.Single or ValueKind.Byte or ValueKind.SByte or ValueKind.Int16
                or ValueKind.UInt16 or ValueKind.UInt32 or ValueKind.UInt64 when spec.Representation == ValueSpec.RepString =>
                "the number is stored as a string, and strings order by character (\"10\" < \"9\"); compare with == or != (or store it as a number)",
            ValueKind.TimeSpan when spec.Representation != ValueSpec.RepInt64 =>
                "a TimeSpan is stored as its \"c\" string by default, which does not order as a duration; store it as ticks ([BsonRepresentation(BsonType.Int64)])",
            ValueKind.Guid => "Guids have no ordering in C#",
            ValueKind.Boolean => "booleans have no ordering in C#",
            ValueKind.Document or ValueKind.Collection or ValueKind.Dictionary => "documents and arrays are compared only for equality",
            _ => null,
        };

        if (reason is not null)
        {
            throw new TranslationException(DiagnosticDescriptors.QueryComparisonNotSupported, at.Syntax.GetLocation(), at.Syntax.ToString(), reason);
        }
    }

    /// <summary>
    /// Two fields compared in <c>$expr</c> compare as stored: that is what C# compares only when both store the value
    /// the same way (or both as numbers, which the server compares by value).
    /// </summary>
    private static void CheckComparable(FieldRef left, FieldRef right, BinaryOperatorKind kind, IOperation at)
    {
        if (kind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
        {
            CheckOrdering(left, at);
            CheckOrdering(right, at);
        }

        var l = left.Spec?.Kind == ValueKind.Nullable ? left.Spec.Item : left.Spec;
        var r = right.Spec?.Kind == ValueKind.Nullable ? right.Spec.Item : right.Spec;
        if (l is { Kind: ValueKind.DateTimeOffset, Representation: not ValueSpec.RepDateTime } || r is { Kind: ValueKind.DateTimeOffset, Representation: not ValueSpec.RepDateTime })
        {
            throw new TranslationException(DiagnosticDescriptors.QueryComparisonNotSupported, at.Syntax.GetLocation(), at.Syntax.ToString(),
                "a DateTimeOffset stored as a document ({ DateTime, Ticks, Offset }) is compared with values only; store both as [BsonRepresentation(BsonType.DateTime)] to compare them with each other");
        }

        if (l is null || r is null || (l.Kind == r.Kind && l.Representation == r.Representation) || (IsStoredAsNumber(l) && IsStoredAsNumber(r)))
        {
            return;
        }

        throw new TranslationException(DiagnosticDescriptors.QueryComparisonNotSupported, at.Syntax.GetLocation(), at.Syntax.ToString(),
            $"the two members are stored in different forms ({StoredForm(l)} and {StoredForm(r)}), and the server compares stored values; store them the same way ([BsonRepresentation]) or compare each with a value");
    }

    private static bool IsStoredAsNumber(ValueSpec spec) => spec.Representation != ValueSpec.RepString && spec.Kind is ValueKind.Int32 or ValueKind.Int64
        or ValueKind.Double or ValueKind.Single or ValueKind.Byte or ValueKind.SByte or ValueKind.Int16 or ValueKind.UInt16 or ValueKind.UInt32 or ValueKind.UInt64
        or ValueKind.Decimal or ValueKind.Decimal128 or ValueKind.Enum;

    private static string StoredForm(ValueSpec spec) =>
        spec.Kind + (ValueSpec.BsonTypeName(spec.Representation) is { } name ? " as " + name : string.Empty);

    /// <summary>The collection field whose size <paramref name="op"/> reads, or null.</summary>
    private FieldRef? CollectionOf(IOperation op)
    {
        switch (op)
        {
            case IPropertyReferenceOperation { Property.Name: "Count" or "Length", Instance: { } instance } when References(instance) && IsCollection(instance.Type):
                return RequireField(instance);
            case IInvocationOperation { TargetMethod.Name: "Count" or "LongCount", Arguments.Length: 1 } count when IsEnumerableMethod(count.TargetMethod) && References(count.Arguments[0].Value)
                && UnwrapSpan(count.Arguments[0].Value).Type?.SpecialType != SpecialType.System_String:
                return RequireField(count.Arguments[0].Value);
            default:
                return null;
        }
    }

    private FilterNode SizeCompare(BinaryOperatorKind kind, FieldRef field, IOperation value, IOperation at)
    {
        // A dictionary is stored as a document: its size is counted in an expression.
        if (value.ConstantValue is { HasValue: true, Value: { } constant } && constant is int or long && !IsDictionary(field.Type))
        {
            var n = System.Convert.ToInt64(constant, System.Globalization.CultureInfo.InvariantCulture);
            FieldRef At(long index)
            {
                var path = field.Join(index.ToString(System.Globalization.CultureInfo.InvariantCulture), true, out var literal);
                return new FieldRef(path, literal, field.Type, null, null, null);
            }

            Clause Exists(long index, bool exists) => new(At(index), "$exists", exists ? "true" : "false");
            switch (kind)
            {
                case BinaryOperatorKind.Equals: return new Clause(field, "$size", Int(n));
                case BinaryOperatorKind.NotEquals: return Negate(new Clause(field, "$size", Int(n)));
                case BinaryOperatorKind.GreaterThan: return n < 0 ? new ConstantNode(true) : Exists(n, true);
                case BinaryOperatorKind.GreaterThanOrEqual: return n <= 0 ? new ConstantNode(true) : Exists(n - 1, true);
                case BinaryOperatorKind.LessThan: return n <= 0 ? new ConstantNode(false) : Exists(n - 1, false);
                case BinaryOperatorKind.LessThanOrEqual: return n < 0 ? new ConstantNode(false) : Exists(n, false);
            }
        }

        // A size known only at run time: compare the array's size in an expression.
        return new ExprNode($"new {Bson}BsonDocument({Literal(AggregationOperator(kind))}, new {Bson}BsonArray {{ {SizeExpression(field, at)}, {Raw(value)} }})");
    }

    /// <summary>
    /// <c>text.Length</c> compared with a constant, as an anchored regular expression of that many characters
    /// (<c>[\s\S]</c> so line breaks count, <c>\z</c> so a final line break is not skipped).
    /// </summary>
    private static FilterNode StringLength(BinaryOperatorKind kind, FieldRef field, int n)
    {
        Clause Lengths(int min, int? max) => new(field, "$regex", $"new {Bson}BsonRegularExpression({Literal("^[\\s\\S]{" + min.ToString(System.Globalization.CultureInfo.InvariantCulture) + "," + (max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty) + "}" + (max is null ? string.Empty : "\\z"))})");
        switch (kind)
        {
            case BinaryOperatorKind.Equals: return n < 0 ? new ConstantNode(false) : Lengths(n, n);
            case BinaryOperatorKind.NotEquals: return n < 0 ? Lengths(0, null) : Negate(Lengths(n, n));
            case BinaryOperatorKind.GreaterThan: return Lengths(System.Math.Max(0, n + 1), null);
            case BinaryOperatorKind.GreaterThanOrEqual: return Lengths(System.Math.Max(0, n), null);
            case BinaryOperatorKind.LessThan: return n <= 0 ? new ConstantNode(false) : Lengths(0, n - 1);
            default: return n < 0 ? new ConstantNode(false) : Lengths(0, n);
        }
    }

    private static string Int(long n) => n is >= int.MinValue and <= int.MaxValue
        ? $"new {Bson}BsonInt32({n.ToString(System.Globalization.CultureInfo.InvariantCulture)})"
        : $"new {Bson}BsonInt64({n.ToString(System.Globalization.CultureInfo.InvariantCulture)}L)";

    // ---- values --------------------------------------------------------------------------------------------------

    /// <summary>C# code of the BsonValue that <paramref name="value"/> is stored as in <paramref name="field"/>.</summary>
    private string Encode(FieldRef field, IOperation value, ITypeSymbol? fieldType)
    {
        var unwrapped = Unwrap(value);
        if (unwrapped.ConstantValue is { HasValue: true, Value: null })
        {
            return Bson + "BsonNull.Value";
        }

        if (field.Encoder is null)
        {
            return Raw(value);
        }

        // The field was widened to compare (an int member compared with a long): the value keeps its own numeric type.
        var valueType = value.Type;
        var memberType = field.Type;
        if (fieldType is not null && !SymbolEqualityComparer.Default.Equals(Underlying(fieldType), Underlying(memberType)) && IsNumeric(Underlying(fieldType))
            && Underlying(memberType)?.TypeKind != TypeKind.Enum)
        {
            return Raw(value);
        }

        var code = Value(value);
        if (valueType is null || !SymbolEqualityComparer.Default.Equals(valueType, memberType))
        {
            code = $"(({TypeName(memberType)})({code}))";
        }

        return $"{field.Encoder}({code})";
    }

    /// <summary>C# code of a BsonValue for a value that is not compared with a stored member (sizes, lengths, moduli).</summary>
    private string Raw(IOperation value)
    {
        var type = Underlying(value.Type);
        var code = Value(value);
        return type?.SpecialType switch
        {
            SpecialType.System_Int32 or SpecialType.System_Int16 or SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_UInt16 => $"new {Bson}BsonInt32((int)({code}))",
            SpecialType.System_Int64 or SpecialType.System_UInt32 => $"new {Bson}BsonInt64((long)({code}))",
            SpecialType.System_Double or SpecialType.System_Single => $"new {Bson}BsonDouble((double)({code}))",
            SpecialType.System_Decimal => $"new {Bson}BsonDecimal128((decimal)({code}))",
            SpecialType.System_String => $"({Bson}BsonValue){Bson}BsonString.Create({code})",
            SpecialType.System_Boolean => $"({Bson}BsonValue){Bson}BsonBoolean.Create({code})",
            _ => $"{Bson}BsonValue.Create({code})",
        };
    }

    private static bool IsNumeric(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Double
        or SpecialType.System_Single or SpecialType.System_Decimal or SpecialType.System_Int16 or SpecialType.System_Byte or SpecialType.System_SByte
        or SpecialType.System_UInt16 or SpecialType.System_UInt32;

    private static ITypeSymbol? Underlying(ITypeSymbol? type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static IOperation Unwrap(IOperation op)
    {
        while (true)
        {
            switch (op)
            {
                case IParenthesizedOperation parenthesized:
                    op = parenthesized.Operand;
                    continue;
                case IConversionOperation { Conversion.IsUserDefined: false } conversion when conversion.IsImplicit || IsNullableOrNumericConversion(conversion):
                    op = conversion.Operand;
                    continue;
                default:
                    return op;
            }
        }
    }

    private static bool IsNullableOrNumericConversion(IConversionOperation conversion) =>
        conversion.Conversion.IsNullable || conversion.Conversion.IsNumeric || conversion.Conversion.IsIdentity;

    private static bool IsBool(ITypeSymbol? type) => Underlying(type)?.SpecialType == SpecialType.System_Boolean;

    private static bool IsNullable(ITypeSymbol? type) => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

    private static bool IsEnumerableMethod(IMethodSymbol method) =>
        method.ContainingType?.ToDisplayString() is "System.Linq.Enumerable" or "System.MemoryExtensions";

    private static bool IsCollection(ITypeSymbol? type) =>
        type is IArrayTypeSymbol || (type is INamedTypeSymbol named && type.SpecialType != SpecialType.System_String && named.AllInterfaces.Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T));

    private static bool IsDictionary(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && (IsDictionaryInterface(named) || named.AllInterfaces.Any(IsDictionaryInterface));

    private static bool IsDictionaryInterface(INamedTypeSymbol type) =>
        type.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IDictionary<TKey, TValue>" or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>";

    /// <summary>The element type of a collection (the value type of a dictionary), or null.</summary>
    internal static ITypeSymbol? ItemType(ITypeSymbol? type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type is INamedTypeSymbol named)
        {
            foreach (var candidate in new[] { named }.Concat(named.AllInterfaces))
            {
                if (IsDictionaryInterface(candidate))
                {
                    return candidate.TypeArguments[1];
                }
            }

            foreach (var candidate in new[] { named }.Concat(named.AllInterfaces))
            {
                if (candidate.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return candidate.TypeArguments[0];
                }
            }
        }

        return null;
    }

    private TranslationException Untranslatable(IOperation op, string reason) =>
        new(DiagnosticDescriptors.QueryNotTranslatable, op.Syntax.GetLocation(), op.Syntax.ToString(), reason);

    private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);

    private static string TypeName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
}

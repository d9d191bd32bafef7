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

/// <summary>Patterns, type checks and method calls (string methods, Contains, Any/All, dictionary keys).</summary>
internal sealed partial class QueryTranslator
{
    // ---- patterns and type checks --------------------------------------------------------------------------------

    private FilterNode Pattern(FieldRef field, IPatternOperation pattern, IOperation value)
    {
        switch (pattern)
        {
            case IConstantPatternOperation constant:
                return CompareField(BinaryOperatorKind.Equals, field, constant.Value, pattern, value.Type);
            case IRelationalPatternOperation relational:
                return CompareField(relational.OperatorKind, field, relational.Value, pattern, value.Type);
            case INegatedPatternOperation negated:
                return Negate(Pattern(field, negated.Pattern, value));
            case IBinaryPatternOperation binary:
                var left = Pattern(field, binary.LeftPattern, value);
                var right = Pattern(field, binary.RightPattern, value);
                return binary.OperatorKind == BinaryOperatorKind.Or ? Or(left, right) : And(left, right);
            case ITypePatternOperation type:
                return TypeCheck(field, type.MatchedType, pattern);
            case IDeclarationPatternOperation declaration:
                if (declaration.DeclaredSymbol is { } local)
                {
                    _scope[local] = field.With(declaration.MatchedType ?? field.Type);
                }

                return declaration.MatchedType is { } matched && !SymbolEqualityComparer.Default.Equals(matched, value.Type) ? TypeCheck(field, matched, pattern) : NotNull(field);
            case IDiscardPatternOperation:
                return new ConstantNode(true);
            case IRecursivePatternOperation recursive when recursive.DeconstructionSubpatterns.Length == 0:
                FilterNode result = recursive.MatchedType is { } recursiveType && !SymbolEqualityComparer.Default.Equals(recursiveType, value.Type)
                    ? TypeCheck(field, recursiveType, pattern)
                    : NotNull(field);
                var owner = field.With(recursive.MatchedType ?? field.Type);
                if (recursive.DeclaredSymbol is { } designated)
                {
                    _scope[designated] = owner;
                }

                foreach (var sub in recursive.PropertySubpatterns)
                {
                    if (sub.Member is IPropertyReferenceOperation or IFieldReferenceOperation)
                    {
                        var member = sub.Member switch
                        {
                            IPropertyReferenceOperation p => (ISymbol)p.Property,
                            IFieldReferenceOperation f => f.Field,
                            _ => null!,
                        };
                        var memberField = Member(owner, member, sub.Member);
                        result = And(result, Pattern(memberField, sub.Pattern, sub.Member));
                    }
                    else
                    {
                        throw Untranslatable(sub.Member, "only property patterns on stored members translate");
                    }
                }

                return result;
            default:
                throw Untranslatable(pattern, "this pattern has no MQL translation");
        }
    }

    /// <summary>
    /// "Is not null" for a pattern or type check. The document itself is never null, and a document element of an array
    /// that is null matches no condition on its members anyway, so for those it says nothing (and must not become a
    /// clause on an empty path); a value element is compared with null.
    /// </summary>
    private FilterNode NotNull(FieldRef field) =>
        field.IsElement && (field.Spec is null || field.Spec.Kind is ValueKind.Document or ValueKind.Registry)
            ? new ConstantNode(true)
            : new Clause(field, "$ne", Bson + "BsonNull.Value");

    private FilterNode CompareField(BinaryOperatorKind kind, FieldRef field, IOperation value, IOperation at, ITypeSymbol? fieldType)
    {
        if (References(value))
        {
            throw Untranslatable(value, "a pattern's value cannot depend on the document");
        }

        if (InstantCompare(kind, field, value, at) is { } instant)
        {
            return instant;
        }

        if (kind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
        {
            CheckOrdering(field, at);
        }

        var op = kind switch
        {
            BinaryOperatorKind.Equals => "$eq",
            BinaryOperatorKind.NotEquals => "$ne",
            BinaryOperatorKind.LessThan => "$lt",
            BinaryOperatorKind.LessThanOrEqual => "$lte",
            BinaryOperatorKind.GreaterThan => "$gt",
            _ => "$gte",
        };
        return new Clause(field, op, Encode(field, value, fieldType));
    }

    private FilterNode TypeCheck(FieldRef field, ITypeSymbol type, IOperation at)
    {
        if (SymbolEqualityComparer.Default.Equals(type, field.Type))
        {
            return NotNull(field);
        }

        if (type is not INamedTypeSymbol named || SpecOf(named) is not { Discriminator: { } discriminator, DiscriminatorElement: { } element })
        {
            throw new TranslationException(DiagnosticDescriptors.QueryTypeCheckNotSupported, at.Syntax.GetLocation(), at.Syntax.ToString(),
                $"'{Display(type)}' has no discriminator; a type check translates only within a [BsonKnownTypes] hierarchy, where the stored discriminator tells the types apart");
        }

        var path = field.Join(element, true, out var literal);
        return new Clause(new FieldRef(path, literal, type, null, null, null), "$eq", $"new {Bson}BsonString({Literal(discriminator)})");
    }

    // ---- method calls --------------------------------------------------------------------------------------------

    private FilterNode Call(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        var receiver = call.Instance ?? (method.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
        // Optional parameters left out (MemoryExtensions.Contains' comparer) are not part of what the call says.
        var given = call.Arguments.Where(a => a.ArgumentKind != ArgumentKind.DefaultValue || a.Value.ConstantValue is not { HasValue: true, Value: null });
        var arguments = call.Instance is null && method.IsExtensionMethod ? given.Skip(1).Select(a => a.Value).ToList() : given.Select(a => a.Value).ToList();
        var containing = method.ContainingType?.ToDisplayString();

        // The type of what the method is called on, before the conversion to IEnumerable<T> or a span of an extension call.
        var receiverType = receiver is null ? null : UnwrapSpan(receiver).Type;

        if (!References(call))
        {
            return new ConditionNode(Value(call));
        }

        // string methods on a stored string: anchored, escaped regular expressions.
        if (method.ContainingType?.SpecialType == SpecialType.System_String && receiver is not null && References(receiver))
        {
            switch (method.Name)
            {
                case "StartsWith" or "EndsWith" or "Contains" when arguments.Count is 1 or 2:
                    return StringMatch(RequireField(receiver), arguments[0], method.Name == "StartsWith", method.Name == "EndsWith", arguments.Count == 2 ? arguments[1] : null, call);
                case "Equals" when arguments.Count is 1 or 2:
                    if (arguments.Count == 1)
                    {
                        return Compare(BinaryOperatorKind.Equals, receiver, arguments[0], call);
                    }

                    return StringMatch(RequireField(receiver), arguments[0], true, true, arguments[1], call);
            }
        }

        if (method.ContainingType?.SpecialType == SpecialType.System_String && method.IsStatic)
        {
            switch (method.Name)
            {
                case "IsNullOrEmpty" when arguments.Count == 1:
                    var field = RequireField(arguments[0]);
                    return Or(new Clause(field, "$eq", Bson + "BsonNull.Value"), new Clause(field, "$eq", $"new {Bson}BsonString(\"\")"));
                case "IsNullOrWhiteSpace" when arguments.Count == 1:
                    var blank = RequireField(arguments[0]);
                    return Or(new Clause(blank, "$eq", Bson + "BsonNull.Value"), new Clause(blank, "$regex", $"new {Bson}BsonRegularExpression({Literal(WhiteSpacePattern)})"));
                case "Equals" when arguments.Count is 2 or 3:
                    var (l, r) = References(arguments[0]) ? (arguments[0], arguments[1]) : (arguments[1], arguments[0]);
                    return arguments.Count == 2 ? Compare(BinaryOperatorKind.Equals, l, r, call) : StringMatch(RequireField(l), r, true, true, arguments[2], call);
            }
        }

        switch (method.Name)
        {
            case "Contains" when arguments.Count == 1 && receiver is not null:
                return Contains(receiver, arguments[0], call);
            case "Contains" when arguments.Count == 2 && receiver is null && method.IsStatic:
                return Contains(arguments[0], arguments[1], call);
            case "Any" or "All" or "Contains" or "Count" or "First" or "Last" or "ElementAt" when receiverType?.SpecialType == SpecialType.System_String && References(receiver!):
                throw Untranslatable(call, "the characters of a string have no MQL translation; use StartsWith, EndsWith, Contains or Length");
            case "Any" when IsEnumerableMethod(method) && receiver is not null && arguments.Count == 0 && IsDictionary(receiverType):
                return new ExprNode($"new {Bson}BsonDocument(\"$gt\", new {Bson}BsonArray {{ {SizeExpression(RequireField(receiver), call)}, new {Bson}BsonInt32(0) }})");
            case "Any" or "All" when IsEnumerableMethod(method) && receiver is not null && IsDictionary(receiverType):
                throw Untranslatable(call, "the entries of a dictionary are not queried one by one; test a key with ContainsKey or index it by key (q.Scores[\"math\"] > 3)");
            case "Any" when IsEnumerableMethod(method) && receiver is not null && arguments.Count == 0:
                var any = RequireField(receiver);
                var first = any.Join("0", true, out var firstLiteral);
                return new Clause(new FieldRef(first, firstLiteral, any.Type, null, null, null), "$exists", "true");
            case "Any" when IsEnumerableMethod(method) && receiver is not null && arguments.Count == 1:
                return ElemMatch(RequireField(receiver), arguments[0], negate: false);
            case "All" when IsEnumerableMethod(method) && receiver is not null && arguments.Count == 1:
                return ElemMatch(RequireField(receiver), arguments[0], negate: true);
            case "ContainsKey" when receiver is not null && arguments.Count == 1 && IsDictionary(receiver.Type):
                var dictionary = RequireField(receiver);
                var key = KeyPath(dictionary, arguments[0], out var keyLiteral);
                return new Clause(new FieldRef(key, keyLiteral, dictionary.Type, null, null, null), "$exists", "true");
            case "Equals" when arguments.Count == 1 && receiver is not null:
                return Compare(BinaryOperatorKind.Equals, receiver, arguments[0], call);
            case "Equals" when arguments.Count == 2 && method.IsStatic && containing == "object":
                return Compare(BinaryOperatorKind.Equals, arguments[0], arguments[1], call);
        }

        throw Untranslatable(call, $"the method '{method.ContainingType?.Name}.{method.Name}' has no MQL translation; see docs/queries.md for the methods that translate");
    }

    /// <summary>
    /// Only white space to the end, as char.IsWhiteSpace sees it: <c>\s</c> covers the ASCII ones, the Unicode spaces are
    /// listed as characters (PCRE and .NET spell their escapes differently), <c>\z</c> so a final line break is not skipped.
    /// </summary>
    private const string WhiteSpacePattern = "^[\\s\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*\\z";

    private FilterNode StringMatch(FieldRef field, IOperation text, bool anchorStart, bool anchorEnd, IOperation? comparison, IOperation at)
    {
        if (References(text))
        {
            throw Untranslatable(text, "the text to look for cannot depend on the document");
        }

        var ignoreCase = "false";
        if (comparison is not null)
        {
            if (comparison.ConstantValue is not { HasValue: true, Value: int mode } || mode is not (4 or 5))
            {
                throw Untranslatable(comparison, "only StringComparison.Ordinal and StringComparison.OrdinalIgnoreCase translate; culture-aware comparisons have no MQL meaning");
            }

            ignoreCase = mode == 5 ? "true" : "false";
        }

        var value = text.Type?.SpecialType == SpecialType.System_Char ? Value(text) + ".ToString()" : Value(text);
        return new Clause(field, "$regex", $"{Values}.Regex({value}, {(anchorStart ? "true" : "false")}, {(anchorEnd ? "true" : "false")}, {ignoreCase})");
    }

    private FilterNode Contains(IOperation source, IOperation item, IOperation at)
    {
        source = UnwrapSpan(source);
        if (References(source))
        {
            var array = RequireField(source);
            if (References(item))
            {
                return new ExprNode($"new {Bson}BsonDocument(\"$in\", new {Bson}BsonArray {{ {Aggregation(item, null)}, new {Bson}BsonDocument(\"$ifNull\", new {Bson}BsonArray {{ {FieldExpression(array, at)}, new {Bson}BsonArray() }}) }})");
            }

            if (IsDictionary(array.Type))
            {
                throw Untranslatable(at, "use ContainsKey to test a dictionary's keys");
            }

            var element = new FieldRef(array.Path, array.IsLiteral, ItemType(array.Type) ?? array.Type, array.Spec?.Item, array.ItemEncoder, null);
            return new Clause(array, "$eq", Encode(element, item, element.Type));
        }

        // A list of values: the stored field is one of them ($in).
        var field = RequireField(item);
        var encoder = field.Encoder ?? throw Untranslatable(item, "only a stored member can be looked up in a list of values");
        var itemType = TypeName(Unwrap(item).Type ?? field.Type);
        return new Clause(field, "$in", $"{Values}.EncodeAll<{itemType}>({Value(source)}, static v => {encoder}(v))");
    }

    private static IOperation UnwrapSpan(IOperation op)
    {
        while (op is IConversionOperation { IsImplicit: true } conversion)
        {
            op = conversion.Operand;
        }

        return op;
    }

    private FilterNode ElemMatch(FieldRef array, IOperation predicate, bool negate)
    {
        if (predicate is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
        {
            var itemType = ItemType(array.Type) ?? throw Untranslatable(predicate, "the member is not a collection");
            var element = new FieldRef(string.Empty, true, itemType, array.Spec?.Item, array.ItemEncoder, null);
            _scope[lambda.Symbol.Parameters[0]] = element;
            var inner = Filter(Body(lambda));

            // All(p) is !Any(!p); the negation is pushed down to the conditions so that it stays expressible on an element.
            var match = AnyElement(array, negate ? NegateElement(inner) : inner, predicate);
            return negate ? Negate(match) : match;
        }

        throw Untranslatable(predicate, "the predicate must be a lambda written at the call");
    }

    private FilterNode AnyElement(FieldRef array, FilterNode inner, IOperation at)
    {
        switch (inner)
        {
            case ConstantNode or ConditionNode:
                // Any(x => flag): some element exists and the flag holds.
                var first = array.Join("0", true, out var firstLiteral);
                return And(new Clause(new FieldRef(first, firstLiteral, array.Type, null, null, null), "$exists", "true"), inner);
            case Clause { Field.IsElement: true, Op: "$eq" } single:
                // Any(t => t == x) on values is simply { tags: x }.
                return new Clause(array, "$eq", single.Value);
            case OrNode disjunction when Contains(inner, n => n is Clause { Field.IsElement: true }):
                // An element cannot be named inside $or, but Any(a || b) is Any(a) || Any(b).
                return disjunction.Items.Select(i => AnyElement(array, i, at)).Aggregate(Or);
            default:
                return new Clause(array, "$elemMatch", ElementDocument(inner, at));
        }
    }

    /// <summary>The negation of a predicate on an element, with <c>!</c> pushed down to the conditions (De Morgan).</summary>
    private static FilterNode NegateElement(FilterNode node) => node switch
    {
        AndNode conjunction => conjunction.Items.Select(NegateElement).Aggregate(Or),
        OrNode disjunction => disjunction.Items.Select(NegateElement).Aggregate(And),
        NorNode nor => nor.Items.Aggregate(Or),
        _ => Negate(node),
    };
}

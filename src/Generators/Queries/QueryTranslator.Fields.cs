using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OpenQuizz.Typed.Generators.Diagnostics;
using OpenQuizz.Typed.Generators.Emitting;
using OpenQuizz.Typed.Generators.Model;
using OpenQuizz.Typed.Generators.Parsing;

namespace OpenQuizz.Typed.Generators.Queries;

internal sealed partial class QueryTranslator
{
    private const string CapturedValue = "global::OpenQuizz.Typed.Queries.CapturedValue";

    private readonly Stack<FieldRef> _conditionalTargets = new();

    /// <summary>Whether <paramref name="op"/> reads the document (the lambda's parameter, or a variable a pattern bound to it).</summary>
    private bool References(IOperation op)
    {
        foreach (var node in op.DescendantsAndSelf())
        {
            switch (node)
            {
                case IParameterReferenceOperation parameter when _scope.ContainsKey(parameter.Parameter):
                case ILocalReferenceOperation local when _scope.ContainsKey(local.Local):
                    return true;
                case IAnonymousFunctionOperation lambda when lambda.Symbol.Parameters.Length == 1 && ReadsOuter(lambda):
                    return true;
            }
        }

        return false;
    }

    private bool ReadsOuter(IAnonymousFunctionOperation lambda) =>
        lambda.Body.DescendantsAndSelf().Any(n => n is IParameterReferenceOperation p && _scope.ContainsKey(p.Parameter));

    private FieldRef RequireField(IOperation op) =>
        Field(op) ?? throw Untranslatable(op, "it must be a stored member of the document (such as q.Title or q.Author.Name)");

    /// <summary>The stored field that <paramref name="op"/> reads, or null when it is not a member path of the document.</summary>
    private FieldRef? Field(IOperation op)
    {
        switch (op)
        {
            case IParenthesizedOperation parenthesized:
                return Field(parenthesized.Operand);
            case IConversionOperation conversion when conversion.Conversion.IsReference && !conversion.Conversion.IsImplicit:
                // A downcast to a derived document type: its members are looked up in that type's codec.
                return Field(conversion.Operand)?.With(conversion.Type!);
            case IConversionOperation conversion when Underlying(conversion.Operand.Type)?.TypeKind == TypeKind.Enum && IsIntegral(Underlying(conversion.Type)):
                // (int)q.Level: the enum member itself; the value compared with it is converted back to the enum and encoded as stored.
                return Field(conversion.Operand);
            case IConversionOperation conversion when conversion.Conversion.IsImplicit || conversion.Conversion.IsNullable || conversion.Conversion.IsNumeric || conversion.Conversion.IsIdentity:
                return Field(conversion.Operand);
            case IParameterReferenceOperation parameter when _scope.TryGetValue(parameter.Parameter, out var root):
                return root;
            case ILocalReferenceOperation local when _scope.TryGetValue(local.Local, out var bound):
                return bound;
            case IConditionalAccessOperation conditional:
                // q.Author?.Name: a missing or null Author has no Name either, so the path reads the same.
                if (Field(conditional.Operation) is not { } target)
                {
                    return null;
                }

                _conditionalTargets.Push(target);
                try
                {
                    return Field(conditional.WhenNotNull);
                }
                finally
                {
                    _conditionalTargets.Pop();
                }

            case IConditionalAccessInstanceOperation when _conditionalTargets.Count > 0:
                return _conditionalTargets.Peek();
            case IPropertyReferenceOperation { Property.Name: "Count" or "Length", Instance: { } sized } when IsCollection(sized.Type) || sized.Type?.SpecialType == SpecialType.System_String:
                // The size of an array or string is not a stored field; callers translate it ($size, a regex, $strLenCP).
                return null;
            case IPropertyReferenceOperation { Property.Name: "Value", Instance: { } instance } when IsNullable(instance.Type):
                var inner = Field(instance);
                return inner is null ? null : new FieldRef(inner.Path, inner.IsLiteral, Underlying(instance.Type)!, inner.Spec?.Item ?? inner.Spec, inner.Encoder is null ? null : inner.Encoder, null);
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } indexed, Arguments.Length: 1 } indexer:
                return Indexed(indexed, indexer.Arguments[0].Value, op);
            case IArrayElementReferenceOperation { Indices.Length: 1 } element:
                return Indexed(element.ArrayReference, element.Indices[0], op);
            case IPropertyReferenceOperation { Instance: { } owner, Property: { } property }:
                // Count, Length… of a collection or a string are not stored members: the callers translate them.
                return Field(owner) is { } ownerField && !IsCollection(ownerField.Type) && ownerField.Type.SpecialType != SpecialType.System_String ? Member(ownerField, property, op) : null;
            case IFieldReferenceOperation { Instance: { } owner, Field: { } field }:
                return Field(owner) is { } fieldOwner ? Member(fieldOwner, field, op) : null;
            default:
                return Positional(op);
        }
    }

    private FieldRef? Indexed(IOperation collection, IOperation index, IOperation at)
    {
        var owner = Field(collection);
        if (owner is null)
        {
            return null;
        }

        if (References(index))
        {
            throw Untranslatable(index, "an index or key cannot depend on the document");
        }

        if (owner.Type.SpecialType == SpecialType.System_String)
        {
            throw Untranslatable(at, "the characters of a string have no MQL translation; use StartsWith, EndsWith, Contains or Length");
        }

        string path;
        bool literal;
        if (IsDictionary(owner.Type))
        {
            path = KeyPath(owner, index, out literal);
        }
        else if (index.ConstantValue is { HasValue: true, Value: int position } && position >= 0)
        {
            path = owner.Join(position.ToString(System.Globalization.CultureInfo.InvariantCulture), true, out literal);
        }
        else
        {
            throw Untranslatable(index, "an array element is addressed by a constant, non-negative index");
        }

        var itemType = ItemType(owner.Type) ?? throw Untranslatable(at, "the member is not a collection");
        return new FieldRef(path, literal, itemType, owner.Spec?.Item, owner.ItemEncoder, null);
    }

    private string KeyPath(FieldRef dictionary, IOperation key, out bool literal)
    {
        if (key.ConstantValue is { HasValue: true, Value: string constant })
        {
            if (constant.Length == 0 || constant.IndexOf('.') >= 0 || constant[0] == '$' || constant.IndexOf('\0') >= 0)
            {
                throw Untranslatable(key, "a key in a query must be non-empty and hold no '.', leading '$' or NUL");
            }

            return dictionary.Join(constant, true, out literal);
        }

        return dictionary.Join(Value(key), false, out literal);
    }

    /// <summary>The stored field of <paramref name="member"/> in the document type of <paramref name="owner"/>.</summary>
    private FieldRef Member(FieldRef owner, ISymbol member, IOperation at)
    {
        if (owner.Type is not INamedTypeSymbol type || SpecOf(type) is not { } spec)
        {
            if (owner.Spec is { } ownerSpec && ownerSpec.Kind is not (ValueKind.Document or ValueKind.Registry))
            {
                // A member of a stored value (q.CreatedAt.Year, q.Title.Length in a selector): not a stored field.
                throw Untranslatable(at, $"'{member.Name}' of a stored {Display(owner.Type)} is not a stored field and has no MQL translation; compare the member itself (for a date part, compare with a range: q.CreatedAt >= start && q.CreatedAt < end)");
            }

            throw new TranslationException(DiagnosticDescriptors.QueryTypeNotDocument, at.Syntax.GetLocation(), Display(owner.Type), "its members have no stored element names");
        }

        MemberSpec? stored = null;
        foreach (var candidate in spec.Members)
        {
            if (candidate.Name == member.Name && !candidate.IsExtraElements)
            {
                stored = candidate;
                break;
            }
        }

        if (stored is null)
        {
            throw new TranslationException(DiagnosticDescriptors.QueryMemberNotStored, at.Syntax.GetLocation(), member.Name, Display(type), WhyNotStored(member));
        }

        var codec = CodecName(type, at);
        var path = owner.Join(stored.ElementName, true, out var literal);
        var memberType = member switch
        {
            IPropertySymbol property => property.Type,
            IFieldSymbol field => field.Type,
            _ => owner.Type,
        };
        var hasItems = stored.Value.Kind is ValueKind.Collection or ValueKind.Dictionary && stored.Value.Item is not null;
        return new FieldRef(path, literal, memberType, stored.Value, codec + "." + FieldsEmitter.EncoderName(stored), hasItems ? codec + "." + FieldsEmitter.ItemEncoderName(stored) : null);
    }

    private static string WhyNotStored(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == "BsonIgnoreAttribute")
            {
                return "it is [BsonIgnore]";
            }
        }

        if (member is IPropertySymbol { SetMethod: null } property && property.DeclaringSyntaxReferences.Length > 0)
        {
            return "it is computed: a read-only property with no constructor parameter is not mapped";
        }

        return member.DeclaredAccessibility == Accessibility.Public ? "it is not mapped" : "it is not public and has no [BsonElement]";
    }

    private string CodecName(INamedTypeSymbol type, IOperation at)
    {
        if (SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, _compilation.Assembly))
        {
            return DocumentParser.CodecTypeName(type);
        }

        if (type.GetTypeMembers(DocumentParser.NestedCodecClassName).Length > 0)
        {
            return type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + DocumentParser.NestedCodecClassName;
        }

        var standalone = DocumentParser.StandaloneCodecClassName(type);
        var codec = _compilation.GetTypeByMetadataName(DocumentParser.GeneratedNamespace + "." + standalone);
        if (codec is null || !_compilation.IsSymbolAccessibleWithin(codec, _compilation.Assembly))
        {
            throw new TranslationException(DiagnosticDescriptors.QueryTypeNotDocument, at.Syntax.GetLocation(), Display(type),
                $"its codec is not visible from here (it is generated in {type.ContainingAssembly?.Name} only for types declared partial with [MongoDocument]); declare the type partial so its codec is public");
        }

        return "global::" + DocumentParser.GeneratedNamespace + "." + standalone;
    }

    private CodecSpec? SpecOf(INamedTypeSymbol type)
    {
        if (_specs.TryGetValue(type, out var cached))
        {
            return cached;
        }

        CodecSpec? spec = null;
        if (!type.IsGenericType && type.SpecialType == SpecialType.None && type.TypeKind is TypeKind.Class or TypeKind.Struct
            && type.ContainingNamespace?.ToDisplayString() is not ("System" or "MongoDB.Bson") && !IsCollection(type))
        {
            spec = _parser.ParseOne(type);
        }

        _specs[type] = spec;
        return spec;
    }

    /// <summary>The aggregation expression of a field: <c>"$path"</c>.</summary>
    private string FieldExpression(FieldRef field, IOperation at)
    {
        if (!field.IsLiteral || field.IsElement)
        {
            throw Untranslatable(at, field.IsElement
                ? "inside Any/All, the element can be compared with values only, not with other fields"
                : "a field compared in an expression must have a fixed path");
        }

        return $"new {Bson}BsonString({Literal("$" + field.Path)})";
    }

    /// <summary>An aggregation expression (for <c>$expr</c>) of <paramref name="op"/>.</summary>
    private string Aggregation(IOperation op, FieldRef? counterpart)
    {
        var unwrapped = Unwrap(op);
        if (!References(unwrapped))
        {
            var literal = counterpart?.Encoder is not null ? Encode(counterpart, op, null) : Raw(op);
            return $"new {Bson}BsonDocument(\"$literal\", {literal})";
        }

        if (Field(unwrapped) is { } field)
        {
            // A member that can be null may be missing (BsonIgnoreIfNull): missing is not equal to null in an expression.
            return CanBeNull(field.Type)
                ? $"new {Bson}BsonDocument(\"$ifNull\", new {Bson}BsonArray {{ {FieldExpression(field, op)}, {Bson}BsonNull.Value }})"
                : FieldExpression(field, op);
        }

        if (CollectionOf(unwrapped) is { } collection)
        {
            return SizeExpression(collection, op);
        }

        switch (unwrapped)
        {
            case IPropertyReferenceOperation { Property.Name: "Length", Instance: { Type.SpecialType: SpecialType.System_String } text }:
                return $"new {Bson}BsonDocument(\"$strLenCP\", new {Bson}BsonDocument(\"$ifNull\", new {Bson}BsonArray {{ {FieldExpression(RequireField(text), op)}, new {Bson}BsonString(\"\") }}))";
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concat when concat.Type?.SpecialType == SpecialType.System_String:
                return $"new {Bson}BsonDocument(\"$concat\", new {Bson}BsonArray {{ {Aggregation(concat.LeftOperand, null)}, {Aggregation(concat.RightOperand, null)} }})";
            case IBinaryOperation binary when AggregationOperator(binary.OperatorKind) is { Length: > 0 } name:
                var leftField = Field(binary.LeftOperand);
                var rightField = Field(binary.RightOperand);
                var expression = $"new {Bson}BsonDocument({Literal(name)}, new {Bson}BsonArray {{ {Aggregation(binary.LeftOperand, rightField)}, {Aggregation(binary.RightOperand, leftField)} }})";
                if (binary.OperatorKind == BinaryOperatorKind.Divide && IsIntegral(Underlying(binary.Type)))
                {
                    // C# divides integers toward zero.
                    expression = $"new {Bson}BsonDocument(\"$trunc\", {expression})";
                }

                return expression;
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return $"new {Bson}BsonDocument(\"$not\", new {Bson}BsonArray {{ {Aggregation(not.Operand, null)} }})";
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } minus:
                return $"new {Bson}BsonDocument(\"$multiply\", new {Bson}BsonArray {{ new {Bson}BsonInt32(-1), {Aggregation(minus.Operand, null)} }})";
            case ICoalesceOperation coalesce:
                // q.MaxAttempts ?? 0: missing or null take the other value, as $ifNull does.
                return $"new {Bson}BsonDocument(\"$ifNull\", new {Bson}BsonArray {{ {Aggregation(coalesce.Value, null)}, {Aggregation(coalesce.WhenNull, Field(coalesce.Value))} }})";
            case IInvocationOperation { TargetMethod.Name: "GetValueOrDefault", Instance: { } nullable } getValue when IsNullable(nullable.Type) && getValue.Arguments.Length <= 1:
                var stored = Field(nullable) ?? RequireField(nullable);
                var fallback = getValue.Arguments.Length == 1
                    ? Aggregation(getValue.Arguments[0].Value, stored)
                    : $"new {Bson}BsonDocument(\"$literal\", {stored.Encoder ?? throw Untranslatable(getValue, "the member's stored form is not known")}(default({TypeName(Underlying(nullable.Type)!)})))";
                return $"new {Bson}BsonDocument(\"$ifNull\", new {Bson}BsonArray {{ {Aggregation(nullable, null)}, {fallback} }})";
        }

        if (unwrapped is IInvocationOperation { TargetMethod: { } method })
        {
            var hint = method.ContainingType?.SpecialType == SpecialType.System_String && method.Name.StartsWith("To", System.StringComparison.Ordinal)
                && (method.Name.Contains("Upper") || method.Name.Contains("Lower"))
                ? "for a case-insensitive match use Equals/StartsWith/EndsWith/Contains with StringComparison.OrdinalIgnoreCase"
                : "see docs/queries.md for the methods that translate";
            throw Untranslatable(unwrapped, $"the method '{method.ContainingType?.Name}.{method.Name}' has no MQL translation; {hint}");
        }

        throw Untranslatable(op, "this expression over the document has no MQL translation; see docs/queries.md for what translates");
    }

    /// <summary>The number of items of an array (<c>$size</c>) or entries of a dictionary (<c>$objectToArray</c>), missing or null counting as empty.</summary>
    private string SizeExpression(FieldRef field, IOperation at) => IsDictionary(field.Type)
        ? $"new {Bson}BsonDocument(\"$size\", new {Bson}BsonDocument(\"$objectToArray\", new {Bson}BsonDocument(\"$ifNull\", new {Bson}BsonArray {{ {FieldExpression(field, at)}, new {Bson}BsonDocument() }})))"
        : $"new {Bson}BsonDocument(\"$size\", new {Bson}BsonDocument(\"$ifNull\", new {Bson}BsonArray {{ {FieldExpression(field, at)}, new {Bson}BsonArray() }}))";

    private static bool CanBeNull(ITypeSymbol? type) => type is not null && (!type.IsValueType || IsNullable(type));

    private static bool IsIntegral(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
        or SpecialType.System_Int16 or SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_UInt16 or SpecialType.System_UInt32;

    /// <summary>The C# code of the <c>$elemMatch</c> document for a predicate over an array's elements.</summary>
    private string ElementDocument(FilterNode inner, IOperation at)
    {
        if (Contains(inner, n => n is ExprNode))
        {
            throw Untranslatable(at, "inside Any/All, elements are compared with values only (MongoDB does not allow $expr in $elemMatch)");
        }

        var clauses = inner is AndNode conjunction ? conjunction.Items : new List<FilterNode> { inner };
        var onElement = clauses.Where(c => c is Clause { Field.IsElement: true }).Cast<Clause>().ToList();
        if (onElement.Count == 0)
        {
            if (Contains(inner, n => n is Clause { Field.IsElement: true }))
            {
                throw Untranslatable(at, "for an array of values, the predicate must be conditions on the element joined by &&");
            }

            return RenderNode(inner);
        }

        if (onElement.Count != clauses.Count)
        {
            throw Untranslatable(at, "for an array of values, the predicate must be conditions on the element joined by &&");
        }

        // Operators on one value cannot repeat in a condition document; QueryValues.MergeConditions combines those that can
        // be combined, the others are refused here.
        foreach (var repeated in onElement.GroupBy(c => c.Op).Where(g => g.Count() > 1))
        {
            var combinable = repeated.Key is "$eq" or "$ne" or "$in" or "$nin" or "$gt" or "$gte" or "$lt" or "$lte" or "$regex"
                || (repeated.Key == "$not" && repeated.All(c => !c.Value.StartsWith("new " + Bson + "BsonDocument(", System.StringComparison.Ordinal)));
            if (!combinable)
            {
                throw Untranslatable(at, $"on an array of values, the conditions translate to '{repeated.Key}' twice for one element, which a query cannot say; split the predicate into Any(...) && Any(...) if different elements may match, or write one condition");
            }
        }

        var parts = onElement.Select(ConditionDocument).ToList();
        return parts.Count == 1 ? parts[0] : $"{Values}.MergeConditions({string.Join(", ", parts)})";
    }

    private static bool Contains(FilterNode node, System.Func<FilterNode, bool> predicate) => predicate(node) || node switch
    {
        AndNode conjunction => conjunction.Items.Any(i => Contains(i, predicate)),
        OrNode disjunction => disjunction.Items.Any(i => Contains(i, predicate)),
        NorNode nor => nor.Items.Any(i => Contains(i, predicate)),
        _ => false,
    };

    /// <summary>The condition of a clause as an operator document (<c>{ $eq: v }</c>, <c>{ $gt: v }</c>, …), for the element of an array.</summary>
    private static string ConditionDocument(Clause clause) => clause.Op switch
    {
        "$eq" => $"new {Bson}BsonDocument(\"$eq\", {clause.Value})",
        "$regex" => $"new {Bson}BsonDocument(\"$regex\", {clause.Value})",
        "$op" => clause.Value,
        "$not" => $"new {Bson}BsonDocument(\"$not\", {clause.Value})",
        _ => OperatorDocument(clause),
    };
}

using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OpenQuizz.Typed.Generators.Queries;

internal sealed partial class QueryTranslator
{
    /// <summary>
    /// The condition that a predicate over the items of <paramref name="array"/> states, as C# code of a BsonDocument:
    /// a query on the item's members for documents, operators on the item itself for values (<c>$pull</c>'s condition).
    /// </summary>
    public string TranslateItemPredicate(IAnonymousFunctionOperation lambda, FieldRef array)
    {
        var itemType = ItemType(array.Type) ?? throw Untranslatable(lambda, "the member is not a collection");
        var element = new FieldRef(string.Empty, true, itemType, array.Spec?.Item, array.ItemEncoder, null);
        _scope[lambda.Symbol.Parameters[0]] = element;
        return ElementDocument(Filter(Body(lambda)), lambda);
    }

    /// <summary>C# code of the value <paramref name="value"/> encoded as <paramref name="field"/> stores it.</summary>
    public string EncodeValue(FieldRef field, string value) =>
        field.Encoder is null ? Bson + "BsonValue.Create(" + value + ")" : $"{field.Encoder}(({TypeName(field.Type)})({value}))";

    /// <summary>C# code of one item encoded as the collection <paramref name="field"/> stores its items, or null when it is not a collection member.</summary>
    public string? EncodeItem(FieldRef field, string item) =>
        field.ItemEncoder is null || ItemType(field.Type) is not { } itemType ? null : $"{field.ItemEncoder}(({TypeName(itemType)})({item}))";

    /// <summary>C# code of a BSON array of <paramref name="items"/> (a sequence of <paramref name="itemType"/>), each encoded as an item of <paramref name="field"/>.</summary>
    public string? EncodeItems(FieldRef field, string items, ITypeSymbol itemType) =>
        field.ItemEncoder is null || ItemType(field.Type) is not { } storedItem
            ? null
            : $"{Values}.EncodeAll<{TypeName(itemType)}>({items}, static v => {field.ItemEncoder}(({TypeName(storedItem)})(v)))";

    /// <summary>The path of a positional marker (<c>q.Questions.FirstMatching()</c> is <c>questions.$</c>), or null.</summary>
    private FieldRef? Positional(IOperation op)
    {
        if (op is not IInvocationOperation { TargetMethod: { ContainingType.Name: "ArrayPositions" } method } call || call.Arguments.Length == 0)
        {
            return null;
        }

        var array = Field(call.Arguments[0].Value);
        if (array is null)
        {
            return null;
        }

        string position;
        switch (method.Name)
        {
            case "FirstMatching":
                position = "$";
                break;
            case "AllElements":
                position = "$[]";
                break;
            case "Filtered" when call.Arguments.Length == 2 && call.Arguments[1].Value.ConstantValue is { HasValue: true, Value: string identifier }:
                if (identifier.Length == 0 || !char.IsLower(identifier[0]) || identifier.Any(c => !char.IsLetterOrDigit(c)))
                {
                    throw Untranslatable(call.Arguments[1].Value, "an array filter identifier starts with a lowercase letter and holds only letters and digits");
                }

                position = "$[" + identifier + "]";
                break;
            default:
                throw Untranslatable(op, "the identifier of Filtered must be a constant string");
        }

        var path = array.Join(position, true, out var literal);
        var itemType = ItemType(array.Type) ?? throw Untranslatable(op, "the member is not a collection");
        return new FieldRef(path, literal, itemType, array.Spec?.Item, array.ItemEncoder, null);
    }

    /// <summary>The array filter that a predicate over one element states, with paths under <paramref name="identifier"/>.</summary>
    public string TranslateArrayFilter(IAnonymousFunctionOperation lambda, string identifier, ITypeSymbol itemType)
    {
        var root = new FieldRef(identifier, true, itemType, null, null, null);
        _scope[lambda.Symbol.Parameters[0]] = root;
        return RenderNode(Filter(Body(lambda)));
    }

    /// <summary>
    /// The find projection that builds <paramref name="resultType"/> from a lambda <c>q =&gt; new R(q.A, q.B)</c> or
    /// <c>q =&gt; new R { X = q.A }</c>: each argument or assignment becomes the result's element, computed on the server.
    /// </summary>
    public string TranslateProjection(IAnonymousFunctionOperation lambda, ITypeSymbol documentType, ITypeSymbol resultType)
    {
        _ = Root(documentType, lambda.Syntax.GetLocation());
        _scope[lambda.Symbol.Parameters[0]] = new FieldRef(string.Empty, true, documentType, null, null, null);
        var body = Unwrap(Body(lambda));
        if (body is not IObjectCreationOperation creation || resultType is not INamedTypeSymbol result || SpecOf(result) is not { } spec)
        {
            throw new TranslationException(Diagnostics.DiagnosticDescriptors.QueryNotTranslatable, lambda.Syntax.GetLocation(), lambda.Syntax.ToString(),
                "a projection lambda must create a document type with a generated codec (q => new QuizCard(q.Id, q.Title)); mark the result type [MongoDocument]");
        }

        var elements = new System.Collections.Generic.List<(string Name, string Value)>();
        foreach (var argument in creation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is null)
            {
                continue;
            }

            var member = spec.Members.FirstOrDefault(m => m.ConstructorIndex == argument.Parameter.Ordinal)
                ?? spec.Members.FirstOrDefault(m => string.Equals(m.Name, argument.Parameter.Name, System.StringComparison.OrdinalIgnoreCase))
                ?? throw Untranslatable(argument.Value, $"the constructor parameter '{argument.Parameter.Name}' maps to no stored member of '{Display(result)}'");
            elements.Add((member.ElementName, Aggregation(argument.Value, null)));
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var assignment in initializer.Initializers)
            {
                if (assignment is not ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Member: { } target } } simple)
                {
                    throw Untranslatable(assignment, "only member assignments translate in a projection's initializer");
                }

                var member = spec.Members.FirstOrDefault(m => m.Name == target.Name)
                    ?? throw new TranslationException(Diagnostics.DiagnosticDescriptors.QueryMemberNotStored, assignment.Syntax.GetLocation(), target.Name, Display(result), WhyNotStored(target));
                elements.Add((member.ElementName, Aggregation(simple.Value, null)));
            }
        }

        if (!elements.Any(e => e.Name == "_id"))
        {
            elements.Insert(0, ("_id", $"new {Bson}BsonInt32(0)"));
        }

        return $"new {Bson}BsonDocument {{ {string.Join(", ", elements.Select(e => $"{{ {Literal(e.Name)}, {e.Value} }}"))} }}";
    }
}

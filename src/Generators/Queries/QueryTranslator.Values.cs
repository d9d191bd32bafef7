using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OpenQuizz.Typed.Generators.Diagnostics;
using OpenQuizz.Typed.Generators.Emitting;
using OpenQuizz.Typed.Generators.Model;
using OpenQuizz.Typed.Generators.Parsing;

namespace OpenQuizz.Typed.Generators.Queries;

/// <summary>Rendering the filter as C#, and the values the interceptor evaluates on each call (captured variables, static members, calls).</summary>
internal sealed partial class QueryTranslator
{
    // ---- rendering -----------------------------------------------------------------------------------------------

    /// <summary>C# code that builds the filter document of <paramref name="node"/>.</summary>
    public string RenderNode(FilterNode node)
    {
        switch (node)
        {
            case Clause clause:
                if (clause.Field.IsElement)
                {
                    throw new System.InvalidOperationException("An element clause outside $elemMatch.");
                }

                return $"new {Bson}BsonDocument({clause.Field.PathCode}, {ClauseValue(clause)})";
            case AndNode conjunction:
                // Conditions on different top-level names share one document ({ a: 1, $or: [...], $expr: ... }), as one writes MQL.
                if (IsMergeable(conjunction))
                {
                    var elements = conjunction.Items.Select(TopLevelElement).ToList();
                    return $"new {Bson}BsonDocument {{ {string.Join(", ", elements.Select(e => $"{{ {e!.Value.Name}, {e.Value.Value} }}"))} }}";
                }

                return $"new {Bson}BsonDocument(\"$and\", new {Bson}BsonArray {{ {string.Join(", ", conjunction.Items.Select(RenderNode))} }})";
            case OrNode disjunction:
                return $"new {Bson}BsonDocument(\"$or\", new {Bson}BsonArray {{ {string.Join(", ", disjunction.Items.Select(RenderNode))} }})";
            case NorNode nor:
                return $"new {Bson}BsonDocument(\"$nor\", new {Bson}BsonArray {{ {string.Join(", ", nor.Items.Select(RenderNode))} }})";
            case ExprNode expr:
                return $"new {Bson}BsonDocument(\"$expr\", {expr.Expression})";
            case ConditionNode condition:
                return $"({condition.Condition} ? new {Bson}BsonDocument() : {Nothing})";
            case ConstantNode constant:
                return constant.Value ? $"new {Bson}BsonDocument()" : Nothing;
            default:
                throw new System.InvalidOperationException(node.GetType().Name);
        }
    }

    /// <summary>The one element (name and value, as C#) that <paramref name="node"/> renders to, when it renders to one.</summary>
    private (string Name, string Value)? TopLevelElement(FilterNode node) => node switch
    {
        Clause { Field.IsLiteral: true, Field.IsElement: false } clause => (clause.Field.PathCode, ClauseValue(clause)),
        OrNode disjunction => ("\"$or\"", $"new {Bson}BsonArray {{ {string.Join(", ", disjunction.Items.Select(RenderNode))} }}"),
        NorNode nor => ("\"$nor\"", $"new {Bson}BsonArray {{ {string.Join(", ", nor.Items.Select(RenderNode))} }}"),
        ExprNode expr => ("\"$expr\"", expr.Expression),
        _ => null,
    };

    /// <summary>The filter that matches no document: <c>{ $nor: [{}] }</c>.</summary>
    private const string Nothing = "new global::MongoDB.Bson.BsonDocument(\"$nor\", new global::MongoDB.Bson.BsonArray { new global::MongoDB.Bson.BsonDocument() })";

    private static string ClauseValue(Clause clause) => clause.Op switch
    {
        "$eq" => clause.Value,
        "$regex" => clause.Value,
        "$op" => clause.Value,
        "$not" => $"new {Bson}BsonDocument(\"$not\", {clause.Value})",
        _ => OperatorDocument(clause),
    };

    // ---- values evaluated by the interceptor --------------------------------------------------------------------

    /// <summary>C# code that evaluates <paramref name="op"/> (which does not read the document) in the interceptor.</summary>
    private string Value(IOperation op)
    {
        if (op.ConstantValue is { HasValue: true } constant)
        {
            if (constant.Value is null)
            {
                return op.Type is { } nullType && Nameable(nullType) ? $"(({TypeName(nullType)})null)" : "null";
            }

            if (op.Type is { } constantType && Naming.Literal(constant.Value, constantType) is { } literal)
            {
                return literal;
            }
        }

        // Only reads of variables, members and calls make the filter depend on the call; conversions and operators
        // over constants (a lifted (int?)3) leave it constant, so it is still built once.
        switch (op)
        {
            case IParenthesizedOperation parenthesized:
                return "(" + Value(parenthesized.Operand) + ")";
            case IConversionOperation conversion:
                RequireNameable(conversion.Type!, op);
                return $"(({TypeName(conversion.Type!)})({Value(conversion.Operand)}))";
            case ILocalReferenceOperation local:
                return Capture(local.Local.Name, local.Local.Type, op);
            case IParameterReferenceOperation parameter when IsCapturedPrimaryConstructorParameter(parameter):
                // A primary constructor parameter used in a member lives in a field of 'this' that the compiler names <name>P.
                return Capture("this.<" + parameter.Parameter.Name + ">P", parameter.Parameter.Type, op);
            case IParameterReferenceOperation parameter:
                return Capture(parameter.Parameter.Name, parameter.Parameter.Type, op);
            case IInstanceReferenceOperation instance:
                return Capture("this", instance.Type!, op);
            case IFieldReferenceOperation field:
                IsDynamic = true;
                return MemberValue(field.Field, field.Field.Type, field.Instance, op);
            case IPropertyReferenceOperation { Arguments.Length: 0 } property:
                IsDynamic = true;
                return MemberValue(property.Property, property.Property.Type, property.Instance, op);
            case IPropertyReferenceOperation indexer when indexer.Instance is not null && Accessible(indexer.Property):
                IsDynamic = true;
                return $"{Value(indexer.Instance)}[{string.Join(", ", indexer.Arguments.Select(a => Value(a.Value)))}]";
            case IInvocationOperation call:
                IsDynamic = true;
                return Invocation(call);
            case IArrayElementReferenceOperation element:
                IsDynamic = true;
                return $"{Value(element.ArrayReference)}[{string.Join(", ", element.Indices.Select(Value))}]";
            case IObjectCreationOperation { Initializer: null, Constructor: { } constructor } creation when Accessible(constructor):
                IsDynamic = true;
                RequireNameable(creation.Type!, op);
                return $"new {TypeName(creation.Type!)}({Arguments(creation.Arguments, op)})";
            case IBinaryOperation binary when OperatorText(binary.OperatorKind) is { } binaryText:
                return $"({Value(binary.LeftOperand)} {binaryText} {Value(binary.RightOperand)})";
            case IUnaryOperation unary when UnaryText(unary.OperatorKind) is { } unaryText:
                return $"({unaryText}{Value(unary.Operand)})";
            case IArrayCreationOperation { Initializer: { } initializer } array:
                var elementType = ((IArrayTypeSymbol)array.Type!).ElementType;
                RequireNameable(elementType, op);
                return $"new {TypeName(elementType)}[] {{ {string.Join(", ", initializer.ElementValues.Select(Value))} }}";
            case ICollectionExpressionOperation collection when ItemType(collection.Type) is { } itemType && !collection.Elements.Any(e => e is ISpreadOperation):
                RequireNameable(itemType, op);
                return $"new {TypeName(itemType)}[] {{ {string.Join(", ", collection.Elements.Select(Value))} }}";
            case IDefaultValueOperation defaultValue when defaultValue.Type is { } defaultType:
                RequireNameable(defaultType, op);
                return $"default({TypeName(defaultType)})";
            case ITypeOfOperation typeOf:
                RequireNameable(typeOf.TypeOperand, op);
                return $"typeof({TypeName(typeOf.TypeOperand)})";
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return $"({Value(conditional.Condition)} ? {Value(conditional.WhenTrue)} : {Value(whenFalse)})";
            case ICoalesceOperation coalesce:
                return $"({Value(coalesce.Value)} ?? {Value(coalesce.WhenNull)})";
        }

        throw new TranslationException(DiagnosticDescriptors.QueryValueNotReadable, op.Syntax.GetLocation(), op.Syntax.ToString(), "this kind of expression is not re-evaluated outside the lambda");
    }

    private string MemberValue(ISymbol member, ITypeSymbol type, IOperation? instance, IOperation op)
    {
        var name = member.Name;
        if (member.IsStatic)
        {
            if (!Accessible(member) && Nameable(member.ContainingType) && Nameable(type) && !member.ContainingType.IsGenericType)
            {
                // A private static field or property: read through an [UnsafeAccessor], no reflection.
                return StaticAccessor(member, type);
            }

            if (!Accessible(member) || !Nameable(member.ContainingType))
            {
                throw new TranslationException(DiagnosticDescriptors.QueryValueNotReadable, op.Syntax.GetLocation(), op.Syntax.ToString(), $"'{name}' is not accessible to generated code in this assembly");
            }

            return TypeName(member.ContainingType) + "." + name;
        }

        if (instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
        {
            // A member of 'this': read through the closure, reflection-free after the first call, private members included.
            return Capture("this." + name, type, op);
        }

        if (instance is null || !Accessible(member))
        {
            throw new TranslationException(DiagnosticDescriptors.QueryValueNotReadable, op.Syntax.GetLocation(), op.Syntax.ToString(), $"'{name}' is not accessible to generated code in this assembly");
        }

        return Value(instance) + "." + name;
    }

    private static bool IsCapturedPrimaryConstructorParameter(IParameterReferenceOperation reference)
    {
        if (reference.Parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
            || !constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax))
        {
            return false;
        }

        // In a field or property initializer, or the base type's arguments, the parameter is read directly.
        foreach (var node in reference.Syntax.Ancestors())
        {
            switch (node)
            {
                case Microsoft.CodeAnalysis.CSharp.Syntax.EqualsValueClauseSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax }:
                case Microsoft.CodeAnalysis.CSharp.Syntax.PrimaryConstructorBaseTypeSyntax:
                    return false;
                case Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax:
                    return true;
            }
        }

        return true;
    }

    private string StaticAccessor(ISymbol member, ITypeSymbol type)
    {
        var key = "static|" + TypeName(member.ContainingType) + "." + member.Name;
        if (!_captures.TryGetValue(key, out var accessor))
        {
            accessor = "s_access" + _captures.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _captures.Add(key, accessor);
            var (kind, name, returns) = member is IFieldSymbol ? ("StaticField", member.Name, "ref ") : ("StaticMethod", "get_" + member.Name, string.Empty);
            // A static class cannot be a parameter type: it is then named by [UnsafeAccessorType] (.NET 10) on an object parameter.
            var owner = member.ContainingType.IsStatic
                ? $"[global::System.Runtime.CompilerServices.UnsafeAccessorType({Literal(MetadataName(member.ContainingType) + ", " + member.ContainingType.ContainingAssembly.Identity.Name)})] object owner"
                : $"{TypeName(member.ContainingType)} owner";
            _statics.Add($"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.{kind}, Name = {Literal(name)})] "
                + $"private static extern {returns}{TypeName(type)} {accessor}({owner});");
        }

        IsDynamic = true;
        return member.ContainingType.IsStatic ? $"{accessor}(null)" : $"{accessor}(default({TypeName(member.ContainingType)}))";
    }

    /// <summary>The run-time name of a non-generic type: namespace, then containing types joined by '+'.</summary>
    private static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }

    private string Invocation(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        if (!Accessible(method) || method.MethodKind is not MethodKind.Ordinary || method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            throw new TranslationException(DiagnosticDescriptors.QueryValueNotReadable, call.Syntax.GetLocation(), call.Syntax.ToString(), $"the method '{method.Name}' cannot be called from generated code");
        }

        var typeArguments = method.IsGenericMethod ? "<" + string.Join(", ", method.TypeArguments.Select(t => { RequireNameable(t, call); return TypeName(t); })) + ">" : string.Empty;
        var arguments = Arguments(call.Arguments, call);
        if (call.Instance is null)
        {
            RequireNameable(method.ContainingType, call);
            return $"{TypeName(method.ContainingType)}.{method.Name}{typeArguments}({arguments})";
        }

        return $"{Value(call.Instance)}.{method.Name}{typeArguments}({arguments})";
    }

    private string Arguments(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, IOperation at)
    {
        var parts = new List<string>();
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            if (argument.Parameter is { RefKind: not RefKind.None and not RefKind.In })
            {
                throw new TranslationException(DiagnosticDescriptors.QueryValueNotReadable, at.Syntax.GetLocation(), at.Syntax.ToString(), "ref and out arguments are not re-evaluated");
            }

            parts.Add((argument.Parameter is { } parameter ? "@" + parameter.Name + ": " : string.Empty) + Value(argument.Value));
        }

        return string.Join(", ", parts);
    }

    /// <summary>Reads a captured variable from the query delegate's closure.</summary>
    private string Capture(string path, ITypeSymbol type, IOperation at)
    {
        IsDynamic = true;
        if (!Nameable(type))
        {
            throw new TranslationException(DiagnosticDescriptors.QueryValueNotReadable, at.Syntax.GetLocation(), at.Syntax.ToString(),
                $"its type '{Display(type.WithNullableAnnotation(NullableAnnotation.None))}' cannot be named by generated code (private, anonymous or generic)");
        }

        var key = path + "|" + TypeName(type);
        if (!_captures.TryGetValue(key, out var field))
        {
            field = "s_capture" + _captures.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _captures.Add(key, field);
            _statics.Add($"private static readonly {CapturedValue}<{TypeName(type)}> {field} = new({Literal(path)});");
        }

        return $"{field}.Read({_delegate})";
    }

    private bool Accessible(ISymbol symbol) => _compilation.IsSymbolAccessibleWithin(symbol, _compilation.Assembly);

    private bool Nameable(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return Nameable(array.ElementType);
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol or ITypeParameterSymbol or IDynamicTypeSymbol:
                return false;
            case INamedTypeSymbol named:
                if (named.IsAnonymousType || named.IsTupleType && named.TupleElements.Any(e => !Nameable(e.Type)))
                {
                    return false;
                }

                return Accessible(named) && named.TypeArguments.All(Nameable);
            default:
                return false;
        }
    }

    private void RequireNameable(ITypeSymbol type, IOperation at)
    {
        if (!Nameable(type))
        {
            throw new TranslationException(DiagnosticDescriptors.QueryValueNotReadable, at.Syntax.GetLocation(), at.Syntax.ToString(),
                $"its type '{Display(type)}' cannot be named by generated code (private, anonymous or generic)");
        }
    }

    private static string? OperatorText(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => "+",
        BinaryOperatorKind.Subtract => "-",
        BinaryOperatorKind.Multiply => "*",
        BinaryOperatorKind.Divide => "/",
        BinaryOperatorKind.Remainder => "%",
        BinaryOperatorKind.And => "&",
        BinaryOperatorKind.Or => "|",
        BinaryOperatorKind.ExclusiveOr => "^",
        BinaryOperatorKind.ConditionalAnd => "&&",
        BinaryOperatorKind.ConditionalOr => "||",
        BinaryOperatorKind.LeftShift => "<<",
        BinaryOperatorKind.RightShift => ">>",
        BinaryOperatorKind.Equals => "==",
        BinaryOperatorKind.NotEquals => "!=",
        BinaryOperatorKind.LessThan => "<",
        BinaryOperatorKind.LessThanOrEqual => "<=",
        BinaryOperatorKind.GreaterThan => ">",
        BinaryOperatorKind.GreaterThanOrEqual => ">=",
        _ => null,
    };

    private static string? UnaryText(UnaryOperatorKind kind) => kind switch
    {
        UnaryOperatorKind.Minus => "-",
        UnaryOperatorKind.Plus => "+",
        UnaryOperatorKind.Not => "!",
        UnaryOperatorKind.BitwiseNegation => "~",
        _ => null,
    };
}

using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpenQuizz.Typed.Generators.Diagnostics;
using OpenQuizz.Typed.Generators.Model;
using OpenQuizz.Typed.Generators.Parsing;

namespace OpenQuizz.Typed.Generators.Queries;

/// <summary>
/// OQ3009: a field name written as a string constant for a builder of <c>T</c> (<c>Filter&lt;Quiz&gt;.Eq("titel", …)</c>,
/// <c>Update&lt;Quiz&gt;.Set(…)</c>, <c>Sort</c>, <c>Projection</c>, <c>IndexKeys</c>, <c>Distinct</c>) is checked against the elements
/// the codec of <c>T</c> stores, through nested documents, arrays and dictionaries. Names built at run time are not checked.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FieldNameAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableHashSet<string> s_builders = ImmutableHashSet.Create(
        "Filter", "Update", "Sort", "Projection", "IndexKeys", "IMongoCollection");

    private static readonly ImmutableHashSet<string> s_chaining = ImmutableHashSet.Create(
        "UpdateChaining", "SortChaining", "ProjectionChaining", "IndexKeysChaining", "FilterChaining");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.FieldNameNotStored);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName("OpenQuizz.Typed.Filter`1") is null)
            {
                return;
            }

            var specs = new ConcurrentDictionary<ITypeSymbol, CodecSpec?>(SymbolEqualityComparer.Default);
            var known = new KnownTypes(start.Compilation);
            start.RegisterOperationAction(operation => Analyze(operation, known, specs), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, KnownTypes known, ConcurrentDictionary<ITypeSymbol, CodecSpec?> specs)
    {
        var call = (IInvocationOperation)context.Operation;
        var method = call.TargetMethod;
        var document = DocumentType(call, method);
        if (document is not INamedTypeSymbol root)
        {
            return;
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is { Name: "field", Type.SpecialType: SpecialType.System_String }
                && argument.Value.ConstantValue is { HasValue: true, Value: string path } && path.Length > 0)
            {
                var problem = Check(root, path, known, specs, context.CancellationToken);
                if (problem is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.FieldNameNotStored, argument.Value.Syntax.GetLocation(), path, root.Name, problem));
                }
            }
        }
    }

    /// <summary>The document type of a builder call: the builder's type argument, or the receiver's for chained calls.</summary>
    private static ITypeSymbol? DocumentType(IInvocationOperation call, IMethodSymbol method)
    {
        var container = method.ContainingType;
        if (container is null || !IsOurs(container.ContainingNamespace) && !IsOurs(container.ContainingType?.ContainingNamespace))
        {
            return null;
        }

        if (container.Arity == 1 && s_builders.Contains(container.Name))
        {
            return container.TypeArguments[0];
        }

        var receiver = call.Instance?.Type ?? (call.Arguments.Length > 0 && method.IsExtensionMethod ? call.Arguments[0].Value.Type : null);
        var chained = s_chaining.Contains(container.Name) || (container.ContainingType is { } outer && s_chaining.Contains(outer.Name));
        if (receiver is INamedTypeSymbol { Arity: 1 } builder && s_builders.Contains(builder.Name) && (chained || call.Instance is not null))
        {
            return builder.TypeArguments[0];
        }

        return null;
    }

    private static bool IsOurs(INamespaceSymbol? ns) =>
        ns is { Name: "Typed", ContainingNamespace: { Name: "OpenQuizz", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>Why <paramref name="path"/> names no stored element of <paramref name="root"/>, or null when it does (or cannot be checked).</summary>
    private static string? Check(INamedTypeSymbol root, string path, KnownTypes known, ConcurrentDictionary<ITypeSymbol, CodecSpec?> specs, System.Threading.CancellationToken cancellationToken)
    {
        ITypeSymbol? current = root;
        foreach (var segment in path.Split('.'))
        {
            if (current is null)
            {
                return null;
            }

            // Array positions and indexes, and anything under a BsonDocument or BsonValue, are not checked.
            if (segment.Length == 0 || segment[0] == '$' || segment.All(char.IsDigit))
            {
                continue;
            }

            var item = ItemOf(current);
            if (item.IsDictionary)
            {
                current = item.Type;
                continue;
            }

            if (item.Type is not null)
            {
                current = item.Type;
            }

            if (current is not INamedTypeSymbol named || named.TypeKind is not (TypeKind.Class or TypeKind.Struct) || named.SpecialType != SpecialType.None
                || named.IsGenericType || named.ContainingNamespace?.ToDisplayString() is "System" or "MongoDB.Bson")
            {
                return null;
            }

            var spec = specs.GetOrAdd(named, t => new DocumentParser(known, null, cancellationToken).ParseOne((INamedTypeSymbol)t));
            if (spec is null || spec.Members.Any(m => m.IsExtraElements))
            {
                return null;
            }

            var member = spec.Members.FirstOrDefault(m => m.ElementName == segment);
            if (member is null)
            {
                if (spec.IsPolymorphicBase || segment == spec.DiscriminatorElement || segment == spec.SkippedElement)
                {
                    return null;
                }

                var byName = spec.Members.FirstOrDefault(m => string.Equals(m.Name, segment, System.StringComparison.OrdinalIgnoreCase) || string.Equals(m.ElementName, segment, System.StringComparison.OrdinalIgnoreCase));
                var suggestion = byName is null
                    ? "; stored elements: " + string.Join(", ", spec.Members.Select(m => m.ElementName))
                    : $"; did you mean \"{byName.ElementName}\" (the element of {byName.Name})? Or use a member lambda, which the compiler checks";
                return path == segment ? suggestion : $" (\"{segment}\" is not an element of '{named.Name}'){suggestion}";
            }

            current = named.GetMembers(member.Name).FirstOrDefault() switch
            {
                IPropertySymbol property => property.Type,
                IFieldSymbol field => field.Type,
                _ => null,
            };
        }

        return null;
    }

    private static (ITypeSymbol? Type, bool IsDictionary) ItemOf(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return (array.ElementType, false);
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return (nullable.TypeArguments[0], false);
        }

        if (type is INamedTypeSymbol named && named.SpecialType != SpecialType.System_String)
        {
            foreach (var candidate in new[] { named }.Concat(named.AllInterfaces))
            {
                if (candidate.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IDictionary<TKey, TValue>" or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>")
                {
                    return (candidate.TypeArguments[1], true);
                }
            }

            foreach (var candidate in new[] { named }.Concat(named.AllInterfaces))
            {
                if (candidate.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return (candidate.TypeArguments[0], false);
                }
            }
        }

        return (null, false);
    }
}

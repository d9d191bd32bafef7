using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OpenQuizz.Typed.Generators.Diagnostics;
using OpenQuizz.Typed.Generators.Emitting;
using OpenQuizz.Typed.Generators.Model;
using OpenQuizz.Typed.Generators.Parsing;

namespace OpenQuizz.Typed.Generators.Queries;

/// <summary>
/// Finds the calls that take a query lambda (<c>QueryExtensions</c>' methods, <c>Filter&lt;T&gt;.Where</c>), translates
/// each one and renders its interceptor. One call, one model, one output: editing a query re-translates that query only.
/// </summary>
internal static class QueryParser
{
    public const string GeneratedNamespace = "OpenQuizz.Typed.Generated.Queries";

    private static readonly HashSet<string> s_methods = new()
    {
        "Find", "CountDocuments", "CountDocumentsAsync", "DeleteOne", "DeleteOneAsync", "DeleteMany", "DeleteManyAsync",
        "UpdateOne", "UpdateOneAsync", "UpdateMany", "UpdateManyAsync", "ReplaceOne", "ReplaceOneAsync",
        "FindOneAndUpdate", "FindOneAndUpdateAsync", "FindOneAndReplace", "FindOneAndReplaceAsync",
        "FindOneAndDelete", "FindOneAndDeleteAsync", "Distinct", "DistinctAsync", "DistinctItems", "DistinctItemsAsync",
        "Match", "Where",
    };

    /// <summary>The syntactic filter: a call by one of the names above, with arguments.</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) =>
        node is InvocationExpressionSyntax { ArgumentList.Arguments.Count: > 0 } invocation
        && invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => s_methods.Contains(member.Name.Identifier.ValueText),
            _ => false,
        };

    public static QuerySpec? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        if (context.SemanticModel.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation)
        {
            return null;
        }

        var method = operation.TargetMethod;
        var container = method.ContainingType;
        var isExtension = container is { Name: "QueryExtensions" } && IsOurs(container);
        var isWhere = method.Name == "Where" && container is { Name: "Filter", Arity: 1 } && IsOurs(container);
        if (!isExtension && !isWhere)
        {
            return null;
        }

#pragma warning disable RSEXPERIMENTAL002 // The interceptable-location API is what interceptors are addressed by.
        var location = context.SemanticModel.GetInterceptableLocation(invocation, cancellationToken);
#pragma warning restore RSEXPERIMENTAL002
        if (location is null)
        {
            return null;
        }

        var hash = Hash(location.Data);
        var className = "Query_" + hash;
        var hintName = "OpenQuizzQueries/" + Naming.Identifier(System.IO.Path.GetFileNameWithoutExtension(invocation.SyntaxTree.FilePath)) + "_" + hash + ".g.cs";
        try
        {
            var source = Render(operation, method, isWhere, System.IO.Path.GetFileName(location.GetDisplayLocation()), location.Version, location.Data, className, context.SemanticModel.Compilation, cancellationToken);
            return new QuerySpec(hintName, className, location.Version, location.Data, source, EquatableArray<DiagnosticInfo>.Empty);
        }
        catch (TranslationException error)
        {
            var diagnostic = DiagnosticInfo.Create(error.Descriptor, LocationInfo.From(error.At ?? invocation.GetLocation()), error.Arguments);
            return new QuerySpec(hintName, className, location.Version, location.Data, null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));
        }
        catch (System.Exception error) when (error is not System.OperationCanceledException)
        {
            // A translator bug fails this query alone (as an error at the call), not the whole generator and every codec with it.
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.QueryNotTranslatable, LocationInfo.From(invocation.GetLocation()), invocation.ToString(), "the translator failed (" + error.Message + "); please report this query");
            return new QuerySpec(hintName, className, location.Version, location.Data, null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));
        }
    }

    private static bool IsOurs(INamedTypeSymbol type) =>
        type.ContainingNamespace is { Name: "Typed", ContainingNamespace: { Name: "OpenQuizz", ContainingNamespace.IsGlobalNamespace: true } };

    private static string Render(IInvocationOperation operation, IMethodSymbol method, bool isWhere, string displayLocation, int version, string data, string className, Compilation compilation, CancellationToken cancellationToken)
    {
        var parameters = method.Parameters;
        var names = new string[parameters.Length];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var documentType = isWhere ? method.ContainingType.TypeArguments[0] : method.TypeArguments[0];
        var filterIndex = IndexOf(parameters, "filter");
        var selectorIndex = IndexOf(parameters, "field");
        var arguments = new IArgumentOperation?[parameters.Length];
        foreach (var argument in operation.Arguments)
        {
            if (argument.Parameter is { } parameter)
            {
                arguments[parameter.Ordinal] = argument;
            }
        }

        var filterName = isWhere ? names[0] : names[filterIndex];
        var translator = new QueryTranslator(compilation, filterName, cancellationToken);
        string filterCode;
        var filterArgument = arguments[isWhere ? 0 : filterIndex];
        var filterType = "global::OpenQuizz.Typed.Filter<" + TypeName(documentType) + ">";
        if (filterArgument is null || filterArgument.ArgumentKind == ArgumentKind.DefaultValue || filterArgument.Value.ConstantValue is { HasValue: true, Value: null })
        {
            filterCode = $"default({filterType})";
        }
        else
        {
            var lambda = Lambda(filterArgument, method.Name);
            var node = translator.TranslatePredicate(lambda, documentType);
            filterCode = $"({filterType})({translator.RenderNode(node)})";
        }

        string? selectorPath = null;
        if (selectorIndex >= 0 && arguments[selectorIndex] is { } selectorArgument)
        {
            var selector = translator.TranslateSelector(Lambda(selectorArgument, method.Name), documentType);
            var isItems = method.Name.StartsWith("DistinctItems", System.StringComparison.Ordinal);
            var isCollection = selector.Spec?.Kind is ValueKind.Collection;
            if (isCollection && !isItems)
            {
                throw new TranslationException(DiagnosticDescriptors.QueryMemberPathNotSupported, selectorArgument.Syntax.GetLocation(), selectorArgument.Syntax.ToString(),
                    "it selects an array, and distinct returns the array's items: call DistinctItems(q => ...) for those");
            }

            if (isItems && !isCollection)
            {
                throw new TranslationException(DiagnosticDescriptors.QueryMemberPathNotSupported, selectorArgument.Syntax.GetLocation(), selectorArgument.Syntax.ToString(),
                    "DistinctItems returns the items of an array member, and this member is not an array (a string is not queried as characters); call Distinct(q => ...) for its values");
            }

            selectorPath = selector.PathCode;
        }

        var w = new StringBuilder();
        w.AppendLine(Names.Header);
        w.AppendLine("#nullable disable");
        w.AppendLine("#pragma warning disable CS0612, CS0618, CS8019");
        w.AppendLine();
        w.AppendLine("namespace System.Runtime.CompilerServices");
        w.AppendLine("{");
        w.AppendLine("    [global::System.AttributeUsage(global::System.AttributeTargets.Method, AllowMultiple = true)]");
        w.AppendLine("    file sealed class InterceptsLocationAttribute : global::System.Attribute");
        w.AppendLine("    {");
        w.AppendLine("        public InterceptsLocationAttribute(int version, string data)");
        w.AppendLine("        {");
        w.AppendLine("            _ = version;");
        w.AppendLine("            _ = data;");
        w.AppendLine("        }");
        w.AppendLine("    }");
        w.AppendLine("}");
        w.AppendLine();
        w.AppendLine("namespace " + GeneratedNamespace);
        w.AppendLine("{");
        w.AppendLine($"    /// <summary>The query at {Xml(displayLocation)}, translated at build time.</summary>");
        w.AppendLine("    " + Names.GeneratedCodeAttribute);
        w.AppendLine($"    [{Names.EditorBrowsableNever}]");
        w.AppendLine($"    internal static class {className}");
        w.AppendLine("    {");
        foreach (var field in translator.Statics)
        {
            w.AppendLine("        " + field);
        }

        var filterExpression = "filter";
        if (!translator.IsDynamic && !filterCode.StartsWith("default(", System.StringComparison.Ordinal))
        {
            // Nothing is read at run time: the filter is built once.
            w.AppendLine($"        private static readonly {filterType} s_filter = {filterCode};");
            filterExpression = "s_filter";
        }

        w.AppendLine();
        w.AppendLine($"        [global::System.Runtime.CompilerServices.InterceptsLocation({version}, {SymbolDisplay.FormatLiteral(data, true)})]");
        var signature = new List<string>();
        for (var i = 0; i < parameters.Length; i++)
        {
            signature.Add((i == 0 && method.IsExtensionMethod ? "this " : string.Empty) + TypeName(parameters[i].Type) + " " + names[i]);
        }

        w.AppendLine($"        internal static {TypeName(method.ReturnType)} Intercept({string.Join(", ", signature)})");
        w.AppendLine("        {");
        if (filterExpression == "filter")
        {
            w.AppendLine($"            var filter = {filterCode};");
        }

        w.AppendLine("            return " + Call(method, isWhere, names, filterIndex, selectorIndex, selectorPath, filterExpression) + ";");
        w.AppendLine("        }");
        w.AppendLine("    }");
        w.AppendLine("}");
        return w.ToString();
    }

    private static string Call(IMethodSymbol method, bool isWhere, string[] names, int filterIndex, int selectorIndex, string? selectorPath, string filter)
    {
        if (isWhere)
        {
            return filter;
        }

        var arguments = new List<string>();
        for (var i = 1; i < names.Length; i++)
        {
            arguments.Add(i == filterIndex ? filter : i == selectorIndex ? selectorPath! : names[i]);
        }

        var name = method.Name.Replace("DistinctItems", "Distinct");
        var typeArguments = method.TypeArguments.Length > 1 ? "<" + string.Join(", ", method.TypeArguments.Skip(1).Select(TypeName)) + ">" : string.Empty;
        if (method.Name == "Match")
        {
            typeArguments = "<" + TypeName(method.TypeArguments[0]) + ">";
        }

        return $"{names[0]}.{name}{typeArguments}({string.Join(", ", arguments)})";
    }

    private static IAnonymousFunctionOperation Lambda(IArgumentOperation argument, string method)
    {
        var value = argument.Value;
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        if (value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } && lambda.Symbol.Parameters.Length == 1)
        {
            return lambda;
        }

        throw new TranslationException(DiagnosticDescriptors.QueryNotWrittenAtCall, argument.Syntax.GetLocation(), method);
    }

    private static int IndexOf(System.Collections.Immutable.ImmutableArray<IParameterSymbol> parameters, string name)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].Name == name && IsDelegate(parameters[i].Type))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsDelegate(ITypeSymbol type) => type.TypeKind == TypeKind.Delegate;

    private static string TypeName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A short, stable hash of the location data (FNV-1a), for unique class and file names.</summary>
    private static string Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}

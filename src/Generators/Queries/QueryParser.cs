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
        "Set", "SetOnInsert", "Inc", "Mul", "Min", "Max", "Unset", "Rename", "CurrentDate", "Push", "PushEach", "AddToSet",
        "AddToSetEach", "Pull", "PullAll", "PopFirst", "PopLast", "Ascending", "Descending", "Hashed", "Text", "Geo2DSphere",
        "Geo2D", "Include", "Exclude", "Slice", "SortBy", "SortByDescending", "ThenBy", "ThenByDescending", "For", "Project",
    };

    /// <summary>The builders whose lambda overloads choose a member (static on the builder struct, or chained).</summary>
    private static readonly HashSet<string> s_selectorContainers = new()
    {
        "Update", "TypedUpdateChaining", "Sort", "TypedSortChaining", "IndexKeys", "TypedIndexKeysChaining",
        "Projection", "TypedProjectionChaining", "TypedFindFluentExtensions",
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
        var isProjection = method.Name == "Project" && container is { Name: "TypedFindFluentExtensions" } && IsOurs(container);
        var isArrayFilter = method.Name == "For" && container is { Name: "ArrayFilter" } && method.Parameters.Length == 2 && method.Parameters[1].Type.TypeKind == TypeKind.Delegate && IsOurs(container);
        var isSelector = container is not null && s_selectorContainers.Contains(container.Name) && IsOurs(container) && IndexOf(method.Parameters, "field") >= 0;
        if (!isExtension && !isWhere && !isSelector && !isArrayFilter && !isProjection)
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
            var source = isProjection
                ? RenderProjection(operation, method, System.IO.Path.GetFileName(location.GetDisplayLocation()), location.Version, location.Data, className, context.SemanticModel.Compilation, cancellationToken)
                : isArrayFilter
                ? RenderArrayFilter(operation, method, System.IO.Path.GetFileName(location.GetDisplayLocation()), location.Version, location.Data, className, context.SemanticModel.Compilation, cancellationToken)
                : isSelector
                ? RenderSelector(operation, method, System.IO.Path.GetFileName(location.GetDisplayLocation()), location.Version, location.Data, className, context.SemanticModel.Compilation, cancellationToken)
                : Render(operation, method, isWhere, System.IO.Path.GetFileName(location.GetDisplayLocation()), location.Version, location.Data, className, context.SemanticModel.Compilation, cancellationToken);
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

        // The filter's values are read in its template, from the query delegate passed there as 'query'.
        var translator = new QueryTranslator(compilation, "query", cancellationToken);
        string filterCode;
        FilterNode? node = null;
        var filterArgument = arguments[isWhere ? 0 : filterIndex];
        var filterType = "global::OpenQuizz.Typed.Filter<" + TypeName(documentType) + ">";
        if (filterArgument is null || filterArgument.ArgumentKind == ArgumentKind.DefaultValue || filterArgument.Value.ConstantValue is { HasValue: true, Value: null })
        {
            filterCode = $"default({filterType})";
        }
        else
        {
            var lambda = Lambda(filterArgument, method.Name);
            node = translator.TranslatePredicate(lambda, documentType);
            filterCode = $"({filterType})({translator.RenderNode(node)})";
        }

        string? selectorPath = null;
        var typedSelector = false;
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

            // Decoded through the member's codec (its representation), with a descriptor made for the call.
            var resultType = method.TypeArguments[1];
            var documentName = TypeName(documentType);
            if (isItems && selector.Encoder is { } arrayEncoder && selector.ItemEncoder is { } itemEncoder
                && QueryTranslator.ItemType(selector.Type) is { } itemType && SymbolEqualityComparer.Default.Equals(itemType, resultType))
            {
                selectorPath = $"new global::OpenQuizz.Typed.ArrayField<{documentName}, {TypeName(selector.Type)}, {TypeName(itemType)}>({selector.PathCode}, {arrayEncoder}, {itemEncoder}, {Decoder(arrayEncoder)}, {Decoder(itemEncoder)})";
                typedSelector = true;
            }
            else if (!isItems && selector.Encoder is { } encoder && SymbolEqualityComparer.Default.Equals(selector.Type, resultType))
            {
                selectorPath = $"new global::OpenQuizz.Typed.Field<{documentName}, {TypeName(selector.Type)}>({selector.PathCode}, {encoder}, {Decoder(encoder)})";
                typedSelector = true;
            }
        }

        var statics = new List<string>(translator.Statics);
        var lines = new List<string>();
        var filterExpression = "filter";
        if (!translator.IsDynamic && !filterCode.StartsWith("default(", System.StringComparison.Ordinal))
        {
            // Nothing is read at run time: the filter is built once.
            statics.Add($"private static readonly {filterType} s_filter = {filterCode};");
            filterExpression = "s_filter";
        }
        else if (node is not null)
        {
            // Values read on each call: the template writes the filter straight into the command, and builds its
            // document only when asked (Render, composition, logging).
            statics.Add("private static readonly Template s_template = new();");
            statics.Add("private sealed class Template : global::OpenQuizz.Typed.Queries.QueryTemplate");
            statics.Add("{");
            statics.Add($"    public override void Write(ref {Names.BsonSpanWriter} writer, global::System.Delegate query)");
            statics.Add("    {");
            foreach (var line in translator.RenderWrite(node))
            {
                statics.Add("        " + line);
            }

            statics.Add("    }");
            statics.Add(string.Empty);
            statics.Add($"    public override global::MongoDB.Bson.BsonDocument Build(global::System.Delegate query) => {translator.RenderNode(node)};");
            statics.Add("}");
            lines.Add($"var filter = {filterType}.FromQuery(s_template, {filterName});");
        }
        else
        {
            lines.Add($"var filter = {filterCode};");
        }

        lines.Add("return " + Call(method, isWhere, names, filterIndex, selectorIndex, selectorPath, filterExpression, typedSelector) + ";");
        return Interceptor(displayLocation, className, statics, method, names, version, data, [.. lines]);
    }

    /// <summary>
    /// The interceptor of a builder method whose member is chosen by a lambda: the member's path and encoders replace
    /// the selector, and the call goes to the string-named builder method of the same name.
    /// </summary>
    private static string RenderSelector(IInvocationOperation operation, IMethodSymbol method, string displayLocation, int version, string data, string className, Compilation compilation, CancellationToken cancellationToken)
    {
        var parameters = method.Parameters;
        var container = method.ContainingType;
        var isStatic = !method.IsExtensionMethod;
        var documentType = isStatic ? container.TypeArguments[0] : method.TypeArguments[0];
        var names = new string[parameters.Length];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var arguments = new IArgumentOperation?[parameters.Length];
        foreach (var argument in operation.Arguments)
        {
            if (argument.Parameter is { } parameter)
            {
                arguments[parameter.Ordinal] = argument;
            }
        }

        var fieldIndex = IndexOf(parameters, "field");
        var translator = new QueryTranslator(compilation, names[fieldIndex], cancellationToken);
        var fieldArgument = arguments[fieldIndex] ?? throw new TranslationException(DiagnosticDescriptors.QueryNotWrittenAtCall, operation.Syntax.GetLocation(), method.Name);
        var field = translator.TranslateSelector(Lambda(fieldArgument, method.Name), documentType);
        var call = new List<string> { field.PathCode };
        for (var i = 0; i < parameters.Length; i++)
        {
            if (i == fieldIndex || (i == 0 && !isStatic))
            {
                continue;
            }

            var parameter = parameters[i];
            var argument = arguments[i];
            string? code = parameter.Name switch
            {
                "value" or "amount" or "factor" => translator.EncodeValue(field, names[i]),
                "item" => translator.EncodeItem(field, names[i]),
                "values" => translator.EncodeItems(field, names[i], ((INamedTypeSymbol)parameter.Type).TypeArguments[0]),
                "predicate" when argument is not null => ItemPredicate(translator, names[i], Lambda(argument, method.Name), field),
                _ => "@" + parameter.Name + ": " + names[i],
            };

            if (code is null)
            {
                throw new TranslationException(DiagnosticDescriptors.QueryMemberPathNotSupported, fieldArgument.Syntax.GetLocation(), fieldArgument.Syntax.ToString(), $"{method.Name} needs an array member");
            }

            call.Add(code);
        }

        string body;
        var documentName = TypeName(documentType);
        switch (method.Name)
        {
            case "SortBy" or "SortByDescending":
                body = $"{names[0]}.Sort(global::OpenQuizz.Typed.Sort<{documentName}>.{(method.Name == "SortBy" ? "Ascending" : "Descending")}({field.PathCode}))";
                break;
            case "ThenBy" or "ThenByDescending":
                body = $"{names[0]}.Sort({names[0]}.Options.Sort.{(method.Name == "ThenBy" ? "Ascending" : "Descending")}({field.PathCode}))";
                break;
            default:
                body = isStatic
                    ? $"global::OpenQuizz.Typed.{container.Name}<{documentName}>.{method.Name}({string.Join(", ", call)})"
                    : $"{names[0]}.{method.Name}({string.Join(", ", call)})";
                break;
        }

        return Interceptor(displayLocation, className, translator.Statics, method, names, version, data, "return " + body + ";");
    }

    private static string RenderArrayFilter(IInvocationOperation operation, IMethodSymbol method, string displayLocation, int version, string data, string className, Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new[] { "p0", "p1" };
        var identifierArgument = operation.Arguments.First(a => a.Parameter?.Ordinal == 0);
        if (identifierArgument.Value.ConstantValue is not { HasValue: true, Value: string identifier } || identifier.Length == 0 || !char.IsLower(identifier[0]) || identifier.Any(c => !char.IsLetterOrDigit(c)))
        {
            throw new TranslationException(DiagnosticDescriptors.QueryNotTranslatable, identifierArgument.Syntax.GetLocation(), identifierArgument.Syntax.ToString(),
                "the identifier of an array filter must be a constant that starts with a lowercase letter and holds only letters and digits");
        }

        var translator = new QueryTranslator(compilation, names[1], cancellationToken);
        var lambda = Lambda(operation.Arguments.First(a => a.Parameter?.Ordinal == 1), method.Name);
        var document = translator.TranslateArrayFilter(lambda, identifier, method.TypeArguments[0]);
        return Interceptor(displayLocation, className, translator.Statics, method, names, version, data, "return " + document + ";");
    }

    private static string RenderProjection(IInvocationOperation operation, IMethodSymbol method, string displayLocation, int version, string data, string className, Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new[] { "p0", "p1" };
        var translator = new QueryTranslator(compilation, names[1], cancellationToken);
        var lambda = Lambda(operation.Arguments.First(a => a.Parameter?.Ordinal == 1), method.Name);
        var documentType = method.TypeArguments[0];
        var resultType = method.TypeArguments[2];
        var projection = translator.TranslateProjection(lambda, documentType, resultType);

        // The projection reads no captured value when it is fixed: build it once.
        var projectionType = $"global::OpenQuizz.Typed.Projection<{TypeName(documentType)}>";
        var statics = new List<string>(translator.Statics);
        var argument = $"({projectionType})({projection})";
        if (!translator.IsDynamic)
        {
            statics.Add($"private static readonly {projectionType} s_projection = {argument};");
            argument = "s_projection";
        }

        return Interceptor(displayLocation, className, statics, method, names, version, data, $"return {names[0]}.Project<{TypeName(resultType)}>({argument});");
    }

    private static string ItemPredicate(QueryTranslator translator, string delegateName, IAnonymousFunctionOperation lambda, FieldRef field)
    {
        translator.Delegate = delegateName;
        return translator.TranslateItemPredicate(lambda, field);
    }

    /// <summary>The interceptor's file: the class with its static fields, and one method with the given body lines.</summary>
    private static string Interceptor(string displayLocation, string className, IEnumerable<string> statics, IMethodSymbol method, string[] names, int version, string data, params string[] body)
    {
        var w = new StringBuilder();
        Header(w, displayLocation, className);
        foreach (var field in statics)
        {
            w.AppendLine("        " + field);
        }

        w.AppendLine();
        Signature(w, method, names, version, data);
        w.AppendLine("        {");
        foreach (var line in body)
        {
            w.AppendLine("            " + line);
        }

        w.AppendLine("        }");
        w.AppendLine("    }");
        w.AppendLine("}");
        return w.ToString();
    }

    private static void Header(StringBuilder w, string displayLocation, string className)
    {
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
        w.AppendLine($"    /// <summary>The query at {CodecEmitter.Xml(displayLocation)}, translated at build time.</summary>");
        w.AppendLine("    " + Names.GeneratedCodeAttribute);
        w.AppendLine($"    [{Names.EditorBrowsableNever}]");
        w.AppendLine($"    internal static class {className}");
        w.AppendLine("    {");
    }

    private static void Signature(StringBuilder w, IMethodSymbol method, string[] names, int version, string data)
    {
        w.AppendLine($"        [global::System.Runtime.CompilerServices.InterceptsLocation({version}, {SymbolDisplay.FormatLiteral(data, true)})]");
        var signature = new List<string>();
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            signature.Add((i == 0 && method.IsExtensionMethod ? "this " : string.Empty) + TypeName(method.Parameters[i].Type) + " " + names[i]);
        }

        w.AppendLine($"        internal static {TypeName(method.ReturnType)} Intercept({string.Join(", ", signature)})");
    }

    private static string Call(IMethodSymbol method, bool isWhere, string[] names, int filterIndex, int selectorIndex, string? selectorPath, string filter, bool typedSelector = false)
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
        var typeArguments = method.TypeArguments.Length > 1 && !typedSelector ? "<" + string.Join(", ", method.TypeArguments.Skip(1).Select(TypeName)) + ">" : string.Empty;
        if (method.Name == "Match")
        {
            typeArguments = "<" + TypeName(method.TypeArguments[0]) + ">";
        }

        return $"{names[0]}.{name}{typeArguments}({string.Join(", ", arguments)})";
    }

    /// <summary>The decoder that goes with a member encoder of a codec class (<c>__Encode_X</c> and <c>__Decode_X</c>).</summary>
    private static string Decoder(string encoder) =>
        encoder.Replace("." + "__EncodeItem_", "." + "__DecodeItem_").Replace("." + "__Encode_", "." + "__Decode_");

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

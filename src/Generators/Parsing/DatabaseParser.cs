using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OpenQuizz.Typed.Generators.Diagnostics;
using OpenQuizz.Typed.Generators.Model;

namespace OpenQuizz.Typed.Generators.Parsing;

/// <summary>Turns a <c>[MongoDatabase]</c> class into a <see cref="DatabaseSpec"/>; its collections' document types go to a <see cref="DocumentParser"/>.</summary>
internal static class DatabaseParser
{
    public static DatabaseParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var known = new KnownTypes(context.SemanticModel.Compilation);
        var documents = new DocumentParser(known, context.TargetNode.GetLocation(), cancellationToken);
        var diagnostics = new List<DiagnosticInfo>();
        var typeLocation = LocationInfo.From(type.Locations.FirstOrDefault());
        var display = type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);

        void Report(DiagnosticDescriptor descriptor, ISymbol at, params string[] arguments) =>
            diagnostics.Add(DiagnosticInfo.Create(descriptor, LocationInfo.From(at.Locations.FirstOrDefault()) ?? typeLocation, arguments));

        var attribute = context.Attributes[0];
        var databaseName = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        if (!DocumentParser.IsNestable(type))
        {
            Report(DiagnosticDescriptors.DatabaseMustBePartial, type, display);
            return Result(null);
        }

        if (type.IsGenericType || type.IsStatic)
        {
            Report(DiagnosticDescriptors.InvalidDatabaseClass, type, display, type.IsStatic ? "is static; the class is instantiated with a client" : "is generic; database classes are created by dependency injection without type arguments");
            return Result(null);
        }

        if (ValidateDatabaseName(databaseName) is { } badDatabase)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDatabaseOrCollectionName, LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()) ?? typeLocation, databaseName ?? "(null)", "database", badDatabase));
            return Result(null);
        }

        var collections = new List<CollectionPropertySpec>();
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
        {
            if (!property.IsPartialDefinition || property.PartialImplementationPart is not null)
            {
                continue;
            }

            if (!KnownTypes.Is(property.Type, known.IMongoCollection) || property.Type is not INamedTypeSymbol collectionType)
            {
                Report(DiagnosticDescriptors.InvalidCollectionProperty, property, property.Name, display, "its type must be IMongoCollection<TDocument>");
                continue;
            }

            if (property.IsStatic || property.SetMethod is not null || property.GetMethod is null)
            {
                Report(DiagnosticDescriptors.InvalidCollectionProperty, property, property.Name, display, "it must be an instance property with only a getter ({ get; })");
                continue;
            }

            var documentType = collectionType.TypeArguments[0];
            var codec = CodecExpression(known, documents, documentType, property, type, out var reason);
            if (codec is null)
            {
                Report(DiagnosticDescriptors.CollectionTypeNotDocument, property, property.Name, display, documentType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat), reason!);
                continue;
            }

            var collectionName = KnownTypes.Find(property, known.MongoCollection) is { ConstructorArguments.Length: 1 } onProperty && onProperty.ConstructorArguments[0].Value is string p
                ? p
                : KnownTypes.Find(documentType.OriginalDefinition, known.MongoCollection) is { ConstructorArguments.Length: 1 } onType && onType.ConstructorArguments[0].Value is string t
                    ? t
                    : Naming.ToCamelCase(property.Name);
            if (ValidateCollectionName(collectionName) is { } badCollection)
            {
                Report(DiagnosticDescriptors.InvalidDatabaseOrCollectionName, property, collectionName, "collection", badCollection);
                continue;
            }

            if (byName.TryGetValue(collectionName, out var other))
            {
                Report(DiagnosticDescriptors.DuplicateCollectionName, property, other, property.Name, display, collectionName);
            }
            else
            {
                byName.Add(collectionName, property.Name);
            }

            collections.Add(new CollectionPropertySpec(
                Modifiers: AccessibilityText(property.DeclaredAccessibility),
                PropertyName: property.Name,
                DocumentTypeName: documentType.ToDisplayString(Naming.FullyQualifiedNullable),
                CollectionName: collectionName,
                CodecExpression: codec));
        }

        var containing = new List<ContainingTypeSpec>();
        for (var t = type.ContainingType; t is not null; t = t.ContainingType)
        {
            containing.Insert(0, new ContainingTypeSpec(Naming.TypeKeyword(t), Naming.NameWithTypeParameters(t)));
        }

        var spec = new DatabaseSpec(
            HintName: Naming.HintName(type, "MongoDatabase"),
            TypeName: type.ToDisplayString(Naming.FullyQualified),
            Namespace: type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            ContainingTypes: containing.ToEquatableArray(),
            Keyword: Naming.TypeKeyword(type),
            NameWithTypeParameters: type.Name,
            ClassName: type.Name,
            DatabaseName: databaseName!,
            CanRegister: !type.IsAbstract && known.Compilation.IsSymbolAccessibleWithin(type, known.Compilation.Assembly),
            Collections: collections.ToEquatableArray());
        return Result(spec);

        DatabaseParseResult Result(DatabaseSpec? database) => new(database, documents.Run(), diagnostics.ToEquatableArray());
    }

    private static string? CodecExpression(KnownTypes known, DocumentParser documents, ITypeSymbol documentType, IPropertySymbol property, INamedTypeSymbol owner, out string? reason)
    {
        reason = null;
        if (KnownTypes.Is(documentType, known.BsonDocument))
        {
            return "global::OpenQuizz.Typed.Bson.BsonDocumentCodec.Instance";
        }

        if (documentType is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named ||
            named.SpecialType != SpecialType.None ||
            named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T ||
            KnownTypes.Is(named, known.ObjectId) || KnownTypes.Is(named, known.Guid) || known.InheritsFrom(named, known.BsonValue) ||
            named.AllInterfaces.Any(i => KnownTypes.Is(i, known.IEnumerable)))
        {
            reason = "a collection holds documents: use a class, record or struct (or BsonDocument)";
            return null;
        }

        // The same resolution as a member of that type: schedules reachable codecs and closed generic registrations.
        var value = documents.ResolveValue(named, ValueSpec.DefaultRepresentation, null, property, owner);
        switch (value?.Kind)
        {
            case ValueKind.Document:
                return value.CodecTypeName + ".Default";
            case ValueKind.Registry:
            case ValueKind.Custom:
                return "global::OpenQuizz.Typed.Bson.BsonCodecRegistry.Get<" + named.ToDisplayString(Naming.FullyQualified) + ">()";
            default:
                reason = "no codec can be generated for it (see the diagnostics on the type)";
                return null;
        }
    }

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    /// <summary>Why MongoDB refuses the database name, or null.</summary>
    public static string? ValidateDatabaseName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "it is empty";
        }

        foreach (var c in name!)
        {
            if (c is '/' or '\\' or '.' or ' ' or '"' or '$' or '\0')
            {
                return $"it contains '{(c == '\0' ? "\\0" : c.ToString())}'; database names cannot contain / \\ . space \" $ or NUL";
            }
        }

        return name.Length >= 64 ? "it is 64 characters or longer" : null;
    }

    /// <summary>Why MongoDB refuses the collection name, or null.</summary>
    public static string? ValidateCollectionName(string name)
    {
        if (name.Length == 0)
        {
            return "it is empty";
        }

        if (name.IndexOf('$') >= 0 || name.IndexOf('\0') >= 0)
        {
            return "collection names cannot contain $ or NUL";
        }

        return name.StartsWith("system.", StringComparison.Ordinal) ? "names starting with \"system.\" are reserved" : null;
    }
}

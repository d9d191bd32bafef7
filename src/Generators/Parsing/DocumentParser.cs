using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OpenQuizz.Typed.Generators.Diagnostics;
using OpenQuizz.Typed.Generators.Model;

namespace OpenQuizz.Typed.Generators.Parsing;

/// <summary>
/// Turns document types (and every type reachable from them through members and derived types) into
/// <see cref="CodecSpec"/> models. Symbols never leave this class: the result holds strings, records and arrays.
/// </summary>
internal sealed partial class DocumentParser
{
    public const string NestedCodecClassName = "OpenQuizzBsonCodec";
    public const string GeneratedNamespace = "OpenQuizz.Typed.Generated";

    private readonly KnownTypes _known;
    private readonly CancellationToken _cancellationToken;
    private readonly int _assemblyConvention;
    private readonly LocationInfo? _fallbackLocation;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly List<CodecSpec> _codecs = new();
    private readonly List<CodecRegistration> _registrations = new();
    private readonly HashSet<ISymbol> _scheduled = new(SymbolEqualityComparer.Default);
    private readonly Queue<INamedTypeSymbol> _queue = new();

    public DocumentParser(KnownTypes known, Location? fallbackLocation, CancellationToken cancellationToken)
    {
        _known = known;
        _cancellationToken = cancellationToken;
        _fallbackLocation = LocationInfo.From(fallbackLocation);
        _assemblyConvention = Naming.AsDeclared;
        var naming = KnownTypes.Find(known.Compilation.Assembly, known.MongoNamingConvention);
        if (naming is { ConstructorArguments.Length: 1 } && naming.ConstructorArguments[0].Value is int convention && convention != 0)
        {
            _assemblyConvention = convention;
        }
    }

    public List<DiagnosticInfo> Diagnostics => _diagnostics;

    /// <summary>Parses the <c>[MongoDocument]</c> type of a generator attribute context.</summary>
    public static DocumentParseResult ParseDocument(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var parser = new DocumentParser(new KnownTypes(context.SemanticModel.Compilation), context.TargetNode.GetLocation(), cancellationToken);
        parser.ScheduleRoot(type);
        return parser.Run();
    }

    /// <summary>Schedules a type whose codec this parser emits (non-generic codecs are registered from their specs).</summary>
    public void ScheduleRoot(INamedTypeSymbol type) => Schedule(type.OriginalDefinition);

    public DocumentParseResult Run()
    {
        while (_queue.Count > 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var type = _queue.Dequeue();
            var spec = ParseType(type);
            if (spec is not null)
            {
                _codecs.Add(spec);
            }
        }

        return new DocumentParseResult(_codecs.ToEquatableArray(), _registrations.ToEquatableArray(), _diagnostics.ToEquatableArray());
    }

    private void Schedule(INamedTypeSymbol definition)
    {
        if (_scheduled.Add(definition))
        {
            _queue.Enqueue(definition);
        }
    }

    /// <summary>Whether the codec can be nested in the type: declared in this compilation, and it and its containers are partial.</summary>
    public static bool IsNestable(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.DeclaringSyntaxReferences.Length == 0)
            {
                return false;
            }

            foreach (var reference in t.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is not TypeDeclarationSyntax declaration || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The global::-qualified name of the codec class of <paramref name="type"/> (constructed types give a constructed codec).</summary>
    public static string CodecTypeName(INamedTypeSymbol type) =>
        IsNestable(type.OriginalDefinition)
            ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Naming.FullyQualified) + "." + NestedCodecClassName
            : "global::" + GeneratedNamespace + "." + StandaloneCodecClassName(type.OriginalDefinition);

    private static string StandaloneCodecClassName(INamedTypeSymbol type) =>
        Naming.Identifier(type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)) + "_BsonCodec";

    /// <summary>Whether a base type gets a nested codec class too, which this type's codec class then hides.</summary>
    private bool HasBaseWithNestedCodec(INamedTypeSymbol type)
    {
        for (var b = type.BaseType; b is not null; b = b.BaseType)
        {
            var definition = b.OriginalDefinition;
            if (IsNestable(definition) && (KnownTypes.Has(definition, _known.MongoDocument) || KnownTypes.Has(definition, _known.MongoDerivedType) || _scheduled.Contains(definition)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsGeneric(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    private bool CanRegister(INamedTypeSymbol type) =>
        _known.Compilation.IsSymbolAccessibleWithin(type, _known.Compilation.Assembly);

    private LocationInfo? LocationOf(ISymbol symbol)
    {
        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource && SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _known.Compilation.Assembly))
            {
                return LocationInfo.From(location);
            }
        }

        return _fallbackLocation;
    }

    private void Report(DiagnosticDescriptor descriptor, ISymbol at, params string[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, LocationOf(at), arguments));

    private static string Display(ISymbol symbol) => symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);

    private CodecSpec? ParseType(INamedTypeSymbol type)
    {
        var nested = IsNestable(type);
        var document = KnownTypes.Find(type, _known.MongoDocument);
        if (document is not null && !nested)
        {
            Report(DiagnosticDescriptors.TypeMustBePartial, type, Display(type));
            return null;
        }

        if (!nested && type.IsGenericType)
        {
            Report(DiagnosticDescriptors.TypeMustBePartial, type, Display(type));
            return null;
        }

        var convention = _assemblyConvention;
        var unknownRejected = false;
        if (document is not null)
        {
            if (KnownTypes.Named(document, "NamingConvention") is int own && own != 0)
            {
                convention = own;
            }

            unknownRejected = KnownTypes.Named(document, "UnknownElements") is int unknown && unknown == 1;
        }

        var hierarchy = ParseHierarchy(type);
        if (type.IsAbstract && hierarchy.Derived.Count == 0)
        {
            Report(DiagnosticDescriptors.NoUsableConstructor, type, Display(type), "it is abstract and declares no [MongoDerivedType] to decode into; list its concrete subclasses with [MongoDerivedType(typeof(...))]");
            return null;
        }

        var members = ParseMembers(type, nested, convention, hierarchy.Element, out var constructorParameterCount);
        if (members is null)
        {
            return null;
        }

        var containing = new List<ContainingTypeSpec>();
        for (var t = type.ContainingType; t is not null; t = t.ContainingType)
        {
            containing.Insert(0, new ContainingTypeSpec(Naming.TypeKeyword(t), Naming.NameWithTypeParameters(t)));
        }

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
        var codecClass = nested ? NestedCodecClassName : StandaloneCodecClassName(type);
        return new CodecSpec(
            HintName: Naming.HintName(type, "BsonCodec"),
            TypeName: type.ToDisplayString(Naming.FullyQualified),
            DisplayName: type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
            Namespace: ns,
            ContainingTypes: containing.ToEquatableArray(),
            Keyword: Naming.TypeKeyword(type),
            NameWithTypeParameters: Naming.NameWithTypeParameters(type),
            IsNested: nested,
            HidesBaseCodec: nested && HasBaseWithNestedCodec(type),
            CodecClassName: codecClass,
            CodecTypeName: CodecTypeName(type),
            IsValueType: type.IsValueType,
            IsAbstract: type.IsAbstract,
            CanRegister: CanRegister(type) && !IsGeneric(type),
            Members: members.ToEquatableArray(),
            ConstructorParameterCount: constructorParameterCount,
            UnknownElementsRejected: unknownRejected,
            DiscriminatorElement: hierarchy.Element,
            Discriminator: hierarchy.Discriminator,
            DerivedTypes: hierarchy.Derived.ToEquatableArray());
    }

    private readonly struct Hierarchy
    {
        public Hierarchy(string? element, string? discriminator, List<DerivedTypeSpec> derived)
        {
            Element = element;
            Discriminator = discriminator;
            Derived = derived;
        }

        public string? Element { get; }
        public string? Discriminator { get; }
        public List<DerivedTypeSpec> Derived { get; }
    }

    /// <summary>The discriminator element and value of a type in a hierarchy, and the derived types it dispatches to.</summary>
    private Hierarchy ParseHierarchy(INamedTypeSymbol type)
    {
        var derived = new List<DerivedTypeSpec>();
        string? element = null;
        string? discriminator = null;

        // A base type that lists this one gives its discriminator and the element name of the hierarchy.
        for (var b = type.BaseType; b is not null && discriminator is null; b = b.BaseType)
        {
            foreach (var attribute in b.OriginalDefinition.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _known.MongoDerivedType) ||
                    attribute.ConstructorArguments.Length == 0 ||
                    attribute.ConstructorArguments[0].Value is not INamedTypeSymbol listed ||
                    !SymbolEqualityComparer.Default.Equals(listed.OriginalDefinition, type))
                {
                    continue;
                }

                discriminator = DiscriminatorOf(type, attribute);
                element = DiscriminatorElementOf(type);
                break;
            }
        }

        var ownAttributes = type.GetAttributes().Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, _known.MongoDerivedType)).ToList();
        if (ownAttributes.Count > 0)
        {
            if (discriminator is null)
            {
                element = DiscriminatorElementOf(type);
                discriminator = OwnDiscriminator(type);
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal) { [discriminator] = type.Name };
            foreach (var attribute in ownAttributes)
            {
                if (attribute.ConstructorArguments.Length == 0 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol candidate)
                {
                    continue;
                }

                var depth = 0;
                var derives = false;
                for (var b = candidate.BaseType; b is not null; b = b.BaseType)
                {
                    depth++;
                    if (SymbolEqualityComparer.Default.Equals(b.OriginalDefinition, type))
                    {
                        derives = true;
                        break;
                    }
                }

                var hasOwnDerived = candidate.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, _known.MongoDerivedType));
                if (derives && !candidate.IsGenericType && candidate.IsAbstract && hasOwnDerived)
                {
                    // An abstract middle type has no instances of its own; its subclasses are listed on this type too.
                    Schedule(candidate.OriginalDefinition);
                    continue;
                }

                if (!derives || candidate.IsGenericType || candidate.IsAbstract)
                {
                    var reason = !derives
                        ? $"'{Display(candidate)}' does not derive from '{Display(type)}'; list only subclasses"
                        : candidate.IsGenericType
                            ? $"'{Display(candidate)}' is generic; list closed, non-generic subclasses"
                            : $"'{Display(candidate)}' is abstract; list its concrete subclasses instead";
                    Report(DiagnosticDescriptors.InvalidDerivedType, type, Display(type), reason);
                    continue;
                }

                var value = DiscriminatorOf(candidate, attribute);
                if (values.TryGetValue(value, out var other))
                {
                    Report(DiagnosticDescriptors.InvalidDerivedType, type, Display(type), $"'{Display(candidate)}' and '{other}' share the discriminator \"{value}\"; give each a distinct one");
                    continue;
                }

                values.Add(value, candidate.Name);
                if (SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, _known.Compilation.Assembly))
                {
                    Schedule(candidate.OriginalDefinition);
                }

                derived.Add(new DerivedTypeSpec(candidate.ToDisplayString(Naming.FullyQualified), CodecTypeName(candidate), value, hasOwnDerived, depth));
            }

            // Most derived first, so a subclass is matched before its base in the encoder's type switch.
            derived.Sort((a, b) => b.Depth.CompareTo(a.Depth));
        }

        return new Hierarchy(element, discriminator, derived);
    }

    private string DiscriminatorOf(INamedTypeSymbol type, AttributeData listing) =>
        listing.ConstructorArguments.Length > 1 && listing.ConstructorArguments[1].Value is string given ? given : OwnDiscriminator(type);

    private string OwnDiscriminator(INamedTypeSymbol type) =>
        KnownTypes.Find(type, _known.MongoDocument) is { } document && KnownTypes.Named(document, "Discriminator") is string value ? value : type.Name;

    /// <summary>The discriminator element the nearest type of the chain (itself, then its bases) declares; <c>_t</c> by default.</summary>
    private string DiscriminatorElementOf(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (KnownTypes.Find(t.OriginalDefinition, _known.MongoDocument) is { } document && KnownTypes.Named(document, "DiscriminatorElement") is string value)
            {
                return value;
            }
        }

        return "_t";
    }
}

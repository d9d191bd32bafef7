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

    /// <summary>The codec model of one type, without its reachable types (queries look members up in it).</summary>
    public CodecSpec? ParseOne(INamedTypeSymbol type) => ParseType(type.OriginalDefinition);

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

    internal static string StandaloneCodecClassName(INamedTypeSymbol type) =>
        Naming.Identifier(type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)) + "_BsonCodec";

    /// <summary>Whether a base type gets a nested codec class too, which this type's codec class then hides.</summary>
    private bool HasBaseWithNestedCodec(INamedTypeSymbol type)
    {
        for (var b = type.BaseType; b is not null; b = b.BaseType)
        {
            var definition = b.OriginalDefinition;
            if (IsNestable(definition) && (KnownTypes.Has(definition, _known.MongoDocument) || KnownTypes.Has(definition, _known.BsonKnownTypes) || _scheduled.Contains(definition)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsEffectivelyPublic(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
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

        // A type that is not partial gets a standalone codec, so a model written for MongoDB.Driver compiles once it is
        // marked [MongoDocument]; it can then reach only accessible members (OQ1011 names any other). Generic types
        // need the nested form: one generic codec inside the type.
        if (!nested && type.IsGenericType)
        {
            Report(DiagnosticDescriptors.TypeMustBePartial, type, Display(type));
            return null;
        }

        var convention = _assemblyConvention;
        if (document is not null && KnownTypes.Named(document, "NamingConvention") is int own && own != 0)
        {
            convention = own;
        }

        // MongoDB.Bson's class map throws on an element that maps to no member unless [BsonIgnoreExtraElements] says
        // otherwise, on the type or (with Inherited = true) on a base.
        var unknownRejected = !IgnoresExtraElements(type);
        ReportUnsupportedTypeAttributes(type);
        var hierarchy = ParseHierarchy(type);
        if (type.IsAbstract && hierarchy.Derived.Count == 0)
        {
            Report(DiagnosticDescriptors.NoUsableConstructor, type, Display(type), "it is abstract and has no [BsonKnownTypes] to decode into; list its concrete subclasses with [BsonKnownTypes(typeof(...))]");
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
            DerivedTypes: hierarchy.Derived.ToEquatableArray(),
            DiscriminatorRequired: hierarchy.Required,
            DiscriminatorPath: hierarchy.Path.ToEquatableArray(),
            SkippedElement: hierarchy.Skipped,
            IsPublic: IsEffectivelyPublic(type));
    }

    private readonly struct Hierarchy
    {
        public Hierarchy(string skipped, string? element, string? discriminator, List<DerivedTypeSpec> derived, bool required, List<string> path)
        {
            Skipped = skipped;
            Element = element;
            Discriminator = discriminator;
            Derived = derived;
            Required = required;
            Path = path;
        }

        public string Skipped { get; }
        public string? Element { get; }
        public string? Discriminator { get; }
        public List<DerivedTypeSpec> Derived { get; }
        public bool Required { get; }
        public List<string> Path { get; }
    }

    /// <summary>
    /// The discriminator of a type as MongoDB.Bson's class map sees it: the derived types it dispatches to are the
    /// closure of <c>[BsonKnownTypes]</c> from it (each listed type's own list counts too, as looking up its class map
    /// registers them); its value is <c>[BsonDiscriminator("...")]</c> or the simple name; <c>RootClass</c> on it or a
    /// base makes the value the path from that root and the element written always; <c>Required</c> does the latter.
    /// </summary>
    private Hierarchy ParseHierarchy(INamedTypeSymbol type)
    {
        var derived = new List<DerivedTypeSpec>();
        var element = DiscriminatorElementOf(type);
        var required = false;
        var inHierarchy = false;
        INamedTypeSymbol? root = null;
        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
        {
            var attribute = KnownTypes.Find(t.OriginalDefinition, _known.BsonDiscriminator);
            if (attribute is not null)
            {
                // Required and RootClass carry over to subclasses (the class map ORs them in when it freezes).
                required |= KnownTypes.Named(attribute, "Required") is true;
                if (KnownTypes.Named(attribute, "RootClass") is true)
                {
                    root = t;
                }
            }

            if (!SymbolEqualityComparer.Default.Equals(t, type) && (attribute is not null || KnownTypes.Has(t.OriginalDefinition, _known.BsonKnownTypes)))
            {
                inHierarchy = true;
            }
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal) { [OwnDiscriminator(type)] = type.Name };

        // Known types listed on a base count too (the class map registers them all), so a middle type that lists
        // nothing itself still decodes into the subclasses its root lists.
        var known = KnownTypesClosure(type);
        for (var b = type.BaseType; b is not null && b.SpecialType != SpecialType.System_Object; b = b.BaseType)
        {
            known.AddRange(KnownTypesClosure(b).Where(k => !known.Any(seen => SymbolEqualityComparer.Default.Equals(seen, k))));
        }

        foreach (var candidate in known)
        {
            var depth = 0;
            var derives = false;
            for (var b = candidate.BaseType; b is not null; b = b.BaseType)
            {
                depth++;
                if (SymbolEqualityComparer.Default.Equals(b.OriginalDefinition, type.OriginalDefinition))
                {
                    derives = true;
                    break;
                }
            }

            if (!derives)
            {
                // A known type that is a base or a sibling belongs to another class map's list; only subclasses of this
                // type can be decoded into from here. One that is not in the hierarchy at all is a mistake.
                if (ListedKnownTypes(type).Any(t => SymbolEqualityComparer.Default.Equals(t, candidate)))
                {
                    Report(DiagnosticDescriptors.InvalidDerivedType, type, Display(type), $"'{Display(candidate)}' does not derive from '{Display(type)}'; list only subclasses");
                }

                continue;
            }

            if (candidate.IsGenericType)
            {
                Report(DiagnosticDescriptors.InvalidDerivedType, type, Display(type), $"'{Display(candidate)}' is generic; list closed, non-generic subclasses");
                continue;
            }

            if (SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, _known.Compilation.Assembly))
            {
                Schedule(candidate.OriginalDefinition);
            }

            if (candidate.IsAbstract)
            {
                // An abstract middle type has no instances of its own; its subclasses are dispatched to directly.
                continue;
            }

            var value = OwnDiscriminator(candidate);
            if (values.TryGetValue(value, out var other))
            {
                Report(DiagnosticDescriptors.InvalidDerivedType, type, Display(type), $"'{Display(candidate)}' and '{other}' share the discriminator \"{value}\"; give each a distinct one with [BsonDiscriminator(\"...\")]");
                continue;
            }

            values.Add(value, candidate.Name);
            derived.Add(new DerivedTypeSpec(candidate.ToDisplayString(Naming.FullyQualified), CodecTypeName(candidate), value, KnownTypesClosure(candidate).Count > 0, depth));
        }

        // Most derived first, so a subclass is matched before its base in the encoder's type switch.
        derived.Sort((a, b) => b.Depth.CompareTo(a.Depth));
        inHierarchy |= derived.Count > 0 || required || root is not null;
        var path = new List<string>();
        if (root is not null)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                path.Insert(0, OwnDiscriminator(t));
                if (SymbolEqualityComparer.Default.Equals(t, root))
                {
                    break;
                }
            }
        }

        return inHierarchy
            ? new Hierarchy(element, element, OwnDiscriminator(type), derived, required || root is not null, path.Count > 1 ? path : new List<string>())
            : new Hierarchy(element, null, null, derived, false, new List<string>());
    }

    private IEnumerable<INamedTypeSymbol> ListedKnownTypes(INamedTypeSymbol type)
    {
        foreach (var attribute in type.OriginalDefinition.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _known.BsonKnownTypes))
            {
                continue;
            }

            foreach (var argument in attribute.ConstructorArguments)
            {
                if (argument.Kind == TypedConstantKind.Array)
                {
                    foreach (var item in argument.Values)
                    {
                        if (item.Value is INamedTypeSymbol listed)
                        {
                            yield return listed;
                        }
                    }
                }
                else if (argument.Value is INamedTypeSymbol listed)
                {
                    yield return listed;
                }
            }
        }
    }

    /// <summary>Every type reachable through <c>[BsonKnownTypes]</c> from <paramref name="type"/>, in the order listed.</summary>
    private List<INamedTypeSymbol> KnownTypesClosure(INamedTypeSymbol type)
    {
        var result = new List<INamedTypeSymbol>();
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { type.OriginalDefinition };
        var queue = new Queue<INamedTypeSymbol>();
        queue.Enqueue(type);
        while (queue.Count > 0)
        {
            foreach (var listed in ListedKnownTypes(queue.Dequeue()))
            {
                if (seen.Add(listed.OriginalDefinition))
                {
                    result.Add(listed);
                    queue.Enqueue(listed);
                }
            }
        }

        return result;
    }

    private string OwnDiscriminator(INamedTypeSymbol type) =>
        KnownTypes.Find(type.OriginalDefinition, _known.BsonDiscriminator) is { ConstructorArguments.Length: 1 } attribute && attribute.ConstructorArguments[0].Value is string value
            ? value
            : type.Name;

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

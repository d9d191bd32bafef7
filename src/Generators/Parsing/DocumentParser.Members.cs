using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using OpenQuizz.Typed.Generators.Diagnostics;
using OpenQuizz.Typed.Generators.Model;

namespace OpenQuizz.Typed.Generators.Parsing;

internal sealed partial class DocumentParser
{
    private sealed class Candidate
    {
        public Candidate(ISymbol symbol, ITypeSymbol type, bool isExplicit)
        {
            Symbol = symbol;
            Type = type;
            IsExplicit = isExplicit;
        }

        public ISymbol Symbol { get; }
        public ITypeSymbol Type { get; }
        public bool IsExplicit { get; }
    }

    private List<MemberSpec>? ParseMembers(INamedTypeSymbol type, bool nested, int convention, string? discriminatorElement, out int constructorParameterCount)
    {
        constructorParameterCount = 0;
        var within = nested ? (ISymbol)type : _known.Compilation.Assembly;
        var candidates = CollectCandidates(type, within);

        IMethodSymbol? constructor = null;
        if (!type.IsAbstract)
        {
            constructor = ChooseConstructor(type, within, candidates);
            if (constructor is null)
            {
                Report(DiagnosticDescriptors.NoUsableConstructor, type, Display(type),
                    "it has no accessible parameterless constructor and no accessible constructor whose parameters all match mapped members by name and type; add one");
                return null;
            }

            constructorParameterCount = constructor.Parameters.Length;
        }

        var ids = candidates.Where(c => KnownTypes.Has(c.Symbol, _known.BsonId)).ToList();
        if (ids.Count > 1)
        {
            Report(DiagnosticDescriptors.DuplicateId, ids[1].Symbol, Display(type), ids[0].Symbol.Name, ids[1].Symbol.Name);
        }

        var setsRequired = constructor is not null && KnownTypes.Has(constructor, _known.SetsRequiredMembers);
        var members = new List<MemberSpec>();
        var byElement = new Dictionary<string, string>(StringComparer.Ordinal);
        if (discriminatorElement is not null)
        {
            byElement[discriminatorElement] = "(discriminator)";
        }

        var hasExtra = false;
        foreach (var candidate in candidates)
        {
            var symbol = candidate.Symbol;
            var parameterIndex = -1;
            if (constructor is not null)
            {
                for (var i = 0; i < constructor.Parameters.Length; i++)
                {
                    if (string.Equals(constructor.Parameters[i].Name, symbol.Name, StringComparison.OrdinalIgnoreCase))
                    {
                        parameterIndex = i;
                        break;
                    }
                }
            }

            var property = symbol as IPropertySymbol;
            var field = symbol as IFieldSymbol;
            var isRequired = property?.IsRequired == true || field?.IsRequired == true;
            MemberSetKind setKind;
            if (parameterIndex >= 0)
            {
                setKind = MemberSetKind.Constructor;
            }
            else if (isRequired && !setsRequired)
            {
                setKind = MemberSetKind.Initializer;
            }
            else if (property?.SetMethod is { IsInitOnly: false } setter && _known.Compilation.IsSymbolAccessibleWithin(setter, within, type))
            {
                setKind = MemberSetKind.Setter;
            }
            else if (field is { IsReadOnly: false })
            {
                setKind = MemberSetKind.Setter;
            }
            else if (property?.SetMethod is { IsInitOnly: true })
            {
                // An init accessor cannot be called outside an object initializer, so an [UnsafeAccessor] calls it
                // only when the element was present (keeping the member's initializer otherwise). Accessors of generic
                // declaring types need matching generic accessor classes; those members are assigned in the initializer.
                setKind = property.ContainingType.IsGenericType ? MemberSetKind.Initializer : MemberSetKind.InitAccessor;
            }
            else if (!candidate.IsExplicit)
            {
                // A get-only or computed member without a constructor parameter is not data.
                continue;
            }
            else
            {
                if (!type.IsAbstract)
                {
                    Report(DiagnosticDescriptors.MemberCannotBeSet, symbol, symbol.Name, Display(type));
                }

                setKind = MemberSetKind.None;
            }

            var isId = KnownTypes.Has(symbol, _known.BsonId) || (ids.Count == 0 && symbol.Name == "Id");
            var elementAttribute = KnownTypes.Find(symbol, _known.BsonElement);
            var elementName = isId
                ? "_id"
                : elementAttribute is { ConstructorArguments.Length: 1 } && elementAttribute.ConstructorArguments[0].Value is string given
                    ? given
                    : Naming.Apply(convention, symbol.Name);
            if (elementName.Length == 0 || elementName.IndexOf('\0') >= 0)
            {
                Report(DiagnosticDescriptors.InvalidElementName, symbol, symbol.Name, Display(type), elementName,
                    elementName.Length == 0 ? "it is empty" : "it contains a NUL character");
                continue;
            }

            if (isId && ids.Count > 1 && !SymbolEqualityComparer.Default.Equals(symbol, ids[0].Symbol))
            {
                // Reported once as OQ1004 above, not again as a clash of element names.
                continue;
            }

            if (byElement.TryGetValue(elementName, out var clash))
            {
                Report(DiagnosticDescriptors.DuplicateElementName, symbol, clash, symbol.Name, Display(type), elementName);
                continue;
            }

            var isExtra = KnownTypes.Has(symbol, _known.BsonExtraElements);
            if (isExtra)
            {
                if (!KnownTypes.Is(candidate.Type, _known.BsonDocument))
                {
                    Report(DiagnosticDescriptors.InvalidExtraElements, symbol, symbol.Name, Display(type), $"has type '{Display(candidate.Type)}'; declare it as BsonDocument? instead");
                    continue;
                }

                if (hasExtra)
                {
                    Report(DiagnosticDescriptors.InvalidExtraElements, symbol, symbol.Name, Display(type), "is the second one; a type can have only one");
                    continue;
                }

                hasExtra = true;
            }
            else
            {
                byElement[elementName] = symbol.Name;
            }

            var representation = KnownTypes.Find(symbol, _known.BsonRepresentation) is { ConstructorArguments.Length: 1 } rep && rep.ConstructorArguments[0].Value is { } repValue
                ? Convert.ToInt32(repValue, System.Globalization.CultureInfo.InvariantCulture)
                : ValueSpec.DefaultRepresentation;
            var memberCodec = KnownTypes.Find(symbol, _known.BsonCodec) is { ConstructorArguments.Length: 1 } codec ? codec.ConstructorArguments[0].Value as INamedTypeSymbol : null;

            var value = isExtra
                ? BsonValueSpec(candidate.Type)
                : ResolveValue(candidate.Type, representation, memberCodec, symbol, type);
            if (value is null)
            {
                continue;
            }

            string? defaultLiteral = null;
            var missingIsError = setKind == MemberSetKind.Initializer && isRequired;
            if (setKind == MemberSetKind.Constructor)
            {
                var parameter = constructor!.Parameters[parameterIndex];
                if (parameter.HasExplicitDefaultValue)
                {
                    defaultLiteral = Naming.Literal(parameter.ExplicitDefaultValue, parameter.Type);
                }
                else if (!value.CanBeNull && !value.IsValueType)
                {
                    missingIsError = true;
                }
            }

            members.Add(new MemberSpec(
                Name: symbol.Name,
                ElementName: elementName,
                Value: value,
                SetKind: setKind,
                ConstructorIndex: parameterIndex,
                IsRequired: missingIsError,
                IgnoreIfNull: KnownTypes.Has(symbol, _known.BsonIgnoreIfNull),
                IgnoreIfDefault: KnownTypes.Has(symbol, _known.BsonIgnoreIfDefault),
                IsExtraElements: isExtra,
                DefaultValueLiteral: defaultLiteral,
                AccessorTargetTypeName: setKind == MemberSetKind.InitAccessor ? symbol.ContainingType.ToDisplayString(Naming.FullyQualified) : null));
        }

        // _id first, as MongoDB stores it; then base members before derived ones, each in declaration order.
        var ordered = members.Where(m => m.ElementName == "_id").Concat(members.Where(m => m.ElementName != "_id")).ToList();
        return ordered;
    }

    private List<Candidate> CollectCandidates(INamedTypeSymbol type, ISymbol within)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var levels = new List<List<Candidate>>();
        for (var t = type; t is not null && t.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); t = t.BaseType)
        {
            var level = new List<Candidate>();
            foreach (var member in t.GetMembers())
            {
                if (member.IsStatic || member.IsImplicitlyDeclared)
                {
                    continue;
                }

                ITypeSymbol memberType;
                ISymbol access;
                switch (member)
                {
                    case IPropertySymbol { IsIndexer: false, GetMethod: { } getter, ExplicitInterfaceImplementations.Length: 0 } property:
                        memberType = property.Type;
                        access = getter;
                        break;
                    case IFieldSymbol { IsConst: false, AssociatedSymbol: null } field:
                        memberType = field.Type;
                        access = field;
                        break;
                    default:
                        continue;
                }

                if (!names.Add(member.Name) || KnownTypes.Has(member, _known.BsonIgnore))
                {
                    continue;
                }

                var isExplicit = KnownTypes.Has(member, _known.BsonElement) || KnownTypes.Has(member, _known.BsonId) || KnownTypes.Has(member, _known.BsonExtraElements);
                if (!isExplicit && member.DeclaredAccessibility != Accessibility.Public)
                {
                    continue;
                }

                if (!_known.Compilation.IsSymbolAccessibleWithin(access, within, type))
                {
                    Report(DiagnosticDescriptors.MemberNotAccessible, member, member.Name, Display(type));
                    continue;
                }

                level.Add(new Candidate(member, memberType, isExplicit));
            }

            levels.Insert(0, level);
        }

        return levels.SelectMany(l => l).ToList();
    }

    private IMethodSymbol? ChooseConstructor(INamedTypeSymbol type, ISymbol within, List<Candidate> candidates)
    {
        IMethodSymbol? best = null;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (!_known.Compilation.IsSymbolAccessibleWithin(constructor, within))
            {
                continue;
            }

            // The copy constructor of a record is not a way to create one from data.
            if (constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type.OriginalDefinition, type))
            {
                continue;
            }

            var matches = constructor.Parameters.All(p => candidates.Any(c =>
                string.Equals(c.Symbol.Name, p.Name, StringComparison.OrdinalIgnoreCase) &&
                SymbolEqualityComparer.Default.Equals(c.Type, p.Type) &&
                !KnownTypes.Has(c.Symbol, _known.BsonExtraElements)));
            if (!matches)
            {
                continue;
            }

            if (best is null ||
                constructor.Parameters.Length > best.Parameters.Length ||
                (constructor.Parameters.Length == best.Parameters.Length && constructor.DeclaredAccessibility == Accessibility.Public && best.DeclaredAccessibility != Accessibility.Public))
            {
                best = constructor;
            }
        }

        return best;
    }
}

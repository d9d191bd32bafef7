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
        public Candidate(ISymbol symbol, ITypeSymbol type, bool isExplicit, int order)
        {
            Symbol = symbol;
            Type = type;
            IsExplicit = isExplicit;
            Order = order;
        }

        /// <summary><c>[BsonElement(Order = n)]</c>; <see cref="int.MaxValue"/> (the class map's "no order") without one.</summary>
        public int Order { get; }

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
            if (!CheckMemberAttributes(symbol, candidate.Type, type))
            {
                continue;
            }

            if (constructor is not null)
            {
                var parameterNames = ParameterNames(constructor);
                for (var i = 0; i < parameterNames.Length; i++)
                {
                    if (string.Equals(parameterNames[i], symbol.Name, StringComparison.OrdinalIgnoreCase))
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

            // As the class map's conventions: [BsonId], else a member named Id (or _id), unless the type says [BsonNoId].
            var isId = KnownTypes.Has(symbol, _known.BsonId) ||
                (ids.Count == 0 && symbol.Name is "Id" or "id" or "_id" && !KnownTypes.Has(type, _known.BsonNoId));
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
            var memberCodec = SerializerOf(symbol, candidate.Type, symbol, out var serializerFailed);
            if (serializerFailed)
            {
                continue;
            }

            _guidRepresentation = KnownTypes.Find(symbol, _known.BsonGuidRepresentation) is { ConstructorArguments.Length: 1 } guid && guid.ConstructorArguments[0].Value is int g ? g : ValueSpec.FromOptions;
            _dateTimeKind = KnownTypes.Find(symbol, _known.BsonDateTimeOptions) is { } dateTime && KnownTypes.Named(dateTime, "Kind") is int kind && kind != 1 ? kind : ValueSpec.FromOptions;
            var value = isExtra
                ? BsonValueSpec(candidate.Type)
                : ResolveValue(candidate.Type, representation, memberCodec, symbol, type);
            _guidRepresentation = ValueSpec.FromOptions;
            _dateTimeKind = ValueSpec.FromOptions;
            if (value is null)
            {
                continue;
            }

            string? defaultLiteral = null;
            var missingIsError = (setKind == MemberSetKind.Initializer && isRequired) || KnownTypes.Has(symbol, _known.BsonRequired);
            var bsonDefault = KnownTypes.Find(symbol, _known.BsonDefaultValue) is { ConstructorArguments.Length: 1 } defaultAttribute ? defaultAttribute.ConstructorArguments[0] : (TypedConstant?)null;
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

            if (bsonDefault is { } fallback)
            {
                defaultLiteral = fallback.Value is null ? "default!" : Naming.Literal(fallback.Value, UnderlyingOf(candidate.Type));
                if (defaultLiteral is null || (fallback.Value is not null && fallback.Type is not null && !SymbolEqualityComparer.Default.Equals(fallback.Type, UnderlyingOf(candidate.Type)) && fallback.Type.TypeKind != TypeKind.Enum))
                {
                    Report(DiagnosticDescriptors.UnsupportedBsonAttribute, symbol, "[BsonDefaultValue]", Display(type) + "." + symbol.Name,
                        $"its value must be a constant of the member's type '{Display(UnderlyingOf(candidate.Type))}'; write it as one");
                    continue;
                }
            }

            members.Add(new MemberSpec(
                Name: symbol.Name,
                ElementName: elementName,
                Value: value,
                SetKind: setKind,
                ConstructorIndex: parameterIndex,
                IsRequired: missingIsError,
                IgnoreIfNull: IsOn(symbol, _known.BsonIgnoreIfNull),
                IgnoreIfDefault: IsOn(symbol, _known.BsonIgnoreIfDefault),
                IsExtraElements: isExtra,
                DefaultValueLiteral: defaultLiteral,
                AccessorTargetTypeName: setKind == MemberSetKind.InitAccessor ? symbol.ContainingType.ToDisplayString(Naming.FullyQualified) : null,
                HasBsonDefaultValue: bsonDefault is not null));
        }

        // The class map's member order, which CollectCandidates gave: base members before derived ones, by
        // [BsonElement(Order)], then in declaration order. _id is not moved first, as ToBson() does not move it (only
        // MongoDB.Driver's inserts ask the class map for that, and the server stores _id first either way).
        return members;
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

                var order = KnownTypes.Find(member, _known.BsonElement) is { } element && KnownTypes.Named(element, "Order") is int elementOrder
                    ? elementOrder
                    : KnownTypes.Find(member, _known.BsonId) is { } id && KnownTypes.Named(id, "Order") is int idOrder ? idOrder : int.MaxValue;
                level.Add(new Candidate(member, memberType, isExplicit, order));
            }

            // Stable: members with an Order first, by it; the others keep declaration order (as BsonClassMap.Freeze).
            levels.Insert(0, level.Select((c, i) => (c, i)).OrderBy(p => p.c.Order).ThenBy(p => p.i).Select(p => p.c).ToList());
        }

        var all = levels.SelectMany(l => l).ToList();

        // The class map maps a get-only property without [BsonElement] only through ImmutableTypeClassMapConvention:
        // a non-abstract class with no public parameterless constructor and no property with a setter. Elsewhere it
        // leaves such a property out (even if a constructor parameter matches it), and so do generated codecs.
        if (type.TypeKind == TypeKind.Class && !IsImmutableShape(type))
        {
            all.RemoveAll(c => !c.IsExplicit && c.Symbol is IPropertySymbol { SetMethod: null });
        }

        return all;
    }

    private static bool IsImmutableShape(INamedTypeSymbol type)
    {
        if (type.IsAbstract || type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public && !c.IsImplicitlyDeclared) ||
            (type.InstanceConstructors.Any(c => c.IsImplicitlyDeclared && c.Parameters.Length == 0)))
        {
            return false;
        }

        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
        {
            if (t.GetMembers().OfType<IPropertySymbol>().Any(p => !p.IsStatic && p.SetMethod is not null))
            {
                return false;
            }
        }

        return true;
    }

    private IMethodSymbol? ChooseConstructor(INamedTypeSymbol type, ISymbol within, List<Candidate> candidates)
    {
        IMethodSymbol? best = null;
        var marked = type.InstanceConstructors.Where(c => KnownTypes.Has(c, _known.BsonConstructor)).ToList();
        foreach (var constructor in marked.Count > 0 ? marked : type.InstanceConstructors.ToList())
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

            var names = ParameterNames(constructor);
            var matches = constructor.Parameters.All(p => candidates.Any(c =>
                string.Equals(c.Symbol.Name, names[p.Ordinal], StringComparison.OrdinalIgnoreCase) &&
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

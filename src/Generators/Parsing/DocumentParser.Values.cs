using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using OpenQuizz.Typed.Generators.Diagnostics;
using OpenQuizz.Typed.Generators.Model;

namespace OpenQuizz.Typed.Generators.Parsing;

internal sealed partial class DocumentParser
{
    // The member's [BsonGuidRepresentation] and [BsonDateTimeOptions(Kind)], set while its value (and the items of
    // its collections, to which the class map hands them on too) is resolved.
    private int _guidRepresentation = ValueSpec.FromOptions;
    private int _dateTimeKind = ValueSpec.FromOptions;

    private static readonly int[] s_numericRepresentations =
        { ValueSpec.RepInt32, ValueSpec.RepInt64, ValueSpec.RepDouble, ValueSpec.RepDecimal128, ValueSpec.RepString };

    /// <summary>The recipe of a member's value, or null after reporting why there is none.</summary>
    public ValueSpec? ResolveValue(ITypeSymbol type, int representation, INamedTypeSymbol? memberCodec, ISymbol member, INamedTypeSymbol owner)
    {
        if (memberCodec is not null)
        {
            return ResolveCustom(type, memberCodec, member, owner);
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            var inner = ResolveValue(nullable.TypeArguments[0], representation, null, member, owner);
            return inner is null ? null : Spec(ValueKind.Nullable, type) with { IsValueType = true, CanBeNull = true, Item = inner };
        }

        var core = ResolveCore(type, representation, member, owner);
        return core is null ? null : core with { CanBeNull = CanBeNull(type) };
    }

    private static bool CanBeNull(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol parameter => !parameter.HasValueTypeConstraint && !parameter.HasUnmanagedTypeConstraint,
        _ => !type.IsValueType && type.NullableAnnotation != NullableAnnotation.NotAnnotated,
    };

    private static ValueSpec Spec(ValueKind kind, ITypeSymbol type, int representation = ValueSpec.DefaultRepresentation) => new(
        Kind: kind,
        TypeName: type.ToDisplayString(Naming.FullyQualifiedNullable),
        BareTypeName: type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Naming.FullyQualifiedNullable),
        IsValueType: type.IsValueType,
        CanBeNull: false,
        Item: null,
        Shape: CollectionShape.None,
        Representation: representation,
        CodecTypeName: null,
        CodecInstance: null,
        EnumMembers: EquatableArray<EnumMemberSpec>.Empty,
        EnumUnderlying: ValueKind.Int32);

    private ValueSpec BsonValueSpec(ITypeSymbol type) => Spec(ValueKind.BsonValue, type) with { CanBeNull = CanBeNull(type) };

    private ValueSpec? ResolveCore(ITypeSymbol type, int representation, ISymbol member, INamedTypeSymbol owner)
    {
        ValueSpec? Scalar(ValueKind kind, params int[] allowed)
        {
            if (representation != ValueSpec.DefaultRepresentation && !allowed.Contains(representation))
            {
                var supported = allowed.Length == 0 ? "none (remove [BsonRepresentation])" : string.Join(", ", allowed.Select(RepresentationName));
                Report(DiagnosticDescriptors.InvalidRepresentation, member, member.Name, Display(owner), Display(type), RepresentationName(representation), supported);
                return null;
            }

            return Spec(kind, type, representation);
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: return Scalar(ValueKind.Boolean);
            case SpecialType.System_Int32: return Scalar(ValueKind.Int32, s_numericRepresentations);
            case SpecialType.System_Int64: return Scalar(ValueKind.Int64, s_numericRepresentations);
            case SpecialType.System_Double: return Scalar(ValueKind.Double, s_numericRepresentations);
            case SpecialType.System_Single: return Scalar(ValueKind.Single, s_numericRepresentations);
            case SpecialType.System_Decimal: return Scalar(ValueKind.Decimal, s_numericRepresentations);
            case SpecialType.System_Byte: return Scalar(ValueKind.Byte, ValueSpec.RepInt32, ValueSpec.RepString);
            case SpecialType.System_SByte: return Scalar(ValueKind.SByte, ValueSpec.RepInt32, ValueSpec.RepString);
            case SpecialType.System_Int16: return Scalar(ValueKind.Int16, ValueSpec.RepInt32, ValueSpec.RepString);
            case SpecialType.System_UInt16: return Scalar(ValueKind.UInt16, ValueSpec.RepInt32, ValueSpec.RepString);
            case SpecialType.System_UInt32: return Scalar(ValueKind.UInt32, ValueSpec.RepInt64, ValueSpec.RepString);
            case SpecialType.System_UInt64: return Scalar(ValueKind.UInt64, ValueSpec.RepInt64, ValueSpec.RepString);
            case SpecialType.System_Char: return Scalar(ValueKind.Char, ValueSpec.RepInt32);
            case SpecialType.System_String: return Scalar(ValueKind.String, ValueSpec.RepString, ValueSpec.RepObjectId);
            case SpecialType.System_DateTime: return Scalar(ValueKind.DateTime, ValueSpec.RepDateTime) is { } dateTime ? dateTime with { DateTimeKind = _dateTimeKind } : null;
            case SpecialType.System_Object:
                return NoCodec(type, member, owner, "object has no fixed BSON shape; use BsonValue, a document type, or [BsonSerializer(typeof(...))] naming an IBsonCodec<T>");
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1)
            {
                return NoCodec(type, member, owner, "multi-dimensional arrays are not supported; use a jagged array (T[][]) or a list of lists");
            }

            if (array.ElementType.SpecialType == SpecialType.System_Byte)
            {
                return Scalar(ValueKind.ByteArray, ValueSpec.RepBinary);
            }

            return Collection(type, CollectionShape.Array, array.ElementType, representation, member, owner);
        }

        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol enumType)
        {
            return ResolveEnum(enumType, representation, member, owner);
        }

        if (type is ITypeParameterSymbol)
        {
            return representation == ValueSpec.DefaultRepresentation ? Spec(ValueKind.Registry, type) : Scalar(ValueKind.Registry);
        }

        if (type is not INamedTypeSymbol named)
        {
            return NoCodec(type, member, owner, "it is neither a supported type nor a document type");
        }

        if (KnownTypes.Is(named, _known.Guid)) return Scalar(ValueKind.Guid, ValueSpec.RepBinary, ValueSpec.RepString) is { } guid ? guid with { GuidRepresentation = _guidRepresentation } : null;
        if (KnownTypes.Is(named, _known.DateTimeOffset)) return Scalar(ValueKind.DateTimeOffset, ValueSpec.RepDateTime, ValueSpec.RepDocument);
        if (KnownTypes.Is(named, _known.DateOnly)) return Scalar(ValueKind.DateOnly, ValueSpec.RepDateTime);
        if (KnownTypes.Is(named, _known.TimeOnly)) return Scalar(ValueKind.TimeOnly, ValueSpec.RepInt64);
        if (KnownTypes.Is(named, _known.TimeSpan)) return Scalar(ValueKind.TimeSpan, ValueSpec.RepInt64, ValueSpec.RepString);
        if (KnownTypes.Is(named, _known.ObjectId)) return Scalar(ValueKind.ObjectId, ValueSpec.RepObjectId, ValueSpec.RepString);
        if (KnownTypes.Is(named, _known.Decimal128)) return Scalar(ValueKind.Decimal128, ValueSpec.RepDecimal128);
        if (_known.InheritsFrom(named, _known.BsonValue)) return Scalar(ValueKind.BsonValue);

        var definition = named.OriginalDefinition;
        if (named.IsGenericType)
        {
            var args = named.TypeArguments;
            if (KnownTypes.Is(definition, _known.List)) return Collection(type, CollectionShape.List, args[0], representation, member, owner);
            if (KnownTypes.Is(definition, _known.IList) || KnownTypes.Is(definition, _known.IReadOnlyList))
                return Collection(type, CollectionShape.IndexableInterface, args[0], representation, member, owner);
            if (KnownTypes.Is(definition, _known.ICollection) || KnownTypes.Is(definition, _known.IReadOnlyCollection) || KnownTypes.Is(definition, _known.IEnumerable))
                return Collection(type, CollectionShape.EnumerableInterface, args[0], representation, member, owner);
            if (KnownTypes.Is(definition, _known.HashSet)) return Collection(type, CollectionShape.HashSet, args[0], representation, member, owner);
            if (KnownTypes.Is(definition, _known.ISet) || KnownTypes.Is(definition, _known.IReadOnlySet))
                return Collection(type, CollectionShape.SetInterface, args[0], representation, member, owner);
            var isDictionary = KnownTypes.Is(definition, _known.Dictionary);
            if (isDictionary || KnownTypes.Is(definition, _known.IDictionary) || KnownTypes.Is(definition, _known.IReadOnlyDictionary))
            {
                if (args[0].SpecialType != SpecialType.System_String)
                {
                    return NoCodec(type, member, owner, "dictionary keys must be string, because they become BSON element names");
                }

                var value = ResolveValue(args[1], representation, null, member, owner);
                return value is null ? null : Spec(ValueKind.Dictionary, type) with
                {
                    Item = value,
                    Shape = isDictionary ? CollectionShape.Dictionary : CollectionShape.DictionaryInterface,
                };
            }
        }

        if (SerializerOf(definition, named, definition, out var serializerFailed) is { } codecType)
        {
            var custom = ResolveCustom(type, codecType, member, owner);
            if (custom is not null && !ContainsTypeParameter(named) && CanRegister(named))
            {
                _registrations.Add(new CodecRegistration(named.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Naming.FullyQualified), custom.CodecInstance!));
            }

            return custom;
        }

        if (serializerFailed)
        {
            return null;
        }

        var inThisCompilation = SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, _known.Compilation.Assembly);
        var isDocumentShape = named.TypeKind is TypeKind.Class or TypeKind.Struct && !named.IsStatic && !named.IsRefLikeType && named.DeclaringSyntaxReferences.Length > 0;
        if (inThisCompilation && isDocumentShape)
        {
            if (representation != ValueSpec.DefaultRepresentation)
            {
                return Scalar(ValueKind.Document);
            }

            if (!KnownTypes.Has(definition, _known.MongoDocument))
            {
                Schedule(definition);
            }

            if (named.IsGenericType && !ContainsTypeParameter(named) && CanRegister(named))
            {
                _registrations.Add(new CodecRegistration(named.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Naming.FullyQualified), CodecTypeName(named) + ".Default"));
            }

            return Spec(ValueKind.Document, type) with { CodecTypeName = CodecTypeName(named) };
        }

        if (KnownTypes.Has(definition, _known.MongoDocument))
        {
            return representation == ValueSpec.DefaultRepresentation ? Spec(ValueKind.Registry, type) : Scalar(ValueKind.Registry);
        }

        var reason = named.TypeKind == TypeKind.Interface
            ? "interfaces have no codec; use a concrete document type, a supported collection interface, or [BsonSerializer(typeof(...))] naming an IBsonCodec<T>"
            : inThisCompilation
                ? "it is not a class, record or struct that a codec can be generated for; give the member [BsonSerializer(typeof(...))] naming an IBsonCodec<T> or [BsonIgnore]"
                : "it is declared in another assembly without [MongoDocument]; mark it there, or give the member [BsonSerializer(typeof(...))] naming an IBsonCodec<T> or [BsonIgnore]";
        return NoCodec(type, member, owner, reason);
    }

    private ValueSpec? Collection(ITypeSymbol type, CollectionShape shape, ITypeSymbol itemType, int representation, ISymbol member, INamedTypeSymbol owner)
    {
        var item = ResolveValue(itemType, representation, null, member, owner);
        return item is null ? null : Spec(ValueKind.Collection, type) with { Item = item, Shape = shape };
    }

    private ValueSpec? ResolveEnum(INamedTypeSymbol type, int representation, ISymbol member, INamedTypeSymbol owner)
    {
        var underlying = type.EnumUnderlyingType?.SpecialType switch
        {
            SpecialType.System_Int64 => ValueKind.Int64,
            SpecialType.System_UInt64 => ValueKind.UInt64,
            SpecialType.System_UInt32 => ValueKind.UInt32,
            SpecialType.System_Byte => ValueKind.Byte,
            SpecialType.System_SByte => ValueKind.SByte,
            SpecialType.System_Int16 => ValueKind.Int16,
            SpecialType.System_UInt16 => ValueKind.UInt16,
            _ => ValueKind.Int32,
        };
        if (representation is not (ValueSpec.DefaultRepresentation or ValueSpec.RepString or ValueSpec.RepInt32 or ValueSpec.RepInt64))
        {
            Report(DiagnosticDescriptors.InvalidRepresentation, member, member.Name, Display(owner), Display(type), RepresentationName(representation), "String, Int32, Int64");
            return null;
        }

        var members = new List<EnumMemberSpec>();
        var seen = new HashSet<object>();
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
        {
            // Aliases (two names, one value) write the first name, so the encoder's switch has no duplicate cases.
            if (field.HasConstantValue && field.ConstantValue is { } constant && seen.Add(constant))
            {
                members.Add(new EnumMemberSpec(field.Name, field.Name));
            }
        }

        return Spec(ValueKind.Enum, type, representation) with { EnumMembers = members.ToEquatableArray(), EnumUnderlying = underlying };
    }

    private ValueSpec? ResolveCustom(ITypeSymbol type, INamedTypeSymbol codecType, ISymbol member, INamedTypeSymbol owner)
    {
        bool Handles(ITypeSymbol t) => codecType.AllInterfaces.Any(i => KnownTypes.Is(i, _known.IBsonCodec) && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], t));

        if (!Handles(type))
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable && Handles(nullable.TypeArguments[0]))
            {
                var inner = ResolveCustom(nullable.TypeArguments[0], codecType, member, owner);
                return inner is null ? null : Spec(ValueKind.Nullable, type) with { IsValueType = true, CanBeNull = true, Item = inner };
            }

            Report(DiagnosticDescriptors.InvalidCodecType, member, Display(codecType), $"{Display(owner)}.{member.Name}", $"does not implement IBsonCodec<{Display(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated))}>");
            return null;
        }

        string? instance = null;
        var codecName = codecType.ToDisplayString(Naming.FullyQualified);
        foreach (var candidate in codecType.GetMembers("Instance"))
        {
            if (candidate.IsStatic && candidate.DeclaredAccessibility == Accessibility.Public && candidate is IFieldSymbol or IPropertySymbol)
            {
                instance = codecName + ".Instance";
            }
        }

        if (instance is null && !codecType.IsAbstract && codecType.InstanceConstructors.Any(c => c.Parameters.Length == 0 && _known.Compilation.IsSymbolAccessibleWithin(c, _known.Compilation.Assembly)))
        {
            instance = "new " + codecName + "()";
        }

        if (instance is null)
        {
            Report(DiagnosticDescriptors.InvalidCodecType, member, Display(codecType), $"{Display(owner)}.{member.Name}", "has neither a public static Instance nor an accessible parameterless constructor");
            return null;
        }

        return Spec(ValueKind.Custom, type) with { CanBeNull = CanBeNull(type), CodecTypeName = codecName, CodecInstance = instance };
    }

    private ValueSpec? NoCodec(ITypeSymbol type, ISymbol member, INamedTypeSymbol owner, string reason)
    {
        Report(DiagnosticDescriptors.NoCodecForMemberType, member, member.Name, Display(owner), Display(type), reason);
        return null;
    }

    private static bool ContainsTypeParameter(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => ContainsTypeParameter(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsTypeParameter),
        _ => false,
    };

    private static string RepresentationName(int representation) =>
        ValueSpec.BsonTypeName(representation) ?? "0x" + representation.ToString("X2", System.Globalization.CultureInfo.InvariantCulture);
}

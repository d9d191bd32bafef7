using MongoDB.Bson;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace OpenQuizz.Typed.Bson.Codecs;

public static partial class GeneratedCodecHelpers
{
    /// <summary>Fails because the current element has another BSON type than the member needs.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowUnexpectedType(ref BsonSpanReader reader, string typeName, BsonType expected) =>
        throw new BsonSerializationException($"Cannot decode {typeName}: element '{ElementName(ref reader)}' is {Describe(reader.CurrentType)}, expected {expected}.");

    /// <summary>Fails because a required member's element, or a constructor parameter without a default, is missing.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowMissingElement(string typeName, string elementName, string memberName) =>
        throw new BsonSerializationException($"Cannot decode {typeName}: the required element '{elementName}' (member {memberName}) is missing.");

    /// <summary>Fails because the type rejects unknown elements.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowUnknownElement(ref BsonSpanReader reader, string typeName) =>
        throw new BsonSerializationException($"Cannot decode {typeName}: element '{ElementName(ref reader)}' maps to no member, as MongoDB.Bson's class map would refuse it too; add [BsonIgnoreExtraElements] to the type to skip such elements, or a [BsonExtraElements] BsonDocument member to keep them.");

    /// <summary>The error for a null value in a member whose type is not nullable.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static BsonSerializationException NullMember(string typeName, string memberName) =>
        new($"Cannot encode {typeName}: member {memberName} is null, but its type is not nullable. Declare it nullable or give it a value.");

    /// <summary>The error for a null document where the type is not nullable.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static BsonSerializationException NullDocument(string typeName) =>
        new($"Cannot encode a null {typeName} as a document.");

    /// <summary>Fails because a polymorphic document has no discriminator and its nominal type is abstract.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowMissingDiscriminator(ref BsonSpanReader reader, string typeName, string discriminatorElement) =>
        throw new BsonSerializationException($"Cannot decode {typeName}: element '{ElementName(ref reader)}' has no '{discriminatorElement}' discriminator, and {typeName} cannot be created itself.");

    /// <summary>Fails because a polymorphic document's discriminator names no known derived type.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowUnknownDiscriminator(ref BsonSpanReader reader, string typeName, scoped ReadOnlySpan<byte> discriminator) =>
        throw new BsonSerializationException($"Cannot decode {typeName}: element '{ElementName(ref reader)}' has the discriminator \"{BsonUtf8.Strict.GetString(discriminator)}\", which names none of its [BsonKnownTypes] types.");

    /// <summary>The error for a value whose run-time type is a subclass the hierarchy does not declare.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static BsonSerializationException UnknownDerivedType(string typeName, Type actual) =>
        new($"Cannot encode {actual.FullName} as {typeName}: it is not one of the [BsonKnownTypes] types of {typeName}. Add [BsonKnownTypes(typeof({actual.Name}))] to it.");

    /// <summary>The error for an enum value that has no name, when the enum is stored as a string.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static BsonSerializationException UndefinedEnumValue(string typeName, string enumName, long value) =>
        new($"Cannot encode {typeName}: {value} is not a named value of {enumName}, so it cannot be stored as a string.");

    /// <summary>Fails because a string does not name a member of the enum.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowUnknownEnumName(ref BsonSpanReader reader, string typeName, string enumName, scoped ReadOnlySpan<byte> name) =>
        throw new BsonSerializationException($"Cannot decode {typeName}: element '{ElementName(ref reader)}' holds \"{BsonUtf8.Strict.GetString(name)}\", which is not a member of {enumName}.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOverflow<TValue>(ref BsonSpanReader reader, string typeName, TValue value, string target) =>
        throw new BsonSerializationException($"Cannot decode {typeName}: element '{ElementName(ref reader)}' holds {value}, which does not fit in {target} without loss.");

    private static string ElementName(ref BsonSpanReader reader)
    {
        var name = reader.CurrentName;
        return name.Length == 0 ? "(document)" : name;
    }

    private static string Describe(BsonType type) => type == BsonType.EndOfDocument ? "(none)" : type.ToString();
}

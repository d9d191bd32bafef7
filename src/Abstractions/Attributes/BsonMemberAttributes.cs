using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;


/// <summary>
/// Encodes the member (or every member of the attributed type) with <paramref name="codecType"/>, an
/// <see cref="IBsonCodec{T}"/> with a public parameterless constructor or a public static <c>Instance</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class BsonCodecAttribute(Type codecType) : Attribute
{
    public Type CodecType { get; } = codecType;
}

/// <summary>
/// Declares a derived type of a polymorphic document type. The base type's codec writes a discriminator element
/// (<c>_t</c> unless <see cref="MongoDocumentAttribute.DiscriminatorElement"/> says otherwise) and dispatches on it
/// when reading; list every derived type, including indirect ones, on the base type.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MongoDerivedTypeAttribute : Attribute
{
    /// <summary>Declares <paramref name="derivedType"/> with its <see cref="MongoDocumentAttribute.Discriminator"/> or simple name as discriminator.</summary>
    public MongoDerivedTypeAttribute(Type derivedType) => DerivedType = derivedType;

    /// <summary>Declares <paramref name="derivedType"/> with the discriminator <paramref name="discriminator"/>.</summary>
    public MongoDerivedTypeAttribute(Type derivedType, string discriminator)
    {
        DerivedType = derivedType;
        Discriminator = discriminator;
    }

    public Type DerivedType { get; }

    public string? Discriminator { get; }
}

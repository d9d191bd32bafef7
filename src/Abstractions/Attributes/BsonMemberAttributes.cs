using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>Maps the member to <c>_id</c>. Without it, a member named <c>Id</c> is the id.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BsonIdAttribute : Attribute;

/// <summary>Gives the member an explicit element name, and maps it even when it is not public.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BsonElementAttribute : Attribute
{
    /// <summary>Maps the member under its conventional name.</summary>
    public BsonElementAttribute() { }

    /// <summary>Maps the member under <paramref name="name"/>.</summary>
    public BsonElementAttribute(string name) => Name = name;

    public string? Name { get; }
}

/// <summary>Leaves the member out of the document.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BsonIgnoreAttribute : Attribute;

/// <summary>Does not write the element when the member is null.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BsonIgnoreIfNullAttribute : Attribute;

/// <summary>Does not write the element when the member holds its type's default value (null, 0, false, …).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BsonIgnoreIfDefaultAttribute : Attribute;

/// <summary>
/// A <see cref="BsonDocument"/> member that receives every element no other member maps, and whose elements are
/// written back after the mapped ones, so unknown fields survive a read-modify-write.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BsonExtraElementsAttribute : Attribute;

/// <summary>
/// Stores the member as another BSON type: a string as <see cref="BsonType.ObjectId"/>, an enum as
/// <see cref="BsonType.String"/>, a decimal as <see cref="BsonType.Double"/>, a number or Guid as a string, …
/// On a collection member it applies to the items.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BsonRepresentationAttribute(BsonType representation) : Attribute
{
    public BsonType Representation { get; } = representation;
}

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

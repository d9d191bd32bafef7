using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Conventions;

namespace OpenQuizz.Typed.Bson.Serialization;

/// <summary>
/// The generated serializer of a type in a polymorphic hierarchy: the codec writes and dispatches on the
/// discriminator, and <see cref="DiscriminatorConvention"/> tells MongoDB.Driver the same element and values, so
/// <c>OfType&lt;TDerived&gt;()</c> and typed reads filter on what the codec writes.
/// </summary>
/// <typeparam name="T">The document type.</typeparam>
public abstract class GeneratedPolymorphicBsonSerializer<T> : GeneratedBsonSerializer<T>, IBsonPolymorphicSerializer, IHasDiscriminatorConvention
{
    /// <summary>Creates the serializer over <paramref name="codec"/>, with the discriminators of this type and the types below it.</summary>
    protected GeneratedPolymorphicBsonSerializer(IBsonCodec<T> codec, GeneratedDiscriminatorConvention discriminatorConvention)
        : base(codec)
    {
        ArgumentNullException.ThrowIfNull(discriminatorConvention);
        DiscriminatorConvention = discriminatorConvention;
    }

    /// <inheritdoc />
    public IDiscriminatorConvention DiscriminatorConvention { get; }

    /// <summary>
    /// False: the discriminator values are ours (<c>[MongoDocument(Discriminator = …)]</c>), not names that
    /// MongoDB.Bson's <c>ObjectSerializer</c> could map back to a type, so a value held in an <c>object</c> member is
    /// wrapped (<c>_t</c>/<c>_v</c>) by it rather than written bare.
    /// </summary>
    public bool IsDiscriminatorCompatibleWithObjectSerializer => false;
}

// User-facing attributes live in the root namespace OpenQuizz.Typed (not OpenQuizz.Typed.Attributes) so that a
// model file needs one using; the folder only groups them. This is a deliberate exception to folder = namespace.
namespace OpenQuizz.Typed;

/// <summary>
/// Marks a type whose BSON codec is generated at build time and registered from a module initializer. The type (and
/// every type containing it) must be <c>partial</c>: the codec is emitted as a nested class, so it can reach private
/// setters and constructors without reflection.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class MongoDocumentAttribute : Attribute
{
    /// <summary>How member names become element names; <see cref="ElementNamingConvention.Default"/> takes the assembly's <see cref="MongoNamingConventionAttribute"/>, else as declared.</summary>
    public ElementNamingConvention NamingConvention { get; set; }

    /// <summary>What decoding does with an element that maps to no member (when the type has no <see cref="MongoDB.Bson.Serialization.Attributes.BsonExtraElementsAttribute"/> member).</summary>
    public UnknownElementHandling UnknownElements { get; set; }

    /// <summary>The discriminator value of this type inside a polymorphic hierarchy; defaults to the type's simple name.</summary>
    public string? Discriminator { get; set; }

    /// <summary>On the root of a polymorphic hierarchy, the element that holds the discriminator; <c>_t</c> by default.</summary>
    public string? DiscriminatorElement { get; set; }
}

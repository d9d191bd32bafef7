// User-facing attributes live in the root namespace OpenQuizz.Typed (not OpenQuizz.Typed.Attributes) so that a
// model file needs one using; the folder only groups them. This is a deliberate exception to folder = namespace.
namespace OpenQuizz.Typed;

/// <summary>
/// Marks a type whose BSON codec is generated at build time and registered from a module initializer. The type (and
/// every type containing it) must be <c>partial</c>: the codec is emitted as a nested class, so it can reach private
/// setters and constructors without reflection.
/// </summary>
/// <remarks>
/// Everything else about the mapping is said with MongoDB.Bson's own attributes (<c>[BsonId]</c>, <c>[BsonElement]</c>,
/// <c>[BsonKnownTypes]</c>, <c>[BsonDiscriminator]</c>, <c>[BsonIgnoreExtraElements]</c>, …), read at build time; the
/// generated codec writes the bytes MongoDB.Bson's class map writes for the same type (docs/bson-compatibility.md).
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class MongoDocumentAttribute : Attribute
{
    /// <summary>How member names become element names; <see cref="ElementNamingConvention.Default"/> takes the assembly's <see cref="MongoNamingConventionAttribute"/>, else as declared.</summary>
    public ElementNamingConvention NamingConvention { get; set; }

    /// <summary>
    /// On the root of a polymorphic hierarchy, the element that holds the discriminator; <c>_t</c> by default.
    /// MongoDB.Bson sets this through a registered discriminator convention, for which it has no attribute.
    /// </summary>
    public string? DiscriminatorElement { get; set; }
}

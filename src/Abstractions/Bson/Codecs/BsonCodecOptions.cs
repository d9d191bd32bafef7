using MongoDB.Bson;

namespace OpenQuizz.Typed.Bson.Codecs;

/// <summary>
/// Settings that change how generated codecs encode some values. A codec gets them once, at construction
/// (<see cref="IConfigurableBsonCodec{T}.WithOptions"/>), and passes the same instance down to the codecs of its
/// members, so the hot path reads a field instead of looking anything up.
/// </summary>
public sealed record BsonCodecOptions
{
    /// <summary>The options of the codecs registered in <see cref="BsonCodecRegistry"/>: Guids as standard (subtype 4) UUIDs.</summary>
    public static BsonCodecOptions Default { get; } = new();

    /// <summary>
    /// How <see cref="Guid"/> members are stored (the <c>uuidRepresentation</c> connection-string option).
    /// <see cref="GuidRepresentation.Standard"/> by default: a typed model that declares a Guid means to store it,
    /// so refusing to (the drivers' <c>unspecified</c>) would only move the choice into every application.
    /// </summary>
    public GuidRepresentation GuidRepresentation { get; init; } = GuidRepresentation.Standard;
}

/// <summary>A codec that can be re-created with other <see cref="BsonCodecOptions"/>; every generated codec is one.</summary>
public interface IConfigurableBsonCodec<T> : IBsonCodec<T>
{
    /// <summary>The options this codec encodes with.</summary>
    BsonCodecOptions Options { get; }

    /// <summary>This codec with <paramref name="options"/> (itself when they are equal).</summary>
    IBsonCodec<T> WithOptions(BsonCodecOptions options);
}

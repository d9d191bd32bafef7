using OpenQuizz.Typed.Bson.Codecs;

namespace OpenQuizz.Typed;

/// <summary>
/// Settings of a database handle (PyMongo's <c>get_database(codec_options, read_preference, write_concern, read_concern)</c>).
/// A null value inherits the client's; <see cref="IMongoDatabase.Options"/> shows every value resolved.
/// </summary>
public sealed record DatabaseOptions
{
    /// <summary>How generated codecs encode values such as Guids; null inherits.</summary>
    public BsonCodecOptions? CodecOptions { get; init; }

    /// <summary>The default read preference of reads; null inherits.</summary>
    public ReadPreference? ReadPreference { get; init; }

    /// <summary>The default read concern of reads; null inherits.</summary>
    public ReadConcern? ReadConcern { get; init; }

    /// <summary>The default write concern of writes; null inherits.</summary>
    public WriteConcern? WriteConcern { get; init; }
}

/// <summary>
/// Settings of a collection handle. A null value inherits the database's; <see cref="IMongoCollection{TDocument}.Options"/>
/// shows every value resolved, and an operation's own options override them.
/// </summary>
public sealed record CollectionOptions
{
    /// <summary>How generated codecs encode values such as Guids; null inherits.</summary>
    public BsonCodecOptions? CodecOptions { get; init; }

    /// <summary>The default read preference of reads; null inherits.</summary>
    public ReadPreference? ReadPreference { get; init; }

    /// <summary>The default read concern of reads; null inherits.</summary>
    public ReadConcern? ReadConcern { get; init; }

    /// <summary>The default write concern of writes; null inherits.</summary>
    public WriteConcern? WriteConcern { get; init; }
}

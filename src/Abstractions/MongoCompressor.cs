namespace OpenQuizz.Typed;

/// <summary>A compressor the client offers to the server, with its level where it has one (zlib only).</summary>
public sealed class MongoCompressor : IEquatable<MongoCompressor>
{
    /// <summary>The zlib level meaning "the library's default level".</summary>
    public const int DefaultZlibLevel = -1;

    private MongoCompressor(MongoCompressorType type, int? level)
    {
        Type = type;
        Level = level;
    }

    /// <summary>Snappy.</summary>
    public static MongoCompressor Snappy { get; } = new(MongoCompressorType.Snappy, null);

    /// <summary>zlib at the default level.</summary>
    public static MongoCompressor Zlib { get; } = new(MongoCompressorType.Zlib, null);

    /// <summary>Zstandard.</summary>
    public static MongoCompressor Zstd { get; } = new(MongoCompressorType.Zstd, null);

    /// <summary>The compressor.</summary>
    public MongoCompressorType Type { get; }

    /// <summary>The zlib level from -1 (default) to 9 (best compression); null when not set or not zlib.</summary>
    public int? Level { get; }

    /// <summary>The name used in the <c>compressors</c> option and the handshake, such as <c>zlib</c>.</summary>
    public string Name => NameOf(Type);

    /// <summary>Returns the compressor for <paramref name="type"/>, at the default level.</summary>
    public static MongoCompressor For(MongoCompressorType type) => type switch
    {
        MongoCompressorType.Snappy => Snappy,
        MongoCompressorType.Zlib => Zlib,
        MongoCompressorType.Zstd => Zstd,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown compressor."),
    };

    /// <summary>The name of a compressor, such as <c>snappy</c>.</summary>
    public static string NameOf(MongoCompressorType type) => type switch
    {
        MongoCompressorType.Snappy => "snappy",
        MongoCompressorType.Zlib => "zlib",
        MongoCompressorType.Zstd => "zstd",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown compressor."),
    };

    /// <summary>Returns zlib at <paramref name="level"/> (the <c>zlibCompressionLevel</c> option).</summary>
    /// <exception cref="InvalidOperationException">This compressor is not zlib.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside -1..9.</exception>
    public MongoCompressor WithLevel(int level)
    {
        if (Type != MongoCompressorType.Zlib)
        {
            throw new InvalidOperationException($"The {Name} compressor has no level.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(level, -1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 9);
        return new MongoCompressor(Type, level);
    }

    /// <inheritdoc/>
    public bool Equals(MongoCompressor? other) => other is not null && other.Type == Type && other.Level == Level;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MongoCompressor);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, Level);

    /// <summary>Returns the name, with the level for zlib when one is set (<c>zlib(6)</c>).</summary>
    public override string ToString() => Level is { } level ? $"{Name}({level})" : Name;
}

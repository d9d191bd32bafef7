namespace OpenQuizz.Typed;

/// <summary>A wire-protocol compressor; the values are the compressor ids of OP_COMPRESSED.</summary>
public enum MongoCompressorType
{
    /// <summary>Snappy (the <c>snappy</c> option value).</summary>
    Snappy = 1,

    /// <summary>zlib (the <c>zlib</c> option value), with a configurable level.</summary>
    Zlib = 2,

    /// <summary>Zstandard (the <c>zstd</c> option value).</summary>
    Zstd = 3,
}

using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Compression;

/// <summary>One OP_COMPRESSED algorithm. Instances are stateless and shared by every connection.</summary>
internal interface ICompressor
{
    /// <summary>The algorithm; its value is the compressor id on the wire.</summary>
    MongoCompressorType Type { get; }

    /// <summary>Appends the compressed form of <paramref name="source"/> to <paramref name="destination"/>.</summary>
    void Compress(ReadOnlySpan<byte> source, PooledByteBufferWriter destination);

    /// <summary>Decompresses into <paramref name="destination"/>, which must be filled exactly.</summary>
    /// <exception cref="MongoCompressionException">The input is corrupt or does not decompress to the expected size.</exception>
    void Decompress(ReadOnlySpan<byte> source, Span<byte> destination);
}

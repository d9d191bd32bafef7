using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Compression;

/// <summary>Snappy block format through IronSnappy.</summary>
internal sealed class SnappyCompressor : ICompressor
{
    public static SnappyCompressor Instance { get; } = new();

    public MongoCompressorType Type => MongoCompressorType.Snappy;

    public void Compress(ReadOnlySpan<byte> source, PooledByteBufferWriter destination)
    {
        var compressed = IronSnappy.Snappy.Encode(source);
        compressed.CopyTo(destination.GetSpan(compressed.Length));
        destination.Advance(compressed.Length);
    }

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        byte[] decoded;
        try
        {
            decoded = IronSnappy.Snappy.Decode(source);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new MongoCompressionException("The snappy data is corrupt.", e);
        }

        if (decoded.Length != destination.Length)
        {
            throw new MongoCompressionException("The snappy data does not decompress to the size the message announced.");
        }

        decoded.CopyTo(destination);
    }
}

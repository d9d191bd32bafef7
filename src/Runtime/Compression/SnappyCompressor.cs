using OpenQuizz.Typed.Bson;
using Snappier;

namespace OpenQuizz.Typed.Compression;

/// <summary>Snappy block format (not the framed one) through Snappier, fully managed.</summary>
internal sealed class SnappyCompressor : ICompressor
{
    public static SnappyCompressor Instance { get; } = new();

    public MongoCompressorType Type => MongoCompressorType.Snappy;

    public void Compress(ReadOnlySpan<byte> source, PooledByteBufferWriter destination)
    {
        var target = destination.GetSpan(Snappy.GetMaxCompressedLength(source.Length));
        destination.Advance(Snappy.Compress(source, target));
    }

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        try
        {
            // The block's own length prefix must match the message's, else the span would be over- or under-filled.
            if (Snappy.GetUncompressedLength(source) != destination.Length)
            {
                throw new MongoCompressionException("The snappy data does not decompress to the size the message announced.");
            }

            if (Snappy.Decompress(source, destination) != destination.Length)
            {
                throw new MongoCompressionException("The snappy data does not decompress to the size the message announced.");
            }
        }
        catch (Exception e) when (e is not MongoCompressionException and not OutOfMemoryException)
        {
            // Snappier reports a malformed block as InvalidDataException or an argument error, depending on where it notices.
            throw new MongoCompressionException("The snappy data is corrupt.", e);
        }
    }
}

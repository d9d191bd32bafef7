using System.Buffers;
using Snappier;

namespace OpenQuizz.Typed.Embedded.Protocol.Compression;

/// <summary>Id 1: raw snappy blocks (not the framed format), through Snappier.</summary>
internal sealed class SnappyCompressor : MessageCompressor
{
    public override byte Id => 1;

    public override string Name => "snappy";

    public override void Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination)
    {
        var span = destination.GetSpan(Snappy.GetMaxCompressedLength(source.Length));
        destination.Advance(Snappy.Compress(source, span));
    }

    /// <summary>Snappy's densest element copies 64 bytes with a 2-byte tag (32:1); 64:1 leaves room for the header.</summary>
    public override long MaxExpansion(int compressedLength) => (compressedLength * 64L) + 64;

    public override void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int length;
        try
        {
            length = Snappy.GetUncompressedLength(source);
            if (length == destination.Length)
            {
                length = Snappy.Decompress(source, destination);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ProtocolException("invalid snappy payload: " + ex.Message);
        }

        if (length != destination.Length)
        {
            throw new ProtocolException($"snappy payload decompresses to {length} bytes, not the announced {destination.Length}");
        }
    }
}

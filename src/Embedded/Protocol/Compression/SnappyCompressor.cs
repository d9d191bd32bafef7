using System.Buffers;

namespace OpenQuizz.Typed.Embedded.Protocol.Compression;

/// <summary>Id 1: raw snappy blocks (not the framed format), through IronSnappy.</summary>
internal sealed class SnappyCompressor : MessageCompressor
{
    public override byte Id => 1;

    public override string Name => "snappy";

    public override void Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination) =>
        destination.Write(IronSnappy.Snappy.Encode(source));

    /// <summary>Snappy's densest element copies 64 bytes with a 2-byte tag (32:1); 64:1 leaves room for the header.</summary>
    public override long MaxExpansion(int compressedLength) => (compressedLength * 64L) + 64;

    public override void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        byte[] decoded;
        try
        {
            decoded = IronSnappy.Snappy.Decode(source);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ProtocolException("invalid snappy payload: " + ex.Message);
        }

        if (decoded.Length != destination.Length)
        {
            throw new ProtocolException($"snappy payload decompresses to {decoded.Length} bytes, not the announced {destination.Length}");
        }

        decoded.CopyTo(destination);
    }
}

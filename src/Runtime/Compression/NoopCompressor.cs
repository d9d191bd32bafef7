using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Compression;

/// <summary>Compressor id 0 of the spec: the bytes as they are. Accepted in replies, never offered.</summary>
internal sealed class NoopCompressor : ICompressor
{
    public const byte Id = 0;

    public static NoopCompressor Instance { get; } = new();

    public MongoCompressorType Type => (MongoCompressorType)Id;

    public void Compress(ReadOnlySpan<byte> source, PooledByteBufferWriter destination)
    {
        source.CopyTo(destination.GetSpan(source.Length));
        destination.Advance(source.Length);
    }

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length != destination.Length)
        {
            throw new MongoCompressionException("The noop-compressed data does not have the size the message announced.");
        }

        source.CopyTo(destination);
    }
}

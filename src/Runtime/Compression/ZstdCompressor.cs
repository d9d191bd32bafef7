using OpenQuizz.Typed.Bson;
using ZstdSharp;

namespace OpenQuizz.Typed.Compression;

/// <summary>Zstandard through ZstdSharp.Port, a managed port of libzstd: no native library on any OS.</summary>
internal sealed class ZstdCompressor : ICompressor
{
    // Level 6 is what other drivers use for messages: better than the default 3 at little extra cost.
    private const int Level = 6;

    // A zstd context is not thread-safe and costs hundreds of kilobytes to create, so each thread keeps one of each.
    [ThreadStatic]
    private static Compressor? t_compressor;

    [ThreadStatic]
    private static Decompressor? t_decompressor;

    public static ZstdCompressor Instance { get; } = new();

    public MongoCompressorType Type => MongoCompressorType.Zstd;

    public void Compress(ReadOnlySpan<byte> source, PooledByteBufferWriter destination)
    {
        var compressor = t_compressor ??= new Compressor(Level);
        var target = destination.GetSpan(Compressor.GetCompressBound(source.Length));
        int written;
        try
        {
            written = compressor.Wrap(source, target);
        }
        catch (ZstdException e)
        {
            throw new MongoCompressionException($"zstd failed to compress: {e.Message}", e);
        }

        destination.Advance(written);
    }

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var decompressor = t_decompressor ??= new Decompressor();
        int written;
        try
        {
            // Straight into the message buffer; a frame holding more than announced fails here as "destination too small".
            written = decompressor.Unwrap(source, destination);
        }
        catch (ZstdException e)
        {
            throw new MongoCompressionException($"The zstd data is corrupt or larger than the message announced: {e.Message}", e);
        }

        if (written != destination.Length)
        {
            throw new MongoCompressionException("The zstd data does not decompress to the size the message announced.");
        }
    }
}

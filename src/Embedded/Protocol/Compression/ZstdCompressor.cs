using System.Buffers;
using ZstdSharp;

namespace OpenQuizz.Typed.Embedded.Protocol.Compression;

/// <summary>Id 3: zstd frames through ZstdSharp.Port, a managed port of libzstd, so zstd is offered on every OS.</summary>
internal sealed class ZstdCompressor : MessageCompressor
{
    private const int Level = 3;

    // Contexts are not thread-safe and expensive to create; connections run on pool threads, so each thread keeps its own.
    [ThreadStatic]
    private static Compressor? t_compressor;

    [ThreadStatic]
    private static Decompressor? t_decompressor;

    public override byte Id => 3;

    public override string Name => "zstd";

    public override void Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination)
    {
        var compressor = t_compressor ??= new Compressor(Level);
        var span = destination.GetSpan(Compressor.GetCompressBound(source.Length));
        destination.Advance(compressor.Wrap(source, span));
    }

    public override void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var decompressor = t_decompressor ??= new Decompressor();
        int written;
        try
        {
            // A frame holding more than announced fails as "destination too small" instead of writing past the span.
            written = decompressor.Unwrap(source, destination);
        }
        catch (ZstdException ex)
        {
            throw new ProtocolException("invalid zstd payload or wrong announced size: " + ex.Message);
        }

        if (written != destination.Length)
        {
            throw new ProtocolException($"zstd payload holds {written} bytes, not the announced {destination.Length}");
        }
    }
}

using System.Buffers;
using System.Runtime.InteropServices;

namespace OpenQuizz.Typed.Embedded.Protocol.Compression;

/// <summary>Id 3: zstd frames through the system's libzstd (no managed zstd package is obtainable here).</summary>
internal sealed partial class ZstdCompressor : MessageCompressor
{
    private const string Library = "libzstd.so.1";
    private const ulong ContentSizeUnknown = unchecked((ulong)-1);
    private const ulong ContentSizeError = unchecked((ulong)-2);
    private const int Level = 3;

    private static readonly Lazy<bool> Available = new(() => NativeLibrary.TryLoad(Library, out _));

    /// <summary>Whether libzstd could be loaded; without it zstd is simply not offered in hello.</summary>
    public static bool IsAvailable => Available.Value;

    public override byte Id => 3;

    public override string Name => "zstd";

    public override unsafe void Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination)
    {
        var bound = (int)ZSTD_compressBound((nuint)source.Length);
        var span = destination.GetSpan(bound);
        nuint written;
        fixed (byte* src = source)
        fixed (byte* dst = span)
        {
            written = ZSTD_compress(dst, (nuint)span.Length, src, (nuint)source.Length, Level);
        }

        if (ZSTD_isError(written) != 0)
        {
            throw new InvalidOperationException("zstd compression failed");
        }

        destination.Advance((int)written);
    }

    public override unsafe void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            var contentSize = ZSTD_getFrameContentSize(src, (nuint)source.Length);
            if (contentSize == ContentSizeError)
            {
                throw new ProtocolException("invalid zstd payload");
            }

            if (contentSize != ContentSizeUnknown && contentSize != (ulong)destination.Length)
            {
                throw new ProtocolException($"zstd frame holds {contentSize} bytes, not the announced {destination.Length}");
            }

            var written = ZSTD_decompress(dst, (nuint)destination.Length, src, (nuint)source.Length);
            if (ZSTD_isError(written) != 0 || written != (nuint)destination.Length)
            {
                throw new ProtocolException("invalid zstd payload or wrong announced size");
            }
        }
    }

    [LibraryImport(Library)]
    private static unsafe partial nuint ZSTD_compress(byte* dst, nuint dstCapacity, byte* src, nuint srcSize, int compressionLevel);

    [LibraryImport(Library)]
    private static unsafe partial nuint ZSTD_decompress(byte* dst, nuint dstCapacity, byte* src, nuint compressedSize);

    [LibraryImport(Library)]
    private static unsafe partial ulong ZSTD_getFrameContentSize(byte* src, nuint srcSize);

    [LibraryImport(Library)]
    private static partial nuint ZSTD_compressBound(nuint srcSize);

    [LibraryImport(Library)]
    private static partial uint ZSTD_isError(nuint code);
}

using System.Runtime.InteropServices;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Compression;

/// <summary>Zstandard through the system's <c>libzstd.so.1</c>; offered in the handshake only when the library loads.</summary>
internal sealed partial class ZstdCompressor : ICompressor
{
    private const string Library = "libzstd.so.1";
    private const ulong ContentSizeUnknown = unchecked((ulong)-1);
    private const ulong ContentSizeError = unchecked((ulong)-2);

    // Level 6 is what other drivers use for messages: better than the default 3 at little extra cost.
    private const int Level = 6;

    private static readonly Lazy<bool> Loadable = new(() =>
    {
        if (!NativeLibrary.TryLoad(Library, typeof(ZstdCompressor).Assembly, null, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    });

    public static ZstdCompressor Instance { get; } = new();

    /// <summary>True when <c>libzstd.so.1</c> can be loaded.</summary>
    public static bool IsAvailable => Loadable.Value;

    public MongoCompressorType Type => MongoCompressorType.Zstd;

    public unsafe void Compress(ReadOnlySpan<byte> source, PooledByteBufferWriter destination)
    {
        EnsureAvailable();
        var bound = checked((int)ZSTD_compressBound((nuint)source.Length));
        var target = destination.GetSpan(bound);
        nuint written;
        fixed (byte* src = source)
        fixed (byte* dst = target)
        {
            written = ZSTD_compress(dst, (nuint)target.Length, src, (nuint)source.Length, Level);
        }

        if (ZSTD_isError(written) != 0)
        {
            throw new MongoCompressionException($"zstd failed to compress: {ErrorName(written)}.");
        }

        destination.Advance((int)written);
    }

    public unsafe void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        EnsureAvailable();
        nuint written;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            var contentSize = ZSTD_getFrameContentSize(src, (nuint)source.Length);
            if (contentSize == ContentSizeError || (contentSize != ContentSizeUnknown && contentSize != (ulong)destination.Length))
            {
                throw new MongoCompressionException("The zstd frame is corrupt or does not match the size the message announced.");
            }

            written = ZSTD_decompress(dst, (nuint)destination.Length, src, (nuint)source.Length);
        }

        if (ZSTD_isError(written) != 0)
        {
            throw new MongoCompressionException($"The zstd data is corrupt: {ErrorName(written)}.");
        }

        if (written != (nuint)destination.Length)
        {
            throw new MongoCompressionException("The zstd data does not decompress to the size the message announced.");
        }
    }

    private static void EnsureAvailable()
    {
        if (!IsAvailable)
        {
            throw new MongoCompressionException($"The zstd compressor needs the native library {Library}, which could not be loaded; install libzstd1 or remove zstd from the compressors option.");
        }
    }

    private static unsafe string ErrorName(nuint code) => Marshal.PtrToStringAnsi((nint)ZSTD_getErrorName(code)) ?? "unknown error";

    [LibraryImport(Library)]
    private static unsafe partial nuint ZSTD_compress(byte* dst, nuint dstCapacity, byte* src, nuint srcSize, int compressionLevel);

    [LibraryImport(Library)]
    private static unsafe partial nuint ZSTD_decompress(byte* dst, nuint dstCapacity, byte* src, nuint srcSize);

    [LibraryImport(Library)]
    private static unsafe partial ulong ZSTD_getFrameContentSize(byte* src, nuint srcSize);

    [LibraryImport(Library)]
    private static partial nuint ZSTD_compressBound(nuint srcSize);

    [LibraryImport(Library)]
    private static partial uint ZSTD_isError(nuint code);

    [LibraryImport(Library)]
    private static unsafe partial byte* ZSTD_getErrorName(nuint code);
}

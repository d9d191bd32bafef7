using System.IO.Compression;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Compression;

/// <summary>zlib (RFC 1950) through <see cref="ZLibStream"/>, at the <c>zlibCompressionLevel</c> of the settings.</summary>
internal sealed class ZlibCompressor : ICompressor
{
    private readonly int _level;

    /// <param name="level">-1 (the library default) to 9.</param>
    public ZlibCompressor(int level = -1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, -1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 9);
        _level = level;
    }

    /// <summary>zlib at the default level, for decompressing (the level does not matter then).</summary>
    public static ZlibCompressor Default { get; } = new();

    public MongoCompressorType Type => MongoCompressorType.Zlib;

    public int Level => _level;

    public void Compress(ReadOnlySpan<byte> source, PooledByteBufferWriter destination)
    {
        using var target = new BufferWriterStream(destination);
        var options = new ZLibCompressionOptions { CompressionLevel = _level == -1 ? 6 : _level };
        using (var zlib = new ZLibStream(target, options, leaveOpen: true))
        {
            zlib.Write(source);
        }
    }

    public unsafe void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.IsEmpty)
        {
            // ZLibStream writes nothing for empty input; anything else must have a zlib header.
            if (!destination.IsEmpty)
            {
                throw new MongoCompressionException("The zlib data is empty.");
            }

            return;
        }

        try
        {
            fixed (byte* pointer = source)
            {
                using var input = new UnmanagedMemoryStream(pointer, source.Length);
                using var zlib = new ZLibStream(input, CompressionMode.Decompress);
                var read = zlib.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
                if (read != destination.Length || zlib.ReadByte() != -1)
                {
                    throw new MongoCompressionException("The zlib data does not decompress to the size the message announced.");
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new MongoCompressionException("The zlib data is corrupt.", e);
        }
    }
}

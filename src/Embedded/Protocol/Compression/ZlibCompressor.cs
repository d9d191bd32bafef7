using System.Buffers;
using System.IO.Compression;

namespace OpenQuizz.Typed.Embedded.Protocol.Compression;

/// <summary>Id 2: a zlib stream (RFC 1950), as the drivers write it.</summary>
internal sealed class ZlibCompressor(int level) : MessageCompressor
{
    public override byte Id => 2;

    public override string Name => "zlib";

    public override void Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination)
    {
        var compressionLevel = level switch
        {
            0 => CompressionLevel.NoCompression,
            >= 1 and <= 3 => CompressionLevel.Fastest,
            >= 8 => CompressionLevel.SmallestSize,
            _ => CompressionLevel.Optimal,
        };
        using var output = new MemoryStream(source.Length / 2 + 64);
        using (var zlib = new ZLibStream(output, compressionLevel, leaveOpen: true))
        {
            zlib.Write(source);
        }

        destination.Write(output.GetBuffer().AsSpan(0, (int)output.Length));
    }

    /// <summary>Deflate expands at most 1032:1 (a 258-byte match in 2 bits); the zlib header and trailer add a few bytes.</summary>
    public override long MaxExpansion(int compressedLength) => (compressedLength * 1032L) + 64;

    public override unsafe void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.IsEmpty)
        {
            // A zlib writer given no input may write nothing at all (the client's does); fixing an empty span yields a null pointer.
            if (!destination.IsEmpty)
            {
                throw new ProtocolException("empty zlib payload for a non-empty message");
            }

            return;
        }

        fixed (byte* pointer = source)
        {
            using var input = new UnmanagedMemoryStream(pointer, source.Length);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            try
            {
                zlib.ReadExactly(destination);
                Span<byte> probe = stackalloc byte[1];
                if (zlib.Read(probe) != 0)
                {
                    throw new ProtocolException("zlib payload is longer than the announced size");
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
            {
                throw new ProtocolException("invalid zlib payload: " + ex.Message);
            }
        }
    }
}

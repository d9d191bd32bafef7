using System.Runtime.InteropServices;

namespace OpenQuizz.Typed.Embedded.Tests.Wire;

/// <summary>A bitwise CRC-32C, independent of the server's hardware-accelerated one.</summary>
public static class TestCrc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }
}

/// <summary>The test client's own libzstd binding.</summary>
public static unsafe partial class TestZstd
{
    public static byte[] Compress(byte[] data)
    {
        var bound = (int)ZSTD_compressBound((nuint)data.Length);
        var output = new byte[bound];
        nuint written;
        fixed (byte* src = data)
        fixed (byte* dst = output)
        {
            written = ZSTD_compress(dst, (nuint)bound, src, (nuint)data.Length, 1);
        }

        return output.AsSpan(0, (int)written).ToArray();
    }

    public static byte[] Decompress(byte[] data, int size)
    {
        var output = new byte[size];
        fixed (byte* src = data)
        fixed (byte* dst = output)
        {
            var written = ZSTD_decompress(dst, (nuint)size, src, (nuint)data.Length);
            Assert.Equal((nuint)size, written);
        }

        return output;
    }

    [LibraryImport("libzstd.so.1")]
    private static partial nuint ZSTD_compress(byte* dst, nuint dstCapacity, byte* src, nuint srcSize, int level);

    [LibraryImport("libzstd.so.1")]
    private static partial nuint ZSTD_decompress(byte* dst, nuint dstCapacity, byte* src, nuint srcSize);

    [LibraryImport("libzstd.so.1")]
    private static partial nuint ZSTD_compressBound(nuint srcSize);
}

using ZstdSharp;

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

/// <summary>The test client's zstd, through ZstdSharp's one-shot API rather than the server's per-thread contexts.</summary>
public static class TestZstd
{
    public static byte[] Compress(byte[] data)
    {
        using var compressor = new Compressor(1);
        return compressor.Wrap(data).ToArray();
    }

    public static byte[] Decompress(byte[] data, int size)
    {
        using var decompressor = new Decompressor();
        var output = new byte[size];
        Assert.Equal(size, decompressor.Unwrap(data, output));
        return output;
    }
}

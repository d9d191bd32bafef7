using System.Buffers;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Compression;

namespace OpenQuizz.Typed.Tests.Compression;

public class CompressorTests
{
    public static TheoryData<string> Compressors => new() { "zlib-default", "zlib-1", "zlib-9", "zlib-0", "snappy", "zstd" };

    private static ICompressor Create(string name) => name switch
    {
        "zlib-default" => new ZlibCompressor(),
        "zlib-1" => new ZlibCompressor(1),
        "zlib-9" => new ZlibCompressor(9),
        "zlib-0" => new ZlibCompressor(0),
        "snappy" => SnappyCompressor.Instance,
        _ => ZstdCompressor.Instance,
    };

    private static byte[] Sample(int length, int seed)
    {
        // Half repetitive text, half noise: compressible but not trivially so.
        var random = new Random(seed);
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = i % 2 == 0 ? (byte)"openquizz"[i % 9] : (byte)random.Next(4);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Compressors))]
    public void Round_trips(string name)
    {
        var compressor = Create(name);
        foreach (var length in new[] { 0, 1, 100, 70_000 })
        {
            var data = Sample(length, length);
            using var output = new PooledByteBufferWriter();
            output.Write(new byte[] { 0xAA, 0xBB });
            compressor.Compress(data, output);
            var compressed = output.WrittenSpan[2..].ToArray();
            Assert.Equal([0xAA, 0xBB], output.WrittenSpan[..2].ToArray());
            var restored = new byte[length];
            compressor.Decompress(compressed, restored);
            Assert.Equal(data, restored);
            if (length == 70_000 && name != "zlib-0")
            {
                Assert.True(compressed.Length < length * 6 / 10, $"{name} compressed {length} bytes to {compressed.Length}.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Compressors))]
    public void Corrupt_or_mis_sized_input_raises_a_compression_error(string name)
    {
        var compressor = Create(name);
        var data = Sample(1000, 1);
        using var output = new PooledByteBufferWriter();
        compressor.Compress(data, output);
        var compressed = output.ToArray();

        Assert.Throws<MongoCompressionException>(() => compressor.Decompress(compressed, new byte[999]));
        Assert.Throws<MongoCompressionException>(() => compressor.Decompress(compressed, new byte[1001]));
        Assert.Throws<MongoCompressionException>(() => compressor.Decompress([0xFF, 0xFE, 0xFD, 0x01, 0x02, 0x03], new byte[1000]));
    }

    [Theory]
    [InlineData("hello", false)]
    [InlineData("isMaster", false)]
    [InlineData("ismaster", false)]
    [InlineData("saslStart", false)]
    [InlineData("saslContinue", false)]
    [InlineData("getnonce", false)]
    [InlineData("authenticate", false)]
    [InlineData("createUser", false)]
    [InlineData("updateUser", false)]
    [InlineData("copydbSaslStart", false)]
    [InlineData("copydbgetnonce", false)]
    [InlineData("copydb", false)]
    [InlineData("find", true)]
    [InlineData("insert", true)]
    [InlineData("ping", true)]
    public void Spec_forbids_compressing_handshake_and_authentication_commands(string command, bool allowed)
    {
        Assert.Equal(allowed, CompressorFactory.MayCompress(command));
    }

    [Fact]
    public void Factory_honours_the_zlib_level()
    {
        var zlib = Assert.IsType<ZlibCompressor>(CompressorFactory.Create(MongoCompressor.Zlib.WithLevel(4)));
        Assert.Equal(4, zlib.Level);
        Assert.Equal(-1, Assert.IsType<ZlibCompressor>(CompressorFactory.Create(MongoCompressor.Zlib)).Level);
        Assert.Same(SnappyCompressor.Instance, CompressorFactory.Create(MongoCompressor.Snappy));
    }
}

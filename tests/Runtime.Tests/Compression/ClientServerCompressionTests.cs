using System.Buffers;
using OpenQuizz.Typed.Bson;
using ZstdSharp;
using ClientSide = OpenQuizz.Typed.Compression;
using ServerSide = OpenQuizz.Typed.Embedded.Protocol.Compression;

namespace OpenQuizz.Typed.Tests.Compression;

/// <summary>
/// The client's compressors and the embedded server's are written separately (the server shares no code with the
/// client), so each must read what the other writes, byte for byte, for every algorithm.
/// </summary>
public class ClientServerCompressionTests
{
    public static TheoryData<string> Algorithms => new() { "snappy", "zlib", "zstd" };

    public static TheoryData<int> ZstdLevels => new() { -5, 1, 3, 6, 12, 19 };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void What_the_client_compresses_the_server_decompresses(string algorithm)
    {
        foreach (var length in new[] { 0, 1, 300, 70_000 })
        {
            var data = Sample(length);
            using var compressed = new PooledByteBufferWriter();
            ClientCompressor(algorithm).Compress(data, compressed);

            var restored = new byte[length];
            ServerCompressor(algorithm).Decompress(compressed.WrittenSpan, restored);

            Assert.Equal(data, restored);
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void What_the_server_compresses_the_client_decompresses(string algorithm)
    {
        foreach (var length in new[] { 0, 1, 300, 70_000 })
        {
            var data = Sample(length);
            var compressed = new ArrayBufferWriter<byte>();
            ServerCompressor(algorithm).Compress(data, compressed);

            var restored = new byte[length];
            ClientCompressor(algorithm).Decompress(compressed.WrittenSpan, restored);

            Assert.Equal(data, restored);
        }
    }

    [Theory]
    [MemberData(nameof(ZstdLevels))]
    public void A_ZstdSharp_frame_at_any_level_decompresses_on_both_sides(int level)
    {
        var data = Sample(100_000);
        using var compressor = new Compressor(level);
        var frame = compressor.Wrap(data).ToArray();

        var byClient = new byte[data.Length];
        ClientSide.ZstdCompressor.Instance.Decompress(frame, byClient);
        var byServer = new byte[data.Length];
        new ServerSide.ZstdCompressor().Decompress(frame, byServer);

        Assert.Equal(data, byClient);
        Assert.Equal(data, byServer);
        Assert.True(frame.Length < data.Length / 2, $"level {level} compressed {data.Length} bytes to {frame.Length}.");
    }

    [Fact]
    public void A_streamed_zstd_frame_without_a_content_size_decompresses_on_both_sides()
    {
        // A streaming writer cannot know the size up front, so its frame header omits it; other drivers may send such frames.
        var data = Sample(50_000);
        using var output = new MemoryStream();
        using (var stream = new CompressionStream(output, level: 3))
        {
            stream.Write(data.AsSpan(0, 20_000));
            stream.Write(data.AsSpan(20_000));
        }

        var frame = output.ToArray();
        var byClient = new byte[data.Length];
        ClientSide.ZstdCompressor.Instance.Decompress(frame, byClient);
        var byServer = new byte[data.Length];
        new ServerSide.ZstdCompressor().Decompress(frame, byServer);

        Assert.Equal(data, byClient);
        Assert.Equal(data, byServer);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void A_payload_longer_than_announced_is_refused_on_both_sides(string algorithm)
    {
        var data = Sample(1_000);
        using var compressed = new PooledByteBufferWriter();
        ClientCompressor(algorithm).Compress(data, compressed);
        var bytes = compressed.WrittenSpan.ToArray();

        Assert.Throws<MongoCompressionException>(() => ClientCompressor(algorithm).Decompress(bytes, new byte[999]));
        Assert.Throws<OpenQuizz.Typed.Embedded.Protocol.ProtocolException>(() => ServerCompressor(algorithm).Decompress(bytes, new byte[999]));
    }

    private static ClientSide.ICompressor ClientCompressor(string algorithm) => algorithm switch
    {
        "snappy" => ClientSide.SnappyCompressor.Instance,
        "zlib" => ClientSide.ZlibCompressor.Default,
        _ => ClientSide.ZstdCompressor.Instance,
    };

    private static ServerSide.MessageCompressor ServerCompressor(string algorithm) => algorithm switch
    {
        "snappy" => new ServerSide.SnappyCompressor(),
        "zlib" => new ServerSide.ZlibCompressor(6),
        _ => new ServerSide.ZstdCompressor(),
    };

    private static byte[] Sample(int length)
    {
        // Repetitive text interleaved with noise: compressible, but not a single repeated run.
        var random = new Random(length);
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = i % 3 == 0 ? (byte)random.Next(4) : (byte)"openquizz typed "[i % 16];
        }

        return data;
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Tests.Wire;

/// <summary>How a test request is framed.</summary>
public sealed record WireOptions
{
    public bool Checksum { get; init; }

    /// <summary>0 = none, 1 = snappy, 2 = zlib, 3 = zstd.</summary>
    public byte CompressorId { get; init; }

    public bool MoreToCome { get; init; }

    /// <summary>Fields moved out of the body into kind-1 document sequences.</summary>
    public string[] Sequences { get; init; } = [];
}

/// <summary>
/// A deliberately tiny, test-only client: frames OP_MSG / OP_QUERY / OP_COMPRESSED by hand with BsonWriter and reads
/// replies, independent of both the runtime client and the server's own protocol code.
/// </summary>
public sealed class WireClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private int _requestId;

    private WireClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<WireClient> ConnectAsync(IPEndPoint endPoint)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(endPoint);
        return new WireClient(tcp);
    }

    /// <summary>Runs a command on <paramref name="database"/> and returns the reply body.</summary>
    internal async Task<BsonDocument> RunAsync(BsonDocument command, string database = "test", WireOptions? options = null)
    {
        options ??= new WireOptions();
        var body = new BsonDocument();
        foreach (var element in command)
        {
            body.Add(element.Name, element.Value);
        }

        body.Set("$db", database);
        var requestId = Interlocked.Increment(ref _requestId);
        await SendAsync(WireFrames.OpMsg(requestId, body, options));
        if (options.MoreToCome)
        {
            return [];
        }

        var reply = await ReadReplyAsync();
        Assert.Equal(requestId, reply.ResponseTo);
        return reply.Body;
    }

    /// <summary>Sends a legacy OP_QUERY on <paramref name="ns"/> and returns the single OP_REPLY document.</summary>
    internal async Task<BsonDocument> QueryAsync(string ns, BsonDocument query)
    {
        var requestId = Interlocked.Increment(ref _requestId);
        await SendAsync(WireFrames.OpQuery(requestId, ns, query));
        var reply = await ReadReplyAsync();
        Assert.Equal(1, reply.OpCode);
        return reply.Body;
    }

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Reads one reply, undoing compression and verifying a checksum when present.</summary>
    internal async Task<WireReply> ReadReplyAsync()
    {
        var header = new byte[16];
        await _stream.ReadExactlyAsync(header);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        var message = new byte[length];
        header.CopyTo(message, 0);
        await _stream.ReadExactlyAsync(message.AsMemory(16));
        return WireFrames.ParseReply(message);
    }

    /// <summary>Ends the client's sending side (a TCP half-close): the server reads end-of-stream while the client can still read.</summary>
    public void ShutdownSend() => _tcp.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);

    /// <summary>True when the server closed the connection (reads end) rather than answering.</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        var buffer = new byte[1];
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var read = await _stream.ReadAsync(buffer, timeout.Token);
            return read == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}

internal sealed record WireReply(int ResponseTo, int OpCode, BsonDocument Body, bool WasCompressed, byte CompressorId, bool HadChecksum);

/// <summary>Builders and parsers of raw wire messages.</summary>
public static class WireFrames
{
    internal static byte[] OpMsg(int requestId, BsonDocument body, WireOptions options)
    {
        var sequences = new List<(string Name, BsonArray Documents)>();
        foreach (var name in options.Sequences)
        {
            sequences.Add((name, body[name].AsBsonArray));
            body.Remove(name);
        }

        using var payload = new MemoryStream();
        var flags = (options.Checksum ? 1u : 0) | (options.MoreToCome ? 2u : 0);
        Write(payload, BitConverter.GetBytes(flags));
        payload.WriteByte(0);
        Write(payload, body.ToBytes());
        foreach (var (name, documents) in sequences)
        {
            using var section = new MemoryStream();
            Write(section, System.Text.Encoding.UTF8.GetBytes(name));
            section.WriteByte(0);
            foreach (var document in documents)
            {
                Write(section, document.AsBsonDocument.ToBytes());
            }

            payload.WriteByte(1);
            Write(payload, BitConverter.GetBytes((int)section.Length + 4));
            Write(payload, section.ToArray());
        }

        var message = Frame(requestId, 0, 2013, payload.ToArray(), options.Checksum ? 4 : 0);
        if (options.Checksum)
        {
            var crc = TestCrc32C.Compute(message.AsSpan(0, message.Length - 4));
            BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(message.Length - 4), crc);
        }

        return options.CompressorId == 0 ? message : Compress(message, options.CompressorId);
    }

    internal static byte[] OpQuery(int requestId, string ns, BsonDocument query)
    {
        using var payload = new MemoryStream();
        Write(payload, BitConverter.GetBytes(0));
        Write(payload, System.Text.Encoding.UTF8.GetBytes(ns));
        payload.WriteByte(0);
        Write(payload, BitConverter.GetBytes(0));
        Write(payload, BitConverter.GetBytes(-1));
        Write(payload, query.ToBytes());
        return Frame(requestId, 0, 2004, payload.ToArray(), 0);
    }

    public static byte[] Compress(byte[] message, byte compressorId)
    {
        var original = message.AsSpan(16).ToArray();
        var compressed = compressorId switch
        {
            1 => Snappier.Snappy.CompressToArray(original),
            2 => ZlibCompress(original),
            3 => TestZstd.Compress(original),
            _ => original,
        };
        using var payload = new MemoryStream();
        Write(payload, message.AsSpan(12, 4).ToArray());
        Write(payload, BitConverter.GetBytes(original.Length));
        payload.WriteByte(compressorId);
        Write(payload, compressed);
        return Frame(BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(4)), 0, 2012, payload.ToArray(), 0);
    }

    internal static WireReply ParseReply(byte[] message)
    {
        var responseTo = BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(8));
        var opCode = BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(12));
        var compressed = false;
        byte compressorId = 0;
        if (opCode == 2012)
        {
            compressed = true;
            opCode = BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(16));
            var size = BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(20));
            compressorId = message[24];
            var data = message.AsSpan(25).ToArray();
            var original = compressorId switch
            {
                1 => Snappier.Snappy.DecompressToArray(data),
                2 => ZlibDecompress(data),
                3 => TestZstd.Decompress(data, size),
                _ => data,
            };
            Assert.Equal(size, original.Length);
            var rebuilt = new byte[16 + original.Length];
            message.AsSpan(0, 12).CopyTo(rebuilt);
            BinaryPrimitives.WriteInt32LittleEndian(rebuilt, rebuilt.Length);
            BinaryPrimitives.WriteInt32LittleEndian(rebuilt.AsSpan(12), opCode);
            original.CopyTo(rebuilt, 16);
            message = rebuilt;
        }

        if (opCode == 1)
        {
            Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(32)));
            return new WireReply(responseTo, opCode, BsonDocument.FromBytes(message.AsSpan(36)), compressed, compressorId, false);
        }

        Assert.Equal(2013, opCode);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(16));
        var checksum = (flags & 1) != 0;
        var end = message.Length;
        if (checksum)
        {
            end -= 4;
            Assert.Equal(TestCrc32C.Compute(message.AsSpan(0, end)), BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(end)));
        }

        Assert.Equal(0, message[20]);
        return new WireReply(responseTo, opCode, BsonDocument.FromBytes(message.AsSpan(21, end - 21)), compressed, compressorId, checksum);
    }

    private static byte[] Frame(int requestId, int responseTo, int opCode, byte[] payload, int reserve)
    {
        var message = new byte[16 + payload.Length + reserve];
        BinaryPrimitives.WriteInt32LittleEndian(message, message.Length);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(4), requestId);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(8), responseTo);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(12), opCode);
        payload.CopyTo(message, 16);
        return message;
    }

    private static void Write(Stream stream, byte[] bytes) => stream.Write(bytes, 0, bytes.Length);

    private static byte[] ZlibCompress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] ZlibDecompress(byte[] data)
    {
        using var input = new MemoryStream(data);
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }
}

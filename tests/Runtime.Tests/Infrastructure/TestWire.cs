using MongoDB.Bson;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Tests.Infrastructure;

/// <summary>A request as the test server sees it.</summary>
public sealed record TestRequest(
    int RequestId,
    int Opcode,
    int? CompressorId,
    uint Flags,
    BsonDocument Body,
    IReadOnlyDictionary<string, List<BsonDocument>> Sequences,
    bool HadChecksum)
{
    public string CommandName => Body.GetElement(0).Name;
}

/// <summary>
/// The test side of the wire protocol, written separately from the client's so that a misunderstanding is not
/// mirrored: parses requests (OP_MSG, OP_QUERY, OP_COMPRESSED) and builds replies byte by byte.
/// </summary>
public static class TestWire
{
    public const int OpReply = 1;
    public const int OpQuery = 2004;
    public const int OpCompressed = 2012;
    public const int OpMsg = 2013;

    public static TestRequest Parse(byte[] message)
    {
        var requestId = BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(4));
        var opcode = BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(12));
        int? compressorId = null;
        if (opcode == OpCompressed)
        {
            var original = BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(16));
            var size = BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(20));
            compressorId = message[24];
            var body = Decompress(compressorId.Value, message.AsSpan(25).ToArray(), size);
            var rebuilt = new byte[size + 16];
            BinaryPrimitives.WriteInt32LittleEndian(rebuilt, size + 16);
            BinaryPrimitives.WriteInt32LittleEndian(rebuilt.AsSpan(4), requestId);
            BinaryPrimitives.WriteInt32LittleEndian(rebuilt.AsSpan(12), original);
            body.CopyTo(rebuilt, 16);
            return Parse(rebuilt) with { CompressorId = compressorId };
        }

        if (opcode == OpQuery)
        {
            var p = 20;
            while (message[p] != 0)
            {
                p++;
            }

            var collection = Encoding.UTF8.GetString(message, 20, p - 20);
            Assert.Equal("admin.$cmd", collection);
            p += 1 + 8;
            var length = BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(p));
            return new TestRequest(requestId, opcode, null, 0, BsonDocument.FromBytes(message.AsSpan(p, length)), new Dictionary<string, List<BsonDocument>>(), false);
        }

        Assert.Equal(OpMsg, opcode);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(16));
        var end = message.Length;
        var checksum = (flags & 1) != 0;
        if (checksum)
        {
            end -= 4;
            Assert.Equal(TestCrc32C(message.AsSpan(0, end)), BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(end)));
        }

        BsonDocument? bodyDocument = null;
        var sequences = new Dictionary<string, List<BsonDocument>>();
        var position = 20;
        while (position < end)
        {
            var kind = message[position++];
            var size = BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(position));
            if (kind == 0)
            {
                bodyDocument = BsonDocument.FromBytes(message.AsSpan(position, size));
                position += size;
                continue;
            }

            Assert.Equal(1, kind);
            var sectionEnd = position + size;
            var p = position + 4;
            var nameStart = p;
            while (message[p] != 0)
            {
                p++;
            }

            var identifier = Encoding.UTF8.GetString(message, nameStart, p - nameStart);
            p++;
            var documents = new List<BsonDocument>();
            while (p < sectionEnd)
            {
                var length = BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(p));
                documents.Add(BsonDocument.FromBytes(message.AsSpan(p, length)));
                p += length;
            }

            sequences[identifier] = documents;
            position = sectionEnd;
        }

        return new TestRequest(requestId, opcode, null, flags, bodyDocument!, sequences, checksum);
    }

    /// <summary>An OP_MSG reply with one body section.</summary>
    public static byte[] Msg(int responseTo, BsonDocument body, uint flags = 0, bool checksum = false, int? requestId = null)
    {
        var bodyBytes = body.ToBytes();
        if (checksum)
        {
            flags |= 1;
        }

        var length = 16 + 4 + 1 + bodyBytes.Length + (checksum ? 4 : 0);
        var message = new byte[length];
        WriteHeader(message, length, requestId ?? 777, responseTo, OpMsg);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(16), flags);
        message[20] = 0;
        bodyBytes.CopyTo(message, 21);
        if (checksum)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(length - 4), TestCrc32C(message.AsSpan(0, length - 4)));
        }

        return message;
    }

    /// <summary>An OP_MSG reply with a body and one document sequence.</summary>
    public static byte[] MsgWithSequence(int responseTo, BsonDocument body, string identifier, IEnumerable<BsonDocument> documents)
    {
        var stream = new MemoryStream();
        stream.Write(new byte[20]);
        stream.WriteByte(0);
        stream.Write(body.ToBytes());
        stream.WriteByte(1);
        var sequence = new MemoryStream();
        sequence.Write(new byte[4]);
        sequence.Write(Encoding.UTF8.GetBytes(identifier + "\0"));
        foreach (var document in documents)
        {
            sequence.Write(document.ToBytes());
        }

        var sequenceBytes = sequence.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(sequenceBytes, sequenceBytes.Length);
        stream.Write(sequenceBytes);
        var message = stream.ToArray();
        WriteHeader(message, message.Length, 778, responseTo, OpMsg);
        return message;
    }

    /// <summary>An OP_REPLY with one document, as answered to the legacy OP_QUERY hello.</summary>
    public static byte[] Reply(int responseTo, BsonDocument document, int responseFlags = 0)
    {
        var bytes = document.ToBytes();
        var length = 36 + bytes.Length;
        var message = new byte[length];
        WriteHeader(message, length, 779, responseTo, OpReply);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(16), responseFlags);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(32), 1);
        bytes.CopyTo(message, 36);
        return message;
    }

    /// <summary>Wraps a whole message in OP_COMPRESSED with zlib (compressor id 2) or noop (0).</summary>
    public static byte[] Compress(byte[] message, int compressorId)
    {
        var payload = message.AsSpan(16).ToArray();
        byte[] compressed;
        if (compressorId == 2)
        {
            var output = new MemoryStream();
            using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(payload);
            }

            compressed = output.ToArray();
        }
        else if (compressorId == 1)
        {
            compressed = Snappier.Snappy.CompressToArray(payload);
        }
        else
        {
            compressed = payload;
        }

        var result = new byte[25 + compressed.Length];
        WriteHeader(result, result.Length, BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(4)), BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(8)), OpCompressed);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(16), BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(12)));
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(20), payload.Length);
        result[24] = (byte)compressorId;
        compressed.CopyTo(result, 25);
        return result;
    }

    public static void WriteHeader(Span<byte> message, int length, int requestId, int responseTo, int opcode)
    {
        BinaryPrimitives.WriteInt32LittleEndian(message, length);
        BinaryPrimitives.WriteInt32LittleEndian(message[4..], requestId);
        BinaryPrimitives.WriteInt32LittleEndian(message[8..], responseTo);
        BinaryPrimitives.WriteInt32LittleEndian(message[12..], opcode);
    }

    /// <summary>A bit-by-bit CRC-32C, independent of the client's table and intrinsics.</summary>
    public static uint TestCrc32C(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] Decompress(int compressorId, byte[] data, int size)
    {
        switch (compressorId)
        {
            case 0:
                return data;
            case 1:
                return Snappier.Snappy.DecompressToArray(data);
            case 2:
                using (var zlib = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress))
                {
                    var output = new MemoryStream();
                    zlib.CopyTo(output);
                    Assert.Equal(size, output.Length);
                    return output.ToArray();
                }

            case 3:
                var target = new byte[size];
                OpenQuizz.Typed.Compression.ZstdCompressor.Instance.Decompress(data, target);
                return target;
            default:
                throw new InvalidOperationException($"Unknown compressor id {compressorId}.");
        }
    }
}

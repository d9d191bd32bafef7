using MongoDB.Bson;
using System.Buffers;
using System.Buffers.Binary;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Compression;
using OpenQuizz.Typed.Tests.Infrastructure;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Tests.WireProtocol;

public class MessageDecoderTests
{
    private static readonly BsonDocument Ok = new() { { "ok", 1.0 }, { "n", 3 } };

    private static ReplyMessage Decode(byte[] message, int maxMessageSize = 48_000_000)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(message.Length);
        message.CopyTo(buffer, 0);
        return MessageDecoder.Decode(buffer, message.Length, null, maxMessageSize, FakeServer.Address);
    }

    [Fact]
    public void Decodes_a_body()
    {
        using var reply = Decode(TestWire.Msg(5, Ok));
        Assert.Equal(Ok, reply.ToBsonDocument());
        Assert.Equal(5, reply.Header.ResponseTo);
        Assert.False(reply.MoreToCome);
        Assert.Equal(0, reply.SequenceCount);
        Assert.True(ReplyInspector.IsOk(reply.Body));
    }

    [Fact]
    public void Decodes_document_sequences()
    {
        var documents = new[] { new BsonDocument("a", 1), new BsonDocument("b", "two") };
        using var reply = Decode(TestWire.MsgWithSequence(1, Ok, "docs", documents));
        Assert.Equal(1, reply.SequenceCount);
        Assert.Equal("docs", reply.GetSequenceIdentifier(0));
        var bytes = reply.GetSequenceDocuments(0).ToArray();
        Assert.Equal(documents[0].ToBytes().Concat(documents[1].ToBytes()), bytes);
    }

    [Fact]
    public void Verifies_a_good_checksum_and_reads_more_to_come()
    {
        using var reply = Decode(TestWire.Msg(1, Ok, flags: 2, checksum: true));
        Assert.True(reply.MoreToCome);
        Assert.Equal(Ok, reply.ToBsonDocument());
    }

    [Fact]
    public void Rejects_a_checksum_mismatch()
    {
        var message = TestWire.Msg(1, Ok, checksum: true);
        message[^1] ^= 0xFF;
        var error = Assert.Throws<MongoProtocolException>(() => Decode(message));
        Assert.Contains("checksum", error.Message);
        Assert.Equal(FakeServer.Address, error.Address);
    }

    [Fact]
    public void Rejects_unknown_required_flag_bits_but_ignores_optional_ones()
    {
        Assert.Throws<MongoProtocolException>(() => Decode(TestWire.Msg(1, Ok, flags: 1u << 5)));
        using var reply = Decode(TestWire.Msg(1, Ok, flags: 1u << 20));
        Assert.Equal(Ok, reply.ToBsonDocument());
    }

    public static TheoryData<string> Malformations => new()
    {
        "document length beyond the message",
        "document without terminator",
        "no body",
        "two bodies",
        "unknown section kind",
        "sequence larger than the message",
        "not a reply opcode",
        "header length disagrees",
        "too short",
    };

    [Theory]
    [MemberData(nameof(Malformations))]
    public void Rejects_malformed_messages(string malformation)
    {
        var message = TestWire.Msg(1, Ok);
        switch (malformation)
        {
            case "document length beyond the message":
                BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(21), message.Length);
                break;
            case "document without terminator":
                message[^1] = 7;
                break;
            case "no body":
                message = TestWire.MsgWithSequence(1, Ok, "x", [Ok]);
                message[20] = 1;
                break;
            case "two bodies":
                var body = Ok.ToBytes();
                var twice = message.Concat(new byte[] { 0 }).Concat(body).ToArray();
                BinaryPrimitives.WriteInt32LittleEndian(twice, twice.Length);
                message = twice;
                break;
            case "unknown section kind":
                message[20] = 9;
                break;
            case "sequence larger than the message":
                message = TestWire.MsgWithSequence(1, Ok, "x", [Ok]);
                BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(21 + Ok.ToBytes().Length + 1), 10_000);
                break;
            case "not a reply opcode":
                BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(12), 2004);
                break;
            case "header length disagrees":
                BinaryPrimitives.WriteInt32LittleEndian(message, message.Length + 1);
                break;
            case "too short":
                message = message[..22];
                BinaryPrimitives.WriteInt32LittleEndian(message, message.Length);
                break;
        }

        Assert.Throws<MongoProtocolException>(() => Decode(message));
    }

    [Fact]
    public void Decodes_op_reply_and_its_query_failure_bit()
    {
        using (var reply = Decode(TestWire.Reply(3, Ok)))
        {
            Assert.Equal(Ok, reply.ToBsonDocument());
            Assert.False(reply.QueryFailure);
        }

        using var failure = Decode(TestWire.Reply(3, new BsonDocument("$err", "boom"), responseFlags: 2));
        Assert.True(failure.QueryFailure);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Decompresses_op_compressed(int compressorId)
    {
        var original = TestWire.Msg(8, Ok);
        using var reply = Decode(TestWire.Compress(original, compressorId));
        Assert.Equal(Ok, reply.ToBsonDocument());
        Assert.Equal(8, reply.Header.ResponseTo);
        Assert.Equal(Opcode.Msg, reply.Header.Opcode);
    }

    [Fact]
    public void Checksum_inside_a_compressed_message_is_verified_over_the_rebuilt_message()
    {
        using (var reply = Decode(TestWire.Compress(TestWire.Msg(8, Ok, checksum: true), 2)))
        {
            Assert.Equal(Ok, reply.ToBsonDocument());
        }

        var corrupt = TestWire.Msg(8, Ok, checksum: true);
        corrupt[^2] ^= 1;
        Assert.Throws<MongoProtocolException>(() => Decode(TestWire.Compress(corrupt, 2)));
    }

    [Fact]
    public void Rejects_corrupt_compressed_data_unknown_compressors_and_oversize_announcements()
    {
        var compressed = TestWire.Compress(TestWire.Msg(8, Ok), 2);
        compressed[^3] ^= 0x5A;
        compressed[27] ^= 0x5A;
        Assert.Throws<MongoProtocolException>(() => Decode(compressed));

        var unknown = TestWire.Compress(TestWire.Msg(8, Ok), 0);
        unknown[24] = 42;
        Assert.Throws<MongoProtocolException>(() => Decode(unknown));

        var oversize = TestWire.Compress(TestWire.Msg(8, Ok), 0);
        BinaryPrimitives.WriteInt32LittleEndian(oversize.AsSpan(20), 1_000_000);
        Assert.Throws<MongoProtocolException>(() => Decode(oversize, maxMessageSize: 1000));

        var wrongSize = TestWire.Compress(TestWire.Msg(8, Ok), 1);
        BinaryPrimitives.WriteInt32LittleEndian(wrongSize.AsSpan(20), 40);
        Assert.Throws<MongoProtocolException>(() => Decode(wrongSize));
    }

    [Fact]
    public void Zstd_replies_decompress()
    {
        var original = TestWire.Msg(8, Ok);
        using var buffer = new PooledByteBufferWriter();
        OpCompressedEncoder.Encode(original, ZstdCompressor.Instance, buffer);
        using var reply = Decode(buffer.ToArray());
        Assert.Equal(Ok, reply.ToBsonDocument());
    }

    [Fact]
    public void Reply_inspector_reads_ok_in_every_numeric_form()
    {
        Assert.True(ReplyInspector.IsOk(new BsonDocument("ok", 1).ToBytes()));
        Assert.True(ReplyInspector.IsOk(new BsonDocument("ok", 1L).ToBytes()));
        Assert.True(ReplyInspector.IsOk(new BsonDocument("ok", true).ToBytes()));
        Assert.True(ReplyInspector.IsOk(new BsonDocument { { "x", new BsonDocument("ok", 0) }, { "ok", 1.0 } }.ToBytes()));
        Assert.False(ReplyInspector.IsOk(new BsonDocument("ok", 0.0).ToBytes()));
        Assert.False(ReplyInspector.IsOk(new BsonDocument("n", 1).ToBytes()));
    }
}

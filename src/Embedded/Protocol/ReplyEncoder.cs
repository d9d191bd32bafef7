using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Protocol.Compression;

namespace OpenQuizz.Typed.Embedded.Protocol;

/// <summary>Frames reply documents as OP_MSG or OP_REPLY, optionally with a checksum and compression.</summary>
internal static class ReplyEncoder
{
    /// <summary>mongod sets AwaitCapable on every OP_REPLY.</summary>
    private const int AwaitCapable = 8;

    public static void WriteMsg(PooledByteBufferWriter output, int requestId, int responseTo, BsonDocument body, bool checksum, MessageCompressor? compressor)
    {
        if (compressor is null)
        {
            WriteMsgUncompressed(output, requestId, responseTo, body, checksum);
            return;
        }

        using var scratch = new PooledByteBufferWriter(1024);
        WriteMsgUncompressed(scratch, requestId, responseTo, body, checksum);
        WriteCompressed(output, scratch.WrittenSpan, compressor);
    }

    public static void WriteReply(PooledByteBufferWriter output, int requestId, int responseTo, BsonDocument document, MessageCompressor? compressor)
    {
        using var scratch = new PooledByteBufferWriter(512);
        var start = scratch.WrittenCount;
        var fixedPart = scratch.GetSpan(WireLimits.HeaderLength + 20);
        new MessageHeader(0, requestId, responseTo, OpCode.Reply).Write(fixedPart);
        BinaryPrimitives.WriteInt32LittleEndian(fixedPart[16..], AwaitCapable);
        BinaryPrimitives.WriteInt64LittleEndian(fixedPart[20..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(fixedPart[28..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(fixedPart[32..], 1);
        scratch.Advance(WireLimits.HeaderLength + 20);
        document.WriteTo(scratch);
        CheckReplySize(scratch.WrittenCount - start - WireLimits.HeaderLength - 20);
        PatchLength(scratch, start);
        if (compressor is null)
        {
            output.Write(scratch.WrittenSpan);
        }
        else
        {
            WriteCompressed(output, scratch.WrittenSpan, compressor);
        }
    }

    private static void WriteMsgUncompressed(PooledByteBufferWriter output, int requestId, int responseTo, BsonDocument body, bool checksum)
    {
        var start = output.WrittenCount;
        var fixedPart = output.GetSpan(WireLimits.HeaderLength + 5);
        new MessageHeader(0, requestId, responseTo, OpCode.Msg).Write(fixedPart);
        BinaryPrimitives.WriteUInt32LittleEndian(fixedPart[16..], checksum ? (uint)OpMsgFlags.ChecksumPresent : 0);
        fixedPart[20] = 0;
        output.Advance(WireLimits.HeaderLength + 5);
        body.WriteTo(output);
        CheckReplySize(output.WrittenCount - start - WireLimits.HeaderLength - 5);
        if (checksum)
        {
            output.GetSpan(4);
            output.Advance(4);
            PatchLength(output, start);
            var written = Writable(output);
            var crc = Crc32C.Compute(written[start..^4]);
            BinaryPrimitives.WriteUInt32LittleEndian(written[^4..], crc);
        }
        else
        {
            PatchLength(output, start);
        }
    }

    private static void WriteCompressed(PooledByteBufferWriter output, ReadOnlySpan<byte> message, MessageCompressor compressor)
    {
        var header = MessageHeader.Read(message);
        var start = output.WrittenCount;
        var fixedPart = output.GetSpan(WireLimits.HeaderLength + 9);
        new MessageHeader(0, header.RequestId, header.ResponseTo, OpCode.Compressed).Write(fixedPart);
        BinaryPrimitives.WriteInt32LittleEndian(fixedPart[16..], (int)header.OpCode);
        BinaryPrimitives.WriteInt32LittleEndian(fixedPart[20..], message.Length - WireLimits.HeaderLength);
        fixedPart[24] = compressor.Id;
        output.Advance(WireLimits.HeaderLength + 9);
        compressor.Compress(message[WireLimits.HeaderLength..], output);
        PatchLength(output, start);
    }

    /// <summary>
    /// A reply past the largest object a client accepts fails its command (as mongod's BSONObjectTooLarge does) rather
    /// than reaching a client that would drop the connection over it.
    /// </summary>
    private static void CheckReplySize(int bodyLength)
    {
        if (bodyLength > WireLimits.MaxReplyObjectSize)
        {
            throw new MongoServerException(ErrorCodes.BsonObjectTooLarge, $"BSONObj size: {bodyLength} is invalid. Size must be between 0 and {WireLimits.MaxReplyObjectSize}(16MB)");
        }
    }

    private static void PatchLength(PooledByteBufferWriter output, int start)
    {
        var written = Writable(output);
        BinaryPrimitives.WriteInt32LittleEndian(written[start..], written.Length - start);
    }

    private static Span<byte> Writable(PooledByteBufferWriter output) => output.MutableWrittenSpan;
}

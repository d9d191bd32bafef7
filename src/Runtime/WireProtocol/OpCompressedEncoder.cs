using System.Buffers.Binary;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Compression;

namespace OpenQuizz.Typed.WireProtocol;

/// <summary>Wraps an encoded message in OP_COMPRESSED.</summary>
internal static class OpCompressedEncoder
{
    /// <summary>Header, original opcode, uncompressed size and compressor id: everything before the compressed bytes.</summary>
    public const int Overhead = MessageHeader.Size + 9;

    /// <summary>Appends to <paramref name="output"/> the compressed form of the whole message <paramref name="message"/>.</summary>
    public static int Encode(ReadOnlySpan<byte> message, ICompressor compressor, PooledByteBufferWriter output)
    {
        var header = MessageHeader.Read(message);
        var start = MessageBuffers.Reserve(output, MessageHeader.Size);
        MessageBuffers.WriteInt32(output, (int)header.Opcode);
        MessageBuffers.WriteInt32(output, message.Length - MessageHeader.Size);
        MessageBuffers.WriteByte(output, (byte)compressor.Type);
        compressor.Compress(message[MessageHeader.Size..], output);
        var length = output.WrittenCount - start;
        new MessageHeader(length, header.RequestId, header.ResponseTo, Opcode.Compressed)
            .Write(MessageBuffers.Writable(output).Slice(start, MessageHeader.Size));
        return length;
    }

    /// <summary>Reads the fields after the header of an OP_COMPRESSED message.</summary>
    public static bool TryReadPrefix(ReadOnlySpan<byte> message, out Opcode originalOpcode, out int uncompressedSize, out byte compressorId)
    {
        if (message.Length < Overhead)
        {
            originalOpcode = default;
            uncompressedSize = 0;
            compressorId = 0;
            return false;
        }

        originalOpcode = (Opcode)BinaryPrimitives.ReadInt32LittleEndian(message[16..]);
        uncompressedSize = BinaryPrimitives.ReadInt32LittleEndian(message[20..]);
        compressorId = message[24];
        return true;
    }
}

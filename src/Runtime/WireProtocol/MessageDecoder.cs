using System.Buffers;
using System.Buffers.Binary;
using OpenQuizz.Typed.Compression;

namespace OpenQuizz.Typed.WireProtocol;

/// <summary>
/// Frames a whole message read into a pooled buffer: decompresses OP_COMPRESSED, verifies the OP_MSG checksum and
/// checks every section's bounds. Anything that does not parse raises <see cref="MongoProtocolException"/>.
/// </summary>
internal static class MessageDecoder
{
    private const int OpMsgMinimum = MessageHeader.Size + 4 + 1 + 5;
    private const int OpReplyPrefix = MessageHeader.Size + 20;

    /// <summary>Decodes <paramref name="buffer"/>, taking ownership of it (it is returned to the pool on every path).</summary>
    public static ReplyMessage Decode(byte[] buffer, int length, ICompressor? negotiated, int maxMessageSize, MongoServerAddress? address)
    {
        try
        {
            var header = MessageHeader.Read(buffer);
            if (header.MessageLength != length)
            {
                throw Violation(address, $"the header announces {header.MessageLength} bytes but {length} were framed");
            }

            if (header.Opcode == Opcode.Compressed)
            {
                var decompressed = Decompress(buffer, length, negotiated, maxMessageSize, address, out length);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = decompressed;
                header = MessageHeader.Read(buffer);
            }

            var reply = header.Opcode switch
            {
                Opcode.Msg => DecodeOpMsg(buffer, header, address),
                Opcode.Reply => DecodeOpReply(buffer, header, address),
                _ => throw Violation(address, $"opcode {(int)header.Opcode} is not a reply opcode"),
            };
            buffer = null!;
            return reply;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static byte[] Decompress(byte[] buffer, int length, ICompressor? negotiated, int maxMessageSize, MongoServerAddress? address, out int newLength)
    {
        if (!OpCompressedEncoder.TryReadPrefix(buffer.AsSpan(0, length), out var original, out var size, out var id))
        {
            throw Violation(address, "the OP_COMPRESSED message is shorter than its fixed fields");
        }

        if (size < 0 || size > maxMessageSize - MessageHeader.Size)
        {
            throw Violation(address, $"the OP_COMPRESSED message announces {size} uncompressed bytes, outside 0..{maxMessageSize - MessageHeader.Size}");
        }

        if (original is not (Opcode.Msg or Opcode.Reply))
        {
            throw Violation(address, $"the OP_COMPRESSED message wraps opcode {(int)original}");
        }

        var compressor = CompressorFactory.ForId(id, negotiated)
            ?? throw Violation(address, $"the OP_COMPRESSED message uses unknown compressor id {id}");
        newLength = size + MessageHeader.Size;
        var target = ArrayPool<byte>.Shared.Rent(newLength);
        try
        {
            var header = MessageHeader.Read(buffer);
            new MessageHeader(newLength, header.RequestId, header.ResponseTo, original).Write(target);
            compressor.Decompress(buffer.AsSpan(OpCompressedEncoder.Overhead, length - OpCompressedEncoder.Overhead), target.AsSpan(MessageHeader.Size, size));
            return target;
        }
        catch (MongoCompressionException e)
        {
            ArrayPool<byte>.Shared.Return(target);
            throw new MongoProtocolException(address, $"The server's reply could not be decompressed with {compressor.Type}.", e);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(target);
            throw;
        }
    }

    private static ReplyMessage DecodeOpMsg(byte[] buffer, MessageHeader header, MongoServerAddress? address)
    {
        var length = header.MessageLength;
        if (length < OpMsgMinimum)
        {
            throw Violation(address, $"an OP_MSG of {length} bytes is too short to hold a body");
        }

        var data = buffer.AsSpan(0, length);
        var flags = (OpMsgFlags)BinaryPrimitives.ReadUInt32LittleEndian(data[16..]);
        var unknownRequired = (uint)flags & 0xFFFFu & ~(uint)OpMsgFlags.KnownRequiredBits;
        if (unknownRequired != 0)
        {
            throw Violation(address, $"the OP_MSG sets required flag bits 0x{unknownRequired:X} that this client does not know");
        }

        var end = length;
        if ((flags & OpMsgFlags.ChecksumPresent) != 0)
        {
            end -= 4;
            var expected = BinaryPrimitives.ReadUInt32LittleEndian(data[end..]);
            if (Crc32C.Compute(data[..end]) != expected)
            {
                throw Violation(address, "the OP_MSG checksum does not match its contents");
            }
        }

        var position = 20;
        var bodyOffset = -1;
        var bodyLength = 0;
        List<ReplyMessage.SequenceRange>? sequences = null;
        while (position < end)
        {
            var kind = data[position++];
            switch (kind)
            {
                case 0:
                    if (bodyOffset >= 0)
                    {
                        throw Violation(address, "the OP_MSG has two body sections");
                    }

                    bodyLength = DocumentLength(data, position, end, address);
                    bodyOffset = position;
                    position += bodyLength;
                    break;
                case 1:
                    if (end - position < 4)
                    {
                        throw Violation(address, "a document sequence is truncated");
                    }

                    var size = BinaryPrimitives.ReadInt32LittleEndian(data[position..]);
                    if (size < 5 || size > end - position)
                    {
                        throw Violation(address, $"a document sequence of {size} bytes does not fit the message");
                    }

                    var sectionEnd = position + size;
                    var identifierStart = position + 4;
                    var nul = data[identifierStart..sectionEnd].IndexOf((byte)0);
                    if (nul <= 0)
                    {
                        throw Violation(address, "a document sequence has no identifier");
                    }

                    var documentsStart = identifierStart + nul + 1;
                    for (var p = documentsStart; p < sectionEnd;)
                    {
                        p += DocumentLength(data, p, sectionEnd, address);
                    }

                    (sequences ??= []).Add(new(identifierStart, nul, documentsStart, sectionEnd - documentsStart));
                    position = sectionEnd;
                    break;
                default:
                    throw Violation(address, $"section kind {kind} is not known");
            }
        }

        if (bodyOffset < 0)
        {
            throw Violation(address, "the OP_MSG has no body section");
        }

        return new ReplyMessage(buffer, header, flags, bodyOffset, bodyLength, sequences?.ToArray(), queryFailure: false);
    }

    private static ReplyMessage DecodeOpReply(byte[] buffer, MessageHeader header, MongoServerAddress? address)
    {
        var length = header.MessageLength;
        if (length < OpReplyPrefix + 5)
        {
            throw Violation(address, $"an OP_REPLY of {length} bytes is too short to hold a document");
        }

        var data = buffer.AsSpan(0, length);
        var responseFlags = BinaryPrimitives.ReadInt32LittleEndian(data[16..]);
        var numberReturned = BinaryPrimitives.ReadInt32LittleEndian(data[32..]);
        if (numberReturned != 1)
        {
            throw Violation(address, $"the OP_REPLY to a command returns {numberReturned} documents instead of 1");
        }

        var bodyLength = DocumentLength(data, OpReplyPrefix, length, address);
        if (OpReplyPrefix + bodyLength != length)
        {
            throw Violation(address, "the OP_REPLY has bytes after its document");
        }

        const int QueryFailureBit = 1 << 1;
        return new ReplyMessage(buffer, header, OpMsgFlags.None, OpReplyPrefix, bodyLength, null, (responseFlags & QueryFailureBit) != 0);
    }

    private static int DocumentLength(ReadOnlySpan<byte> data, int position, int end, MongoServerAddress? address)
    {
        if (end - position < 5)
        {
            throw Violation(address, $"a document at offset {position} is truncated");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(data[position..]);
        if (length < 5 || length > end - position || data[position + length - 1] != 0)
        {
            throw Violation(address, $"the document at offset {position} announces {length} bytes, which do not frame a document");
        }

        return length;
    }

    private static MongoProtocolException Violation(MongoServerAddress? address, string detail) =>
        new(address, $"The server's reply is invalid: {detail}.");
}

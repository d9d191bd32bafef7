using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Protocol.Compression;

namespace OpenQuizz.Typed.Embedded.Protocol;

/// <summary>
/// Decodes one whole message (header included) that the connection has already read into memory, so every step
/// here is synchronous span code. Any malformation raises <see cref="ProtocolException"/>.
/// </summary>
internal static class MessageDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static WireRequest Decode(ReadOnlySpan<byte> message, CompressorRegistry compressors)
    {
        var header = MessageHeader.Read(message);
        try
        {
            switch (header.OpCode)
            {
                case OpCode.Msg:
                    return DecodeMsg(header, message);
                case OpCode.Query:
                    return DecodeQuery(header, message);
                case OpCode.Compressed:
                    return DecodeCompressed(header, message, compressors);
                default:
                    throw new ProtocolException($"unsupported opcode {(int)header.OpCode}", canReply: false);
            }
        }
        catch (BsonException ex)
        {
            throw new ProtocolException("invalid BSON in message: " + ex.Message);
        }
        catch (DecoderFallbackException)
        {
            throw new ProtocolException("invalid UTF-8 in message");
        }
    }

    private static WireRequest DecodeCompressed(MessageHeader header, ReadOnlySpan<byte> message, CompressorRegistry compressors)
    {
        if (message.Length < WireLimits.HeaderLength + 9)
        {
            throw new ProtocolException("OP_COMPRESSED message is too short");
        }

        var originalOpCode = (OpCode)BinaryPrimitives.ReadInt32LittleEndian(message[16..]);
        var uncompressedSize = BinaryPrimitives.ReadInt32LittleEndian(message[20..]);
        var compressorId = message[24];
        if (originalOpCode is not (OpCode.Msg or OpCode.Query))
        {
            throw new ProtocolException($"OP_COMPRESSED cannot wrap opcode {(int)originalOpCode}");
        }

        if (uncompressedSize < 5 || uncompressedSize > WireLimits.MaxMessageSizeBytes - WireLimits.HeaderLength)
        {
            throw new ProtocolException($"OP_COMPRESSED announces an invalid uncompressed size {uncompressedSize}");
        }

        var compressor = compressors.Find(compressorId)
            ?? throw new ProtocolException($"unknown or disabled compressor id {compressorId}");

        if (uncompressedSize > compressor.MaxExpansion(message.Length - 25))
        {
            throw new ProtocolException($"OP_COMPRESSED announces {uncompressedSize} bytes, more than {message.Length - 25} bytes of {compressor.Name} can hold");
        }

        // The checksum of a compressed OP_MSG covers the original message, so rebuild it with its own header.
        var total = uncompressedSize + WireLimits.HeaderLength;
        var buffer = ByteBuffers.Rent(total);
        try
        {
            var original = buffer.AsSpan(0, total);
            new MessageHeader(total, header.RequestId, header.ResponseTo, originalOpCode).Write(original);
            try
            {
                compressor.Decompress(message[25..], original[WireLimits.HeaderLength..]);
            }
            catch (Exception ex) when (ex is not ProtocolException and not OutOfMemoryException)
            {
                // Whatever a codec throws on hostile input (an empty payload, say) is a malformed message, not a server fault.
                throw new ProtocolException($"cannot decompress the {compressor.Name} payload: {ex.Message}");
            }

            var request = originalOpCode == OpCode.Msg
                ? DecodeMsg(MessageHeader.Read(original), original)
                : DecodeQuery(MessageHeader.Read(original), original);
            request.Compressor = compressor;
            return request;
        }
        finally
        {
            ByteBuffers.Return(buffer);
        }
    }

    private static WireRequest DecodeMsg(MessageHeader header, ReadOnlySpan<byte> message)
    {
        if (message.Length < WireLimits.HeaderLength + 4 + 1)
        {
            throw new ProtocolException("OP_MSG is too short");
        }

        var flags = (OpMsgFlags)BinaryPrimitives.ReadUInt32LittleEndian(message[16..]);
        var unknownRequired = flags & OpMsgFlags.RequiredMask & ~(OpMsgFlags.ChecksumPresent | OpMsgFlags.MoreToCome);
        if (unknownRequired != 0)
        {
            throw new ProtocolException($"OP_MSG has unknown required flag bits 0x{(uint)unknownRequired:X}");
        }

        var end = message.Length;
        if ((flags & OpMsgFlags.ChecksumPresent) != 0)
        {
            if (end < WireLimits.HeaderLength + 4 + 1 + 4)
            {
                throw new ProtocolException("OP_MSG is too short for its checksum");
            }

            end -= 4;
            var expected = BinaryPrimitives.ReadUInt32LittleEndian(message[end..]);
            var actual = Crc32C.Compute(message[..end]);
            if (expected != actual)
            {
                throw new ProtocolException($"OP_MSG checksum mismatch: expected 0x{expected:X8}, computed 0x{actual:X8}", code: ErrorCodes.ChecksumMismatch);
            }
        }

        BsonDocument? body = null;
        List<(string Name, BsonArray Documents)>? sequences = null;
        var position = WireLimits.HeaderLength + 4;
        while (position < end)
        {
            var kind = message[position++];
            switch (kind)
            {
                case 0:
                    if (body is not null)
                    {
                        throw new ProtocolException("OP_MSG has more than one body section");
                    }

                    var length = DocumentLength(message, position, end);
                    body = BsonDocument.FromBytes(message.Slice(position, length));
                    position += length;
                    break;
                case 1:
                    if (end - position < 5)
                    {
                        throw new ProtocolException("OP_MSG document sequence is truncated");
                    }

                    var size = BinaryPrimitives.ReadInt32LittleEndian(message[position..]);
                    if (size < 5 || size > end - position)
                    {
                        throw new ProtocolException("OP_MSG document sequence has an invalid size");
                    }

                    var sequenceEnd = position + size;
                    var cursor = position + 4;
                    var nul = message[cursor..sequenceEnd].IndexOf((byte)0);
                    if (nul < 0)
                    {
                        throw new ProtocolException("OP_MSG document sequence identifier is not terminated");
                    }

                    var identifier = StrictUtf8.GetString(message.Slice(cursor, nul));
                    cursor += nul + 1;
                    var documents = new BsonArray();
                    while (cursor < sequenceEnd)
                    {
                        var docLength = DocumentLength(message, cursor, sequenceEnd);
                        documents.Add(BsonDocument.FromBytes(message.Slice(cursor, docLength)));
                        cursor += docLength;
                    }

                    (sequences ??= []).Add((identifier, documents));
                    position = sequenceEnd;
                    break;
                default:
                    throw new ProtocolException($"OP_MSG has an unknown section kind {kind}");
            }
        }

        if (body is null)
        {
            throw new ProtocolException("OP_MSG has no body section");
        }

        if (sequences is not null)
        {
            foreach (var (name, documents) in sequences)
            {
                if (body.Contains(name))
                {
                    throw new ProtocolException($"duplicate field '{name}' in OP_MSG body and document sequence");
                }

                body.Add(name, documents);
            }
        }

        return new WireRequest { Header = header, OpCode = OpCode.Msg, Command = body, Flags = flags };
    }

    private static WireRequest DecodeQuery(MessageHeader header, ReadOnlySpan<byte> message)
    {
        var position = WireLimits.HeaderLength + 4;
        var nul = position < message.Length ? message[position..].IndexOf((byte)0) : -1;
        if (nul < 0)
        {
            throw new ProtocolException("OP_QUERY collection name is not terminated");
        }

        var ns = StrictUtf8.GetString(message.Slice(position, nul));
        position += nul + 1 + 8; // numberToSkip, numberToReturn
        if (position > message.Length)
        {
            throw new ProtocolException("OP_QUERY is truncated");
        }

        var length = DocumentLength(message, position, message.Length);
        var query = BsonDocument.FromBytes(message.Slice(position, length));

        // Drivers wrap the command in $query when they add a read preference.
        if (query.TryGetValue("$query", out var wrapped) && wrapped is BsonDocument inner)
        {
            query = inner;
        }

        return new WireRequest { Header = header, OpCode = OpCode.Query, Command = query, LegacyNamespace = ns };
    }

    private static int DocumentLength(ReadOnlySpan<byte> message, int position, int end)
    {
        if (end - position < 5)
        {
            throw new ProtocolException("a document in the message is truncated");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(message[position..]);
        if (length < 5 || length > end - position)
        {
            throw new ProtocolException($"a document in the message declares an invalid length {length}");
        }

        if (length > WireLimits.MaxReplyObjectSize)
        {
            throw new ProtocolException($"a document of {length} bytes exceeds the maximum BSON size", code: ErrorCodes.BsonObjectTooLarge);
        }

        return length;
    }
}

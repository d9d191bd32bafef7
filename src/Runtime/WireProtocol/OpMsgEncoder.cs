using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.WireProtocol;

/// <summary>Where the parts of an encoded message sit in its buffer.</summary>
internal readonly record struct EncodedMessage(int Offset, int Length, int RequestId, int BodyOffset, int BodyLength);

/// <summary>Encodes OP_MSG requests: header, flags, the body section, document sequences and the optional checksum.</summary>
internal static class OpMsgEncoder
{
    private static ReadOnlySpan<byte> DbName => "$db"u8;

    private static ReadOnlySpan<byte> ApiVersionName => "apiVersion"u8;

    private static ReadOnlySpan<byte> ApiStrictName => "apiStrict"u8;

    private static ReadOnlySpan<byte> ApiDeprecationErrorsName => "apiDeprecationErrors"u8;

    /// <summary>Appends the message for <paramref name="request"/> to <paramref name="output"/>.</summary>
    public static EncodedMessage Encode(PooledByteBufferWriter output, int requestId, in CommandRequest request, ServerApi? serverApi, bool checksum)
    {
        var start = MessageBuffers.Reserve(output, MessageHeader.Size);
        var flags = OpMsgFlags.None;
        if ((request.Flags & CommandFlags.MoreToCome) != 0)
        {
            flags |= OpMsgFlags.MoreToCome;
        }

        if ((request.Flags & CommandFlags.ExhaustAllowed) != 0)
        {
            flags |= OpMsgFlags.ExhaustAllowed;
        }

        if (checksum)
        {
            flags |= OpMsgFlags.ChecksumPresent;
        }

        MessageBuffers.WriteUInt32(output, (uint)flags);
        MessageBuffers.WriteByte(output, 0);
        var bodyOffset = output.WrittenCount;
        var writer = new BsonSpanWriter(output);
        writer.WriteStartDocument();
        request.Body.WriteElements(ref writer);
        writer.WriteName(DbName);
        writer.WriteString(request.Database);
        if (serverApi is not null && (request.Flags & CommandFlags.OmitServerApi) == 0)
        {
            WriteServerApi(ref writer, serverApi);
        }

        writer.WriteEndDocument();
        var bodyLength = output.WrittenCount - bodyOffset;

        if (request.Sequences is { } sequences)
        {
            for (var i = 0; i < sequences.Count; i++)
            {
                MessageBuffers.WriteByte(output, 1);
                var sizeOffset = MessageBuffers.Reserve(output, 4);
                MessageBuffers.WriteCString(output, sequences[i].Identifier);
                sequences[i].WriteDocuments(output);
                MessageBuffers.PatchInt32(output, sizeOffset, output.WrittenCount - sizeOffset);
            }
        }

        var checksumOffset = checksum ? MessageBuffers.Reserve(output, 4) : -1;
        var length = output.WrittenCount - start;
        new MessageHeader(length, requestId, 0, Opcode.Msg).Write(MessageBuffers.Writable(output).Slice(start, MessageHeader.Size));
        if (checksum)
        {
            var crc = Crc32C.Compute(output.WrittenSpan.Slice(start, checksumOffset - start));
            MessageBuffers.PatchInt32(output, checksumOffset, unchecked((int)crc));
        }

        return new EncodedMessage(start, length, requestId, bodyOffset, bodyLength);
    }

    /// <summary>Writes <c>apiVersion</c>, and <c>apiStrict</c>/<c>apiDeprecationErrors</c> when set.</summary>
    public static void WriteServerApi(ref BsonSpanWriter writer, ServerApi serverApi)
    {
        writer.WriteName(ApiVersionName);
        writer.WriteString(serverApi.VersionString);
        if (serverApi.Strict is { } strict)
        {
            writer.WriteName(ApiStrictName);
            writer.WriteBoolean(strict);
        }

        if (serverApi.DeprecationErrors is { } deprecationErrors)
        {
            writer.WriteName(ApiDeprecationErrorsName);
            writer.WriteBoolean(deprecationErrors);
        }
    }
}

/// <summary>Encodes the legacy OP_QUERY used only for the first hello when no Stable API version is declared.</summary>
internal static class OpQueryEncoder
{
    public static EncodedMessage Encode(PooledByteBufferWriter output, int requestId, ICommandBody body)
    {
        var start = MessageBuffers.Reserve(output, MessageHeader.Size);
        MessageBuffers.WriteInt32(output, 0);
        MessageBuffers.WriteBytes(output, "admin.$cmd\0"u8);
        MessageBuffers.WriteInt32(output, 0);
        MessageBuffers.WriteInt32(output, -1);
        var bodyOffset = output.WrittenCount;
        var writer = new BsonSpanWriter(output);
        writer.WriteStartDocument();
        body.WriteElements(ref writer);
        writer.WriteEndDocument();
        var bodyLength = output.WrittenCount - bodyOffset;
        var length = output.WrittenCount - start;
        new MessageHeader(length, requestId, 0, Opcode.Query).Write(MessageBuffers.Writable(output).Slice(start, MessageHeader.Size));
        return new EncodedMessage(start, length, requestId, bodyOffset, bodyLength);
    }
}

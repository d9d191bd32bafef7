using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Protocol.Compression;

namespace OpenQuizz.Typed.Embedded.Protocol;

/// <summary>A decoded request: the command document with document sequences merged in, and how to answer it.</summary>
internal sealed class WireRequest
{
    public required MessageHeader Header { get; init; }

    /// <summary>The opcode after decompression: <see cref="OpCode.Msg"/> or <see cref="OpCode.Query"/>.</summary>
    public required OpCode OpCode { get; init; }

    public required BsonDocument Command { get; init; }

    public OpMsgFlags Flags { get; init; }

    /// <summary>The compressor of the request, if it came in OP_COMPRESSED; the reply uses the same one.</summary>
    public MessageCompressor? Compressor { get; set; }

    /// <summary>For OP_QUERY, the full collection name (<c>admin.$cmd</c>).</summary>
    public string? LegacyNamespace { get; init; }

    /// <summary>The client wants no reply (OP_MSG moreToCome), as for unacknowledged writes.</summary>
    public bool MoreToCome => (Flags & OpMsgFlags.MoreToCome) != 0;

    public bool ChecksumPresent => (Flags & OpMsgFlags.ChecksumPresent) != 0;
}

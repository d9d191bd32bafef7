using MongoDB.Bson;
using System.Buffers;
using System.Text;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.WireProtocol;

/// <summary>
/// A whole reply read into a pooled buffer and framed: the body document and any document sequences are spans
/// into that buffer, decoded synchronously by the caller. Dispose returns the buffer; spans must not outlive it.
/// </summary>
internal sealed class ReplyMessage : IDisposable
{
    private byte[]? _buffer;
    private readonly int _bodyOffset;
    private readonly int _bodyLength;
    private readonly SequenceRange[]? _sequences;

    internal ReplyMessage(byte[] buffer, MessageHeader header, OpMsgFlags flags, int bodyOffset, int bodyLength, SequenceRange[]? sequences, bool queryFailure)
    {
        _buffer = buffer;
        Header = header;
        Flags = flags;
        _bodyOffset = bodyOffset;
        _bodyLength = bodyLength;
        _sequences = sequences;
        QueryFailure = queryFailure;
    }

    /// <summary>The header of the (decompressed) message; its opcode is OP_MSG or OP_REPLY.</summary>
    public MessageHeader Header { get; }

    /// <summary>The OP_MSG flags; none for OP_REPLY.</summary>
    public OpMsgFlags Flags { get; }

    /// <summary>True when the server will send another reply without a request (exhaust).</summary>
    public bool MoreToCome => (Flags & OpMsgFlags.MoreToCome) != 0;

    /// <summary>True for an OP_REPLY with the QueryFailure bit (the body is then a <c>$err</c> document).</summary>
    public bool QueryFailure { get; }

    /// <summary>The bytes of the body document.</summary>
    public ReadOnlySpan<byte> Body => Buffer.AsSpan(_bodyOffset, _bodyLength);

    /// <summary>The number of document sequences (kind-1 sections).</summary>
    public int SequenceCount => _sequences?.Length ?? 0;

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(ReplyMessage));

    /// <summary>The identifier of sequence <paramref name="index"/>.</summary>
    public string GetSequenceIdentifier(int index)
    {
        var range = _sequences![index];
        return Encoding.UTF8.GetString(Buffer, range.IdentifierOffset, range.IdentifierLength);
    }

    /// <summary>The concatenated documents of sequence <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> GetSequenceDocuments(int index)
    {
        var range = _sequences![index];
        return Buffer.AsSpan(range.DocumentsOffset, range.DocumentsLength);
    }

    /// <summary>Decodes the body into a document.</summary>
    public BsonDocument ToBsonDocument() => BsonDocument.FromBytes(Body);

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal readonly record struct SequenceRange(int IdentifierOffset, int IdentifierLength, int DocumentsOffset, int DocumentsLength);
}

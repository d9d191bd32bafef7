using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Operations.Write;

/// <summary>The limits one write batch must respect, from the handshake of the connection it goes over.</summary>
/// <param name="MaxCount">The most requests in one command (<c>maxWriteBatchSize</c>).</param>
/// <param name="MaxDocumentSize">The largest single document or statement, in bytes.</param>
/// <param name="MaxMessageSize">The largest message, in bytes (<c>maxMessageSizeBytes</c>).</param>
internal readonly record struct BatchLimits(int MaxCount, int MaxDocumentSize, int MaxMessageSize)
{
    // Room a statement may take beyond maxBsonObjectSize: its q/u/upsert wrapping (the spec's command allowance).
    private const int StatementOverhead = 16 * 1024;

    // The optional CRC-32C that follows the last section.
    private const int ChecksumSize = 4;

    /// <summary>Limits for documents to insert: each at most <c>maxBsonObjectSize</c>.</summary>
    public static BatchLimits ForDocuments(ConnectionDescription connection) =>
        new(connection.MaxWriteBatchSize, connection.MaxBsonObjectSize, connection.MaxMessageSizeBytes - ChecksumSize);

    /// <summary>Limits for update and delete statements, which wrap a document of up to <c>maxBsonObjectSize</c>.</summary>
    public static BatchLimits ForStatements(ConnectionDescription connection) =>
        new(connection.MaxWriteBatchSize, connection.MaxBsonObjectSize + StatementOverhead, connection.MaxMessageSizeBytes - ChecksumSize);
}

/// <summary>
/// Where a write operation's batch stands: it starts at <see cref="Start"/> of the operation's requests and, once the first
/// attempt has been encoded, holds exactly <see cref="Count"/> of them. A retry re-encodes the same requests, so a
/// retried batch is the batch the server may already have applied (same <c>txnNumber</c>).
/// </summary>
internal sealed class BatchCursor(int start, int available)
{
    public int Start { get; } = start;

    public int Available { get; } = available;

    /// <summary>How many requests the batch holds; null until the first attempt is encoded.</summary>
    public int? Count { get; set; }
}

/// <summary>
/// A kind-1 section that takes as many of its requests as the limits allow, encoding each straight into the message
/// buffer: after each one it checks the document size and the message size so far, and takes back (truncates) the one
/// that does not fit. The connection encodes every message from the start of a cleared buffer, so the buffer's length
/// is the message's length so far (were it not, the batch would only end early, never too large).
/// </summary>
internal abstract class BatchedSequence(string identifier, BatchCursor cursor, BatchLimits limits) : DocumentSequence(identifier)
{
    public BatchCursor Cursor { get; } = cursor;

    public override void WriteDocuments(PooledByteBufferWriter output)
    {
        var fixedCount = Cursor.Count;
        var max = fixedCount ?? Math.Min(Cursor.Available, limits.MaxCount);
        var count = 0;
        for (; count < max; count++)
        {
            var itemStart = output.WrittenCount;
            WriteItem(Cursor.Start + count, output);
            var size = output.WrittenCount - itemStart;
            if (size > limits.MaxDocumentSize)
            {
                output.Truncate(itemStart);
                if (count == 0 || fixedCount is not null)
                {
                    throw new MongoMessageTooLargeException(
                        $"The {DescribeItem()} at index {Cursor.Start + count} is {size} bytes, more than the server's maximum of {limits.MaxDocumentSize} bytes (maxBsonObjectSize); it was not sent.",
                        size,
                        limits.MaxDocumentSize);
                }

                // Send what precedes it; the next batch starts with it and reports it.
                break;
            }

            if (fixedCount is null && count > 0 && output.WrittenCount > limits.MaxMessageSize)
            {
                output.Truncate(itemStart);
                break;
            }
        }

        Cursor.Count = count;
    }

    /// <summary>Encodes request <paramref name="index"/> (of the operation's list) as one top-level document.</summary>
    protected abstract void WriteItem(int index, PooledByteBufferWriter output);

    /// <summary>What one item is called in errors.</summary>
    protected abstract string DescribeItem();
}

/// <summary>The <c>updates</c> or <c>deletes</c> section: statements written from their values.</summary>
internal sealed class StatementSequence(string identifier, IReadOnlyList<IWriteStatement> statements, BatchCursor cursor, BatchLimits limits)
    : BatchedSequence(identifier, cursor, limits)
{
    protected override void WriteItem(int index, PooledByteBufferWriter output)
    {
        var writer = new BsonSpanWriter(output);
        statements[index].Write(ref writer);
    }

    protected override string DescribeItem() => Identifier == "updates" ? "update statement" : "delete statement";
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Operations.Read;

/// <summary>The <c>getMore</c> command: the next batch of a cursor, on the server (and in the session) of its first batch.</summary>
internal sealed class GetMoreOperation<T>(CollectionNamespace ns, long cursorId, int? batchSize, TimeSpan? maxAwaitTime, BsonValue? comment, IBsonCodec<T> codec)
    : IOperation<CursorBatch<T>>
{
    public string CommandName => "getMore";

    public string DatabaseName => ns.DatabaseName;

    // Not retryable (the cursor moved on the server), and no read preference or read concern: those belong to the first batch.
    public OperationTraits Traits => OperationTraits.SupportsSession | OperationTraits.PinnedToServer;

    public CommandRequest CreateCommand(OperationContext context) =>
        // The Stable API fields go on getMore too ("For getMore, drivers MUST submit API parameters", versioned-api.md).
        new(ns.DatabaseName, new DelegateCommandBody<GetMoreOperation<T>>("getMore", this, static (ref BsonSpanWriter w, GetMoreOperation<T> op) => op.Write(ref w)));

    public CursorBatch<T> HandleReply(ReplyMessage reply, OperationContext context) => CursorReplyReader.Read(reply.Body, codec, ns, context);

    private void Write(ref BsonSpanWriter writer)
    {
        writer.WriteName("getMore"u8);
        writer.WriteInt64(cursorId);
        writer.WriteName("collection"u8);
        writer.WriteString(ns.CollectionName);
        CommandFields.Int32(ref writer, "batchSize"u8, batchSize is > 0 ? batchSize : null);
        CommandFields.MaxTime(ref writer, maxAwaitTime);
        CommandFields.Value(ref writer, "comment"u8, comment);
    }
}

/// <summary>The <c>killCursors</c> command, for a cursor closed before its last batch.</summary>
internal sealed class KillCursorsOperation(CollectionNamespace ns, IReadOnlyList<long> cursorIds) : IOperation<BsonDocument>
{
    public string CommandName => "killCursors";

    public string DatabaseName => ns.DatabaseName;

    public OperationTraits Traits => OperationTraits.SupportsSession | OperationTraits.PinnedToServer;

    public CommandRequest CreateCommand(OperationContext context) =>
        new(ns.DatabaseName, new DelegateCommandBody<KillCursorsOperation>("killCursors", this, static (ref BsonSpanWriter w, KillCursorsOperation op) => op.Write(ref w)));

    public BsonDocument HandleReply(ReplyMessage reply, OperationContext context) => reply.ToBsonDocument();

    private void Write(ref BsonSpanWriter writer)
    {
        writer.WriteName("killCursors"u8);
        writer.WriteString(ns.CollectionName);
        writer.WriteName("cursors"u8);
        writer.WriteStartArray();
        foreach (var id in cursorIds)
        {
            writer.WriteInt64(id);
        }

        writer.WriteEndArray();
    }
}

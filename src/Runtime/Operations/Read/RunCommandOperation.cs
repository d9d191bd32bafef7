using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Operations.Read;

/// <summary>
/// A command given as a document (<c>db.command()</c>), its reply decoded as <typeparamref name="TResult"/> straight
/// from the reply buffer. Runs on the server of its read preference (primary by default) and is never retried: the
/// executor cannot know what it does.
/// </summary>
internal sealed class RunCommandOperation<TResult>(string databaseName, BsonDocument command, IBsonCodec<TResult> codec) : IOperation<TResult>
{
    private readonly BsonDocumentCommandBody _body = new(command);

    public string CommandName => _body.CommandName;

    public string DatabaseName => databaseName;

    public OperationTraits Traits => OperationTraits.Read | OperationTraits.SupportsSession;

    public CommandRequest CreateCommand(OperationContext context) => new(databaseName, _body);

    public TResult HandleReply(ReplyMessage reply, OperationContext context)
    {
        var reader = new BsonSpanReader(reply.Body);
        try
        {
            return codec.Decode(ref reader);
        }
        finally
        {
            reader.Dispose();
        }
    }
}

/// <summary>
/// A command given as a document whose reply is a cursor (<c>runCursorCommand</c>): its first batch, then getMores on
/// the server that holds it. Never retried, like any command given as a document.
/// </summary>
internal sealed class RunCursorCommandOperation(string databaseName, BsonDocument command) : IOperation<CursorBatch<BsonDocument>>
{
    private readonly BsonDocumentCommandBody _body = new(command);

    public string CommandName => _body.CommandName;

    public string DatabaseName => databaseName;

    public OperationTraits Traits => OperationTraits.Read | OperationTraits.SupportsSession | OperationTraits.CreatesCursor;

    public CommandRequest CreateCommand(OperationContext context) => new(databaseName, _body);

    public CursorBatch<BsonDocument> HandleReply(ReplyMessage reply, OperationContext context)
    {
        if (!ReplyFields.TryGetDocument(reply.Body, "cursor"u8, out _))
        {
            throw new InvalidOperationException($"The reply to {CommandName} has no cursor; use RunCommand for commands that do not answer with one.");
        }

        return CursorReplyReader.Read(reply.Body, BsonDocumentCodec.Instance, new CollectionNamespace(databaseName, "$cmd"), context);
    }
}

/// <summary>The <c>endSessions</c> command (on <c>admin</c>) for up to 10,000 session ids, sent when a client closes.</summary>
internal sealed class EndSessionsOperation(IReadOnlyList<BsonDocument> sessionIds) : IOperation<BsonDocument>
{
    /// <summary>The most ids one <c>endSessions</c> may carry (driver-sessions spec).</summary>
    public const int MaxBatch = 10_000;

    public string CommandName => "endSessions";

    public string DatabaseName => "admin";

    // Read: it goes to a server chosen by primaryPreferred. No lsid: the command ends sessions, it runs in none.
    public OperationTraits Traits => OperationTraits.Read;

    public CommandRequest CreateCommand(OperationContext context) =>
        new("admin", new DelegateCommandBody<IReadOnlyList<BsonDocument>>("endSessions", sessionIds, static (ref BsonSpanWriter writer, IReadOnlyList<BsonDocument> ids) =>
        {
            writer.WriteName("endSessions"u8);
            writer.WriteStartArray();
            foreach (var id in ids)
            {
                id.WriteTo(ref writer);
            }

            writer.WriteEndArray();
        }));

    public BsonDocument HandleReply(ReplyMessage reply, OperationContext context) => reply.ToBsonDocument();
}

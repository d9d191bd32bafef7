using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Operations.Write;

/// <summary>The settings of a write command's top level, shared by its batches.</summary>
/// <param name="IsOrdered">The command's <c>ordered</c>.</param>
/// <param name="BypassDocumentValidation">Sent when set.</param>
/// <param name="Let">Variables (update and delete only).</param>
/// <param name="Comment">Sent when set.</param>
internal sealed record WriteCommandSettings(bool IsOrdered = true, bool? BypassDocumentValidation = null, BsonDocument? Let = null, BsonValue? Comment = null)
{
    public static readonly WriteCommandSettings Default = new();
}

/// <summary>
/// <c>insert</c>: one batch of documents, from <see cref="BatchCursor.Start"/>, as many as the connection's limits
/// allow (see <see cref="BatchedSequence"/>). The documents go in the <c>documents</c> sequence, encoded from
/// <typeparamref name="TDocument"/> by <see cref="InsertDocumentSequence{TDocument}"/>.
/// </summary>
internal sealed class InsertOperation<TDocument>(
    string databaseName,
    string collectionName,
    IReadOnlyList<TDocument> documents,
    IBsonCodec<TDocument> codec,
    InsertIds ids,
    BatchCursor cursor,
    WriteCommandSettings settings) : IOperation<WriteCommandResult>
{
    public string CommandName => "insert";

    public string DatabaseName => databaseName;

    public OperationTraits Traits => OperationTraits.RetryableWrite | OperationTraits.SupportsWriteConcern | OperationTraits.SupportsSession;

    public BatchCursor Cursor => cursor;

    public CommandRequest CreateCommand(OperationContext context)
    {
        var sequence = new InsertDocumentSequence<TDocument>(documents, codec, ids, cursor, BatchLimits.ForDocuments(context.Connection));
        return new CommandRequest(databaseName, new WriteCommandBody("insert", collectionName, settings), [sequence]);
    }

    public WriteCommandResult HandleReply(ReplyMessage reply, OperationContext context) =>
        WriteCommandResult.Parse(reply, cursor.Count ?? 0, context.Connection.Address);

    public WriteCommandResult HandleUnacknowledged(OperationContext context) =>
        WriteCommandResult.Unacknowledged(cursor.Count ?? 0, context.Connection.Address);
}

/// <summary><c>update</c>: one batch of update statements (the <c>updates</c> sequence).</summary>
internal sealed class UpdateOperation(string databaseName, string collectionName, IReadOnlyList<IWriteStatement> statements, BatchCursor cursor, WriteCommandSettings settings)
    : IOperation<WriteCommandResult>
{
    private readonly bool _retryable = !AnyMulti(statements, cursor);

    public string CommandName => "update";

    public string DatabaseName => databaseName;

    public OperationTraits Traits => (_retryable ? OperationTraits.RetryableWrite : OperationTraits.None) | OperationTraits.SupportsWriteConcern | OperationTraits.SupportsSession;

    public BatchCursor Cursor => cursor;

    public CommandRequest CreateCommand(OperationContext context) =>
        new(databaseName, new WriteCommandBody("update", collectionName, settings), [new StatementSequence("updates", statements, cursor, BatchLimits.ForStatements(context.Connection))]);

    public WriteCommandResult HandleReply(ReplyMessage reply, OperationContext context) =>
        WriteCommandResult.Parse(reply, cursor.Count ?? 0, context.Connection.Address);

    public WriteCommandResult HandleUnacknowledged(OperationContext context) =>
        WriteCommandResult.Unacknowledged(cursor.Count ?? 0, context.Connection.Address);

    // A batch holding a multi statement is not a retryable write (retryable writes spec); the batch is at most the rest.
    internal static bool AnyMulti(IReadOnlyList<IWriteStatement> statements, BatchCursor cursor)
    {
        for (var i = cursor.Start; i < cursor.Start + cursor.Available; i++)
        {
            if (statements[i].IsMulti)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary><c>delete</c>: one batch of delete statements (the <c>deletes</c> sequence).</summary>
internal sealed class DeleteOperation(string databaseName, string collectionName, IReadOnlyList<IWriteStatement> statements, BatchCursor cursor, WriteCommandSettings settings)
    : IOperation<WriteCommandResult>
{
    private readonly bool _retryable = !UpdateOperation.AnyMulti(statements, cursor);

    public string CommandName => "delete";

    public string DatabaseName => databaseName;

    public OperationTraits Traits => (_retryable ? OperationTraits.RetryableWrite : OperationTraits.None) | OperationTraits.SupportsWriteConcern | OperationTraits.SupportsSession;

    public BatchCursor Cursor => cursor;

    public CommandRequest CreateCommand(OperationContext context) =>
        new(databaseName, new WriteCommandBody("delete", collectionName, settings), [new StatementSequence("deletes", statements, cursor, BatchLimits.ForStatements(context.Connection))]);

    public WriteCommandResult HandleReply(ReplyMessage reply, OperationContext context) =>
        WriteCommandResult.Parse(reply, cursor.Count ?? 0, context.Connection.Address);

    public WriteCommandResult HandleUnacknowledged(OperationContext context) =>
        WriteCommandResult.Unacknowledged(cursor.Count ?? 0, context.Connection.Address);
}

/// <summary>The body of insert, update and delete: <c>{ &lt;command&gt;: collection, ordered, bypassDocumentValidation?, let?, comment? }</c>.</summary>
internal sealed class WriteCommandBody(string name, string collectionName, WriteCommandSettings settings) : ICommandBody
{
    public string CommandName => name;

    public void WriteElements(ref BsonSpanWriter writer)
    {
        writer.WriteName(name);
        writer.WriteString(collectionName);
        writer.WriteName("ordered"u8);
        writer.WriteBoolean(settings.IsOrdered);
        CommandFields.Boolean(ref writer, "bypassDocumentValidation"u8, settings.BypassDocumentValidation);
        CommandFields.Document(ref writer, "let"u8, settings.Let);
        CommandFields.Value(ref writer, "comment"u8, settings.Comment);
    }
}

using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Sessions;
using OpenQuizz.Typed.Embedded.Storage.Persistence;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>
/// Sessions and retryable writes. A write is answered from the session's history only for the statements whose
/// lsid (with the user's uid), txnNumber and stmtId all match ones already executed; the other statements of the
/// batch are applied. An older txnNumber is refused (TransactionTooOld), and a txnNumber on a command that is not a
/// retryable write is refused too, so reusing a session's numbers never yields a silent acknowledgement.
/// </summary>
internal sealed partial class CommandDispatcher
{
    private BsonDocument ExecuteInSession(ICommandHandler handler, CommandContext context)
    {
        if (context.Session is not { } session)
        {
            return handler.Execute(context);
        }

        if (session.TxnNumber is not { } txnNumber)
        {
            _server.Sessions.Touch(session.Key);
            return handler.Execute(context);
        }

        if (!handler.IsRetryableWrite)
        {
            throw new MongoServerException(
                50768,
                $"txnNumber may only be provided for multi-document transactions and retryable write commands. autocommit:false was not provided, and {context.CommandName} is not a retryable write command.");
        }

        return ExecuteRetryable(handler, context, session.Key, txnNumber);
    }

    private BsonDocument ExecuteRetryable(ICommandHandler handler, CommandContext context, SessionKey key, long txnNumber)
    {
        var session = _server.Sessions.Acquire(key);
        try
        {
            var history = session.History;
            if (txnNumber < history.TxnNumber)
            {
                throw new MongoServerException(
                    ErrorCodes.TransactionTooOld,
                    $"Retryable write with txnNumber {txnNumber} is prohibited on session {key.Id} because a newer retryable write with txnNumber {history.TxnNumber} has already started on this session.");
            }

            var (kind, statements, statementAt) = Describe(context);
            var write = new RetryableWrite(session, txnNumber, kind, context.Database + "." + context.CollectionName(), context.Command, statements, statementAt)
            {
                Applying = () => _server.FailPoints.EvaluateTransactionalWrite(context),
            };
            context.Retry = write;

            // With a data directory the write's journal records and its retry record become one journal record.
            var group = _server.Persistence is null ? null : JournalGroup.Begin();
            BsonDocument reply;
            try
            {
                reply = handler.Execute(context);
            }
            finally
            {
                // Also after a failure part-way: what was applied is recorded, so its retry is not applied twice.
                if (group is null)
                {
                    write.Publish();
                }
                else
                {
                    group.Complete(_server.Storage, write.HasNewStatements ? write.JournalRecord(_server.Time.GetUtcNow()) : null, write.Publish);
                }
            }

            if (write.Retried.Count > 0)
            {
                _server.Sessions.CountRetried(write.Retried.Count);
                var ok = reply["ok"];
                reply.Remove("ok");
                if (kind.StartsWith("findAndModify", StringComparison.Ordinal))
                {
                    reply.Add("retriedStmtId", write.Retried[0]);
                }
                else
                {
                    reply.Add("retriedStmtIds", new BsonArray(write.Retried.Select(id => (BsonValue)id)));
                }

                reply.Add("ok", ok);
            }

            return reply;
        }
        finally
        {
            session.SyncRoot.Exit();
        }
    }

    // The statement kind recorded in the history, how many statements the command holds (for stmtIds), and each
    // statement as sent (for its fingerprint; findAndModify's is its fields that say what it does).
    private static (string Kind, int Statements, Func<int, BsonValue?> StatementAt) Describe(CommandContext context)
    {
        var command = context.Command;
        (int, Func<int, BsonValue?>) Array(string field) => command.TryGetValue(field, out var value) && value is BsonArray array
            ? (array.Count, i => array[i])
            : (0, _ => null);
        switch (context.CommandName.ToLowerInvariant())
        {
            case "insert":
                var (inserts, insertAt) = Array("documents");
                return ("insert", inserts, insertAt);
            case "update":
                var (updates, updateAt) = Array("updates");
                return ("update", updates, updateAt);
            case "delete":
                var (deletes, deleteAt) = Array("deletes");
                return ("delete", deletes, deleteAt);
            default:
                var remove = Query.ExpressionValues.IsTruthy(command.GetValue("remove", null));
                var semantic = new BsonDocument();
                foreach (var field in FindAndModifyFields)
                {
                    if (command.TryGetValue(field, out var value))
                    {
                        semantic.Add(field, value);
                    }
                }

                return (remove ? "findAndModify.remove" : "findAndModify.update", 1, _ => semantic);
        }
    }

    // What a findAndModify does; envelope fields ($clusterTime, writeConcern, maxTimeMS…) may change between attempts.
    private static readonly string[] FindAndModifyFields =
        ["query", "sort", "remove", "update", "new", "fields", "upsert", "arrayFilters", "collation", "hint", "let", "bypassDocumentValidation"];
}

using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Sessions;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>startSession: a new session owned by the authenticated user (its uid is the user's digest).</summary>
internal sealed class StartSessionCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["startSession", "startsession"];

    public BsonDocument Execute(CommandContext context)
    {
        var key = new SessionKey(Guid.NewGuid(), SessionFields.UidOf(context));
        context.Server.Sessions.Touch(key);
        // mongod answers the id alone (LogicalSessionToClient): the uid is the server's business.
        return new BsonDocument
        {
            { "id", new BsonDocument("id", BsonBinaryData.FromGuid(key.Id, UuidRepresentation.Standard)) },
            { "timeoutMinutes", context.Server.Options.LogicalSessionTimeoutMinutes },
            { "ok", 1.0 },
        };
    }
}

/// <summary>
/// endSessions and killSessions: each named session of the current user ends now, with its cursors and retry
/// history. Only the caller's own sessions are reachable: the uid is the caller's, whatever id is named.
/// </summary>
internal sealed class EndSessionsCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["endSessions", "endsessions", "killSessions", "killsessions"];

    public BsonDocument Execute(CommandContext context)
    {
        foreach (var key in SessionOwners.Named(context))
        {
            context.Server.Sessions.End(key);
        }

        return Replies.Ok();
    }
}

/// <summary>refreshSessions: marks the named sessions of the current user as used, so they do not expire.</summary>
internal sealed class RefreshSessionsCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["refreshSessions", "refreshsessions"];

    public BsonDocument Execute(CommandContext context)
    {
        foreach (var key in SessionOwners.Named(context))
        {
            if (context.Server.Sessions.Find(key) is not null)
            {
                context.Server.Sessions.Touch(key);
            }
        }

        return Replies.Ok();
    }
}

/// <summary>
/// commitTransaction and abortTransaction: refused until multi-document transactions are built, so a driver never
/// believes a transaction committed whose writes were applied one by one (or not at all).
/// </summary>
internal sealed class TransactionCommands : ICommandHandler
{
    public IEnumerable<string> Names => ["commitTransaction", "committransaction", "abortTransaction", "aborttransaction"];

    public BsonDocument Execute(CommandContext context) => throw SessionFields.TransactionsNotSupported();
}

/// <summary>The session ids named by endSessions/killSessions/refreshSessions, keyed with the caller's uid.</summary>
internal static class SessionOwners
{
    public static List<SessionKey> Named(CommandContext context)
    {
        if (context.CommandValue is not BsonArray sessions)
        {
            throw new MongoServerException(ErrorCodes.TypeMismatch, $"BSON field '{context.CommandName}' is the wrong type '{Query.BsonTypeNames.AliasOf(context.CommandValue.BsonType)}', expected type 'array'");
        }

        var uid = SessionFields.UidOf(context);
        var keys = new List<SessionKey>();
        foreach (var session in sessions)
        {
            if (session is BsonDocument d && d.TryGetValue("id", out var id) && id is BsonBinaryData { SubType: BsonBinarySubType.UuidStandard, Bytes.Length: 16 } uuid)
            {
                keys.Add(new SessionKey(uuid.ToGuid(), uid));
            }
            else if (session is not BsonDocument { ElementCount: 0 })
            {
                throw new MongoServerException(ErrorCodes.TypeMismatch, $"{context.CommandName} expects session ids of the form {{id: UUID}}");
            }
        }

        return keys;
    }
}

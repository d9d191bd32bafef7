using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Commands;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Sessions;

/// <summary>A command's session fields once checked: whose session it runs in and, for a retryable write, its txnNumber.</summary>
internal sealed record OperationSession(SessionKey Key, long? TxnNumber);

/// <summary>
/// Reads and checks <c>lsid</c>, <c>txnNumber</c>, <c>autocommit</c> and <c>startTransaction</c> as mongod 7.0's
/// initializeOperationSessionInfo does, with its codes and messages. Transactions are not built yet: their fields
/// are refused with a clear error rather than accepted and ignored (which would apply a transaction's writes one by one).
/// </summary>
internal static class SessionFields
{
    public static OperationSession? Read(CommandContext context)
    {
        var command = context.Command;
        var hasLsid = command.TryGetValue("lsid", out var lsid);
        var hasTxn = command.TryGetValue("txnNumber", out var txn);
        var hasAutocommit = command.TryGetValue("autocommit", out var autocommit);
        var hasStart = command.TryGetValue("startTransaction", out var start);
        var key = hasLsid ? KeyOf(context, lsid!) : (SessionKey?)null;
        long? txnNumber = null;
        if (hasTxn)
        {
            if (!hasLsid)
            {
                throw new MongoServerException(ErrorCodes.InvalidOptions, "Transaction number requires a session ID to also be specified");
            }

            if (context.Server.Options.ReplicaSetName is null)
            {
                throw new MongoServerException(ErrorCodes.IllegalOperation, "Transaction numbers are only allowed on a replica set member or mongos");
            }

            if (txn is not (BsonInt64 or BsonInt32))
            {
                throw new MongoServerException(ErrorCodes.TypeMismatch, $"BSON field 'OperationSessionInfo.txnNumber' is the wrong type '{BsonTypeNames.AliasOf(txn!.BsonType)}', expected type 'long'");
            }

            txnNumber = txn.ToInt64();
            if (txnNumber < 0)
            {
                throw new MongoServerException(ErrorCodes.BadValue, "TxnNumber cannot be negative");
            }
        }

        if (hasAutocommit)
        {
            if (!hasTxn)
            {
                throw new MongoServerException(ErrorCodes.InvalidOptions, "'autocommit' field requires a transaction number to also be specified");
            }

            if (autocommit is not BsonBoolean { Value: var on })
            {
                throw new MongoServerException(ErrorCodes.TypeMismatch, $"BSON field 'OperationSessionInfo.autocommit' is the wrong type '{BsonTypeNames.AliasOf(autocommit!.BsonType)}', expected type 'bool'");
            }

            if (on)
            {
                throw new MongoServerException(ErrorCodes.InvalidOptions, "Specifying autocommit=true is not allowed.");
            }
        }

        if (hasStart)
        {
            if (!hasAutocommit)
            {
                throw new MongoServerException(ErrorCodes.InvalidOptions, "'startTransaction' field requires 'autocommit' field to also be specified");
            }

            if (start is not BsonBoolean { Value: true })
            {
                throw new MongoServerException(ErrorCodes.InvalidOptions, "Specifying startTransaction=false is not allowed.");
            }
        }

        if (hasAutocommit)
        {
            throw TransactionsNotSupported();
        }

        return key is { } k ? new OperationSession(k, txnNumber) : null;
    }

    /// <summary>The refusal of anything that belongs to a multi-document transaction, until transactions are built.</summary>
    public static MongoServerException TransactionsNotSupported() => new(
        ErrorCodes.IllegalOperation,
        "Multi-document transactions are not supported by the embedded server yet; nothing was executed. Run the operations without a transaction.");

    /// <summary>The key of <c>lsid</c>: its UUID and the digest of the authenticated user (a client-supplied uid must equal it).</summary>
    private static SessionKey KeyOf(CommandContext context, BsonValue lsid)
    {
        if (lsid is not BsonDocument document)
        {
            throw new MongoServerException(ErrorCodes.TypeMismatch, $"BSON field 'OperationSessionInfo.lsid' is the wrong type '{BsonTypeNames.AliasOf(lsid.BsonType)}', expected type 'object'");
        }

        if (!document.TryGetValue("id", out var id))
        {
            throw new MongoServerException(40414, "BSON field 'LogicalSessionId.id' is missing but a required field");
        }

        if (id is not BsonBinaryData { SubType: BsonBinarySubType.UuidStandard, Bytes.Length: 16 } uuid)
        {
            throw new MongoServerException(ErrorCodes.TypeMismatch, "BSON field 'LogicalSessionId.id' is the wrong type, expected type 'uuid'");
        }

        var uid = UidOf(context);
        if (document.TryGetValue("uid", out var given)
            && !(given is BsonBinaryData { Bytes: var bytes } && Convert.ToHexString(bytes) == uid))
        {
            throw new MongoServerException(ErrorCodes.Unauthorized, "Unauthorized to set user digest in LogicalSessionId");
        }

        return new SessionKey(uuid.ToGuid(), uid);
    }

    /// <summary>The digest of the user the connection is authenticated as (mongod's uid), or of "" without authentication.</summary>
    public static string UidOf(CommandContext context)
    {
        var users = context.Connection.Authentication.Users;
        if (!context.Server.Authentication.Required || users.Count == 0)
        {
            return SessionKey.NoAuthUid;
        }

        // mongod allows one authenticated user per connection; a session must belong to exactly one.
        if (users.Count > 1)
        {
            throw new MongoServerException(ErrorCodes.Unauthorized, "Logical sessions require a connection authenticated as a single user");
        }

        return SessionKey.UidOf(users[0].Database, users[0].Name);
    }
}

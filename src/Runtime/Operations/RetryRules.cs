using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Pooling;
using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Operations;

/// <summary>
/// The retryable reads and retryable writes specs as pure functions: whether an operation may be retried at all,
/// whether an error allows the retry, and which error the caller sees when the retry fails too.
/// </summary>
internal static class RetryRules
{
    /// <summary>The label of errors after which a retryable write may be retried.</summary>
    public const string RetryableWriteError = "RetryableWriteError";

    /// <summary>The label of errors that prove the server performed no write (the retry's error is then not the one to report).</summary>
    public const string NoWritesPerformed = "NoWritesPerformed";

    // InterruptedAtShutdown, InterruptedDueToReplStateChange, NotWritablePrimary, NotPrimaryNoSecondaryOk,
    // NotPrimaryOrSecondary, PrimarySteppedDown, ShutdownInProgress, HostNotFound, HostUnreachable, NetworkTimeout,
    // SocketException, ExceededTimeLimit.
    private static readonly int[] RetryableCodes = [11600, 11602, 10107, 13435, 13436, 189, 91, 7, 6, 89, 9001, 262];

    // Retryable reads add ReadConcernMajorityNotAvailableYet.
    private const int ReadConcernMajorityNotAvailableYet = 134;

    // From wire version 9 (4.4) the server labels retryable write errors itself; before, the driver does by code.
    private const int ServerLabelsRetryableWritesWireVersion = 9;

    /// <summary>Whether a read may be retried: a retryable read operation, <c>retryReads</c> on, not in a transaction.</summary>
    public static bool CanRetryRead(OperationTraits traits, bool retryReads, bool inTransaction) =>
        retryReads && !inTransaction && (traits & OperationTraits.RetryableRead) != 0;

    /// <summary>
    /// Whether a write may be retried (and so gets a <c>txnNumber</c>): a retryable write operation, <c>retryWrites</c>
    /// on, not in a transaction, an acknowledged write concern, and a server that supports it.
    /// </summary>
    public static bool CanRetryWrite(OperationTraits traits, bool retryWrites, bool inTransaction, WriteConcern writeConcern, ServerType serverType, ConnectionDescription connection) =>
        CanRetryWrite(traits, retryWrites, inTransaction, writeConcern, serverType, connection.LogicalSessionTimeout is not null);

    /// <summary>
    /// <see cref="CanRetryWrite(OperationTraits, bool, bool, WriteConcern, ServerType, ConnectionDescription)"/> when no
    /// connection was established (its checkout or handshake failed): the server's description says whether it supports sessions.
    /// </summary>
    public static bool CanRetryWrite(OperationTraits traits, bool retryWrites, bool inTransaction, WriteConcern writeConcern, ServerType serverType, bool supportsSessions) =>
        retryWrites && !inTransaction && (traits & OperationTraits.RetryableWrite) != 0 && writeConcern.IsAcknowledged
        && supportsSessions && serverType != ServerType.Standalone;

    /// <summary>A server supports retryable writes when it supports sessions and is not a standalone.</summary>
    public static bool ServerSupportsRetryableWrites(ServerType serverType, ConnectionDescription connection) =>
        connection.LogicalSessionTimeout is not null && serverType != ServerType.Standalone;

    /// <summary>True for network errors (timeouts included) and errors of a pool cleared while checking out.</summary>
    public static bool IsNetworkError(Exception error) => error is MongoConnectionException or MongoPoolClearedException;

    /// <summary>Whether <paramref name="error"/> allows retrying a read (retryable reads spec, "Retryable Error").</summary>
    public static bool IsRetryableReadError(Exception error) => error switch
    {
        MongoConnectionException or MongoPoolClearedException => true,
        MongoCommandException command => command.Code == ReadConcernMajorityNotAvailableYet || Array.IndexOf(RetryableCodes, command.Code) >= 0,
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="error"/> allows retrying a write. Adds the <c>RetryableWriteError</c> label where the
    /// driver is the one to add it: network errors, and retryable codes from servers older than 4.4.
    /// </summary>
    public static bool IsRetryableWriteError(Exception error, int maxWireVersion)
    {
        if (error is not IMongoErrorLabels labels)
        {
            return false;
        }

        if (IsNetworkError(error))
        {
            labels.AddErrorLabel(RetryableWriteError);
        }
        else if (maxWireVersion < ServerLabelsRetryableWritesWireVersion && error is MongoCommandException command && Array.IndexOf(RetryableCodes, command.Code) >= 0)
        {
            labels.AddErrorLabel(RetryableWriteError);
        }

        return labels.HasErrorLabel(RetryableWriteError);
    }

    /// <summary>
    /// The labels of a reply (ok: 1) with a <c>writeConcernError</c>: its top-level <c>errorLabels</c> and the write
    /// concern error's own, plus <c>RetryableWriteError</c> for a retryable code from a server older than 4.4.
    /// </summary>
    public static List<string> WriteConcernErrorLabels(MongoDB.Bson.BsonDocument reply, int maxWireVersion)
    {
        var labels = new List<string>();
        void AddFrom(MongoDB.Bson.BsonValue? value)
        {
            if (value is MongoDB.Bson.BsonArray array)
            {
                foreach (var label in array)
                {
                    if (label.IsString && !labels.Contains(label.AsString))
                    {
                        labels.Add(label.AsString);
                    }
                }
            }
        }

        AddFrom(reply.GetValue("errorLabels", null));
        if (reply.GetValue("writeConcernError", null) is MongoDB.Bson.BsonDocument error)
        {
            AddFrom(error.GetValue("errorLabels", null));
            if (maxWireVersion < ServerLabelsRetryableWritesWireVersion && error.GetValue("code", null) is { IsNumeric: true } code
                && Array.IndexOf(RetryableCodes, code.ToInt32()) >= 0 && !labels.Contains(RetryableWriteError))
            {
                labels.Add(RetryableWriteError);
            }
        }

        return labels;
    }

    /// <summary>
    /// The error to raise when the retry failed too: the retry's, unless it carries <c>NoWritesPerformed</c> (then the
    /// first attempt's, which says more about what happened).
    /// </summary>
    public static Exception ErrorAfterFailedRetry(Exception original, Exception retry) =>
        retry is IMongoErrorLabels labels && labels.HasErrorLabel(NoWritesPerformed) ? original : retry;
}

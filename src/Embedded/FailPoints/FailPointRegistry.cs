using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Commands;
using OpenQuizz.Typed.Embedded.Hosting;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.FailPoints;

/// <summary>
/// The server's failpoints, set by <c>configureFailPoint</c>, exactly what driver test suites ask of mongod:
/// <c>failCommand</c> makes listed commands fail with a code and labels, close the connection without a reply, wait
/// before replying, or succeed with a <c>writeConcernError</c>; <c>onPrimaryTransactionalWrite</c> fires on each
/// statement a retryable write applies (see <see cref="EvaluateTransactionalWrite"/>).
/// </summary>
internal sealed class FailPointRegistry
{
    // The "not primary" and shutdown codes of the SDAM spec, whose errors carry a topologyVersion.
    private static readonly HashSet<int> StateChangeCodes = [10107, 13435, 13436, 189, 11602, 91, 11600];

    public const string FailCommand = "failCommand";

    public const string OnPrimaryTransactionalWrite = "onPrimaryTransactionalWrite";

    /// <summary>Error codes after which a retryable write may be retried; mongod labels them RetryableWriteError itself.</summary>
    private static readonly HashSet<int> RetryableCodes = [6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436];

    private static readonly Dictionary<int, string> CodeNames = new()
    {
        [6] = "HostUnreachable", [7] = "HostNotFound", [11] = "UserNotFound", [18] = "AuthenticationFailed", [24] = "LockTimeout",
        [50] = "MaxTimeMSExpired", [64] = "WriteConcernFailed", [79] = "UnknownReplWriteConcern", [89] = "NetworkTimeout",
        [91] = "ShutdownInProgress", [100] = "UnsatisfiableWriteConcern", [112] = "WriteConflict", [133] = "FailedToSatisfyReadPreference",
        [134] = "ReadConcernMajorityNotAvailableYet", [189] = "PrimarySteppedDown", [251] = "NoSuchTransaction", [262] = "ExceededTimeLimit",
        [9001] = "SocketException", [10107] = "NotWritablePrimary", [11600] = "InterruptedAtShutdown", [11601] = "Interrupted",
        [11602] = "InterruptedDueToReplStateChange", [13435] = "NotPrimaryNoSecondaryOk", [13436] = "NotPrimaryOrSecondary",
        [136] = "CappedPositionLost", [175] = "QueryPlanKilled", [234] = "RetryChangeStream", [280] = "ChangeStreamFatalError",
        [287] = "ChangeStreamHistoryLost",
    };

    private readonly Lock _lock = new();
    private FailPointMode _mode = FailPointMode.Off;
    private FailCommandData? _data;
    private BsonDocument _dataDocument = [];
    private long _timesEntered;

    /// <summary>Whether any failpoint is on; checked without the lock on every command so an idle registry costs nothing.</summary>
    public bool IsActive => Volatile.Read(ref _active);

    private bool _active;

    // onPrimaryTransactionalWrite: its own mode, data and count, under the same lock.
    private FailPointMode _writeMode = FailPointMode.Off;
    private TransactionalWriteFailure? _writeData;
    private long _writeTimesEntered;
    private bool _writeActive;

    /// <summary>Applies <c>configureFailPoint</c> and returns mongod's reply (the number of times the failpoint had fired).</summary>
    public BsonDocument Configure(string name, BsonDocument command)
    {
        if (name == OnPrimaryTransactionalWrite)
        {
            return ConfigureTransactionalWrite(command);
        }

        if (name != FailCommand)
        {
            throw new MongoServerException(ErrorCodes.BadValue, $"Cannot find failpoint: {name}");
        }

        var mode = FailPointMode.Parse(command.GetValue("mode", null));
        FailCommandData? data = null;
        var dataDocument = command.GetValue("data", null) as BsonDocument ?? [];
        if (!mode.IsOff)
        {
            data = FailCommandData.Parse(dataDocument);
        }

        lock (_lock)
        {
            var count = _timesEntered;
            _mode = mode;
            _data = data;
            _dataDocument = dataDocument;
            _timesEntered = 0;
            Volatile.Write(ref _active, !mode.IsOff);
            return new BsonDocument { { "count", count }, { "ok", 1.0 } };
        }
    }

    private BsonDocument ConfigureTransactionalWrite(BsonDocument command)
    {
        var mode = FailPointMode.Parse(command.GetValue("mode", null));
        var data = TransactionalWriteFailure.Parse(command.GetValue("data", null) as BsonDocument ?? []);
        lock (_lock)
        {
            var count = _writeTimesEntered;
            _writeMode = mode;
            _writeData = mode.IsOff ? null : data;
            _writeTimesEntered = 0;
            Volatile.Write(ref _writeActive, !mode.IsOff);
            return new BsonDocument { { "count", count }, { "ok", 1.0 } };
        }
    }

    /// <summary>
    /// mongod's <c>onPrimaryTransactionalWrite</c>, evaluated for each statement a retryable write is about to apply on
    /// the primary (not for statements answered from the session's history). When it fires, the connection is closed
    /// after the command unless <c>data.closeConnection</c> is false, and with <c>data.failBeforeCommitExceptionCode</c>
    /// the statement fails with that code instead of being applied (mongod throws before its unit of work commits, so
    /// the write is not reflected); without it the statement is applied and the reply is lost with the connection.
    /// </summary>
    /// <exception cref="MongoServerException">The failpoint fired with <c>failBeforeCommitExceptionCode</c>.</exception>
    public void EvaluateTransactionalWrite(CommandContext context)
    {
        if (!Volatile.Read(ref _writeActive))
        {
            return;
        }

        TransactionalWriteFailure data;
        lock (_lock)
        {
            if (_writeData is null || !_writeMode.ShouldFire())
            {
                return;
            }

            data = _writeData;
            _writeTimesEntered++;
            if (_writeMode.Kind == "times" && _writeMode.Remaining == 0)
            {
                _writeMode = FailPointMode.Off;
                Volatile.Write(ref _writeActive, false);
            }
        }

        if (data.CloseConnection)
        {
            context.Connection.FailPointEffect = new FailPointEffect(TimeSpan.Zero, Close: true);
        }

        if (data.FailBeforeCommitExceptionCode is { } code)
        {
            throw new MongoServerException(code, "Failing write due to failpoint onPrimaryTransactionalWrite. The write must not be reflected.");
        }
    }

    /// <summary>
    /// Decides whether <c>failCommand</c> fires for this command. When it does, the returned outcome carries the error
    /// reply (if the command must fail) and the connection is told to wait or close after it.
    /// </summary>
    public FailPointOutcome? Evaluate(CommandContext context)
    {
        if (!IsActive)
        {
            return null;
        }

        FailCommandData data;
        lock (_lock)
        {
            if (_data is null || !_data.Commands.Contains(context.CommandName) || !Applies(_data, context) || !_mode.ShouldFire())
            {
                return null;
            }

            data = _data;
            _timesEntered++;
            if (_mode.Kind == "times" && _mode.Remaining == 0)
            {
                _mode = FailPointMode.Off;
                Volatile.Write(ref _active, false);
            }
        }

        if (data.CloseConnection || data.Block > TimeSpan.Zero)
        {
            context.Connection.FailPointEffect = new FailPointEffect(data.Block, data.CloseConnection);
        }

        if (data.CloseConnection)
        {
            return new FailPointOutcome(Replies.Error(ErrorCodes.InternalError, "connection closed by failCommand"), null);
        }

        if (data.ErrorCode is { } code)
        {
            var reply = new BsonDocument
            {
                { "ok", 0.0 },
                { "errmsg", "Failing command via 'failCommand' failpoint" },
                { "code", code },
                { "codeName", CodeNames.TryGetValue(code, out var codeName) ? codeName : ErrorCodes.NameOf(code) },
            };
            if (StateChangeCodes.Contains(code))
            {
                // mongod (4.4+) attaches its topologyVersion to "not primary" and shutdown errors, so a driver can tell a
                // stale error (no newer than the server it already knows) from news of a state change.
                reply.Add("topologyVersion", new BsonDocument { { "processId", context.Server.ProcessId }, { "counter", 0L } });
            }

            AddLabels(reply, data, code, context);
            return new FailPointOutcome(reply, null);
        }

        return new FailPointOutcome(null, data);
    }

    /// <summary>Adds the failpoint's writeConcernError (and labels) to a successful reply.</summary>
    public static void Decorate(FailPointOutcome outcome, BsonDocument reply, CommandContext context)
    {
        if (outcome.Pending is not { WriteConcernError: { } writeConcernError } data || reply.GetValue("ok", null) is not { IsNumeric: true } ok || ok.ToDouble() != 1)
        {
            return;
        }

        reply.Remove("ok");
        reply.Set("writeConcernError", writeConcernError.DeepClone());
        var code = writeConcernError.GetValue("code", null) is { IsNumeric: true } c ? c.ToInt32() : 0;
        AddLabels(reply, data, code, context);
        if (StateChangeCodes.Contains(code))
        {
            // mongod attaches its topologyVersion when the command's code or its write concern error's code is a
            // "not primary" or shutdown error, at the top level of the reply.
            reply.Set("topologyVersion", new BsonDocument { { "processId", context.Server.ProcessId }, { "counter", 0L } });
        }

        reply.Add("ok", 1.0);
    }

    private static void AddLabels(BsonDocument reply, FailCommandData data, int code, CommandContext context)
    {
        if (data.ErrorLabels is { } labels)
        {
            reply.Set("errorLabels", labels.DeepClone());
        }
        else if (RetryableCodes.Contains(code) && IsRetryableWrite(context))
        {
            reply.Set("errorLabels", new BsonArray { "RetryableWriteError" });
        }
    }

    private static bool IsRetryableWrite(CommandContext context)
    {
        var command = context.Command;
        if (context.CommandName is "commitTransaction" or "abortTransaction")
        {
            return true;
        }

        return command.Contains("txnNumber") && !command.Contains("autocommit")
            && context.CommandName is "insert" or "update" or "delete" or "findAndModify" or "findandmodify";
    }

    private static bool Applies(FailCommandData data, CommandContext context)
    {
        if (data.AppName is { } appName && appName != AppNameOf(context))
        {
            return false;
        }

        if (data.Namespace is { } ns)
        {
            var target = context.CommandValue is BsonString s ? context.Database + "." + s.Value : context.Database;
            if (ns != target && ns != context.Database)
            {
                return false;
            }
        }

        return true;
    }

    private static string? AppNameOf(CommandContext context)
    {
        // The first hello carries the metadata that the connection has not stored yet.
        var metadata = context.Connection.ClientMetadata ?? context.Command.GetValue("client", null) as BsonDocument;
        return metadata?.GetValue("application", null) is BsonDocument application && application.GetValue("name", null) is BsonString name
            ? name.Value
            : null;
    }
}

/// <summary>The <c>data</c> of <c>onPrimaryTransactionalWrite</c>: <c>closeConnection</c> (true when absent) and <c>failBeforeCommitExceptionCode</c>.</summary>
internal sealed record TransactionalWriteFailure(bool CloseConnection, int? FailBeforeCommitExceptionCode)
{
    public static TransactionalWriteFailure Parse(BsonDocument data)
    {
        var close = !data.TryGetValue("closeConnection", out var closeValue) || ExpressionValues.IsTruthy(closeValue);
        int? code = null;
        if (data.TryGetValue("failBeforeCommitExceptionCode", out var codeValue))
        {
            code = codeValue.IsNumeric ? codeValue.ToInt32() : throw new MongoServerException(ErrorCodes.BadValue, "'failBeforeCommitExceptionCode' must be a number");
        }

        return new TransactionalWriteFailure(close, code);
    }
}

/// <summary>A fired failpoint: the error reply replacing the command's, or the data to decorate its reply with.</summary>
internal sealed record FailPointOutcome(BsonDocument? ErrorReply, FailCommandData? Pending);

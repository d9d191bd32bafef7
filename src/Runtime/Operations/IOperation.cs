using MongoDB.Bson;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Topology;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Operations;

/// <summary>
/// One server command as a value: it builds its command for a given connection and reads that command's reply.
/// It does no I/O, no server selection and no retry — the executor (<c>OperationExecutor</c>) does those around it, the same
/// way for every operation.
/// </summary>
/// <typeparam name="TResult">What the reply becomes.</typeparam>
internal interface IOperation<TResult>
{
    /// <summary>The command name, for events, logs and retry rules (e.g. <c>find</c>, <c>insert</c>).</summary>
    string CommandName { get; }

    /// <summary>The database the command runs on (<c>$db</c>).</summary>
    string DatabaseName { get; }

    /// <summary>How the executor must treat the operation: which server it needs, what it may retry, what it attaches.</summary>
    OperationTraits Traits { get; }

    /// <summary>
    /// Builds the command for this attempt. The body writes only the operation's own fields; the executor appends
    /// the session (<c>lsid</c>, <c>txnNumber</c>), <c>$readPreference</c>, <c>readConcern</c> and <c>writeConcern</c>
    /// as <see cref="Traits"/> and <paramref name="context"/> say. Called once per attempt: a retry rebuilds it.
    /// </summary>
    CommandRequest CreateCommand(OperationContext context);

    /// <summary>
    /// Reads an <c>ok: 1</c> reply (the executor has already raised <see cref="MongoCommandException"/> for
    /// <c>ok: 0</c>). Write errors and write concern errors are raised from here as the operation's typed exceptions.
    /// </summary>
    TResult HandleReply(ReplyMessage reply, OperationContext context);

    /// <summary>
    /// The result of an unacknowledged (<c>w: 0</c>) attempt: the executor sent the command with <c>moreToCome</c> and
    /// there is no reply to read. Only operations with <see cref="OperationTraits.SupportsWriteConcern"/> are ever sent so.
    /// </summary>
    TResult HandleUnacknowledged(OperationContext context) =>
        throw new NotSupportedException($"The {CommandName} operation has no unacknowledged result.");
}

/// <summary>What an operation needs from the executor.</summary>
[Flags]
internal enum OperationTraits
{
    None = 0,

    /// <summary>Runs on a server chosen by the read preference (otherwise on a writable server).</summary>
    Read = 1 << 0,

    /// <summary>May be retried once under the retryable reads rules (and <c>retryReads</c>).</summary>
    RetryableRead = 1 << 1,

    /// <summary>May be retried once under the retryable writes rules (and <c>retryWrites</c>): it gets a <c>txnNumber</c>.</summary>
    RetryableWrite = 1 << 2,

    /// <summary>Takes a read concern (find, aggregate without $out/$merge, count, distinct, …).</summary>
    SupportsReadConcern = 1 << 3,

    /// <summary>Takes a write concern (insert, update, delete, findAndModify, create, drop, createIndexes, …).</summary>
    SupportsWriteConcern = 1 << 4,

    /// <summary>Takes a session id (everything but a few handshake/auth commands and getMore's special cases).</summary>
    SupportsSession = 1 << 5,

    /// <summary>Must run on the server given by <see cref="OperationContext.PinnedServer"/> (getMore, killCursors).</summary>
    PinnedToServer = 1 << 6,

    /// <summary>
    /// The result is a cursor that keeps using the implicit session (find, aggregate, list*): once
    /// <see cref="IOperation{TResult}.HandleReply"/> returns, the session in <see cref="OperationContext.Session"/>
    /// belongs to the result, which hands it back to the pool when the cursor is exhausted or killed.
    /// </summary>
    CreatesCursor = 1 << 7,
}

/// <summary>The state of one attempt of one operation, handed to <see cref="IOperation{TResult}"/>.</summary>
internal sealed class OperationContext
{
    /// <summary>The handshake description of the connection the command will go over (limits, wire version, service id).</summary>
    public required ConnectionDescription Connection { get; init; }

    /// <summary>The server as the topology sees it (its type decides <c>$readPreference</c> for mongos).</summary>
    public required ServerDescription Server { get; init; }

    /// <summary>The topology type when the server was selected.</summary>
    public required TopologyType TopologyType { get; init; }

    /// <summary>The server an operation pinned to a cursor must run on, or null.</summary>
    public MongoServerAddress? PinnedServer { get; init; }

    /// <summary>1 for the first attempt, 2 for the retry.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The server session the command runs in (its <c>lsid</c>), or null when it runs without one.</summary>
    public Sessions.ServerSession? Session { get; init; }

    /// <summary>The transaction number of a retryable write (the same on the retry), or null.</summary>
    public long? TxnNumber { get; init; }

    /// <summary>The read preference the server was selected by (primary for writes).</summary>
    public ReadPreference ReadPreference { get; init; } = ReadPreference.Primary;

    /// <summary>The resolved read concern (what the executor appends when the operation supports one).</summary>
    public ReadConcern ReadConcern { get; init; } = ReadConcern.ServerDefault;

    /// <summary>The resolved write concern (what the executor appends when the operation supports one).</summary>
    public WriteConcern WriteConcern { get; init; } = WriteConcern.Acknowledged;

    /// <summary>True when the command is sent with <c>moreToCome</c> (<c>w: 0</c>) and no reply will be read.</summary>
    public bool IsUnacknowledged { get; init; }

    /// <summary>The client's highest <c>$clusterTime</c> to gossip, or null (never sent to a standalone).</summary>
    public BsonDocument? ClusterTime { get; init; }

    /// <summary>True when the command carries <c>rawData: true</c>: the operation asked for it and the server (wire version 27+) knows it.</summary>
    public bool RawData { get; init; }
}

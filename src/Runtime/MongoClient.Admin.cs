using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Operations;
using OpenQuizz.Typed.Operations.Write;

namespace OpenQuizz.Typed;

// Dropping databases, and PyMongo's deprecated fsync/unlock/is_locked helpers.
public sealed partial class MongoClient
{
    /// <summary>Drops the database named <paramref name="name"/> (PyMongo's <c>drop_database</c>).</summary>
    /// <exception cref="InvalidNameException">The name is not a valid database name.</exception>
    public Task DropDatabaseAsync(string name, WriteOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        GetDatabase(name).DropDatabaseCore(async: true, options, cancellationToken).AsTask();

    /// <inheritdoc cref="DropDatabaseAsync(string, WriteOperationOptions?, CancellationToken)"/>
    public void DropDatabase(string name, WriteOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(GetDatabase(name).DropDatabaseCore(async: false, options, cancellationToken));

    /// <summary>Drops <paramref name="database"/>.</summary>
    public Task DropDatabaseAsync(IMongoDatabase database, WriteOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        DropDatabaseAsync((database ?? throw new ArgumentNullException(nameof(database))).Name, options, cancellationToken);

    /// <inheritdoc cref="DropDatabaseAsync(IMongoDatabase, WriteOperationOptions?, CancellationToken)"/>
    public void DropDatabase(IMongoDatabase database, WriteOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        DropDatabase((database ?? throw new ArgumentNullException(nameof(database))).Name, options, cancellationToken);

    /// <summary>Flushes writes to disk, optionally locking the server against writes (PyMongo's deprecated <c>fsync</c>).</summary>
    [Obsolete("Deprecated as in PyMongo: use RunCommand on admin with { fsync: 1, lock: true|false }.")]
    public Task<BsonDocument> FsyncAsync(bool lockServer = false, CancellationToken cancellationToken = default) =>
        AdminCommand(async: true, Fsync(lockServer), cancellationToken).AsTask();

    /// <inheritdoc cref="FsyncAsync"/>
    [Obsolete("Deprecated as in PyMongo: use RunCommand on admin with { fsync: 1, lock: true|false }.")]
    public BsonDocument Fsync(bool lockServer = false, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(AdminCommand(async: false, Fsync(lockServer), cancellationToken));

    /// <summary>Unlocks a server locked by <c>fsync</c> with <c>lock</c> (PyMongo's deprecated <c>unlock</c>).</summary>
    [Obsolete("Deprecated as in PyMongo: use RunCommand on admin with { fsyncUnlock: 1 }.")]
    public Task<BsonDocument> UnlockAsync(CancellationToken cancellationToken = default) =>
        AdminCommand(async: true, new BsonDocument("fsyncUnlock", 1), cancellationToken).AsTask();

    /// <inheritdoc cref="UnlockAsync"/>
    [Obsolete("Deprecated as in PyMongo: use RunCommand on admin with { fsyncUnlock: 1 }.")]
    public BsonDocument Unlock(CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(AdminCommand(async: false, new BsonDocument("fsyncUnlock", 1), cancellationToken));

    /// <summary>Whether the server is locked by <c>fsync</c> (PyMongo's deprecated <c>is_locked</c>: <c>currentOp</c>'s <c>fsyncLock</c>).</summary>
    [Obsolete("Deprecated as in PyMongo: use RunCommand on admin with { currentOp: 1 } and read fsyncLock.")]
    public async Task<bool> IsLockedAsync(CancellationToken cancellationToken = default) =>
        IsLocked(await AdminCommand(async: true, new BsonDocument("currentOp", 1), cancellationToken).ConfigureAwait(false));

    /// <inheritdoc cref="IsLockedAsync"/>
    [Obsolete("Deprecated as in PyMongo: use RunCommand on admin with { currentOp: 1 } and read fsyncLock.")]
    public bool IsLocked(CancellationToken cancellationToken = default) =>
        IsLocked(WriteExecution.Complete(AdminCommand(async: false, new BsonDocument("currentOp", 1), cancellationToken)));

    private static BsonDocument Fsync(bool lockServer) => new() { { "fsync", 1 }, { "lock", lockServer } };

    private static bool IsLocked(BsonDocument reply) =>
        reply.TryGetValue("fsyncLock", out var locked) && (locked.IsNumeric ? locked.ToInt64() != 0 : locked is BsonBoolean { Value: true });

    private ValueTask<BsonDocument> AdminCommand(bool async, BsonDocument command, CancellationToken cancellationToken) =>
        Executor.Run(async, new AdminCommandOperation(command, OperationTraits.SupportsSession), new OperationSettings { DisableRetries = true }, cancellationToken);
}

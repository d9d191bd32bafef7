using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// A logical session: causally consistent reads and writes, and transactions. Not thread-safe: use one session from
/// one logical flow at a time. Pass it to operations through their options' <see cref="OperationOptions.Session"/>;
/// disposing it ends it (aborting an open transaction).
/// </summary>
public interface IClientSession : IDisposable, IAsyncDisposable
{
    /// <summary>The client that started the session.</summary>
    IMongoClient Client { get; }

    /// <summary>The session id (<c>lsid</c>) sent with each command, <c>{ id: UUID }</c>.</summary>
    BsonDocument Id { get; }

    /// <summary>The settings the session was started with.</summary>
    SessionOptions Options { get; }

    /// <summary>Whether a transaction is open: started and neither committed nor aborted.</summary>
    bool IsInTransaction { get; }

    /// <summary>Whether the session has ended; an ended session cannot be used.</summary>
    bool HasEnded { get; }

    /// <summary>The latest cluster time the session has seen (<c>$clusterTime</c>), or null.</summary>
    BsonDocument? ClusterTime { get; }

    /// <summary>The operation time of the latest reply, which causally consistent reads wait for, or null.</summary>
    BsonTimestamp? OperationTime { get; }

    /// <summary>Moves <see cref="ClusterTime"/> forward to <paramref name="clusterTime"/> if that is later, to chain sessions causally.</summary>
    void AdvanceClusterTime(BsonDocument clusterTime);

    /// <summary>Moves <see cref="OperationTime"/> forward to <paramref name="operationTime"/> if that is later.</summary>
    void AdvanceOperationTime(BsonTimestamp operationTime);

    /// <summary>Opens a transaction; the next operations of the session run in it. No I/O until the first operation.</summary>
    /// <exception cref="InvalidOperationException">A transaction is already open, or the session is a snapshot session.</exception>
    void StartTransaction(TransactionOptions? options = null);

    /// <summary>Commits the open transaction; retried once on a retryable error.</summary>
    Task CommitTransactionAsync(CancellationToken cancellationToken = default);

    /// <summary>Commits the open transaction.</summary>
    void CommitTransaction(CancellationToken cancellationToken = default);

    /// <summary>Aborts the open transaction, discarding its writes; errors from the server are ignored.</summary>
    Task AbortTransactionAsync(CancellationToken cancellationToken = default);

    /// <summary>Aborts the open transaction.</summary>
    void AbortTransaction(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="callback"/> in a transaction and commits it, retrying the whole callback on transient
    /// transaction errors and the commit on unknown commit results, for up to 120 seconds (PyMongo's <c>with_transaction</c>).
    /// </summary>
    Task<TResult> WithTransactionAsync<TResult>(Func<IClientSession, CancellationToken, Task<TResult>> callback, TransactionOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="callback"/> in a transaction and commits it, with the retries of <see cref="WithTransactionAsync{TResult}"/>.</summary>
    Task WithTransactionAsync(Func<IClientSession, CancellationToken, Task> callback, TransactionOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="callback"/> in a transaction and commits it, with the same retries.</summary>
    TResult WithTransaction<TResult>(Func<IClientSession, CancellationToken, TResult> callback, TransactionOptions? options = null, CancellationToken cancellationToken = default);
}

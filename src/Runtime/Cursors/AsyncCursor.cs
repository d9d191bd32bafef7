using MongoDB.Bson;
using System.Collections;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Operations;
using OpenQuizz.Typed.Operations.Read;
using OpenQuizz.Typed.Sessions;

namespace OpenQuizz.Typed.Cursors;

/// <summary>
/// A server cursor from its first batch: enumerating it returns the documents batch by batch, sending <c>getMore</c>
/// to the server of the first batch (in the same session) as each batch runs out. Disposing it before the last batch
/// sends <c>killCursors</c>; the implicit session goes back to the pool once the cursor is exhausted or killed.
/// Enumerate it once; ending the enumeration (by completing it or leaving it early) disposes the cursor.
/// </summary>
internal sealed class AsyncCursor<T> : IAsyncCursor<T>
{
    private readonly OperationExecutor? _executor;
    private readonly IBsonCodec<T> _codec;
    private readonly int? _batchSize;
    private readonly TimeSpan? _maxAwaitTime;
    private readonly BsonValue? _comment;
    private readonly MongoServerAddress? _server;
    private List<T> _batch;
    private ServerSession? _session;
    private long _id;
    private int _enumerated;
    private int _closed;

    public AsyncCursor(OperationExecutor? executor, CursorBatch<T> first, IBsonCodec<T> codec, int? batchSize = null, TimeSpan? maxAwaitTime = null, BsonValue? comment = null)
    {
        _executor = executor;
        _codec = codec;
        _batchSize = batchSize;
        _maxAwaitTime = maxAwaitTime;
        _comment = comment;
        _server = first.Server;
        _batch = first.Documents;
        _session = first.Session;
        _id = first.CursorId;
        Namespace = first.Namespace;
        if (_id == 0)
        {
            ReleaseSession();
        }
    }

    /// <summary>A cursor over documents already in memory (listDatabases), with no server side.</summary>
    public static AsyncCursor<T> FromList(List<T> documents, CollectionNamespace ns, IBsonCodec<T> codec) =>
        new(null, new CursorBatch<T> { CursorId = 0, Namespace = ns, Documents = documents, Server = new MongoServerAddress("localhost") }, codec);

    /// <inheritdoc/>
    public long Id => Volatile.Read(ref _id);

    /// <inheritdoc/>
    public CollectionNamespace Namespace { get; }

    /// <summary>The session the cursor runs in until it is exhausted or killed (tests).</summary>
    internal ServerSession? Session => _session;

    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        StartEnumeration();
        try
        {
            while (true)
            {
                foreach (var item in _batch)
                {
                    yield return item;
                }

                _batch = [];
                if (Id == 0)
                {
                    yield break;
                }

                await GetMore(async: true, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await DisposeAsync().ConfigureAwait(false);
        }
    }

    public IEnumerator<T> GetEnumerator()
    {
        StartEnumeration();
        try
        {
            while (true)
            {
                foreach (var item in _batch)
                {
                    yield return item;
                }

                _batch = [];
                if (Id == 0)
                {
                    yield break;
                }

                var pending = GetMore(async: false, CancellationToken.None);
                System.Diagnostics.Debug.Assert(pending.IsCompleted, "The synchronous getMore path returned an incomplete task.");
                pending.GetAwaiter().GetResult();
            }
        }
        finally
        {
            Dispose();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// FirstOrDefault without an enumerator, for a cursor whose first batch was also its last (id 0, as every
    /// <c>singleBatch</c> find is answered): the first document of the batch, then the same disposal enumeration
    /// would end with, which needs no round trip. Returns false, doing nothing, while the cursor is open on the
    /// server; the caller then enumerates it as usual.
    /// </summary>
    internal bool TryTakeFirst(out T? first)
    {
        if (Volatile.Read(ref _id) != 0)
        {
            first = default;
            return false;
        }

        StartEnumeration();
        first = _batch.Count > 0 ? _batch[0] : default;
        Dispose();
        return true;
    }

    public void Dispose()
    {
        var pending = Close(async: false);
        System.Diagnostics.Debug.Assert(pending.IsCompleted, "The synchronous killCursors path returned an incomplete task.");
        pending.GetAwaiter().GetResult();
    }

    public ValueTask DisposeAsync() => Close(async: true);

    private void StartEnumeration()
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("A cursor can be enumerated only once; run the query again for a new cursor.");
        }
    }

    private async ValueTask GetMore(bool async, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
        var operation = new GetMoreOperation<T>(Namespace, _id, _batchSize, _maxAwaitTime, _comment, _codec);
        var settings = new OperationSettings { Server = _server, Session = _session };
        CursorBatch<T> next;
        try
        {
            next = async
                ? await _executor!.ExecuteAsync(operation, settings, cancellationToken).ConfigureAwait(false)
                : _executor!.Execute(operation, settings, cancellationToken);
        }
        catch (Exception e) when (e is MongoConnectionException or OperationCanceledException)
        {
            // The cursor's state on the server is unknown after a network error: it cannot be continued, only forgotten.
            Volatile.Write(ref _id, 0);
            ReleaseSession();
            throw;
        }

        _batch = next.Documents;
        Volatile.Write(ref _id, next.CursorId);
        if (next.CursorId == 0)
        {
            ReleaseSession();
        }
    }

    private async ValueTask Close(bool async)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        var id = Interlocked.Exchange(ref _id, 0);
        try
        {
            if (id != 0 && _executor is not null)
            {
                var operation = new KillCursorsOperation(Namespace, [id]);
                var settings = new OperationSettings { Server = _server, Session = _session, DisableRetries = true };
                if (async)
                {
                    await _executor.ExecuteAsync(operation, settings).ConfigureAwait(false);
                }
                else
                {
                    _executor.Execute(operation, settings);
                }
            }
        }
        catch (Exception e) when (e is MongoException or OperationCanceledException or ObjectDisposedException)
        {
            // killCursors is a courtesy: the server times the cursor out anyway.
        }
        finally
        {
            ReleaseSession();
        }
    }

    private void ReleaseSession()
    {
        if (Interlocked.Exchange(ref _session, null) is { } session)
        {
            _executor?.ReleaseSession(session);
        }
    }
}

using OpenQuizz.Typed.Pooling.Events;

namespace OpenQuizz.Typed.Pooling;

internal sealed partial class ConnectionPool
{
    /// <summary>
    /// Checks out a connection: an idle one when there is one, else a new one when the pool has room and fewer than
    /// <c>maxConnecting</c> are establishing, else waits its turn. Fails with <see cref="MongoWaitQueueTimeoutException"/>,
    /// <see cref="MongoPoolClearedException"/>, <see cref="MongoPoolClosedException"/>, the establishment error, or
    /// <see cref="OperationCanceledException"/>; on every failure path nothing is leaked.
    /// </summary>
    public ValueTask<IPoolableConnection> CheckOutAsync(CancellationToken cancellationToken = default) =>
        CheckOutCore(async: true, cancellationToken);

    /// <inheritdoc cref="CheckOutAsync"/>
    /// <remarks>Blocks the calling thread while it waits its turn; check-ins and the timeout run on other threads.</remarks>
    public IPoolableConnection CheckOut(CancellationToken cancellationToken = default)
    {
        var pending = CheckOutCore(async: false, cancellationToken);
        System.Diagnostics.Debug.Assert(pending.IsCompleted, "The synchronous check-out path returned an incomplete task.");
        return pending.GetAwaiter().GetResult();
    }

    private async ValueTask<IPoolableConnection> CheckOutCore(bool async, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        Grant? grant;
        Waiter? waiter = null;
        lock (_lock)
        {
            // The three events of every check-out/check-in are built only when someone listens (Emit would drop them):
            // without a subscriber the round trip allocates no event objects and computes no elapsed times.
            if (_subscriber is not null)
            {
                Emit(new ConnectionCheckOutStartedEvent(Address));
            }

            ThrowIfUnusableLocked(started);
            grant = _waiters.Count == 0 ? TryGrantLocked(started) : null;
            if (grant is null)
            {
                waiter = new Waiter(started, this);
                waiter.Node = _waiters.AddLast(waiter);
            }
        }

        if (waiter is not null)
        {
            grant = await WaitAsync(async, waiter, cancellationToken).ConfigureAwait(false);
        }

        return grant!.IsNew ? await EstablishAsync(async, grant.Connection, started, cancellationToken).ConfigureAwait(false) : grant.Connection;
    }

    /// <summary>Checks out a connection wrapped in a lease whose disposal checks it back in.</summary>
    public async ValueTask<PooledConnectionLease> RentAsync(CancellationToken cancellationToken = default) =>
        new(this, await CheckOutAsync(cancellationToken).ConfigureAwait(false));

    /// <inheritdoc cref="RentAsync"/>
    public PooledConnectionLease Rent(CancellationToken cancellationToken = default) => new(this, CheckOut(cancellationToken));

    /// <summary>
    /// Returns a connection: it goes back to the idle stack unless it is broken, stale or the pool is closed, in which
    /// case it is closed. Checking in a connection twice, or one the pool does not own, does nothing.
    /// </summary>
    public void CheckIn(IPoolableConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (_lock)
        {
            if (!_inUse.Remove(connection))
            {
                return;
            }

            if (_subscriber is not null)
            {
                Emit(new ConnectionCheckedInEvent(Address, connection.Id));
            }

            if (_interrupted.Remove(connection))
            {
                // Already closed (and reported) by an interrupting clear.
            }
            else if (_state == ConnectionPoolState.Closed)
            {
                CloseLocked(connection, PoolConnectionClosedReason.PoolClosed);
            }
            else if (connection.IsBroken)
            {
                CloseLocked(connection, PoolConnectionClosedReason.Error);
            }
            else if (IsStale(connection))
            {
                CloseLocked(connection, PoolConnectionClosedReason.Stale);
            }
            else
            {
                _available.Add(new IdleConnection(connection, _time.GetTimestamp()));
            }

            ServeWaiters();
        }
    }

    private async ValueTask<Grant> WaitAsync(bool async, Waiter waiter, CancellationToken cancellationToken)
    {
        using var timeout = Options.WaitQueueTimeout is { } limit && limit > TimeSpan.Zero
            ? new CancellationTokenSource(limit, _time)
            : null;
        using var timeoutRegistration = timeout?.Token.UnsafeRegister(static state => ((Waiter)state!).Pool.Abandon((Waiter)state!, timedOut: true), waiter);
        using var cancelRegistration = cancellationToken.UnsafeRegister(static state => ((Waiter)state!).Pool.Abandon((Waiter)state!, timedOut: false), waiter);
        if (!async)
        {
            // Completed by a check-in, a clear, the timeout or the cancellation callback, all on other threads.
            return waiter.Completion.Task.GetAwaiter().GetResult();
        }

        return await waiter.Completion.Task.ConfigureAwait(false);
    }

    // Runs on the timeout or cancellation callback; a waiter that was already served keeps its grant.
    private void Abandon(Waiter waiter, bool timedOut)
    {
        lock (_lock)
        {
            if (waiter.Node?.List is null)
            {
                return;
            }

            _waiters.Remove(waiter.Node);
            Emit(new ConnectionCheckOutFailedEvent(Address, CheckOutFailedReason.Timeout, _time.GetElapsedTime(waiter.Started)));
            waiter.Completion.TrySetException(timedOut
                ? new MongoWaitQueueTimeoutException(Address, Options.WaitQueueTimeout ?? TimeSpan.Zero, Options.MaxPoolSize > 0 ? Options.MaxPoolSize : null)
                : new OperationCanceledException("The check-out was canceled."));

            // The next waiter may be servable now that this one no longer blocks the head of the queue.
            ServeWaiters();
        }
    }

    private async ValueTask<IPoolableConnection> EstablishAsync(bool async, IPoolableConnection connection, long started, CancellationToken cancellationToken)
    {
        var establishing = _time.GetTimestamp();
        try
        {
            if (async)
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                connection.Open(cancellationToken);
            }
        }
        catch (Exception)
        {
            lock (_lock)
            {
                _pending--;
                CloseLocked(connection, PoolConnectionClosedReason.Error);
                Emit(new ConnectionCheckOutFailedEvent(Address, CheckOutFailedReason.ConnectionError, _time.GetElapsedTime(started)));
                ServeWaiters();
            }

            throw;
        }

        lock (_lock)
        {
            _pending--;
            Emit(new ConnectionReadyEvent(Address, connection.Id, _time.GetElapsedTime(establishing)));
            if (_state == ConnectionPoolState.Closed)
            {
                CloseLocked(connection, PoolConnectionClosedReason.PoolClosed);
                Emit(new ConnectionCheckOutFailedEvent(Address, CheckOutFailedReason.PoolClosed, _time.GetElapsedTime(started)));
                ServeWaiters();
                throw new MongoPoolClosedException(Address);
            }

            _inUse.Add(connection);
            Emit(new ConnectionCheckedOutEvent(Address, connection.Id, _time.GetElapsedTime(started)));
            ServeWaiters();
            return connection;
        }
    }

    private void ThrowIfUnusableLocked(long started)
    {
        if (_state == ConnectionPoolState.Closed)
        {
            Emit(new ConnectionCheckOutFailedEvent(Address, CheckOutFailedReason.PoolClosed, _time.GetElapsedTime(started)));
            throw new MongoPoolClosedException(Address);
        }

        if (_state == ConnectionPoolState.Paused && !LoadBalanced)
        {
            Emit(new ConnectionCheckOutFailedEvent(Address, CheckOutFailedReason.ConnectionError, _time.GetElapsedTime(started)));
            throw new MongoPoolClearedException(Address, _pauseCause);
        }
    }

    // Hands out an idle connection (most recently used first, closing perished ones on the way), or the right to
    // create one. A new connection counts as pending until its establishment ends.
    private Grant? TryGrantLocked(long started)
    {
        while (_available.Count > 0)
        {
            var idle = _available[^1];
            _available.RemoveAt(_available.Count - 1);
            if (PerishedReason(idle) is { } reason)
            {
                CloseLocked(idle.Connection, reason);
                continue;
            }

            _inUse.Add(idle.Connection);
            if (_subscriber is not null)
            {
                Emit(new ConnectionCheckedOutEvent(Address, idle.Connection.Id, _time.GetElapsedTime(started)));
            }

            return new Grant(idle.Connection, IsNew: false);
        }

        if ((Options.MaxPoolSize == 0 || _total < Options.MaxPoolSize) && _pending < Options.MaxConnecting)
        {
            return new Grant(CreateLocked(), IsNew: true);
        }

        return null;
    }

    private IPoolableConnection CreateLocked()
    {
        var connection = _factory.Create(Address, ++_lastConnectionId, _generation);
        _pending++;
        _total++;
        Emit(new ConnectionCreatedEvent(Address, connection.Id));
        return connection;
    }

    private PoolConnectionClosedReason? PerishedReason(IdleConnection idle)
    {
        if (IsStale(idle.Connection))
        {
            return PoolConnectionClosedReason.Stale;
        }

        if (idle.Connection.IsBroken)
        {
            return PoolConnectionClosedReason.Error;
        }

        if (Options.MaxIdleTime is { } maxIdle && maxIdle > TimeSpan.Zero && _time.GetElapsedTime(idle.ReturnedAt) >= maxIdle)
        {
            return PoolConnectionClosedReason.Idle;
        }

        return null;
    }

    // Serves waiters strictly in arrival order: the head is served or everyone waits, which is the fairness CMAP asks for.
    private void ServeWaiters()
    {
        while (_waiters.First is { } node)
        {
            var waiter = node.Value;
            if (_state == ConnectionPoolState.Closed || (_state == ConnectionPoolState.Paused && !LoadBalanced))
            {
                _waiters.RemoveFirst();
                var closed = _state == ConnectionPoolState.Closed;
                Emit(new ConnectionCheckOutFailedEvent(Address,
                    closed ? CheckOutFailedReason.PoolClosed : CheckOutFailedReason.ConnectionError, _time.GetElapsedTime(waiter.Started)));
                waiter.Completion.TrySetException(closed ? new MongoPoolClosedException(Address) : new MongoPoolClearedException(Address, _pauseCause));
                continue;
            }

            var grant = TryGrantLocked(waiter.Started);
            if (grant is null)
            {
                return;
            }

            _waiters.RemoveFirst();
            waiter.Completion.TrySetResult(grant);
        }
    }

    private sealed record Grant(IPoolableConnection Connection, bool IsNew);

    private sealed class Waiter(long started, ConnectionPool pool)
    {
        public ConnectionPool Pool { get; } = pool;

        public long Started { get; } = started;

        public TaskCompletionSource<Grant> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }
    }
}

/// <summary>A checked-out connection that returns itself to its pool when disposed — on every path, including exceptions.</summary>
internal readonly struct PooledConnectionLease : IDisposable
{
    private readonly ConnectionPool _pool;

    internal PooledConnectionLease(ConnectionPool pool, IPoolableConnection connection)
    {
        _pool = pool;
        Connection = connection;
    }

    /// <summary>The connection.</summary>
    public IPoolableConnection Connection { get; }

    /// <summary>Checks the connection back in.</summary>
    public void Dispose() => _pool?.CheckIn(Connection);
}

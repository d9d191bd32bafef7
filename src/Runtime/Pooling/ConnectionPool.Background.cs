using OpenQuizz.Typed.Pooling.Events;

namespace OpenQuizz.Typed.Pooling;

internal sealed partial class ConnectionPool
{
    // The CMAP background thread: every interval (or when woken by ready/clear/close) close perished idle
    // connections, interrupt stale in-use ones when a clear asked for it, and top the pool up to minPoolSize.
    private async Task RunBackgroundAsync()
    {
        var token = _shutdown.Token;
        while (!token.IsCancellationRequested)
        {
            Task wake;
            lock (_lock)
            {
                wake = _wake.Task;
            }

            try
            {
                await RunMaintenanceAsync(token).ConfigureAwait(false);
                if (_backgroundInterval > TimeSpan.Zero)
                {
                    using var delay = CancellationTokenSource.CreateLinkedTokenSource(token);
                    var timer = Task.Delay(_backgroundInterval, _time, delay.Token);
                    await Task.WhenAny(timer, wake).ConfigureAwait(false);
                    delay.Cancel();
                }
                else
                {
                    await wake.WaitAsync(token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RunMaintenanceAsync(CancellationToken token)
    {
        lock (_lock)
        {
            if (_state == ConnectionPoolState.Closed)
            {
                return;
            }

            for (var i = _available.Count - 1; i >= 0; i--)
            {
                if (PerishedReason(_available[i]) is { } reason)
                {
                    var idle = _available[i];
                    _available.RemoveAt(i);
                    CloseLocked(idle.Connection, reason);
                }
            }

            if (_interruptInUse)
            {
                _interruptInUse = false;
                foreach (var connection in _inUse)
                {
                    if (IsStale(connection) && _interrupted.Add(connection))
                    {
                        // The operation using it fails with a network error; check-in then finds it already closed.
                        _total--;
                        Emit(new ConnectionClosedEvent(Address, connection.Id, PoolConnectionClosedReason.Stale));
                        DisposeQuietly(connection);
                    }
                }

                // Interrupted connections no longer count toward maxPoolSize.
                ServeWaiters();
            }
        }

        while (!token.IsCancellationRequested)
        {
            IPoolableConnection connection;
            lock (_lock)
            {
                if (_state != ConnectionPoolState.Ready || _total >= Options.MinPoolSize || _pending >= Options.MaxConnecting
                    || (Options.MaxPoolSize != 0 && _total >= Options.MaxPoolSize))
                {
                    return;
                }

                connection = CreateLocked();
            }

            var establishing = _time.GetTimestamp();
            try
            {
                await connection.OpenAsync(token).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                lock (_lock)
                {
                    _pending--;
                }

                // SDAM handles the failure first (marking the server Unknown clears the pool), then the connection closes.
                if (!token.IsCancellationRequested)
                {
                    if (_backgroundErrorHandler is { } handler)
                    {
                        handler(error, connection.Generation);
                    }
                    else
                    {
                        Clear(cause: error);
                    }
                }

                lock (_lock)
                {
                    CloseLocked(connection, PoolConnectionClosedReason.Error);
                    ServeWaiters();
                }

                return;
            }

            lock (_lock)
            {
                _pending--;
                Emit(new ConnectionReadyEvent(Address, connection.Id, _time.GetElapsedTime(establishing)));
                if (_state == ConnectionPoolState.Closed)
                {
                    CloseLocked(connection, PoolConnectionClosedReason.PoolClosed);
                    return;
                }

                if (IsStale(connection))
                {
                    CloseLocked(connection, PoolConnectionClosedReason.Stale);
                    continue;
                }

                _available.Add(new IdleConnection(connection, _time.GetTimestamp()));
                ServeWaiters();
            }
        }
    }
}

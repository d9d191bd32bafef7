using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Pooling.Events;

namespace OpenQuizz.Typed.Pooling;

/// <summary>The pool's state machine (CMAP): created paused, made ready by SDAM, paused again by a clear, closed once.</summary>
internal enum ConnectionPoolState
{
    Paused,
    Ready,
    Closed,
}

/// <summary>
/// A CMAP connection pool for one server. Check-outs are served first come, first served; at most
/// <c>maxConnecting</c> connections establish at once; a clear bumps the generation so older connections are closed
/// when they come back (or, when asked, interrupted while in use); a background task keeps <c>minPoolSize</c>
/// connections open and closes idle or stale ones. All bookkeeping happens under one lock and events are published
/// under it, so subscribers see them in the order the state changed.
/// </summary>
internal sealed partial class ConnectionPool : IDisposable
{
    /// <summary>The default interval between background maintenance runs.</summary>
    public static readonly TimeSpan DefaultBackgroundInterval = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly IPoolableConnectionFactory _factory;
    private readonly TimeProvider _time;
    private readonly IConnectionPoolEventSubscriber? _subscriber;
    private readonly TimeSpan _backgroundInterval;
    private readonly Action<Exception, int>? _backgroundErrorHandler;
    private readonly List<IdleConnection> _available = [];
    private readonly HashSet<IPoolableConnection> _inUse = [];
    private readonly HashSet<IPoolableConnection> _interrupted = [];
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly Dictionary<ObjectId, int> _serviceGenerations = [];
    private readonly CancellationTokenSource _shutdown = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ConnectionPoolState _state = ConnectionPoolState.Paused;
    private int _generation;
    private long _lastConnectionId;
    private int _pending;
    private int _total;
    private bool _interruptInUse;
    private Exception? _pauseCause;

    /// <summary>Creates a paused pool and starts its background task.</summary>
    /// <param name="address">The server.</param>
    /// <param name="options">Sizes and timeouts.</param>
    /// <param name="factory">Creates connections; <c>Create</c> must not do I/O (it runs under the pool lock).</param>
    /// <param name="time">The clock for timeouts, idle times and the background interval.</param>
    /// <param name="subscriber">Receives CMAP events.</param>
    /// <param name="backgroundInterval">Between maintenance runs; negative: only when woken (ready, clear).</param>
    /// <param name="loadBalanced">Clears then apply per service id and never pause the pool.</param>
    /// <param name="backgroundErrorHandler">
    /// Told about a failure to establish a <c>minPoolSize</c> connection (with that connection's generation) so SDAM
    /// can mark the server Unknown and clear the pool; when null the pool clears itself.
    /// </param>
    public ConnectionPool(
        MongoServerAddress address,
        ConnectionPoolOptions options,
        IPoolableConnectionFactory factory,
        TimeProvider? time = null,
        IConnectionPoolEventSubscriber? subscriber = null,
        TimeSpan? backgroundInterval = null,
        bool loadBalanced = false,
        Action<Exception, int>? backgroundErrorHandler = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxPoolSize);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MinPoolSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnecting, 1);
        Address = address;
        Options = options;
        LoadBalanced = loadBalanced;
        _factory = factory;
        _time = time ?? TimeProvider.System;
        _subscriber = subscriber;
        _backgroundInterval = backgroundInterval ?? DefaultBackgroundInterval;
        _backgroundErrorHandler = backgroundErrorHandler;
        Emit(new ConnectionPoolCreatedEvent(address, options));
        BackgroundTask = Task.Run(RunBackgroundAsync);
    }

    /// <summary>The server.</summary>
    public MongoServerAddress Address { get; }

    /// <summary>The options the pool was created with.</summary>
    public ConnectionPoolOptions Options { get; }

    /// <summary>True in load-balanced mode.</summary>
    public bool LoadBalanced { get; }

    /// <summary>The current generation; a connection created in an older one is stale.</summary>
    public int Generation
    {
        get
        {
            lock (_lock)
            {
                return _generation;
            }
        }
    }

    /// <summary>The current state.</summary>
    public ConnectionPoolState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>The connections the pool owns: idle, in use and establishing.</summary>
    public int TotalConnectionCount
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    /// <summary>The idle connections.</summary>
    public int AvailableConnectionCount
    {
        get
        {
            lock (_lock)
            {
                return _available.Count;
            }
        }
    }

    internal Task BackgroundTask { get; }

    /// <summary>Returns the generation of a load-balanced service (0 before its first clear).</summary>
    public int GetGeneration(ObjectId? serviceId)
    {
        lock (_lock)
        {
            return GenerationOf(serviceId);
        }
    }

    /// <summary>Marks the pool ready: check-outs may create connections and the background task fills <c>minPoolSize</c>.</summary>
    public void Ready()
    {
        lock (_lock)
        {
            if (_state != ConnectionPoolState.Paused)
            {
                return;
            }

            _state = ConnectionPoolState.Ready;
            _pauseCause = null;
            Emit(new ConnectionPoolReadyEvent(Address));
        }

        Wake();
    }

    /// <summary>
    /// Clears the pool: advances the generation (of one service in load-balanced mode), pauses the pool, fails every
    /// waiting check-out, and lets the background task close idle — and, with <paramref name="interruptInUseConnections"/>,
    /// in-use — connections of older generations. Clearing a paused or closed pool does nothing.
    /// </summary>
    public void Clear(bool interruptInUseConnections = false, ObjectId? serviceId = null, Exception? cause = null)
    {
        lock (_lock)
        {
            if (LoadBalanced)
            {
                if (serviceId is { } id)
                {
                    _serviceGenerations[id] = GenerationOf(id) + 1;
                }

                Emit(new ConnectionPoolClearedEvent(Address, serviceId, interruptInUseConnections));
                return;
            }

            if (_state != ConnectionPoolState.Ready)
            {
                return;
            }

            _generation++;
            _state = ConnectionPoolState.Paused;
            _pauseCause = cause;
            _interruptInUse |= interruptInUseConnections;
            Emit(new ConnectionPoolClearedEvent(Address, null, interruptInUseConnections));
            ServeWaiters();
        }

        Wake();
    }

    /// <summary>Closes the pool: idle connections are closed now, in-use ones when they are checked in; waiting check-outs fail.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_state == ConnectionPoolState.Closed)
            {
                return;
            }

            _state = ConnectionPoolState.Closed;
            foreach (var idle in _available)
            {
                CloseLocked(idle.Connection, PoolConnectionClosedReason.PoolClosed);
            }

            _available.Clear();
            ServeWaiters();
            Emit(new ConnectionPoolClosedEvent(Address));
        }

        _shutdown.Cancel();
        Wake();
    }

    private int GenerationOf(ObjectId? serviceId) =>
        LoadBalanced && serviceId is { } id ? _serviceGenerations.GetValueOrDefault(id) : _generation;

    private bool IsStale(IPoolableConnection connection) => connection.Generation < GenerationOf(connection.ServiceId);

    private void CloseLocked(IPoolableConnection connection, PoolConnectionClosedReason reason)
    {
        _total--;
        Emit(new ConnectionClosedEvent(Address, connection.Id, reason));
        DisposeQuietly(connection);
    }

    private static void DisposeQuietly(IPoolableConnection connection)
    {
        try
        {
            connection.Dispose();
        }
        catch (Exception)
        {
            // Closing a broken socket may throw; the connection is gone either way.
        }
    }

    private void Emit(ConnectionPoolEvent poolEvent)
    {
        if (_subscriber is null)
        {
            return;
        }

        try
        {
            _subscriber.Handle(poolEvent);
        }
        catch (Exception)
        {
            // A failing subscriber must not break the pool's bookkeeping.
        }
    }

    private void Wake()
    {
        TaskCompletionSource wake;
        lock (_lock)
        {
            wake = _wake;
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
    }

    private sealed record IdleConnection(IPoolableConnection Connection, long ReturnedAt);
}

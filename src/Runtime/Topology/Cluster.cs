using MongoDB.Bson;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Pooling;
using OpenQuizz.Typed.Pooling.Events;
using OpenQuizz.Typed.Topology.Events;

namespace OpenQuizz.Typed.Topology;

/// <summary>
/// The client's live topology: holds the current <see cref="TopologyDescription"/>, one <see cref="Server"/> (pool +
/// monitor) per described server, applies monitor outcomes and application errors through the pure
/// <see cref="TopologyTransitions"/>, publishes SDAM events, and selects servers for operations.
/// Every change happens under one lock, so a pool is cleared in the same step as its server is marked Unknown.
/// </summary>
internal sealed partial class Cluster : IServerCheckSink, IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<MongoServerAddress, Server> _servers = [];
    private readonly IServerMonitorFactory _monitors;
    private readonly IPoolableConnectionFactory _connections;
    private readonly TimeProvider _time;
    private readonly ISdamEventSubscriber? _sdamSubscriber;
    private readonly IConnectionPoolEventSubscriber? _poolSubscriber;
    private readonly Random _random;
    private readonly ILogger _selectionLogger;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TopologyDescription _description;
    private bool _opened;
    private bool _disposed;

    public Cluster(
        TopologySettings settings,
        IServerMonitorFactory monitors,
        IPoolableConnectionFactory connections,
        TimeProvider? time = null,
        ISdamEventSubscriber? sdamSubscriber = null,
        IConnectionPoolEventSubscriber? poolSubscriber = null,
        Random? random = null,
        ILogger? selectionLogger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _monitors = settings.LoadBalanced ? NoMonitor.Instance : monitors ?? throw new ArgumentNullException(nameof(monitors));
        _connections = connections ?? throw new ArgumentNullException(nameof(connections));
        _time = time ?? TimeProvider.System;
        _sdamSubscriber = sdamSubscriber;
        _poolSubscriber = poolSubscriber;
        _random = random ?? Random.Shared;
        _selectionLogger = selectionLogger ?? NullLogger.Instance;
        _description = new TopologyDescription(TopologyType.Unknown, null, null, null, [], settings.HeartbeatFrequency, settings.Seeds.Count == 1);
    }

    /// <summary>Identifies this topology in events.</summary>
    public ObjectId Id { get; } = ObjectId.GenerateNewId();

    public TopologySettings Settings { get; }

    /// <summary>The current snapshot; replaced (never mutated) on every change.</summary>
    public TopologyDescription Description => Volatile.Read(ref _description);

    /// <summary>The highest <c>$clusterTime</c> seen in replies to this client's operations.</summary>
    public ClusterClock Clock { get; } = new();

    /// <summary>
    /// Opens the topology: publishes the opening events, creates a pool and starts a monitor for every seed (load
    /// balancer: marks it LoadBalancer and its pool ready). Does no I/O itself. Idempotent.
    /// </summary>
    public void Open()
    {
        lock (_lock)
        {
            if (_opened || _disposed)
            {
                return;
            }

            _opened = true;
            Emit(new TopologyOpeningEvent(Id));
            var previous = _description;
            var initial = TopologyDescription.CreateInitial(Settings.Seeds, Settings.InitialType, Settings.SetName, Settings.HeartbeatFrequency);
            _description = initial;
            Emit(new TopologyDescriptionChangedEvent(Id, previous, initial));
            foreach (var server in initial.Servers)
            {
                AddServerLocked(server.Address);
            }

            foreach (var server in _servers.Values)
            {
                server.Monitor.Start();
            }

            if (Settings.LoadBalanced)
            {
                var address = initial.Servers[0].Address;
                UpdateLocked(TopologyTransitions.Apply(initial, ServerDescription.CreateLoadBalancer(address)));
                _servers[address].Pool.Ready();
            }

            SignalChangedLocked();
        }
    }

    /// <summary>Returns the live server at <paramref name="address"/>, or null.</summary>
    public Server? GetServer(MongoServerAddress address)
    {
        lock (_lock)
        {
            return _servers.GetValueOrDefault(address);
        }
    }

    /// <inheritdoc/>
    public ObjectId TopologyId => Id;

    /// <inheritdoc/>
    public ServerDescription? CurrentDescription(MongoServerAddress address) => Description.GetServer(address);

    /// <inheritdoc/>
    public void OnCheckSucceeded(ServerDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        lock (_lock)
        {
            if (_disposed || !_servers.TryGetValue(description.Address, out var server))
            {
                return;
            }

            var previous = _description;
            var next = TopologyTransitions.Apply(previous, description);
            UpdateLocked(next, description);
            if (description.Type == ServerType.Unknown)
            {
                // An ok: 0 reply is a failed check: the pool's connections are suspect too.
                server.Pool.Clear(cause: description.Error);
            }
            else if (next.GetServer(description.Address) is { } applied && (applied.IsDataBearing || next.Type == TopologyType.Single))
            {
                server.Pool.Ready();
            }

            // A newly discovered primary demoted the old one: check it now rather than at the next heartbeat.
            foreach (var stale in previous.Servers)
            {
                if (stale.Type == ServerType.RSPrimary && !stale.Address.Equals(description.Address)
                    && next.GetServer(stale.Address) is { Type: ServerType.Unknown } && _servers.TryGetValue(stale.Address, out var old))
                {
                    old.Monitor.RequestImmediateCheck();
                }
            }

            SignalChangedLocked();
        }
    }

    /// <inheritdoc/>
    public void OnCheckFailed(MongoServerAddress address, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        lock (_lock)
        {
            if (_disposed || !_servers.TryGetValue(address, out var server))
            {
                return;
            }

            var current = _description.GetServer(address);
            UpdateLocked(TopologyTransitions.Apply(_description, ServerDescription.CreateUnknown(address, error, lastUpdateTime: current?.LastUpdateTime)));

            // A timed-out check means in-use connections may hang as well: interrupt them.
            var timeout = error is MongoConnectionException { IsTimeout: true } or TimeoutException;
            server.Pool.Clear(interruptInUseConnections: timeout, cause: error);
            SignalChangedLocked();
        }
    }

    /// <summary>
    /// Applies the SDAM error-handling rules to an error an operation hit: may mark the server Unknown, clear its pool,
    /// request an immediate check or cancel the monitor's check. Stale errors are ignored.
    /// </summary>
    public void HandleApplicationError(ApplicationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        lock (_lock)
        {
            if (_disposed || !_servers.TryGetValue(error.Address, out var server))
            {
                return;
            }

            var generation = server.Pool.GetGeneration(error.ServiceId);
            var outcome = TopologyTransitions.HandleApplicationError(_description, error, generation);
            UpdateLocked(outcome.Description);
            if (outcome.ClearPool)
            {
                server.Pool.Clear(serviceId: outcome.ServiceId, cause: error.Exception);
            }

            if (outcome.CancelCheck)
            {
                server.Monitor.CancelCheck();
            }

            if (outcome.RequestImmediateCheck)
            {
                server.Monitor.RequestImmediateCheck();
            }

            SignalChangedLocked();
        }
    }

    /// <summary>Asks every monitor to check now (server selection does this while it waits).</summary>
    public void RequestImmediateCheck()
    {
        lock (_lock)
        {
            foreach (var server in _servers.Values)
            {
                server.Monitor.RequestImmediateCheck();
            }
        }
    }

    /// <summary>Closes the topology: removes every server (closing pools, stopping monitors) and publishes the closing events.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            if (_opened)
            {
                UpdateLocked(new TopologyDescription(TopologyType.Unknown, null, null, null, [], Settings.HeartbeatFrequency, _description.SingleSeed));
                Emit(new TopologyClosedEvent(Id));
            }

            _disposed = true;
            SignalChangedLocked();
        }
    }

    // Replaces the snapshot, keeps the live servers in step with it and publishes the SDAM events in the
    // specification's order: server description changes, server openings and closings, then the topology change.
    // A server whose check led to its removal (a replica-set member in a sharded topology, a member of another set)
    // still gets the change its reply described, before its closing, as the change was processed first.
    private void UpdateLocked(TopologyDescription next, ServerDescription? checkedServer = null)
    {
        var previous = _description;
        if (ReferenceEquals(previous, next))
        {
            return;
        }

        _description = next;
        foreach (var server in next.Servers)
        {
            if (previous.GetServer(server.Address) is { } before && !before.IsEquivalentTo(server))
            {
                Emit(new ServerDescriptionChangedEvent(Id, server.Address, before, server));
            }
        }

        if (checkedServer is not null && !next.Contains(checkedServer.Address)
            && previous.GetServer(checkedServer.Address) is { } removedBefore && !removedBefore.IsEquivalentTo(checkedServer))
        {
            Emit(new ServerDescriptionChangedEvent(Id, checkedServer.Address, removedBefore, checkedServer));
        }

        foreach (var server in next.Servers)
        {
            if (!previous.Contains(server.Address))
            {
                AddServerLocked(server.Address).Monitor.Start();
            }
        }

        foreach (var server in previous.Servers)
        {
            if (!next.Contains(server.Address) && _servers.Remove(server.Address, out var removed))
            {
                removed.Dispose();
                Emit(new ServerClosedEvent(Id, server.Address));
            }
        }

        if (!previous.IsEquivalentTo(next))
        {
            Emit(new TopologyDescriptionChangedEvent(Id, previous, next));
        }
    }

    private Server AddServerLocked(MongoServerAddress address)
    {
        var pool = new ConnectionPool(address, Settings.PoolOptions, _connections, _time, _poolSubscriber,
            Settings.PoolBackgroundInterval, Settings.LoadBalanced, (error, generation) => OnBackgroundConnectionFailed(address, error, generation));
        var server = new Server(address, pool, _monitors.Create(address, this));
        _servers[address] = server;
        Emit(new ServerOpeningEvent(Id, address));
        return server;
    }

    // A minPoolSize connection failed to establish: the same as an application error before the handshake completed.
    private void OnBackgroundConnectionFailed(MongoServerAddress address, Exception error, int generation)
    {
        var maxWireVersion = Description.GetServer(address)?.MaxWireVersion ?? 0;
        HandleApplicationError(ApplicationError.From(address, generation, maxWireVersion, ErrorPhase.BeforeHandshakeCompletes, error));
    }

    private void SignalChangedLocked()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private void Emit(SdamEvent sdamEvent)
    {
        try
        {
            _sdamSubscriber?.Handle(sdamEvent);
        }
        catch (Exception)
        {
            // A failing subscriber must not break discovery.
        }
    }
}

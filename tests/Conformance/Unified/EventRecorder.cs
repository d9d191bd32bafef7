using MongoDB.Bson;
using OpenQuizz.Typed.Diagnostics;
using OpenQuizz.Typed.Pooling.Events;
using OpenQuizz.Typed.Topology.Events;

namespace OpenQuizz.Typed.Conformance.Unified;

/// <summary>One event a client entity observed: its unified-format name, its "command", "cmap" or "sdam" kind, and its fields as a document.</summary>
public sealed record ObservedEvent(string Name, string EventType, BsonDocument Fields);

/// <summary>
/// Records the command, CMAP and SDAM events of one client entity as the unified format names them, honouring
/// <c>observeEvents</c>, <c>ignoreCommandMonitoringEvents</c> and <c>observeSensitiveCommands</c>. Waiters are woken by
/// each event, so <c>waitForEvent</c> never sleeps.
/// </summary>
public sealed class EventRecorder(IReadOnlySet<string> observe, IReadOnlySet<string> ignoreCommands, bool observeSensitive, Action<ObservedEvent>? store)
    : ICommandEventSubscriber, IConnectionPoolEventSubscriber, ISdamEventSubscriber
{
    private static readonly HashSet<string> Sensitive = new(StringComparer.OrdinalIgnoreCase)
    {
        "authenticate", "saslStart", "saslContinue", "getnonce", "createUser", "updateUser", "copydbgetnonce", "copydbsaslstart", "copydb",
    };

    private readonly Lock _lock = new();
    private readonly List<ObservedEvent> _events = [];
    private readonly HashSet<long> _ignoredRequests = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _checkedOut;

    /// <summary>Connections checked out of this client's pools and not yet checked in.</summary>
    public int CheckedOut => Volatile.Read(ref _checkedOut);

    public IReadOnlyList<ObservedEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return _events.ToArray();
            }
        }
    }

    /// <summary>Completes at the next recorded event.</summary>
    public Task NextEventAsync()
    {
        lock (_lock)
        {
            return _changed.Task;
        }
    }

    public void OnCommandStarted(CommandStartedEvent e)
    {
        if (Skip(e.CommandName, e.Command, e.RequestId))
        {
            return;
        }

        var fields = new BsonDocument
        {
            { "command", e.Command },
            { "commandName", e.CommandName },
            { "databaseName", e.DatabaseName },
            { "hasServiceId", e.Connection.ServiceId is not null },
            { "hasServerConnectionId", e.Connection.ServerConnectionId is not null },
        };
        Add(new ObservedEvent("commandStartedEvent", "command", fields));
    }

    public void OnCommandSucceeded(CommandSucceededEvent e)
    {
        if (Skip(e.CommandName, null, e.RequestId))
        {
            return;
        }

        var fields = new BsonDocument
        {
            { "reply", e.Reply },
            { "commandName", e.CommandName },
            { "databaseName", e.DatabaseName },
            { "hasServiceId", e.Connection.ServiceId is not null },
            { "hasServerConnectionId", e.Connection.ServerConnectionId is not null },
        };
        Add(new ObservedEvent("commandSucceededEvent", "command", fields));
    }

    public void OnCommandFailed(CommandFailedEvent e)
    {
        if (Skip(e.CommandName, null, e.RequestId))
        {
            return;
        }

        var fields = new BsonDocument
        {
            { "commandName", e.CommandName },
            { "databaseName", e.DatabaseName },
            { "hasServiceId", e.Connection.ServiceId is not null },
            { "hasServerConnectionId", e.Connection.ServerConnectionId is not null },
        };
        Add(new ObservedEvent("commandFailedEvent", "command", fields));
    }

    public void Handle(ConnectionPoolEvent poolEvent)
    {
        switch (poolEvent)
        {
            case ConnectionCheckedOutEvent:
                Interlocked.Increment(ref _checkedOut);
                break;
            case ConnectionCheckedInEvent:
                Interlocked.Decrement(ref _checkedOut);
                break;
        }

        var (name, fields) = poolEvent switch
        {
            ConnectionPoolCreatedEvent => ("poolCreatedEvent", new BsonDocument()),
            ConnectionPoolReadyEvent => ("poolReadyEvent", new BsonDocument()),
            ConnectionPoolClearedEvent c => ("poolClearedEvent", new BsonDocument { { "hasServiceId", c.ServiceId is not null }, { "interruptInUseConnections", c.InterruptInUseConnections } }),
            ConnectionPoolClosedEvent => ("poolClosedEvent", new BsonDocument()),
            ConnectionCreatedEvent => ("connectionCreatedEvent", new BsonDocument()),
            ConnectionReadyEvent => ("connectionReadyEvent", new BsonDocument()),
            ConnectionClosedEvent c => ("connectionClosedEvent", new BsonDocument("reason", ClosedReason(c.Reason))),
            ConnectionCheckOutStartedEvent => ("connectionCheckOutStartedEvent", new BsonDocument()),
            ConnectionCheckOutFailedEvent c => ("connectionCheckOutFailedEvent", new BsonDocument("reason", FailedReason(c.Reason))),
            ConnectionCheckedOutEvent => ("connectionCheckedOutEvent", new BsonDocument()),
            ConnectionCheckedInEvent => ("connectionCheckedInEvent", new BsonDocument()),
            _ => (poolEvent.GetType().Name, new BsonDocument()),
        };
        Add(new ObservedEvent(name, "cmap", fields));
    }

    /// <summary>SDAM events, named as the unified format names them; descriptions are shown by their type.</summary>
    public void Handle(SdamEvent sdamEvent)
    {
        static BsonDocument Change(string previous, string next) => new()
        {
            { "previousDescription", new BsonDocument("type", previous) },
            { "newDescription", new BsonDocument("type", next) },
        };

        var (name, fields) = sdamEvent switch
        {
            TopologyDescriptionChangedEvent e => ("topologyDescriptionChangedEvent", Change(e.PreviousDescription.Type.ToString(), e.NewDescription.Type.ToString())),
            ServerDescriptionChangedEvent e => ("serverDescriptionChangedEvent", Change(e.PreviousDescription.Type.ToString(), e.NewDescription.Type.ToString())),
            ServerHeartbeatStartedEvent e => ("serverHeartbeatStartedEvent", new BsonDocument("awaited", e.Awaited)),
            ServerHeartbeatSucceededEvent e => ("serverHeartbeatSucceededEvent", new BsonDocument("awaited", e.Awaited)),
            ServerHeartbeatFailedEvent e => ("serverHeartbeatFailedEvent", new BsonDocument("awaited", e.Awaited)),
            TopologyOpeningEvent => ("topologyOpeningEvent", new BsonDocument()),
            TopologyClosedEvent => ("topologyClosedEvent", new BsonDocument()),
            ServerOpeningEvent => ("serverOpeningEvent", new BsonDocument()),
            ServerClosedEvent => ("serverClosedEvent", new BsonDocument()),
            _ => (sdamEvent.GetType().Name, new BsonDocument()),
        };
        Add(new ObservedEvent(name, "sdam", fields));
    }

    private bool Skip(string commandName, BsonDocument? command, int requestId)
    {
        // The configureFailPoint commands of the failPoint operations are never recorded (unified test format).
        if (ignoreCommands.Contains(commandName) || commandName == "configureFailPoint")
        {
            return true;
        }

        // A started event decides for its reply. The connection handshake's hello (the one carrying the client metadata)
        // is not an operation under test: the spec runners never see it, so it is left out like a heartbeat. A hello
        // whose command is empty was redacted for its speculativeAuthenticate: sensitive (unified test format).
        lock (_lock)
        {
            if (command is null)
            {
                return _ignoredRequests.Contains(requestId) || (!observeSensitive && Sensitive.Contains(commandName));
            }

            var hello = commandName is "hello" or "isMaster" or "ismaster";
            var ignored = (hello && command.Contains("client"))
                || (!observeSensitive && (Sensitive.Contains(commandName) || (hello && (command.Contains("speculativeAuthenticate") || command.ElementCount == 0))));
            if (ignored)
            {
                _ignoredRequests.Add(requestId);
            }

            return ignored;
        }
    }

    private void Add(ObservedEvent e)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            if (!observe.Contains(e.Name))
            {
                store?.Invoke(e);
                return;
            }

            _events.Add(e);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        store?.Invoke(e);
        changed.TrySetResult();
    }

    private static string ClosedReason(PoolConnectionClosedReason reason) => reason switch
    {
        PoolConnectionClosedReason.Stale => "stale",
        PoolConnectionClosedReason.Idle => "idle",
        PoolConnectionClosedReason.Error => "error",
        PoolConnectionClosedReason.PoolClosed => "poolClosed",
        _ => reason.ToString(),
    };

    private static string FailedReason(CheckOutFailedReason reason) => reason switch
    {
        CheckOutFailedReason.PoolClosed => "poolClosed",
        CheckOutFailedReason.Timeout => "timeout",
        CheckOutFailedReason.ConnectionError => "connectionError",
        _ => reason.ToString(),
    };
}

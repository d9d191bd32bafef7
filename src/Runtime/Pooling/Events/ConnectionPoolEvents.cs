using MongoDB.Bson;

namespace OpenQuizz.Typed.Pooling.Events;

/// <summary>Why a pooled connection was closed.</summary>
public enum PoolConnectionClosedReason
{
    /// <summary>The pool was cleared after the connection was created.</summary>
    Stale,

    /// <summary>The connection sat idle longer than <c>maxIdleTimeMS</c>.</summary>
    Idle,

    /// <summary>The connection failed (during establishment or use).</summary>
    Error,

    /// <summary>The pool was closed.</summary>
    PoolClosed,
}

/// <summary>Why a check-out failed.</summary>
public enum CheckOutFailedReason
{
    /// <summary>The pool is closed.</summary>
    PoolClosed,

    /// <summary>No connection became available within <c>waitQueueTimeoutMS</c>.</summary>
    Timeout,

    /// <summary>Establishing a connection failed, or the pool was cleared while waiting.</summary>
    ConnectionError,
}

/// <summary>The options a pool was created with, as reported by <see cref="ConnectionPoolCreatedEvent"/>.</summary>
/// <param name="MaxPoolSize">The most connections, in use or idle (0: no limit).</param>
/// <param name="MinPoolSize">The connections kept open in the background.</param>
/// <param name="MaxConnecting">The most connections establishing at once.</param>
/// <param name="WaitQueueTimeout">How long a check-out may wait (null: no limit).</param>
/// <param name="MaxIdleTime">How long a connection may stay idle before it is closed (null: forever).</param>
public sealed record ConnectionPoolOptions(
    int MaxPoolSize = 100,
    int MinPoolSize = 0,
    int MaxConnecting = 2,
    TimeSpan? WaitQueueTimeout = null,
    TimeSpan? MaxIdleTime = null);

/// <summary>The base of every connection monitoring and pooling (CMAP) event.</summary>
/// <param name="Address">The server of the pool.</param>
public abstract record ConnectionPoolEvent(MongoServerAddress Address);

/// <summary>A pool was created (paused).</summary>
public sealed record ConnectionPoolCreatedEvent(MongoServerAddress Address, ConnectionPoolOptions Options) : ConnectionPoolEvent(Address);

/// <summary>A pool was marked ready: check-outs may create connections.</summary>
public sealed record ConnectionPoolReadyEvent(MongoServerAddress Address) : ConnectionPoolEvent(Address);

/// <summary>A pool was cleared: its generation advanced and it was paused.</summary>
public sealed record ConnectionPoolClearedEvent(MongoServerAddress Address, MongoDB.Bson.ObjectId? ServiceId, bool InterruptInUseConnections) : ConnectionPoolEvent(Address);

/// <summary>A pool was closed and its idle connections closed.</summary>
public sealed record ConnectionPoolClosedEvent(MongoServerAddress Address) : ConnectionPoolEvent(Address);

/// <summary>A connection was created (before its handshake).</summary>
public sealed record ConnectionCreatedEvent(MongoServerAddress Address, long ConnectionId) : ConnectionPoolEvent(Address);

/// <summary>A connection finished its handshake and is usable.</summary>
public sealed record ConnectionReadyEvent(MongoServerAddress Address, long ConnectionId, TimeSpan Duration) : ConnectionPoolEvent(Address);

/// <summary>A connection was closed.</summary>
public sealed record ConnectionClosedEvent(MongoServerAddress Address, long ConnectionId, PoolConnectionClosedReason Reason) : ConnectionPoolEvent(Address);

/// <summary>A check-out began.</summary>
public sealed record ConnectionCheckOutStartedEvent(MongoServerAddress Address) : ConnectionPoolEvent(Address);

/// <summary>A check-out failed.</summary>
public sealed record ConnectionCheckOutFailedEvent(MongoServerAddress Address, CheckOutFailedReason Reason, TimeSpan Duration) : ConnectionPoolEvent(Address);

/// <summary>A connection was checked out.</summary>
public sealed record ConnectionCheckedOutEvent(MongoServerAddress Address, long ConnectionId, TimeSpan Duration) : ConnectionPoolEvent(Address);

/// <summary>A connection was checked back in.</summary>
public sealed record ConnectionCheckedInEvent(MongoServerAddress Address, long ConnectionId) : ConnectionPoolEvent(Address);

/// <summary>Receives CMAP events. Called synchronously, in order, sometimes under the pool's lock: return quickly and never call back into the pool.</summary>
public interface IConnectionPoolEventSubscriber
{
    /// <summary>Handles one event.</summary>
    void Handle(ConnectionPoolEvent poolEvent);
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Topology.Events;

/// <summary>The base of every server discovery and monitoring (SDAM) event.</summary>
/// <param name="TopologyId">Identifies the client's topology (one per client).</param>
public abstract record SdamEvent(ObjectId TopologyId);

/// <summary>The topology was opened (the client started).</summary>
public sealed record TopologyOpeningEvent(ObjectId TopologyId) : SdamEvent(TopologyId);

/// <summary>The topology was closed (the client was disposed).</summary>
public sealed record TopologyClosedEvent(ObjectId TopologyId) : SdamEvent(TopologyId);

/// <summary>The topology description changed.</summary>
public sealed record TopologyDescriptionChangedEvent(ObjectId TopologyId, TopologyDescription PreviousDescription, TopologyDescription NewDescription)
    : SdamEvent(TopologyId);

/// <summary>A server was added to the topology and its monitor started.</summary>
public sealed record ServerOpeningEvent(ObjectId TopologyId, MongoServerAddress Address) : SdamEvent(TopologyId);

/// <summary>A server was removed from the topology and its monitor stopped.</summary>
public sealed record ServerClosedEvent(ObjectId TopologyId, MongoServerAddress Address) : SdamEvent(TopologyId);

/// <summary>A server's description changed (by the SDAM equality rules).</summary>
public sealed record ServerDescriptionChangedEvent(ObjectId TopologyId, MongoServerAddress Address, ServerDescription PreviousDescription, ServerDescription NewDescription)
    : SdamEvent(TopologyId);

/// <summary>A monitor sent a hello.</summary>
public sealed record ServerHeartbeatStartedEvent(ObjectId TopologyId, MongoServerAddress Address, bool Awaited) : SdamEvent(TopologyId);

/// <summary>A monitor's hello succeeded.</summary>
public sealed record ServerHeartbeatSucceededEvent(ObjectId TopologyId, MongoServerAddress Address, TimeSpan Duration, BsonDocument Reply, bool Awaited)
    : SdamEvent(TopologyId);

/// <summary>A monitor's hello failed.</summary>
public sealed record ServerHeartbeatFailedEvent(ObjectId TopologyId, MongoServerAddress Address, TimeSpan Duration, Exception Failure, bool Awaited)
    : SdamEvent(TopologyId);

/// <summary>Receives SDAM events, synchronously and in order; return quickly and never block on the client.</summary>
public interface ISdamEventSubscriber
{
    /// <summary>Handles one event.</summary>
    void Handle(SdamEvent sdamEvent);
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Topology;

/// <summary>
/// A monitoring connection as the monitor needs it: the handshake's reply, a hello (awaitable when given a topology
/// version, in which case the server streams further replies flagged <c>moreToCome</c>), and reading those replies.
/// The adapter over <c>MongoConnection</c> lives beside the connection code; tests use fakes.
/// </summary>
internal interface IMonitorConnection : IDisposable
{
    /// <summary>The reply to the connection's handshake hello.</summary>
    BsonDocument HandshakeReply { get; }

    /// <summary>True when the last reply had <c>moreToCome</c>: the next reply arrives without a request.</summary>
    bool MoreToCome { get; }

    /// <summary>
    /// Sends hello. With <paramref name="topologyVersion"/> and <paramref name="maxAwaitTime"/> it is the streaming
    /// protocol's awaitable hello (<c>exhaustAllowed</c>): the server answers when its state changes or the time passes.
    /// </summary>
    ValueTask<BsonDocument> HelloAsync(TopologyVersion? topologyVersion, TimeSpan? maxAwaitTime, CancellationToken cancellationToken);

    /// <summary>Reads the next streamed reply.</summary>
    ValueTask<BsonDocument> ReadNextAsync(CancellationToken cancellationToken);
}

/// <summary>Opens monitoring connections (connect + handshake, no authentication).</summary>
internal interface IMonitorConnectionFactory
{
    ValueTask<IMonitorConnection> OpenAsync(MongoServerAddress address, CancellationToken cancellationToken);
}

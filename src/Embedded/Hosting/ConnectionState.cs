using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Protocol.Compression;

namespace OpenQuizz.Typed.Embedded.Hosting;

/// <summary>Per-connection state that commands read or set (hello's negotiation, client metadata).</summary>
internal sealed class ConnectionState(long id, string remoteAddress)
{
    public long Id { get; } = id;

    /// <summary>"ip:port" of the client, for whatsmyuri.</summary>
    public string RemoteAddress { get; } = remoteAddress;

    /// <summary>The compressors agreed in hello, in the client's order; replies may use any of them.</summary>
    public IReadOnlyList<MessageCompressor> Compressors { get; set; } = [];

    public BsonDocument? ClientMetadata { get; set; }

    /// <summary>Set by an awaitable hello: how long to hold its reply; taken by the connection loop, which streams it with exhaustAllowed.</summary>
    public TimeSpan? HelloAwait { get; set; }

    /// <summary>Set by a fired failCommand failpoint: wait and/or close before the reply is written; taken by the connection loop.</summary>
    public FailPoints.FailPointEffect? FailPointEffect { get; set; }

    /// <summary>Who is authenticated on this connection and the SASL conversation in progress.</summary>
    public Auth.ConnectionAuthentication Authentication { get; } = new();
}

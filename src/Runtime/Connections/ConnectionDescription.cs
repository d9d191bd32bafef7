using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Connections;

/// <summary>
/// What the handshake learned about the server and this connection: limits, wire versions, the negotiated
/// compressor and the hello fields the pool and monitors need. Immutable; replaced only by a new handshake.
/// </summary>
internal sealed record ConnectionDescription
{
    public const int DefaultMaxBsonObjectSize = 16 * 1024 * 1024;
    public const int DefaultMaxMessageSizeBytes = 48_000_000;
    public const int DefaultMaxWriteBatchSize = 100_000;

    /// <summary>The server the connection is to.</summary>
    public required MongoServerAddress Address { get; init; }

    /// <summary>This client's id for the connection (unique per process).</summary>
    public required long LocalConnectionId { get; init; }

    /// <summary>The server's <c>connectionId</c>, when it sent one.</summary>
    public long? ServerConnectionId { get; init; }

    public int MinWireVersion { get; init; }

    public int MaxWireVersion { get; init; }

    public int MaxBsonObjectSize { get; init; } = DefaultMaxBsonObjectSize;

    public int MaxMessageSizeBytes { get; init; } = DefaultMaxMessageSizeBytes;

    public int MaxWriteBatchSize { get; init; } = DefaultMaxWriteBatchSize;

    /// <summary>The compressor both sides agreed on, or null.</summary>
    public MongoCompressorType? Compressor { get; init; }

    /// <summary>The compressors the server listed in its reply.</summary>
    public IReadOnlyList<string> ServerCompressors { get; init; } = [];

    /// <summary>The session timeout, or null when the server does not support sessions.</summary>
    public TimeSpan? LogicalSessionTimeout { get; init; }

    /// <summary>The replica set name (<c>setName</c>).</summary>
    public string? SetName { get; init; }

    /// <summary><c>isWritablePrimary</c> (or legacy <c>ismaster</c>).</summary>
    public bool IsWritablePrimary { get; init; }

    public bool IsSecondary { get; init; }

    public bool IsArbiterOnly { get; init; }

    /// <summary><c>msg</c>; <c>isdbgrid</c> for a mongos.</summary>
    public string? Msg { get; init; }

    public bool IsMongos => string.Equals(Msg, "isdbgrid", StringComparison.Ordinal);

    /// <summary>The server accepts <c>hello</c> on later connections (<c>helloOk</c>).</summary>
    public bool HelloOk { get; init; }

    /// <summary>The <c>topologyVersion</c> for streaming monitoring, when given.</summary>
    public BsonDocument? TopologyVersion { get; init; }

    /// <summary>The <c>serviceId</c> behind a load balancer; required in load-balanced mode.</summary>
    public ObjectId? ServiceId { get; init; }

    /// <summary>The mechanisms listed for the user in <c>saslSupportedMechs</c>, when asked.</summary>
    public IReadOnlyList<string>? SaslSupportedMechs { get; init; }

    /// <summary>The whole hello reply, without <c>speculativeAuthenticate</c>, for the server description.</summary>
    public required BsonDocument HelloReply { get; init; }

    /// <summary>Reads the description from a hello reply.</summary>
    public static ConnectionDescription FromHello(MongoServerAddress address, long localConnectionId, BsonDocument reply, MongoCompressorType? compressor)
    {
        var clean = new BsonDocument();
        foreach (var element in reply)
        {
            if (element.Name != "speculativeAuthenticate")
            {
                clean.Add(element.Name, element.Value);
            }
        }

        return new ConnectionDescription
        {
            Address = address,
            LocalConnectionId = localConnectionId,
            ServerConnectionId = Number(reply, "connectionId") is { } id ? (long)id : null,
            MinWireVersion = (int)(Number(reply, "minWireVersion") ?? 0),
            MaxWireVersion = (int)(Number(reply, "maxWireVersion") ?? 0),
            MaxBsonObjectSize = (int)(Number(reply, "maxBsonObjectSize") ?? DefaultMaxBsonObjectSize),
            MaxMessageSizeBytes = (int)(Number(reply, "maxMessageSizeBytes") ?? DefaultMaxMessageSizeBytes),
            MaxWriteBatchSize = (int)(Number(reply, "maxWriteBatchSize") ?? DefaultMaxWriteBatchSize),
            Compressor = compressor,
            ServerCompressors = Strings(reply, "compression") ?? [],
            LogicalSessionTimeout = Number(reply, "logicalSessionTimeoutMinutes") is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
            SetName = Text(reply, "setName"),
            IsWritablePrimary = Flag(reply, "isWritablePrimary") || Flag(reply, "ismaster"),
            IsSecondary = Flag(reply, "secondary"),
            IsArbiterOnly = Flag(reply, "arbiterOnly"),
            Msg = Text(reply, "msg"),
            HelloOk = Flag(reply, "helloOk"),
            TopologyVersion = reply.TryGetValue("topologyVersion", out var tv) && tv.IsBsonDocument ? tv.AsBsonDocument : null,
            ServiceId = reply.TryGetValue("serviceId", out var sid) && sid.IsObjectId ? sid.AsObjectId : null,
            SaslSupportedMechs = Strings(reply, "saslSupportedMechs"),
            HelloReply = clean,
        };
    }

    private static long? Number(BsonDocument reply, string name) =>
        reply.TryGetValue(name, out var value) && value.IsNumeric ? value.ToInt64() : null;

    private static string? Text(BsonDocument reply, string name) =>
        reply.TryGetValue(name, out var value) && value.IsString ? value.AsString : null;

    private static bool Flag(BsonDocument reply, string name) =>
        reply.TryGetValue(name, out var value) && (value.IsBoolean ? value.AsBoolean : value.IsNumeric && value.ToDouble() != 0);

    private static string[]? Strings(BsonDocument reply, string name)
    {
        if (!reply.TryGetValue(name, out var value) || !value.IsBsonArray)
        {
            return null;
        }

        var array = value.AsBsonArray;
        var result = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item.IsString)
            {
                result.Add(item.AsString);
            }
        }

        return [.. result];
    }
}

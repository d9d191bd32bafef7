using MongoDB.Bson;
using System.Globalization;
using System.Text;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Topology;

/// <summary>
/// An immutable snapshot of what the client knows about one server, built from its latest hello reply (or from the
/// error that replaced it). Descriptions change only by being replaced; see <see cref="TopologyDescription"/>.
/// </summary>
public sealed partial class ServerDescription
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>(0);

    /// <summary>Creates the default description of a server that has not been checked: type Unknown.</summary>
    public ServerDescription(MongoServerAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Address = address;
    }

    private ServerDescription(ServerDescription other)
    {
        Address = other.Address;
        Type = other.Type;
        Error = other.Error;
        RoundTripTime = other.RoundTripTime;
        MinRoundTripTime = other.MinRoundTripTime;
        LastWriteDate = other.LastWriteDate;
        OpTime = other.OpTime;
        MinWireVersion = other.MinWireVersion;
        MaxWireVersion = other.MaxWireVersion;
        Me = other.Me;
        Hosts = other.Hosts;
        Passives = other.Passives;
        Arbiters = other.Arbiters;
        Tags = other.Tags;
        SetName = other.SetName;
        ElectionId = other.ElectionId;
        SetVersion = other.SetVersion;
        Primary = other.Primary;
        LastUpdateTime = other.LastUpdateTime;
        LogicalSessionTimeoutMinutes = other.LogicalSessionTimeoutMinutes;
        TopologyVersion = other.TopologyVersion;
        IsCryptd = other.IsCryptd;
        ServiceId = other.ServiceId;
        HelloOk = other.HelloOk;
        MaxBsonObjectSize = other.MaxBsonObjectSize;
        MaxMessageSizeBytes = other.MaxMessageSizeBytes;
        MaxWriteBatchSize = other.MaxWriteBatchSize;
    }

    /// <summary>The address the client connects to (not the server's own <see cref="Me"/>).</summary>
    public MongoServerAddress Address { get; }

    /// <summary>What the server is.</summary>
    public ServerType Type { get; private init; }

    /// <summary>The error that made the server Unknown, if any.</summary>
    public Exception? Error { get; private init; }

    /// <summary>The exponentially weighted average hello round trip time; null while Unknown.</summary>
    public TimeSpan? RoundTripTime { get; private init; }

    /// <summary>The minimum round trip time over the recent samples; null while Unknown.</summary>
    public TimeSpan? MinRoundTripTime { get; private init; }

    /// <summary>The <c>lastWrite.lastWriteDate</c> of a replica set member (UTC), used for max staleness.</summary>
    public DateTime? LastWriteDate { get; private init; }

    /// <summary>The <c>lastWrite.opTime</c> of a replica set member, opaque.</summary>
    public BsonValue? OpTime { get; private init; }

    /// <summary>The lowest wire protocol version the server supports (0 when unknown).</summary>
    public int MinWireVersion { get; private init; }

    /// <summary>The highest wire protocol version the server supports (0 when unknown).</summary>
    public int MaxWireVersion { get; private init; }

    /// <summary>The address the server was configured with in its replica set (<c>me</c>), lower-cased.</summary>
    public MongoServerAddress? Me { get; private init; }

    /// <summary>The members this server reports (<c>hosts</c>), lower-cased.</summary>
    public IReadOnlyList<MongoServerAddress> Hosts { get; private init; } = [];

    /// <summary>The priority-zero members this server reports (<c>passives</c>).</summary>
    public IReadOnlyList<MongoServerAddress> Passives { get; private init; } = [];

    /// <summary>The arbiters this server reports (<c>arbiters</c>).</summary>
    public IReadOnlyList<MongoServerAddress> Arbiters { get; private init; } = [];

    /// <summary>The member's tags, matched by read preference tag sets.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; private init; } = NoTags;

    /// <summary>The replica set name the server reports.</summary>
    public string? SetName { get; private init; }

    /// <summary>The election id a primary reports.</summary>
    public ObjectId? ElectionId { get; private init; }

    /// <summary>The replica set configuration version the server reports.</summary>
    public long? SetVersion { get; private init; }

    /// <summary>This server's opinion of who the primary is.</summary>
    public MongoServerAddress? Primary { get; private init; }

    /// <summary>When the description was made (UTC, from the client's clock).</summary>
    public DateTime LastUpdateTime { get; private init; } = DateTime.MinValue;

    /// <summary>The server's logical session timeout; null when sessions are not supported.</summary>
    public int? LogicalSessionTimeoutMinutes { get; private init; }

    /// <summary>The server's <c>topologyVersion</c>, from a hello reply or a state-change error.</summary>
    public TopologyVersion? TopologyVersion { get; private init; }

    /// <summary>True when the server is mongocryptd.</summary>
    public bool? IsCryptd { get; private init; }

    /// <summary>The service id a server behind a load balancer reports.</summary>
    public ObjectId? ServiceId { get; private init; }

    /// <summary>True when the server answered <c>helloOk: true</c>, so later checks may use <c>hello</c>.</summary>
    public bool HelloOk { get; private init; }

    /// <summary>The largest BSON document the server accepts, when reported.</summary>
    public int? MaxBsonObjectSize { get; private init; }

    /// <summary>The largest message the server accepts, when reported.</summary>
    public int? MaxMessageSizeBytes { get; private init; }

    /// <summary>The largest write batch the server accepts, when reported.</summary>
    public int? MaxWriteBatchSize { get; private init; }

    /// <summary>True for types that hold application data: standalone, mongos, primary, secondary, load balancer.</summary>
    public bool IsDataBearing => Type is ServerType.Standalone or ServerType.Mongos or ServerType.RSPrimary
        or ServerType.RSSecondary or ServerType.LoadBalancer;

    /// <summary>True when the server's type is known (neither Unknown nor PossiblePrimary).</summary>
    public bool IsAvailable => Type is not (ServerType.Unknown or ServerType.PossiblePrimary);

    /// <summary>True for the replica set member types (primary, secondary, arbiter, other, ghost).</summary>
    public bool IsReplicaSetMember => Type is ServerType.RSPrimary or ServerType.RSSecondary or ServerType.RSArbiter
        or ServerType.RSOther or ServerType.RSGhost;

    /// <summary>Creates an Unknown description carrying the error (and topology version) that caused it.</summary>
    public static ServerDescription CreateUnknown(MongoServerAddress address, Exception? error, TopologyVersion? topologyVersion = null, DateTime? lastUpdateTime = null) =>
        new(address) { Error = error, TopologyVersion = topologyVersion, LastUpdateTime = lastUpdateTime ?? DateTime.MinValue };

    /// <summary>Creates the description of a load balancer, which is never checked.</summary>
    public static ServerDescription CreateLoadBalancer(MongoServerAddress address) => new(address) { Type = ServerType.LoadBalancer };

    /// <summary>
    /// True when both describe the same address with equal values for every field the SDAM specification marks for
    /// equality (type, versions, hosts, tags, set name, election id, error…); round trip times and update times are ignored.
    /// </summary>
    public bool IsEquivalentTo(ServerDescription? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return Address.Equals(other.Address)
            && Type == other.Type
            && MinWireVersion == other.MinWireVersion
            && MaxWireVersion == other.MaxWireVersion
            && Equals(Me, other.Me)
            && SameSet(Hosts, other.Hosts)
            && SameSet(Passives, other.Passives)
            && SameSet(Arbiters, other.Arbiters)
            && SameTags(Tags, other.Tags)
            && SetName == other.SetName
            && ElectionId == other.ElectionId
            && SetVersion == other.SetVersion
            && Equals(Primary, other.Primary)
            && LogicalSessionTimeoutMinutes == other.LogicalSessionTimeoutMinutes
            && TopologyVersion == other.TopologyVersion
            && IsCryptd == other.IsCryptd
            && SameError(Error, other.Error);
    }

    /// <summary>Returns a short human-readable form: address, type, set name, round trip time and any error.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("{ Address: ").Append(Address).Append(", Type: ").Append(Type);
        if (SetName is not null)
        {
            text.Append(", SetName: ").Append(SetName);
        }

        if (RoundTripTime is { } rtt)
        {
            text.Append(", RoundTripTime: ").Append(rtt.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)).Append(" ms");
        }

        if (Tags.Count > 0)
        {
            text.Append(", Tags: { ").Append(string.Join(", ", Tags.Select(t => $"{t.Key}: {t.Value}"))).Append(" }");
        }

        if (Error is not null)
        {
            text.Append(", Error: ").Append(Error.Message);
        }

        return text.Append(" }").ToString();
    }

    internal ServerDescription WithType(ServerType type) => new(this) { Type = type };

    internal ServerDescription WithRoundTripTimes(TimeSpan? average, TimeSpan? minimum) =>
        new(this) { RoundTripTime = average, MinRoundTripTime = minimum };

    internal ServerDescription WithLastUpdateTime(DateTime lastUpdateTime) => new(this) { LastUpdateTime = lastUpdateTime };

    internal ServerDescription WithError(Exception error) => new(this) { Error = error };

    private static bool SameSet(IReadOnlyList<MongoServerAddress> a, IReadOnlyList<MongoServerAddress> b) =>
        a.Count == b.Count && a.All(b.Contains);

    private static bool SameTags(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value);

    // Errors compare by kind and message: two failed checks with the same cause are the same state, so no event.
    private static bool SameError(Exception? a, Exception? b) =>
        a is null ? b is null : b is not null && a.GetType() == b.GetType() && a.Message == b.Message;
}

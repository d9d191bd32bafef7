using MongoDB.Bson;
using System.Globalization;
using System.Text;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Topology;

/// <summary>
/// An immutable snapshot of the client's view of the deployment: its type, replica set name and one
/// <see cref="ServerDescription"/> per known server. A new snapshot replaces the old one after every check or error;
/// the transitions live in one pure function (<c>TopologyTransitions.Apply</c>), so a snapshot is safe to share.
/// </summary>
public sealed class TopologyDescription
{
    /// <summary>The lowest wire version this client speaks: MongoDB 4.2.</summary>
    public const int ClientMinWireVersion = 8;

    /// <summary>The highest wire version this client speaks.</summary>
    public const int ClientMaxWireVersion = 25;

    private readonly ServerDescription[] _servers;

    internal TopologyDescription(
        TopologyType type,
        string? setName,
        long? maxSetVersion,
        ObjectId? maxElectionId,
        ServerDescription[] servers,
        TimeSpan heartbeatFrequency,
        bool singleSeed)
    {
        Type = type;
        SetName = setName;
        MaxSetVersion = maxSetVersion;
        MaxElectionId = maxElectionId;
        _servers = servers;
        HeartbeatFrequency = heartbeatFrequency;
        SingleSeed = singleSeed;
        CompatibilityError = FindCompatibilityError(servers);
        LogicalSessionTimeoutMinutes = FindLogicalSessionTimeout(servers);
    }

    /// <summary>The kind of deployment.</summary>
    public TopologyType Type { get; }

    /// <summary>The replica set name, given in settings or discovered; null otherwise.</summary>
    public string? SetName { get; }

    /// <summary>The largest <c>setVersion</c> reported by a primary (ordered after <see cref="MaxElectionId"/>).</summary>
    public long? MaxSetVersion { get; }

    /// <summary>The largest <c>electionId</c> reported by a primary.</summary>
    public ObjectId? MaxElectionId { get; }

    /// <summary>The servers, in the order they were added (seeds first).</summary>
    public IReadOnlyList<ServerDescription> Servers => _servers;

    /// <summary>False when some server's wire version range does not overlap the client's; see <see cref="CompatibilityError"/>.</summary>
    public bool IsCompatible => CompatibilityError is null;

    /// <summary>Why the topology is incompatible, or null.</summary>
    public string? CompatibilityError { get; }

    /// <summary>The smallest session timeout of the data-bearing servers; null when any lacks one or none is known.</summary>
    public int? LogicalSessionTimeoutMinutes { get; }

    /// <summary>The interval between checks of a server (used in staleness estimates).</summary>
    public TimeSpan HeartbeatFrequency { get; }

    /// <summary>True when the client was given exactly one seed (a lone standalone then makes the topology Single).</summary>
    internal bool SingleSeed { get; }

    /// <summary>True when any server's type is known.</summary>
    public bool HasAvailableServer => _servers.Any(s => s.IsAvailable);

    /// <summary>The primary of a replica set, or null.</summary>
    public ServerDescription? PrimaryServer => _servers.FirstOrDefault(s => s.Type == ServerType.RSPrimary);

    /// <summary>Creates the initial description: every seed Unknown and the type chosen by the SDAM rules.</summary>
    /// <param name="seeds">The seed list (host names are lower-cased).</param>
    /// <param name="type">The initial type: Single, Unknown, ReplicaSetNoPrimary or LoadBalanced.</param>
    /// <param name="setName">The required replica set name, or null.</param>
    /// <param name="heartbeatFrequency">The interval between checks.</param>
    public static TopologyDescription CreateInitial(
        IEnumerable<MongoServerAddress> seeds,
        TopologyType type,
        string? setName,
        TimeSpan heartbeatFrequency)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (type is TopologyType.ReplicaSetWithPrimary or TopologyType.Sharded)
        {
            throw new ArgumentException("A topology starts as Unknown, Single, ReplicaSetNoPrimary or LoadBalanced.", nameof(type));
        }

        var servers = new List<ServerDescription>();
        foreach (var seed in seeds)
        {
            var normalized = Normalize(seed);
            if (!servers.Exists(s => s.Address.Equals(normalized)))
            {
                servers.Add(new ServerDescription(normalized));
            }
        }

        if (type == TopologyType.Single && servers.Count != 1)
        {
            throw new ArgumentException("A Single topology needs exactly one seed.", nameof(seeds));
        }

        return new TopologyDescription(type, setName, null, null, [.. servers], heartbeatFrequency, servers.Count == 1);
    }

    /// <summary>Returns the description of the server at <paramref name="address"/>, or null when it is not part of the topology.</summary>
    public ServerDescription? GetServer(MongoServerAddress address)
    {
        foreach (var server in _servers)
        {
            if (server.Address.Equals(address))
            {
                return server;
            }
        }

        return null;
    }

    /// <summary>True when the topology contains <paramref name="address"/>.</summary>
    public bool Contains(MongoServerAddress address) => GetServer(address) is not null;

    /// <summary>
    /// True when both have the same type, set name, election bookkeeping and equivalent servers — the test for
    /// publishing a topology-changed event.
    /// </summary>
    public bool IsEquivalentTo(TopologyDescription? other)
    {
        if (other is null)
        {
            return false;
        }

        if (Type != other.Type || SetName != other.SetName || MaxSetVersion != other.MaxSetVersion
            || MaxElectionId != other.MaxElectionId || _servers.Length != other._servers.Length
            || CompatibilityError != other.CompatibilityError)
        {
            return false;
        }

        foreach (var server in _servers)
        {
            if (!server.IsEquivalentTo(other.GetServer(server.Address)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns the type, set name and servers, for messages such as a server selection timeout.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("{ Type: ").Append(Type);
        if (SetName is not null)
        {
            text.Append(", SetName: ").Append(SetName);
        }

        if (MaxSetVersion is { } setVersion)
        {
            text.Append(", MaxSetVersion: ").Append(setVersion.ToString(CultureInfo.InvariantCulture));
        }

        if (MaxElectionId is { } electionId)
        {
            text.Append(", MaxElectionId: ").Append(electionId);
        }

        if (CompatibilityError is not null)
        {
            text.Append(", CompatibilityError: ").Append(CompatibilityError);
        }

        text.Append(", Servers: [");
        text.AppendJoin(", ", _servers.Select(s => s.ToString()));
        return text.Append("] }").ToString();
    }

    internal static MongoServerAddress Normalize(MongoServerAddress address) =>
        address.IsUnixSocket || address.Host.All(c => !char.IsUpper(c))
            ? address
            : new MongoServerAddress(address.Host.ToLowerInvariant(), address.Port);

    private static string? FindCompatibilityError(ServerDescription[] servers)
    {
        foreach (var server in servers)
        {
            if (!server.IsAvailable || server.Type == ServerType.LoadBalancer)
            {
                continue;
            }

            if (server.MinWireVersion > ClientMaxWireVersion)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"Server at {server.Address} requires wire version {server.MinWireVersion}, but this version of OpenQuizz.Typed only supports up to {ClientMaxWireVersion}.");
            }

            if (server.MaxWireVersion < ClientMinWireVersion)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"Server at {server.Address} reports wire version {server.MaxWireVersion}, but this version of OpenQuizz.Typed requires at least {ClientMinWireVersion} (MongoDB 4.2).");
            }
        }

        return null;
    }

    private static int? FindLogicalSessionTimeout(ServerDescription[] servers)
    {
        int? result = null;
        foreach (var server in servers)
        {
            if (!server.IsDataBearing)
            {
                continue;
            }

            if (server.LogicalSessionTimeoutMinutes is not { } minutes)
            {
                return null;
            }

            result = result is { } current ? Math.Min(current, minutes) : minutes;
        }

        return result;
    }
}

using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Selection;
using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed;

/// <summary>
/// The topology view of PyMongo's client. Members that PyMongo computes from a selected server wait for server
/// selection (and have an async twin); those it reads from the current description do not wait.
/// </summary>
public sealed partial class MongoClient
{
    /// <summary>
    /// The standalone, primary, mongos or load balancer operations go to; null when the replica set is known to have no
    /// primary. Waits for discovery.
    /// </summary>
    /// <exception cref="InvalidOperationException">The client load-balances among several mongoses; use <see cref="Nodes"/>.</exception>
    /// <exception cref="ServerSelectionTimeoutException">No such server was found in time.</exception>
    public MongoServerAddress? Address => CompleteSync(GetAddress(async: false, CancellationToken.None));

    /// <inheritdoc cref="Address"/>
    public ValueTask<MongoServerAddress?> AddressAsync(CancellationToken cancellationToken = default) => GetAddress(async: true, cancellationToken);

    /// <summary>The primary of the replica set, or null (not a replica set, no primary known yet). Does not wait.</summary>
    public MongoServerAddress? Primary => TopologyDescription is { Type: TopologyType.ReplicaSetWithPrimary } topology ? topology.PrimaryServer?.Address : null;

    /// <summary>The replica set's known secondaries. Does not wait.</summary>
    public IReadOnlySet<MongoServerAddress> Secondaries => AddressesOf(ServerType.RSSecondary);

    /// <summary>The replica set's known arbiters. Does not wait.</summary>
    public IReadOnlySet<MongoServerAddress> Arbiters => AddressesOf(ServerType.RSArbiter);

    /// <summary>Every server whose type is known. Does not wait.</summary>
    public IReadOnlySet<MongoServerAddress> Nodes => TopologyDescription.Servers.Where(s => s.Type != ServerType.Unknown).Select(s => s.Address).ToHashSet();

    /// <summary>True when the server writes go to accepts them (a primary, standalone, mongos or load balancer). Waits for discovery.</summary>
    /// <exception cref="ServerSelectionTimeoutException">No writable server was found in time.</exception>
    public bool IsPrimary => CompleteSync(GetWritableServer(async: false, CancellationToken.None)).Type is ServerType.RSPrimary or ServerType.Standalone or ServerType.Mongos or ServerType.LoadBalancer;

    /// <inheritdoc cref="IsPrimary"/>
    public async ValueTask<bool> IsPrimaryAsync(CancellationToken cancellationToken = default) =>
        (await GetWritableServer(async: true, cancellationToken).ConfigureAwait(false)).Type is ServerType.RSPrimary or ServerType.Standalone or ServerType.Mongos or ServerType.LoadBalancer;

    /// <summary>True when the server writes go to is a mongos. Waits for discovery.</summary>
    /// <exception cref="ServerSelectionTimeoutException">No writable server was found in time.</exception>
    public bool IsMongos => CompleteSync(GetWritableServer(async: false, CancellationToken.None)).Type == ServerType.Mongos;

    /// <inheritdoc cref="IsMongos"/>
    public async ValueTask<bool> IsMongosAsync(CancellationToken cancellationToken = default) =>
        (await GetWritableServer(async: true, cancellationToken).ConfigureAwait(false)).Type == ServerType.Mongos;

    /// <summary>The largest BSON document the writable server accepts, in bytes. Waits for discovery.</summary>
    /// <exception cref="ServerSelectionTimeoutException">No writable server was found in time.</exception>
    public int MaxBsonSize => MaxBsonSizeOf(CompleteSync(GetWritableServer(async: false, CancellationToken.None)));

    /// <inheritdoc cref="MaxBsonSize"/>
    public async ValueTask<int> MaxBsonSizeAsync(CancellationToken cancellationToken = default) =>
        MaxBsonSizeOf(await GetWritableServer(async: true, cancellationToken).ConfigureAwait(false));

    /// <summary>The largest message the writable server accepts, in bytes. Waits for discovery.</summary>
    /// <exception cref="ServerSelectionTimeoutException">No writable server was found in time.</exception>
    public int MaxMessageSize => MaxMessageSizeOf(CompleteSync(GetWritableServer(async: false, CancellationToken.None)));

    /// <inheritdoc cref="MaxMessageSize"/>
    public async ValueTask<int> MaxMessageSizeAsync(CancellationToken cancellationToken = default) =>
        MaxMessageSizeOf(await GetWritableServer(async: true, cancellationToken).ConfigureAwait(false));

    /// <summary>The most writes the writable server accepts in one batch. Waits for discovery.</summary>
    /// <exception cref="ServerSelectionTimeoutException">No writable server was found in time.</exception>
    public int MaxWriteBatchSize => MaxWriteBatchSizeOf(CompleteSync(GetWritableServer(async: false, CancellationToken.None)));

    /// <inheritdoc cref="MaxWriteBatchSize"/>
    public async ValueTask<int> MaxWriteBatchSizeAsync(CancellationToken cancellationToken = default) =>
        MaxWriteBatchSizeOf(await GetWritableServer(async: true, cancellationToken).ConfigureAwait(false));

    private static int MaxBsonSizeOf(ServerDescription server) => server.MaxBsonObjectSize ?? ConnectionDescription.DefaultMaxBsonObjectSize;

    private static int MaxMessageSizeOf(ServerDescription server) => server.MaxMessageSizeBytes ?? ConnectionDescription.DefaultMaxMessageSizeBytes;

    private static int MaxWriteBatchSizeOf(ServerDescription server) => server.MaxWriteBatchSize ?? ConnectionDescription.DefaultMaxWriteBatchSize;

    private async ValueTask<MongoServerAddress?> GetAddress(bool async, CancellationToken cancellationToken)
    {
        var topology = Cluster.Description;
        ThrowIfLoadBalancingAmongMongoses(topology);

        // PyMongo answers None once the set is known to lack a primary; while nothing has been checked yet, wait.
        if (topology.Type == TopologyType.ReplicaSetNoPrimary && topology.Servers.Any(s => s.IsAvailable || s.Error is not null))
        {
            return null;
        }

        var server = await GetWritableServer(async, cancellationToken).ConfigureAwait(false);
        ThrowIfLoadBalancingAmongMongoses(Cluster.Description);
        return server.Address;
    }

    private static void ThrowIfLoadBalancingAmongMongoses(TopologyDescription topology)
    {
        if (topology.Type == TopologyType.Sharded && topology.Servers.Count > 1)
        {
            throw new InvalidOperationException("Address is not defined when the client load-balances among several mongoses; use Nodes instead.");
        }
    }

    // PyMongo's _server_property: the writable server's description, selected like a write would be.
    private async ValueTask<ServerDescription> GetWritableServer(bool async, CancellationToken cancellationToken)
    {
        var selector = ServerSelection.ForWrite(_settings.LocalThreshold);
        using var selected = async
            ? await Cluster.SelectServerAsync(selector, cancellationToken).ConfigureAwait(false)
            : Cluster.SelectServer(selector, cancellationToken);
        return selected.Description;
    }

    private IReadOnlySet<MongoServerAddress> AddressesOf(ServerType type) =>
        TopologyDescription.Servers.Where(s => s.Type == type).Select(s => s.Address).ToHashSet();

    private static T CompleteSync<T>(ValueTask<T> task)
    {
        System.Diagnostics.Debug.Assert(task.IsCompleted, "A synchronous path returned an incomplete task.");
        return task.GetAwaiter().GetResult();
    }
}

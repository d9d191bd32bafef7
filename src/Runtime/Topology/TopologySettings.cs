using OpenQuizz.Typed.Pooling.Events;

namespace OpenQuizz.Typed.Topology;

/// <summary>What a <see cref="Cluster"/> needs from the client settings, resolved once.</summary>
internal sealed record TopologySettings
{
    /// <summary>The smallest heartbeat frequency allowed (and the interval between on-demand checks).</summary>
    public static readonly TimeSpan MinHeartbeatFrequency = TimeSpan.FromMilliseconds(500);

    public required IReadOnlyList<MongoServerAddress> Seeds { get; init; }

    public TopologyType InitialType { get; init; } = TopologyType.Unknown;

    public string? SetName { get; init; }

    public TimeSpan HeartbeatFrequency { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan ServerSelectionTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan LocalThreshold { get; init; } = TimeSpan.FromMilliseconds(15);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public ServerMonitoringMode MonitoringMode { get; init; } = ServerMonitoringMode.Auto;

    public ConnectionPoolOptions PoolOptions { get; init; } = new();

    /// <summary>Between pool maintenance runs (minPoolSize, idle connections).</summary>
    public TimeSpan? PoolBackgroundInterval { get; init; }

    public bool LoadBalanced => InitialType == TopologyType.LoadBalanced;

    /// <summary>Resolves the initial topology type by the SDAM table (directConnection × replicaSet) and copies the options.</summary>
    public static TopologySettings FromClientSettings(MongoClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var type = settings.LoadBalanced ? TopologyType.LoadBalanced
            : settings.DirectConnection == true ? TopologyType.Single
            : settings.ReplicaSetName is not null ? TopologyType.ReplicaSetNoPrimary
            : TopologyType.Unknown;
        return new TopologySettings
        {
            Seeds = settings.Hosts,
            InitialType = type,
            SetName = settings.ReplicaSetName,
            HeartbeatFrequency = settings.HeartbeatFrequency < MinHeartbeatFrequency ? MinHeartbeatFrequency : settings.HeartbeatFrequency,
            ServerSelectionTimeout = settings.ServerSelectionTimeout,
            LocalThreshold = settings.LocalThreshold,
            ConnectTimeout = settings.ConnectTimeout,
            MonitoringMode = settings.ServerMonitoringMode,
            PoolOptions = new ConnectionPoolOptions(settings.MaxPoolSize, settings.MinPoolSize, settings.MaxConnecting, settings.WaitQueueTimeout, settings.MaxIdleTime),
        };
    }
}

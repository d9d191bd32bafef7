using Microsoft.Extensions.Logging;
using OpenQuizz.Typed.Configuration;
using OpenQuizz.Typed.Configuration.Dns;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Diagnostics;
using OpenQuizz.Typed.Pooling;
using OpenQuizz.Typed.Pooling.Events;
using OpenQuizz.Typed.Topology.Events;

namespace OpenQuizz.Typed.Topology;

/// <summary>Where a client's diagnostics go: log messages and the three event families. Every part is optional.</summary>
internal sealed record ClusterDiagnostics(
    ILoggerFactory? LoggerFactory = null,
    ISdamEventSubscriber? SdamEvents = null,
    IConnectionPoolEventSubscriber? PoolEvents = null,
    ICommandEventSubscriber? CommandEvents = null)
{
    public static ClusterDiagnostics None { get; } = new();
}

/// <summary>
/// Wires the runtime layers into a <see cref="Cluster"/> for one client: connection settings, pools over
/// <see cref="PooledConnection"/>s, monitors over <see cref="MonitorConnection"/>s, SDAM and selection logging.
/// </summary>
internal static class ClusterFactory
{
    /// <summary>Creates an unopened cluster for <paramref name="settings"/>, resolving a <c>mongodb+srv</c> name to its seeds first.</summary>
    /// <exception cref="MongoConfigurationException">SRV resolution failed.</exception>
    public static Cluster Create(MongoClientSettings settings, ClusterDiagnostics? diagnostics = null, TimeProvider? time = null) =>
        Create(settings, diagnostics, time, out _);

    /// <summary>
    /// As <see cref="Create(MongoClientSettings, ClusterDiagnostics?, TimeProvider?)"/>, also returning the (unstarted) SRV
    /// poller of a <c>mongodb+srv</c> client, which the client starts after opening the cluster and disposes with it.
    /// </summary>
    public static Cluster Create(MongoClientSettings settings, ClusterDiagnostics? diagnostics, TimeProvider? time, out SrvPoller? srvPoller) =>
        Create(settings, diagnostics, time, metadata: null, out srvPoller);

    /// <summary>As above, with the client's handshake metadata source (driver information appended after creation).</summary>
    public static Cluster Create(MongoClientSettings settings, ClusterDiagnostics? diagnostics, TimeProvider? time, Connections.ClientMetadataSource? metadata, out SrvPoller? srvPoller)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Timeout is not null)
        {
            // Refused rather than ignored: a timeout the client does not enforce would be worse than none.
            throw new NotSupportedException(
                "timeoutMS (client-side operation timeouts) is not built yet; remove it from the connection string and use " +
                "maxTimeMS per operation, serverSelectionTimeoutMS, waitQueueTimeoutMS and socketTimeoutMS meanwhile.");
        }

        var srvSettings = settings;
        TimeSpan? rescanInterval = null;
        if (settings.Scheme == ConnectionStringScheme.MongoDBPlusSrv)
        {
            // Client constructors are synchronous, as PyMongo's are; the lookup runs on the thread pool, so no captured
            // synchronization context can deadlock it.
            var resolved = Task.Run(() => SrvResolution.ResolveWithIntervalAsync(srvSettings, DnsResolver.Default, random: null, CancellationToken.None)).GetAwaiter().GetResult();
            settings = resolved.Settings;
            rescanInterval = resolved.RescanInterval;
        }

        // Diagnostics given here (tests) win over the settings' own sinks.
        diagnostics = new ClusterDiagnostics(
            diagnostics?.LoggerFactory ?? settings.LoggerFactory,
            diagnostics?.SdamEvents ?? settings.SdamEventSubscriber,
            diagnostics?.PoolEvents ?? settings.ConnectionPoolEventSubscriber,
            diagnostics?.CommandEvents ?? settings.CommandEventSubscriber);
        ConfigurationLog.LogParseWarnings(settings, diagnostics.LoggerFactory);
        var connectionSettings = ConnectionSettingsFactory.Create(settings, diagnostics.LoggerFactory, diagnostics.CommandEvents, metadata);
        var topologySettings = TopologySettings.FromClientSettings(settings);
        var sdamEvents = LoggingSdamSubscriber.Create(diagnostics.LoggerFactory, diagnostics.SdamEvents);
        var monitors = new ServerMonitorFactory(new MonitorConnectionFactory(connectionSettings), topologySettings, time, sdamEvents);
        var cluster = new Cluster(topologySettings, monitors, new PooledConnectionFactory(connectionSettings), time, sdamEvents, diagnostics.PoolEvents,
            selectionLogger: diagnostics.LoggerFactory?.CreateLogger(TopologyLog.SelectionCategory));

        // SRV polling discovers mongoses; a load balancer has one fixed name, and the poller stops itself for other topology types.
        srvPoller = srvSettings.Scheme == ConnectionStringScheme.MongoDBPlusSrv && !settings.LoadBalanced
            ? new SrvPoller(srvSettings, DnsResolver.Default, cluster, rescanInterval, time)
            : null;
        return cluster;
    }
}

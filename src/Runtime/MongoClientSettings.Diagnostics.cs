using Microsoft.Extensions.Logging;
using OpenQuizz.Typed.Diagnostics;
using OpenQuizz.Typed.Pooling.Events;
using OpenQuizz.Typed.Topology.Events;

namespace OpenQuizz.Typed;

/// <remarks>
/// The diagnostics sinks are services, not options: they take no part in <see cref="Equals(MongoClientSettings)"/>,
/// <see cref="GetHashCode"/> or <see cref="ToString"/>, and <see cref="Clone"/> shares them.
/// </remarks>
public sealed partial class MongoClientSettings
{
    /// <summary>Where the client writes its logs (connections, commands, topology, SRV polling); null for none.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Receives command started/succeeded/failed events (PyMongo's command listeners); null for none.</summary>
    public ICommandEventSubscriber? CommandEventSubscriber { get; set; }

    /// <summary>Receives connection pool (CMAP) events; null for none.</summary>
    public IConnectionPoolEventSubscriber? ConnectionPoolEventSubscriber { get; set; }

    /// <summary>Receives server discovery and monitoring (SDAM) events, heartbeats included; null for none.</summary>
    public ISdamEventSubscriber? SdamEventSubscriber { get; set; }

    /// <summary>
    /// The option names the connection string gave (canonical spelling), when these settings came from one; null for
    /// settings built in code. SRV resolution uses it to let the string's options override the TXT record's.
    /// </summary>
    internal IReadOnlyCollection<string>? ConnectionStringOptionNames { get; set; }
}

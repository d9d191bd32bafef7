using System.Globalization;
using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Selection;

/// <summary>The max-staleness specification: validating <c>maxStalenessSeconds</c> and estimating each secondary's staleness.</summary>
internal static class MaxStalenessRules
{
    /// <summary>How often an idle primary writes a no-op, which bounds how stale a healthy secondary looks.</summary>
    public static readonly TimeSpan IdleWritePeriod = TimeSpan.FromSeconds(10);

    /// <summary>The smallest maximum staleness allowed, whatever the heartbeat frequency.</summary>
    public static readonly TimeSpan SmallestMaxStaleness = TimeSpan.FromSeconds(90);

    /// <summary>Throws when the read preference's maximum staleness is below what can be measured in this replica set.</summary>
    /// <exception cref="MongoConfigurationException">The maximum staleness is too small.</exception>
    public static void Validate(TopologyDescription topology, ReadPreference readPreference)
    {
        if (readPreference.MaxStaleness is not { } maxStaleness)
        {
            return;
        }

        var minimum = topology.HeartbeatFrequency + IdleWritePeriod;
        if (minimum < SmallestMaxStaleness)
        {
            minimum = SmallestMaxStaleness;
        }

        if (maxStaleness < minimum)
        {
            throw new MongoConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"maxStalenessSeconds is {maxStaleness.TotalSeconds:0.###}, but it must be at least {minimum.TotalSeconds:0.###} (the larger of 90 seconds and heartbeatFrequencyMS plus the 10 second idle write period)."));
        }
    }

    /// <summary>Removes the secondaries whose estimated staleness exceeds <paramref name="maxStaleness"/>; primaries are kept.</summary>
    public static List<ServerDescription> Filter(TopologyDescription topology, List<ServerDescription> servers, TimeSpan? maxStaleness)
    {
        if (maxStaleness is not { } limit)
        {
            return servers;
        }

        var primary = topology.PrimaryServer;
        DateTime? newestSecondaryWrite = null;
        if (primary is null)
        {
            foreach (var server in topology.Servers)
            {
                if (server.Type == ServerType.RSSecondary && server.LastWriteDate is { } date && (newestSecondaryWrite is null || date > newestSecondaryWrite))
                {
                    newestSecondaryWrite = date;
                }
            }
        }

        return servers.Where(server => server.Type != ServerType.RSSecondary
            || Staleness(topology, server, primary, newestSecondaryWrite) is not { } staleness
            || staleness <= limit).ToList();
    }

    /// <summary>The estimated staleness of a secondary, or null when it cannot be estimated.</summary>
    public static TimeSpan? Staleness(TopologyDescription topology, ServerDescription secondary, ServerDescription? primary, DateTime? newestSecondaryWrite)
    {
        if (secondary.LastWriteDate is not { } secondaryWrite)
        {
            return null;
        }

        if (primary is not null)
        {
            return primary.LastWriteDate is { } primaryWrite
                ? (secondary.LastUpdateTime - secondaryWrite) - (primary.LastUpdateTime - primaryWrite) + topology.HeartbeatFrequency
                : null;
        }

        return newestSecondaryWrite is { } newest ? newest - secondaryWrite + topology.HeartbeatFrequency : null;
    }
}

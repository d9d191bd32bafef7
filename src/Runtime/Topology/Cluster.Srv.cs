using OpenQuizz.Typed.Configuration;

namespace OpenQuizz.Typed.Topology;

/// <summary>The cluster as the target of SRV polling (polling-srv-records-for-mongos-discovery spec).</summary>
internal sealed partial class Cluster : ISrvPollingTarget
{
    /// <inheritdoc/>
    public bool IsSrvPollingActive => !_disposed && Description.Type is TopologyType.Sharded or TopologyType.Unknown;

    /// <inheritdoc/>
    public IReadOnlyList<MongoServerAddress> CurrentHosts => [.. Description.Servers.Select(s => s.Address)];

    /// <summary>
    /// Replaces the seed list with the result of an SRV rescan, as the SDAM spec's "Updating the topology description
    /// from SRV records" says: servers no longer listed are removed (pool closed, monitor stopped), new ones are added as
    /// Unknown, and the others keep their descriptions, pools and monitors. The topology type is kept. Ignored when the
    /// topology is no longer Sharded or Unknown, is closed, or <paramref name="hosts"/> is empty.
    /// </summary>
    public void ApplySrvHosts(IReadOnlyList<MongoServerAddress> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        lock (_lock)
        {
            var current = _description;
            if (_disposed || !_opened || hosts.Count == 0 || current.Type is not (TopologyType.Sharded or TopologyType.Unknown))
            {
                return;
            }

            var wanted = hosts.Select(TopologyDescription.Normalize).Distinct().ToList();
            var servers = current.Servers.Where(s => wanted.Contains(s.Address)).ToList();
            foreach (var address in wanted)
            {
                if (!current.Contains(address))
                {
                    servers.Add(new ServerDescription(address));
                }
            }

            UpdateLocked(new TopologyDescription(
                current.Type, current.SetName, current.MaxSetVersion, current.MaxElectionId, [.. servers], current.HeartbeatFrequency, current.SingleSeed));
            SignalChangedLocked();
        }
    }
}

namespace OpenQuizz.Typed.Configuration;

/// <summary>
/// The topology as SRV polling sees it (the cluster implements it), so polling stays below the topology layer and its
/// tests need no cluster.
/// </summary>
internal interface ISrvPollingTarget
{
    /// <summary>True while the topology is Sharded or Unknown; once false, polling stops for good.</summary>
    bool IsSrvPollingActive { get; }

    /// <summary>The addresses of the servers in the topology now.</summary>
    IReadOnlyList<MongoServerAddress> CurrentHosts { get; }

    /// <summary>
    /// Makes <paramref name="hosts"/> the topology's server list: servers not in it are removed, new ones added as
    /// Unknown, and servers in both left untouched. Ignored unless the topology is still Sharded or Unknown.
    /// </summary>
    void ApplySrvHosts(IReadOnlyList<MongoServerAddress> hosts);
}

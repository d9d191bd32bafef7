namespace OpenQuizz.Typed.Topology;

/// <summary>The kind of deployment the client believes it is connected to.</summary>
public enum TopologyType
{
    /// <summary>Not yet known: the starting state without a replica set name or direct connection.</summary>
    Unknown,

    /// <summary>One server, connected to directly (or a single standalone seed).</summary>
    Single,

    /// <summary>A replica set whose primary is not currently known.</summary>
    ReplicaSetNoPrimary,

    /// <summary>A replica set with a known primary.</summary>
    ReplicaSetWithPrimary,

    /// <summary>One or more mongos routers.</summary>
    Sharded,

    /// <summary>A load balancer in front of mongos routers; not monitored.</summary>
    LoadBalanced,
}

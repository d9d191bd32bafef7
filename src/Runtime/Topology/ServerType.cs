namespace OpenQuizz.Typed.Topology;

/// <summary>What the client knows a server to be, as defined by the SDAM specification.</summary>
public enum ServerType
{
    /// <summary>Not yet checked, or the last check failed.</summary>
    Unknown,

    /// <summary>A server that is not part of a replica set or sharded cluster.</summary>
    Standalone,

    /// <summary>A mongos router (<c>msg: "isdbgrid"</c>).</summary>
    Mongos,

    /// <summary>Not yet checked, but another member reports it as primary (multi-threaded clients treat it as Unknown).</summary>
    PossiblePrimary,

    /// <summary>The writable primary of a replica set.</summary>
    RSPrimary,

    /// <summary>A readable secondary of a replica set.</summary>
    RSSecondary,

    /// <summary>An arbiter: a voting member that holds no data.</summary>
    RSArbiter,

    /// <summary>A member that is hidden, starting up or recovering.</summary>
    RSOther,

    /// <summary>A member of an uninitialized set, or one removed from its set (<c>isreplicaset: true</c>).</summary>
    RSGhost,

    /// <summary>A load balancer in front of mongos instances (<c>loadBalanced=true</c>).</summary>
    LoadBalancer,
}

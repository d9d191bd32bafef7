using MongoDB.Bson;

namespace OpenQuizz.Typed.Topology;

/// <summary>Checks one server in the background and reports each outcome to its <see cref="Cluster"/>.</summary>
internal interface IServerMonitor : IDisposable
{
    /// <summary>Starts checking (the first check runs at once).</summary>
    void Start();

    /// <summary>Asks for a check as soon as allowed (no sooner than 500 ms after the previous one).</summary>
    void RequestImmediateCheck();

    /// <summary>Cancels an in-progress check, closing its connection (after an application network error).</summary>
    void CancelCheck();
}

/// <summary>Creates the monitor of a server; a seam so tests drive the cluster with fakes.</summary>
internal interface IServerMonitorFactory
{
    IServerMonitor Create(MongoServerAddress address, IServerCheckSink sink);
}

/// <summary>Where a monitor reports: the cluster, which applies the outcome to the topology.</summary>
internal interface IServerCheckSink
{
    /// <summary>A check succeeded (or returned <c>ok: 0</c>, which the description shows as Unknown).</summary>
    void OnCheckSucceeded(ServerDescription description);

    /// <summary>A check failed with a network error or timeout.</summary>
    void OnCheckFailed(MongoServerAddress address, Exception error);

    /// <summary>Identifies the topology in the events the monitor publishes.</summary>
    MongoDB.Bson.ObjectId TopologyId { get; }

    /// <summary>The description this server has now, for round trip time averaging and topology versions.</summary>
    ServerDescription? CurrentDescription(MongoServerAddress address);
}

/// <summary>A monitor that never checks: for load-balanced mode and for tests that feed hello replies themselves.</summary>
internal sealed class NoMonitor : IServerMonitor, IServerMonitorFactory
{
    public static NoMonitor Instance { get; } = new();

    public IServerMonitor Create(MongoServerAddress address, IServerCheckSink sink) => this;

    public void Start()
    {
    }

    public void RequestImmediateCheck()
    {
    }

    public void CancelCheck()
    {
    }

    public void Dispose()
    {
    }
}

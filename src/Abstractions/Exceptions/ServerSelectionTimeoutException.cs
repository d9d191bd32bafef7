namespace OpenQuizz.Typed;

/// <summary>
/// No suitable server was found within <c>serverSelectionTimeoutMS</c>. The message describes what was asked for and
/// the client's view of the deployment at the time, which usually tells why (no primary, servers unreachable, tags
/// that match nothing…).
/// </summary>
public class ServerSelectionTimeoutException : MongoException
{
    /// <summary>Creates the error.</summary>
    /// <param name="criteria">What the operation asked for, such as <c>read preference secondary</c>.</param>
    /// <param name="timeout">How long selection waited.</param>
    /// <param name="topologyDescription">The topology as text, from the topology description's <c>ToString</c>.</param>
    /// <param name="innerException">The last error a server reported, if any.</param>
    public ServerSelectionTimeoutException(string criteria, TimeSpan timeout, string topologyDescription, Exception? innerException = null)
        : base($"No server matched {criteria} within {timeout.TotalMilliseconds:0} ms. Topology: {topologyDescription}", innerException)
    {
        Criteria = criteria;
        Timeout = timeout;
        TopologyDescription = topologyDescription;
    }

    /// <summary>What the operation asked for.</summary>
    public string Criteria { get; }

    /// <summary>How long selection waited.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The topology at the time of the timeout, as text.</summary>
    public string TopologyDescription { get; }
}

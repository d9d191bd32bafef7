namespace OpenQuizz.Typed.Topology;

internal static partial class TopologyTransitions
{
    /// <summary>
    /// The SDAM "application errors" rules as a pure decision: ignores stale errors (older connection generation, or a
    /// topology version the client has already seen), marks the server Unknown for state-change and network errors,
    /// and says whether the pool must be cleared and the monitor asked to check now or cancelled.
    /// </summary>
    /// <param name="topology">The current snapshot.</param>
    /// <param name="error">The classified error.</param>
    /// <param name="poolGeneration">The server pool's current generation.</param>
    public static ErrorOutcome HandleApplicationError(TopologyDescription topology, ApplicationError error, int poolGeneration)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(error);
        var server = topology.GetServer(error.Address);
        if (server is null || error.Generation < poolGeneration)
        {
            return ErrorOutcome.Ignored(topology);
        }

        var loadBalanced = topology.Type == TopologyType.LoadBalanced;
        if (error.IsStateChange)
        {
            if (TopologyVersion.IsCurrentAtLeast(server.TopologyVersion, error.TopologyVersion))
            {
                return ErrorOutcome.Ignored(topology);
            }

            var next = loadBalanced
                ? topology
                : Apply(topology, ServerDescription.CreateUnknown(error.Address, error.Exception, error.TopologyVersion, server.LastUpdateTime));

            // 4.2+ servers keep their connections open on a step-down; only shutdown (or older servers) closes them.
            var clear = error.IsShutdown || error.MaxWireVersion < 8;
            return new ErrorOutcome(next, clear, loadBalanced ? error.ServiceId : null, RequestImmediateCheck: true, CancelCheck: false);
        }

        // A timeout may only mean a slow or overloaded server, before the handshake as after it (the error-handling
        // vectors pin this), so only other network errors and handshake authentication failures mark the server Unknown.
        var networkFailure = error.Kind == ApplicationErrorKind.Network
            || (error.Phase == ErrorPhase.BeforeHandshakeCompletes && error.Kind == ApplicationErrorKind.Authentication);
        if (!networkFailure)
        {
            return ErrorOutcome.Ignored(topology);
        }

        if (loadBalanced)
        {
            return new ErrorOutcome(topology, error.ServiceId is not null, error.ServiceId, false, false);
        }

        var unknown = Apply(topology, ServerDescription.CreateUnknown(error.Address, error.Exception, lastUpdateTime: server.LastUpdateTime));
        return new ErrorOutcome(unknown, ClearPool: true, null, RequestImmediateCheck: false, CancelCheck: true);
    }
}

namespace OpenQuizz.Typed.Topology;

/// <summary>
/// One criterion of server selection: narrows a list of candidate servers of a topology snapshot. Selectors are pure
/// functions of their input and compose (see <c>Selection.CompositeServerSelector</c>); the
/// contract lives here so the topology can run a selector without knowing the concrete ones.
/// </summary>
internal interface IServerSelector
{
    /// <summary>Returns the candidates that satisfy this criterion (possibly none), keeping their order.</summary>
    IReadOnlyList<ServerDescription> Select(TopologyDescription topology, IReadOnlyList<ServerDescription> candidates);
}

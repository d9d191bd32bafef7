using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Topology;

/// <summary>
/// The SDAM state machine as one pure function: given a topology snapshot and a new server description, returns the
/// next snapshot. Nothing here does I/O or keeps state, so every SDAM test vector runs without sockets; the
/// <see cref="Cluster"/> diffs the two snapshots to start or stop monitors and publish events.
/// </summary>
internal static partial class TopologyTransitions
{
    /// <summary>Applies a new description of one server, following the SDAM "updating the TopologyDescription" rules.</summary>
    public static TopologyDescription Apply(TopologyDescription topology, ServerDescription incoming)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(incoming);
        var current = topology.GetServer(incoming.Address);
        if (current is null)
        {
            // A check that finished after its server was removed is ignored.
            return topology;
        }

        if (TopologyVersion.IsStale(current.TopologyVersion, incoming.TopologyVersion))
        {
            return topology;
        }

        var state = new State(topology);
        state.Replace(incoming);
        switch (topology.Type)
        {
            case TopologyType.Single:
                if (topology.SetName is not null && incoming.IsAvailable && incoming.SetName != topology.SetName)
                {
                    state.Replace(ServerDescription.CreateUnknown(incoming.Address,
                        new MongoException($"The server's replica set name '{incoming.SetName}' does not match the required '{topology.SetName}'."),
                        lastUpdateTime: incoming.LastUpdateTime));
                }

                break;
            case TopologyType.LoadBalanced:
                break;
            case TopologyType.Unknown:
                FromUnknown(state, incoming);
                break;
            case TopologyType.Sharded:
                if (incoming.Type is not (ServerType.Unknown or ServerType.Mongos or ServerType.PossiblePrimary))
                {
                    state.Remove(incoming.Address);
                }

                break;
            case TopologyType.ReplicaSetNoPrimary:
                FromReplicaSetNoPrimary(state, incoming);
                break;
            case TopologyType.ReplicaSetWithPrimary:
                FromReplicaSetWithPrimary(state, incoming);
                break;
        }

        return state.Build();
    }

    private static void FromUnknown(State state, ServerDescription incoming)
    {
        switch (incoming.Type)
        {
            case ServerType.Standalone:
                if (state.SingleSeed)
                {
                    state.Type = TopologyType.Single;
                }
                else
                {
                    state.Remove(incoming.Address);
                }

                break;
            case ServerType.Mongos:
                state.Type = TopologyType.Sharded;
                break;
            case ServerType.RSPrimary:
                state.Type = TopologyType.ReplicaSetWithPrimary;
                UpdateFromPrimary(state, incoming);
                break;
            case ServerType.RSSecondary or ServerType.RSArbiter or ServerType.RSOther:
                state.Type = TopologyType.ReplicaSetNoPrimary;
                UpdateWithoutPrimary(state, incoming);
                break;
        }
    }

    private static void FromReplicaSetNoPrimary(State state, ServerDescription incoming)
    {
        switch (incoming.Type)
        {
            case ServerType.Standalone or ServerType.Mongos:
                state.Remove(incoming.Address);
                break;
            case ServerType.RSPrimary:
                state.Type = TopologyType.ReplicaSetWithPrimary;
                UpdateFromPrimary(state, incoming);
                break;
            case ServerType.RSSecondary or ServerType.RSArbiter or ServerType.RSOther:
                UpdateWithoutPrimary(state, incoming);
                break;
        }
    }

    private static void FromReplicaSetWithPrimary(State state, ServerDescription incoming)
    {
        switch (incoming.Type)
        {
            case ServerType.Standalone or ServerType.Mongos:
                state.Remove(incoming.Address);
                state.CheckIfHasPrimary();
                break;
            case ServerType.RSPrimary:
                UpdateFromPrimary(state, incoming);
                break;
            case ServerType.RSSecondary or ServerType.RSArbiter or ServerType.RSOther:
                UpdateWithPrimaryFromMember(state, incoming);
                break;
            default:
                state.CheckIfHasPrimary();
                break;
        }
    }

    private static void UpdateWithoutPrimary(State state, ServerDescription incoming)
    {
        if (state.SetName is null)
        {
            state.SetName = incoming.SetName;
        }
        else if (state.SetName != incoming.SetName)
        {
            state.Remove(incoming.Address);
            return;
        }

        state.AddMembers(incoming);
        MarkPossiblePrimary(state, incoming);
        if (!incoming.Address.Equals(incoming.Me) && incoming.Me is not null)
        {
            state.Remove(incoming.Address);
        }
    }

    private static void UpdateWithPrimaryFromMember(State state, ServerDescription incoming)
    {
        if (state.SetName != incoming.SetName || (incoming.Me is not null && !incoming.Address.Equals(incoming.Me)))
        {
            state.Remove(incoming.Address);
            state.CheckIfHasPrimary();
            return;
        }

        if (!state.HasPrimary)
        {
            state.Type = TopologyType.ReplicaSetNoPrimary;
            MarkPossiblePrimary(state, incoming);
        }
    }

    private static void UpdateFromPrimary(State state, ServerDescription primary)
    {
        if (state.SetName is null)
        {
            state.SetName = primary.SetName;
        }
        else if (state.SetName != primary.SetName)
        {
            state.Remove(primary.Address);
            state.CheckIfHasPrimary();
            return;
        }

        if (IsStalePrimary(state, primary))
        {
            state.Replace(ServerDescription.CreateUnknown(primary.Address,
                new MongoException("primary marked stale due to electionId/setVersion mismatch"),
                lastUpdateTime: primary.LastUpdateTime));
            state.CheckIfHasPrimary();
            return;
        }

        foreach (var server in state.Servers.ToArray())
        {
            if (server.Type == ServerType.RSPrimary && !server.Address.Equals(primary.Address))
            {
                // The old primary is now known to be stale; the Cluster requests an immediate check of it.
                state.Replace(ServerDescription.CreateUnknown(server.Address,
                    new MongoException("primary marked stale due to discovery of newer primary"),
                    lastUpdateTime: primary.LastUpdateTime));
            }
        }

        state.AddMembers(primary);
        var members = new HashSet<MongoServerAddress>(primary.Hosts.Concat(primary.Passives).Concat(primary.Arbiters));
        foreach (var server in state.Servers.ToArray())
        {
            if (!members.Contains(server.Address))
            {
                state.Remove(server.Address);
            }
        }

        state.CheckIfHasPrimary();
    }

    // Returns true (and leaves the bookkeeping alone) when the primary's (electionId, setVersion) is older than the
    // largest seen; otherwise records it. 6.0+ orders by electionId first, older servers by setVersion first.
    private static bool IsStalePrimary(State state, ServerDescription primary)
    {
        if (primary.MaxWireVersion >= 17)
        {
            var electionOrder = CompareNullable(primary.ElectionId, state.MaxElectionId);
            if (electionOrder < 0 || (electionOrder == 0 && CompareNullable(primary.SetVersion, state.MaxSetVersion) < 0))
            {
                return true;
            }

            state.MaxElectionId = primary.ElectionId;
            state.MaxSetVersion = primary.SetVersion;
            return false;
        }

        if (primary.SetVersion is { } setVersion && primary.ElectionId is { } electionId)
        {
            if (state.MaxSetVersion is { } maxSetVersion && state.MaxElectionId is { } maxElectionId
                && (maxSetVersion > setVersion || (maxSetVersion == setVersion && maxElectionId > electionId)))
            {
                return true;
            }

            // Recorded for every primary that reports both, the first one included (SDAM updateRSFromPrimary).
            state.MaxElectionId = electionId;
        }

        if (primary.SetVersion is { } version && (state.MaxSetVersion is null || version > state.MaxSetVersion))
        {
            state.MaxSetVersion = version;
        }

        return false;
    }

    // Null sorts before every value, as the SDAM pseudocode's comparisons require.
    private static int CompareNullable<T>(T? left, T? right)
        where T : struct, IComparable<T> =>
        left is { } l ? (right is { } r ? l.CompareTo(r) : 1) : (right is null ? 0 : -1);

    private static void MarkPossiblePrimary(State state, ServerDescription member)
    {
        if (member.Primary is { } primaryAddress && state.Find(primaryAddress) is { Type: ServerType.Unknown } candidate)
        {
            state.Replace(candidate.WithType(ServerType.PossiblePrimary));
        }
    }

    /// <summary>The mutable working copy of one transition; it never escapes <see cref="Apply"/>.</summary>
    private sealed class State(TopologyDescription source)
    {
        public List<ServerDescription> Servers { get; } = [.. source.Servers];

        public TopologyType Type { get; set; } = source.Type;

        public string? SetName { get; set; } = source.SetName;

        public long? MaxSetVersion { get; set; } = source.MaxSetVersion;

        public ObjectId? MaxElectionId { get; set; } = source.MaxElectionId;

        public bool SingleSeed => source.SingleSeed;

        public bool HasPrimary => Servers.Exists(s => s.Type == ServerType.RSPrimary);

        public ServerDescription? Find(MongoServerAddress address) => Servers.Find(s => s.Address.Equals(address));

        public void Replace(ServerDescription server)
        {
            var index = Servers.FindIndex(s => s.Address.Equals(server.Address));
            if (index >= 0)
            {
                Servers[index] = server;
            }
        }

        public void Remove(MongoServerAddress address) => Servers.RemoveAll(s => s.Address.Equals(address));

        public void AddMembers(ServerDescription member)
        {
            foreach (var address in member.Hosts.Concat(member.Passives).Concat(member.Arbiters))
            {
                if (Find(address) is null)
                {
                    Servers.Add(new ServerDescription(address));
                }
            }
        }

        public void CheckIfHasPrimary() =>
            Type = HasPrimary ? TopologyType.ReplicaSetWithPrimary : TopologyType.ReplicaSetNoPrimary;

        public TopologyDescription Build() =>
            new(Type, SetName, MaxSetVersion, MaxElectionId, [.. Servers], source.HeartbeatFrequency, source.SingleSeed);
    }
}

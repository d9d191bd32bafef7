using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Topology;
using OpenQuizz.Typed.Topology.Events;

namespace OpenQuizz.Typed.Conformance.Sdam;

/// <summary>Compares a cluster (or its events) with a vector's <c>outcome</c>; each message names the file and JSON path.</summary>
internal static class SdamOutcome
{
    public static void AssertTopology(VectorNode outcome, Cluster cluster)
    {
        var topology = cluster.Description;
        Check(outcome["topologyType"], outcome["topologyType"].String(), topology.Type.ToString());
        if (outcome.Optional("setName") is { } setName)
        {
            Check(setName, setName.IsNull ? null : setName.String(), topology.SetName);
        }

        if (outcome.Optional("logicalSessionTimeoutMinutes") is { } lstm)
        {
            Check(lstm, lstm.IsNull ? null : lstm.Long(), (long?)topology.LogicalSessionTimeoutMinutes);
        }

        if (outcome.Optional("maxSetVersion") is { } maxSetVersion)
        {
            Check(maxSetVersion, maxSetVersion.IsNull ? null : maxSetVersion.Long(), topology.MaxSetVersion);
        }

        if (outcome.Optional("maxElectionId") is { } maxElectionId)
        {
            Check(maxElectionId, ObjectIdOrNull(maxElectionId), topology.MaxElectionId);
        }

        if (outcome.Optional("compatible") is { } compatible)
        {
            Check(compatible, compatible.Bool(), topology.IsCompatible);
        }

        var expectedServers = outcome["servers"].Properties().ToList();
        Check(outcome["servers"], string.Join(",", expectedServers.Select(s => VectorJson.Address(s.Name)).Order(Comparer<MongoServerAddress>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString())))),
            string.Join(",", topology.Servers.Select(s => s.Address).Order(Comparer<MongoServerAddress>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString())))));
        foreach (var (name, expected) in expectedServers)
        {
            var address = VectorJson.Address(name);
            var actual = topology.GetServer(address)!;
            AssertServer(expected, actual);
            if (expected.Optional("pool") is { } pool)
            {
                Check(pool["generation"], pool["generation"].Long(), (long)cluster.GetServer(address)!.Pool.Generation);
            }
        }
    }

    public static void AssertEvents(VectorNode expected, List<SdamEvent> actual)
    {
        var expectedEvents = expected.Items().ToList();
        Check(expected, expectedEvents.Count, actual.Count, () => string.Join("\n", actual));
        for (var i = 0; i < expectedEvents.Count; i++)
        {
            var (kind, body) = expectedEvents[i].Properties().Single();
            var ev = actual[i];
            switch (kind)
            {
                case "topology_opening_event":
                    Assert.IsType<TopologyOpeningEvent>(ev);
                    break;
                case "topology_closed_event":
                    Assert.IsType<TopologyClosedEvent>(ev);
                    break;
                case "server_opening_event":
                    Check(body["address"], VectorJson.Address(body["address"].String()), Assert.IsType<ServerOpeningEvent>(ev).Address);
                    break;
                case "server_closed_event":
                    Check(body["address"], VectorJson.Address(body["address"].String()), Assert.IsType<ServerClosedEvent>(ev).Address);
                    break;
                case "server_description_changed_event":
                    var changed = Assert.IsType<ServerDescriptionChangedEvent>(ev);
                    Check(body["address"], VectorJson.Address(body["address"].String()), changed.Address);
                    AssertServer(body["previousDescription"], changed.PreviousDescription);
                    AssertServer(body["newDescription"], changed.NewDescription);
                    break;
                case "topology_description_changed_event":
                    var topologyChanged = Assert.IsType<TopologyDescriptionChangedEvent>(ev);
                    AssertTopologyEventDescription(body["previousDescription"], topologyChanged.PreviousDescription);
                    AssertTopologyEventDescription(body["newDescription"], topologyChanged.NewDescription);
                    break;
                default:
                    throw expectedEvents[i].Fail($"has an unknown event '{kind}'");
            }
        }
    }

    private static void AssertTopologyEventDescription(VectorNode expected, TopologyDescription actual)
    {
        Check(expected["topologyType"], expected["topologyType"].String(), actual.Type.ToString());
        if (expected.Optional("setName") is { } setName)
        {
            Check(setName, setName.IsNull ? null : setName.String(), actual.SetName);
        }

        var servers = expected["servers"].Items().ToList();
        Check(expected["servers"], servers.Count, actual.Servers.Count);
        foreach (var server in servers)
        {
            var address = VectorJson.Address(server["address"].String());
            AssertServer(server, actual.GetServer(address) ?? throw server.Fail($"names {address}, which the topology does not contain"));
        }
    }

    private static void AssertServer(VectorNode expected, ServerDescription actual)
    {
        foreach (var (name, value) in expected.Properties())
        {
            switch (name)
            {
                case "type":
                    Check(value, value.String(), actual.Type == ServerType.PossiblePrimary ? "PossiblePrimary" : actual.Type.ToString());
                    break;
                case "setName":
                    Check(value, value.IsNull ? null : value.String(), actual.SetName);
                    break;
                case "setVersion":
                    Check(value, value.IsNull ? null : value.Long(), actual.SetVersion);
                    break;
                case "electionId":
                    Check(value, ObjectIdOrNull(value), actual.ElectionId);
                    break;
                case "logicalSessionTimeoutMinutes":
                    Check(value, value.IsNull ? null : value.Long(), (long?)actual.LogicalSessionTimeoutMinutes);
                    break;

                // The SDAM default for an unchecked server (and a load balancer) is 0; the vectors write it as null.
                case "minWireVersion":
                    Check(value, value.IsNull ? 0 : value.Long(), (long)actual.MinWireVersion);
                    break;
                case "maxWireVersion":
                    Check(value, value.IsNull ? 0 : value.Long(), (long)actual.MaxWireVersion);
                    break;
                case "topologyVersion":
                    Check(value, value.IsNull ? null : TopologyVersion.FromBson(value.Document()), actual.TopologyVersion);
                    break;
                case "address":
                    Check(value, VectorJson.Address(value.String()), actual.Address);
                    break;
                case "primary":
                    Check(value, value.IsNull ? null : VectorJson.Address(value.String()), actual.Primary);
                    break;
                case "hosts":
                    CheckSet(value, actual.Hosts);
                    break;
                case "passives":
                    CheckSet(value, actual.Passives);
                    break;
                case "arbiters":
                    CheckSet(value, actual.Arbiters);
                    break;
                case "pool":
                    break;
                case "error":
                    if (!(actual.Error?.Message ?? string.Empty).Contains(value.String(), StringComparison.Ordinal))
                    {
                        Assert.Fail($"{value.File}: {value.Path}: expected an error containing '{value.String()}' but was '{actual.Error?.Message}'");
                    }

                    break;
                default:
                    throw value.Fail("is a server field the runner does not know");
            }
        }
    }

    private static void CheckSet(VectorNode expected, IReadOnlyList<MongoServerAddress> actual)
    {
        var wanted = expected.Items().Select(i => VectorJson.Address(i.String())).ToHashSet();
        Check(expected, string.Join(",", wanted.Select(a => a.ToString()).Order()), string.Join(",", actual.Select(a => a.ToString()).Order()));
    }

    private static ObjectId? ObjectIdOrNull(VectorNode value) =>
        value.IsNull ? null : ObjectId.Parse(value["$oid"].String());

    private static void Check<T>(VectorNode where, T expected, T actual, Func<string>? context = null)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            Assert.Fail($"{where.File}: {where.Path}: expected {expected?.ToString() ?? "null"} but was {actual?.ToString() ?? "null"}{(context is null ? "" : "\n" + context())}");
        }
    }
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Conformance.Sdam;
using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Conformance.ServerSelection;

/// <summary>Builds topology snapshots and read preferences from the server-selection and max-staleness vectors.</summary>
internal static class SelectionVectors
{
    public static TopologyDescription Topology(VectorNode topology, TimeSpan heartbeatFrequency)
    {
        var type = Enum.Parse<TopologyType>(topology["type"].String());
        var servers = topology["servers"].Items().Select(Server).ToArray();
        return new TopologyDescription(type, null, null, null, servers, heartbeatFrequency, servers.Length == 1);
    }

    public static ServerDescription Server(VectorNode server)
    {
        var address = VectorJson.Address(server["address"].String());
        var type = server["type"].String();
        var hello = new BsonDocument { { "ok", 1 } };
        if (server.Optional("maxWireVersion") is { } maxWire)
        {
            hello.Add("maxWireVersion", (int)maxWire.Long());
        }

        if (server.Optional("tags") is { } tags)
        {
            hello.Add("tags", tags.Document());
        }

        if (server.Optional("lastWrite") is { } lastWrite)
        {
            hello.Add("lastWrite", new BsonDocument("lastWriteDate", new BsonDateTime(lastWrite["lastWriteDate"].Long())));
        }

        switch (type)
        {
            case "RSPrimary":
                hello.Add("setName", "rs").Add("isWritablePrimary", true);
                break;
            case "RSSecondary":
                hello.Add("setName", "rs").Add("secondary", true);
                break;
            case "RSArbiter":
                hello.Add("setName", "rs").Add("arbiterOnly", true);
                break;
            case "RSOther":
                hello.Add("setName", "rs").Add("hidden", true);
                break;
            case "RSGhost":
                hello.Add("isreplicaset", true);
                break;
            case "Mongos":
                hello.Add("msg", "isdbgrid");
                break;
            case "Standalone":
                break;
            case "Unknown" or "PossiblePrimary" or "LoadBalancer":
                hello = null;
                break;
            default:
                throw server["type"].Fail("is not a server type");
        }

        TimeSpan? rtt = server.Optional("avg_rtt_ms") is { } avg ? TimeSpan.FromMilliseconds(avg.Double()) : null;
        var updated = server.Optional("lastUpdateTime") is { } lastUpdate ? DateTime.UnixEpoch.AddMilliseconds(lastUpdate.Long()) : DateTime.UnixEpoch;
        var description = type switch
        {
            "LoadBalancer" => ServerDescription.CreateLoadBalancer(address).WithRoundTripTimes(rtt, rtt),
            "PossiblePrimary" => new ServerDescription(address).WithType(ServerType.PossiblePrimary),
            "Unknown" => new ServerDescription(address),
            _ => ServerDescription.FromHello(address, hello!, rtt, updated),
        };
        return description;
    }

    /// <summary>The read preference of a vector; null (with <paramref name="error"/>) when the vector's options are invalid.</summary>
    public static ReadPreference? ReadPreference(VectorNode? node, out Exception? error)
    {
        error = null;
        if (node is not { } readPreference || !readPreference.Has("mode"))
        {
            return OpenQuizz.Typed.ReadPreference.Primary;
        }

        var mode = Enum.Parse<ReadPreferenceMode>(readPreference["mode"].String());
        var tagSets = readPreference.Optional("tag_sets") is { } sets
            ? sets.Items().Select(set => new TagSet(set.Properties().Select(p => new Tag(p.Name, p.Value.String())))).ToList()
            : [];
        if (mode == ReadPreferenceMode.Primary)
        {
            // The empty tag set matches everything, so [{}] with primary says nothing and is allowed.
            tagSets.RemoveAll(t => t.IsEmpty);
        }

        TimeSpan? maxStaleness = null;
        if (readPreference.Optional("maxStalenessSeconds") is { } seconds && seconds.Long() != -1)
        {
            maxStaleness = TimeSpan.FromSeconds(seconds.Long());
        }

        try
        {
            return new ReadPreference(mode, tagSets, maxStaleness);
        }
        catch (ArgumentException e)
        {
            error = e;
            return null;
        }
    }

    public static string Names(IEnumerable<ServerDescription> servers) =>
        string.Join(",", servers.Select(s => s.Address.ToString()).Order(StringComparer.Ordinal));

    public static string Names(VectorNode servers) =>
        string.Join(",", servers.Items().Select(s => VectorJson.Address(s["address"].String()).ToString()).Order(StringComparer.Ordinal));
}

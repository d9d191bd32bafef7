using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Conformance.Sdam;

/// <summary>
/// The few parts of a vector's <c>uri</c> that shape a topology (hosts, replicaSet, directConnection, loadBalanced,
/// heartbeatFrequencyMS), read here so the topology runners do not depend on the connection-string parser.
/// </summary>
internal static class TestUri
{
    public static TopologySettings Parse(string uri)
    {
        var rest = uri["mongodb://".Length..];
        var query = string.Empty;
        var slash = rest.IndexOf('/');
        var hostPart = slash < 0 ? rest : rest[..slash];
        if (slash >= 0)
        {
            var q = rest.IndexOf('?', slash);
            query = q < 0 ? string.Empty : rest[(q + 1)..];
        }
        else if (rest.IndexOf('?') is var q and >= 0)
        {
            hostPart = rest[..q];
            query = rest[(q + 1)..];
        }

        var options = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.OrdinalIgnoreCase);
        var seeds = hostPart.Split(',').Select(VectorJson.Address).ToArray();
        var setName = options.GetValueOrDefault("replicaSet");
        var direct = options.TryGetValue("directConnection", out var d) && bool.Parse(d);
        var loadBalanced = options.TryGetValue("loadBalanced", out var lb) && bool.Parse(lb);
        var type = loadBalanced ? TopologyType.LoadBalanced
            : direct ? TopologyType.Single
            : setName is not null ? TopologyType.ReplicaSetNoPrimary
            : TopologyType.Unknown;
        var settings = new TopologySettings { Seeds = seeds, InitialType = type, SetName = setName, PoolBackgroundInterval = TimeSpan.FromMilliseconds(-1) };
        if (options.TryGetValue("heartbeatFrequencyMS", out var heartbeat))
        {
            settings = settings with { HeartbeatFrequency = TimeSpan.FromMilliseconds(int.Parse(heartbeat, System.Globalization.CultureInfo.InvariantCulture)) };
        }

        return settings;
    }
}

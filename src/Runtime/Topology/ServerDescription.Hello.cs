using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Topology;

public sealed partial class ServerDescription
{
    /// <summary>
    /// Builds the description of <paramref name="address"/> from a hello (or legacy hello) reply, following the SDAM
    /// specification's parsing rules: a reply without <c>ok: 1</c> describes an Unknown server, host names are lower-cased.
    /// </summary>
    /// <param name="address">The address the reply came from.</param>
    /// <param name="reply">The hello reply.</param>
    /// <param name="roundTripTime">The measured (already averaged) round trip time, or null.</param>
    /// <param name="lastUpdateTime">When the reply was received (UTC).</param>
    /// <param name="minRoundTripTime">The minimum recent round trip time, or null.</param>
    public static ServerDescription FromHello(
        MongoServerAddress address,
        BsonDocument reply,
        TimeSpan? roundTripTime,
        DateTime lastUpdateTime,
        TimeSpan? minRoundTripTime = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(reply);
        var topologyVersion = global::OpenQuizz.Typed.Topology.TopologyVersion.FromBson(reply.GetValue("topologyVersion", null));
        if (!IsOk(reply))
        {
            return CreateUnknown(address, new MongoCommandException(address, "hello", reply), topologyVersion, lastUpdateTime);
        }

        var setName = GetString(reply, "setName");
        var lastWrite = reply.GetValue("lastWrite", null) as BsonDocument;
        DateTime? lastWriteDate = lastWrite?.GetValue("lastWriteDate", null) switch
        {
            BsonDateTime date => DateTime.UnixEpoch.AddMilliseconds(date.MillisecondsSinceEpoch),
            { IsNumeric: true } number => DateTime.UnixEpoch.AddMilliseconds(number.ToInt64()),
            _ => null,
        };

        return new ServerDescription(address)
        {
            Type = ParseType(reply, setName),
            RoundTripTime = roundTripTime,
            MinRoundTripTime = minRoundTripTime ?? roundTripTime,
            LastWriteDate = lastWriteDate,
            OpTime = lastWrite?.GetValue("opTime", null),
            MinWireVersion = GetInt(reply, "minWireVersion") ?? 0,
            MaxWireVersion = GetInt(reply, "maxWireVersion") ?? 0,
            Me = ParseAddress(GetString(reply, "me")),
            Hosts = ParseAddresses(reply, "hosts"),
            Passives = ParseAddresses(reply, "passives"),
            Arbiters = ParseAddresses(reply, "arbiters"),
            Tags = ParseTags(reply),
            SetName = setName,
            ElectionId = reply.TryGetValue("electionId", out var electionId) && electionId.IsObjectId ? electionId.AsObjectId : null,
            SetVersion = reply.TryGetValue("setVersion", out var setVersion) && setVersion.IsNumeric ? setVersion.ToInt64() : null,
            Primary = ParseAddress(GetString(reply, "primary")),
            LastUpdateTime = lastUpdateTime,
            LogicalSessionTimeoutMinutes = GetInt(reply, "logicalSessionTimeoutMinutes"),
            TopologyVersion = topologyVersion,
            IsCryptd = reply.TryGetValue("iscryptd", out var cryptd) && cryptd.IsBoolean ? cryptd.AsBoolean : null,
            ServiceId = reply.TryGetValue("serviceId", out var serviceId) && serviceId.IsObjectId ? serviceId.AsObjectId : null,
            HelloOk = GetBool(reply, "helloOk"),
            MaxBsonObjectSize = GetInt(reply, "maxBsonObjectSize"),
            MaxMessageSizeBytes = GetInt(reply, "maxMessageSizeBytes"),
            MaxWriteBatchSize = GetInt(reply, "maxWriteBatchSize"),
        };
    }

    /// <summary>True when the reply has <c>ok</c> equal to 1 (or true).</summary>
    internal static bool IsOk(BsonDocument reply) =>
        reply.TryGetValue("ok", out var ok) && (ok.IsNumeric ? ok.ToDouble() == 1 : ok.IsBoolean && ok.AsBoolean);

    private static ServerType ParseType(BsonDocument reply, string? setName)
    {
        if (GetString(reply, "msg") == "isdbgrid")
        {
            return ServerType.Mongos;
        }

        if (setName is not null)
        {
            // isWritablePrimary first; ismaster only when the reply is to the legacy command.
            var writablePrimary = reply.TryGetValue("isWritablePrimary", out var writable) ? IsTrue(writable) : GetBool(reply, "ismaster");
            if (GetBool(reply, "hidden"))
            {
                return ServerType.RSOther;
            }

            if (writablePrimary)
            {
                return ServerType.RSPrimary;
            }

            if (GetBool(reply, "secondary"))
            {
                return ServerType.RSSecondary;
            }

            return GetBool(reply, "arbiterOnly") ? ServerType.RSArbiter : ServerType.RSOther;
        }

        return GetBool(reply, "isreplicaset") ? ServerType.RSGhost : ServerType.Standalone;
    }

    private static IReadOnlyList<MongoServerAddress> ParseAddresses(BsonDocument reply, string name)
    {
        if (!reply.TryGetValue(name, out var value) || !value.IsBsonArray)
        {
            return [];
        }

        var result = new List<MongoServerAddress>();
        foreach (var item in value.AsBsonArray)
        {
            if (item.IsString && ParseAddress(item.AsString) is { } address && !result.Contains(address))
            {
                result.Add(address);
            }
        }

        return result;
    }

    /// <summary>Parses an address as a server reports it, lower-casing the host as the SDAM specification requires.</summary>
    internal static MongoServerAddress? ParseAddress(string? text) =>
        text is not null && MongoServerAddress.TryParse(text.ToLowerInvariant(), out var address) ? address : null;

    private static IReadOnlyDictionary<string, string> ParseTags(BsonDocument reply)
    {
        if (!reply.TryGetValue("tags", out var value) || value is not BsonDocument tags || tags.ElementCount == 0)
        {
            return NoTags;
        }

        var result = new Dictionary<string, string>(tags.ElementCount, StringComparer.Ordinal);
        foreach (var element in tags)
        {
            if (element.Value.IsString)
            {
                result[element.Name] = element.Value.AsString;
            }
        }

        return result;
    }

    private static string? GetString(BsonDocument reply, string name) =>
        reply.TryGetValue(name, out var value) && value.IsString ? value.AsString : null;

    private static int? GetInt(BsonDocument reply, string name) =>
        reply.TryGetValue(name, out var value) && value.IsNumeric ? (int)Math.Clamp(value.ToInt64(), int.MinValue, int.MaxValue) : null;

    private static bool GetBool(BsonDocument reply, string name) => reply.TryGetValue(name, out var value) && IsTrue(value);

    private static bool IsTrue(BsonValue value) => value.IsBoolean ? value.AsBoolean : value.IsNumeric && value.ToDouble() != 0;
}

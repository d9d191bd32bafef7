using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.FailPoints;

/// <summary>
/// The settings of mongod's <c>failCommand</c> failpoint (its <c>data</c> document): which commands it applies to
/// and what it does to them. Parsed once when configured.
/// </summary>
internal sealed class FailCommandData
{
    public required HashSet<string> Commands { get; init; }

    public int? ErrorCode { get; init; }

    public BsonArray? ErrorLabels { get; init; }

    public bool CloseConnection { get; init; }

    public TimeSpan Block { get; init; }

    public BsonDocument? WriteConcernError { get; init; }

    public string? AppName { get; init; }

    public string? Namespace { get; init; }

    public static FailCommandData Parse(BsonDocument data)
    {
        var commands = data.GetValue("failCommands", null) as BsonArray
            ?? throw new MongoServerException(ErrorCodes.BadValue, "'failCommands' must be an array of command names");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in commands)
        {
            names.Add(name is BsonString s ? s.Value : throw new MongoServerException(ErrorCodes.BadValue, "'failCommands' must be an array of command names"));
        }

        int? errorCode = null;
        if (data.TryGetValue("errorCode", out var code))
        {
            errorCode = code.IsNumeric ? code.ToInt32() : throw new MongoServerException(ErrorCodes.BadValue, "'errorCode' must be a number");
        }

        var block = TimeSpan.Zero;
        if (data.TryGetValue("blockConnection", out var blockValue) && ExpressionValues.IsTruthy(blockValue))
        {
            var ms = data.GetValue("blockTimeMS", null) is { IsNumeric: true } t
                ? t.ToInt64()
                : throw new MongoServerException(ErrorCodes.BadValue, "'blockTimeMS' must be set when 'blockConnection' is true");
            block = TimeSpan.FromMilliseconds(Math.Max(0, ms));
        }

        return new FailCommandData
        {
            Commands = names,
            ErrorCode = errorCode,
            ErrorLabels = data.GetValue("errorLabels", null) as BsonArray,
            CloseConnection = data.TryGetValue("closeConnection", out var close) && ExpressionValues.IsTruthy(close),
            Block = block,
            WriteConcernError = data.GetValue("writeConcernError", null) as BsonDocument,
            AppName = (data.GetValue("appName", null) as BsonString)?.Value,
            Namespace = (data.GetValue("namespace", null) as BsonString)?.Value,
        };
    }
}

/// <summary>How often a failpoint fires: mongod's <c>mode</c> (off, alwaysOn, {times: n}, {skip: n}).</summary>
internal sealed class FailPointMode
{
    private FailPointMode(string kind, long count)
    {
        Kind = kind;
        Remaining = count;
    }

    public string Kind { get; }

    /// <summary>Fires left for "times", matches still to let pass for "skip".</summary>
    public long Remaining { get; private set; }

    public bool IsOff => Kind == "off";

    public static FailPointMode Off { get; } = new("off", 0);

    public static FailPointMode Parse(BsonValue? mode)
    {
        switch (mode)
        {
            case BsonString { Value: "off" }:
                return Off;
            case BsonString { Value: "alwaysOn" }:
                return new FailPointMode("alwaysOn", 0);
            case BsonDocument d when d.ElementCount == 1 && d.GetElement(0).Name is "times" or "skip" && d[0].IsNumeric:
                var n = d[0].ToInt64();
                if (n < 0)
                {
                    throw new MongoServerException(ErrorCodes.BadValue, $"'{d.GetElement(0).Name}' must be a non-negative number");
                }

                return d.GetElement(0).Name == "times" && n == 0 ? Off : new FailPointMode(d.GetElement(0).Name, n);
            case BsonDocument d when d.ElementCount == 1 && d.GetElement(0).Name == "activationProbability":
                throw new MongoServerException(ErrorCodes.NotImplemented, "activationProbability is not supported by the embedded server");
            case null:
                throw new MongoServerException(ErrorCodes.BadValue, "Missing mode");
            default:
                throw new MongoServerException(ErrorCodes.BadValue, $"'mode' must be 'off', 'alwaysOn', {{times: n}} or {{skip: n}}, not {mode}");
        }
    }

    /// <summary>Called for each command the failpoint applies to; true when it fires this time. Caller holds the registry lock.</summary>
    public bool ShouldFire()
    {
        switch (Kind)
        {
            case "alwaysOn":
                return true;
            case "times":
                if (Remaining <= 0)
                {
                    return false;
                }

                Remaining--;
                return true;
            case "skip":
                if (Remaining > 0)
                {
                    Remaining--;
                    return false;
                }

                return true;
            default:
                return false;
        }
    }
}

using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Hosting;

/// <summary>
/// The server parameters that <c>getParameter</c> reports, with the values a 7.0 replica-set member reports where the
/// embedded server behaves the same, and the few that <c>setParameter</c> changes at run time (each with a real effect).
/// </summary>
internal sealed class ServerParameters(ServerContext server)
{
    private int _logLevel;
    private bool _quiet;
    private long _maxBlockingSortBytes = server.Options.MaxMemoryPerStageBytes;

    /// <summary>The memory limit of blocking stages ($sort, $group and the like) in bytes, changed by setParameter.</summary>
    public long MaxMemoryPerStageBytes => Interlocked.Read(ref _maxBlockingSortBytes);

    /// <summary>Every parameter with its value now, and whether setParameter can change it.</summary>
    public IEnumerable<(string Name, BsonValue Value, bool SettableAtRuntime)> All()
    {
        var options = server.Options;
        var mechanisms = new BsonArray { "SCRAM-SHA-1", "SCRAM-SHA-256" };
        if (options.Certificate is not null)
        {
            mechanisms.Add("MONGODB-X509");
        }

        yield return ("authenticationMechanisms", mechanisms, false);
        yield return ("authSchemaVersion", 5, false);
        yield return ("changeStreamOptions", new BsonDocument("preAndPostImages", new BsonDocument("expireAfterSeconds", "off")), false);
        yield return ("clusterAuthMode", "undefined", false);
        yield return ("cursorTimeoutMillis", (long)options.CursorTimeout.TotalMilliseconds, false);
        yield return ("enableLocalhostAuthBypass", true, false);
        yield return ("enableTestCommands", true, false);
        yield return ("featureCompatibilityVersion", new BsonDocument("version", "7.0"), false);
        yield return ("internalDocumentSourceGroupMaxMemoryBytes", MaxMemoryPerStageBytes, true);
        yield return ("internalQueryMaxBlockingSortMemoryUsageBytes", MaxMemoryPerStageBytes, true);
        yield return ("localLogicalSessionTimeoutMinutes", options.LogicalSessionTimeoutMinutes, false);
        yield return ("logLevel", Volatile.Read(ref _logLevel), true);
        yield return ("maxSessions", options.MaxSessions, false);
        yield return ("quiet", Volatile.Read(ref _quiet), true);
        yield return ("replicaSetName", options.ReplicaSetName is { } set ? set : BsonNull.Value, false);
        yield return ("requireApiVersion", false, false);
        yield return ("tlsMode", options.Certificate is null ? "disabled" : "requireTLS", false);
        yield return ("transactionLifetimeLimitSeconds", 60, false);
        yield return ("ttlMonitorEnabled", true, false);
        yield return ("ttlMonitorSleepSecs", (int)options.TtlMonitorInterval.TotalSeconds, false);
    }

    /// <summary>Sets one runtime parameter; returns its previous value.</summary>
    /// <exception cref="MongoServerException">The parameter is unknown, not settable at run time, or the value is invalid.</exception>
    public BsonValue Set(string name, BsonValue value)
    {
        switch (name)
        {
            case "logLevel":
                var level = IntegerValue(name, value);
                if (level is < 0 or > 5)
                {
                    throw Invalid(name, "must be between 0 and 5");
                }

                return Interlocked.Exchange(ref _logLevel, (int)level);
            case "quiet":
                if (!value.IsBoolean && !value.IsNumeric)
                {
                    throw Invalid(name, "must be a boolean");
                }

                var quiet = value.IsBoolean ? value.AsBoolean : value.ToDouble() != 0;
                var was = Volatile.Read(ref _quiet);
                Volatile.Write(ref _quiet, quiet);
                return was;
            case "internalQueryMaxBlockingSortMemoryUsageBytes" or "internalDocumentSourceGroupMaxMemoryBytes":
                var bytes = IntegerValue(name, value);
                if (bytes <= 0)
                {
                    throw Invalid(name, "must be greater than 0");
                }

                return Interlocked.Exchange(ref _maxBlockingSortBytes, bytes);
        }

        foreach (var (known, _, _) in All())
        {
            if (known == name)
            {
                throw new MongoServerException(ErrorCodes.IllegalOperation, $"not allowed to change [{name}] at runtime");
            }
        }

        throw new MongoServerException(ErrorCodes.InvalidOptions, $"attempted to set unrecognized parameter [{name}], use help:true to see options ");
    }

    private static long IntegerValue(string name, BsonValue value)
    {
        if (!value.IsNumeric)
        {
            throw Invalid(name, "must be a number");
        }

        var number = value.ToDouble();
        if (number != Math.Floor(number) || double.IsInfinity(number))
        {
            throw Invalid(name, "must be an integer");
        }

        return (long)number;
    }

    private static MongoServerException Invalid(string name, string reason) =>
        new(ErrorCodes.BadValue, $"Invalid value for parameter {name}: {reason}");
}

using MongoDB.Bson;
using System.Globalization;
using System.Text.Json;
using ParsedConnectionString = OpenQuizz.Typed.Configuration.ConnectionString;

namespace OpenQuizz.Typed.Conformance.ConnectionString;

/// <summary>
/// Compares one expected option of a vector with the typed settings (or, for the auth options, the parsed string,
/// since settings keep only the derived credential). Names are case-insensitive; durations compare in milliseconds,
/// with "no limit" as 0. An option this table does not know fails the test, so no expectation is silently dropped.
/// </summary>
internal static class OptionAssert
{
    public static void Check(string caseId, string name, JsonElement expected, ParsedConnectionString parsed, MongoClientSettings settings)
    {
        var values = parsed.Values;
        switch (name.ToLowerInvariant())
        {
            case "appname": Same(caseId, name, expected, settings.ApplicationName); break;
            case "authmechanism": Same(caseId, name, expected, settings.Credential?.Mechanism); break;
            case "authmechanismproperties": Properties(caseId, name, expected, values.AuthMechanismProperties); break;
            case "authsource": Same(caseId, name, expected, values.AuthSource); break;
            case "compressors":
                Same(caseId, name, Strings(expected), string.Join(',', settings.Compressors.Select(c => c.Name)));
                break;
            case "connecttimeoutms": Same(caseId, name, expected, Milliseconds(settings.ConnectTimeout)); break;
            case "directconnection": Same(caseId, name, expected, settings.DirectConnection); break;
            case "enableoverloadretargeting": Same(caseId, name, expected, settings.EnableOverloadRetargeting); break;
            case "heartbeatfrequencyms": Same(caseId, name, expected, Milliseconds(settings.HeartbeatFrequency)); break;
            case "journal": Same(caseId, name, expected, settings.WriteConcern.Journal); break;
            case "loadbalanced": Same(caseId, name, expected, settings.LoadBalanced); break;
            case "localthresholdms": Same(caseId, name, expected, Milliseconds(settings.LocalThreshold)); break;
            case "maxadaptiveretries": Same(caseId, name, expected, settings.MaxAdaptiveRetries); break;
            case "maxconnecting": Same(caseId, name, expected, settings.MaxConnecting); break;
            case "maxidletimems": Same(caseId, name, expected, Milliseconds(settings.MaxIdleTime)); break;
            case "maxpoolsize": Same(caseId, name, expected, settings.MaxPoolSize); break;
            case "maxstalenessseconds":
                Same(caseId, name, expected, settings.ReadPreference.MaxStaleness is { } staleness ? (long)staleness.TotalSeconds : -1);
                break;
            case "minpoolsize": Same(caseId, name, expected, settings.MinPoolSize); break;
            case "proxyhost": Same(caseId, name, expected, settings.ProxyHost); break;
            case "proxypassword": Same(caseId, name, expected, settings.ProxyPassword); break;
            case "proxyport": Same(caseId, name, expected, settings.ProxyPort); break;
            case "proxyusername": Same(caseId, name, expected, settings.ProxyUsername); break;
            case "readconcernlevel": Same(caseId, name, expected, settings.ReadConcern.Level?.Value); break;
            case "readpreference": Same(caseId, name, expected, ReadPreference.ModeName(settings.ReadPreference.Mode)); break;
            case "readpreferencetags": TagSets(caseId, expected, settings.ReadPreference.TagSets); break;
            case "replicaset": Same(caseId, name, expected, settings.ReplicaSetName); break;
            case "retryreads": Same(caseId, name, expected, settings.RetryReads); break;
            case "retrywrites": Same(caseId, name, expected, settings.RetryWrites); break;
            case "servermonitoringmode":
                Same(caseId, name, expected, settings.ServerMonitoringMode.ToString().ToLowerInvariant());
                break;
            case "serverselectiontimeoutms": Same(caseId, name, expected, Milliseconds(settings.ServerSelectionTimeout)); break;
            case "serverselectiontryonce": Same(caseId, name, expected, settings.ServerSelectionTryOnce); break;
            case "sockettimeoutms": Same(caseId, name, expected, Milliseconds(settings.SocketTimeout)); break;
            case "srvmaxhosts": Same(caseId, name, expected, settings.SrvMaxHosts ?? 0); break;
            case "srvservicename": Same(caseId, name, expected, settings.SrvServiceName ?? MongoClientSettings.DefaultSrvServiceName); break;
            case "ssl" or "tls": Same(caseId, name, expected, settings.IsTlsEnabled); break;
            case "timeoutms":
                Assert.True(settings.Timeout is not null, $"{caseId}: option '{name}' is not set.");
                Same(caseId, name, expected, Milliseconds(settings.Timeout));
                break;
            case "tlsallowinvalidcertificates": Same(caseId, name, expected, settings.TlsAllowInvalidCertificates); break;
            case "tlsallowinvalidhostnames": Same(caseId, name, expected, settings.TlsAllowInvalidHostnames); break;
            case "tlscafile": Same(caseId, name, expected, settings.TlsCAFile); break;
            case "tlscertificatekeyfile": Same(caseId, name, expected, settings.TlsCertificateKeyFile); break;
            case "tlscertificatekeyfilepassword": Same(caseId, name, expected, settings.TlsCertificateKeyFilePassword); break;
            case "tlscrlfile": Same(caseId, name, expected, settings.TlsCrlFile); break;
            case "tlsdisablecertificaterevocationcheck": Same(caseId, name, expected, settings.TlsDisableCertificateRevocationCheck); break;
            case "tlsdisableocspendpointcheck": Same(caseId, name, expected, settings.TlsDisableOcspEndpointCheck); break;
            case "tlsinsecure": Same(caseId, name, expected, settings.TlsInsecure); break;
            case "uuidrepresentation":
                Same(caseId, name, Strings(expected).ToLowerInvariant(), settings.GuidRepresentation.ToString().ToLowerInvariant());
                break;
            case "w": W(caseId, expected, settings.WriteConcern.W); break;
            case "waitqueuetimeoutms": Same(caseId, name, expected, Milliseconds(settings.WaitQueueTimeout)); break;
            case "wtimeoutms": Same(caseId, name, expected, Milliseconds(settings.WriteConcern.WTimeout)); break;
            case "zlibcompressionlevel":
                Same(caseId, name, expected, settings.Compressors.FirstOrDefault(c => c.Type == MongoCompressorType.Zlib)?.Level);
                break;
            default:
                Assert.Fail($"{caseId}: the runner has no check for the option '{name}'; add one to {nameof(OptionAssert)}.");
                break;
        }
    }

    internal static long Milliseconds(TimeSpan? value) =>
        value is not { } span || span == Timeout.InfiniteTimeSpan ? 0 : (long)span.TotalMilliseconds;

    internal static void W(string caseId, JsonElement expected, WriteConcernW? actual)
    {
        if (expected.ValueKind == JsonValueKind.Number)
        {
            Assert.True(actual?.Count == expected.GetInt32(), $"{caseId}: w is '{actual}', expected {expected.GetInt32()}.");
        }
        else
        {
            Assert.True(actual?.Mode == expected.GetString(), $"{caseId}: w is '{actual}', expected '{expected.GetString()}'.");
        }
    }

    private static void Same(string caseId, string name, JsonElement expected, object? actual)
    {
        object? wanted = expected.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => expected.GetInt64(),
            JsonValueKind.String => expected.GetString(),
            JsonValueKind.Null => null,
            _ => throw new InvalidDataException($"{caseId}: option '{name}' has an unexpected JSON {expected.ValueKind}."),
        };
        Same(caseId, name, wanted, actual);
    }

    private static void Same(string caseId, string name, object? expected, object? actual)
    {
        var normalized = actual is int number ? (long)number : actual;
        Assert.True(Equals(expected, normalized), $"{caseId}: option '{name}' is {Show(normalized)}, expected {Show(expected)}.");
    }

    private static void Properties(string caseId, string name, JsonElement expected, IReadOnlyDictionary<string, string>? actual)
    {
        var wanted = expected.EnumerateObject().ToDictionary(p => p.Name, p => Strings(p.Value), StringComparer.OrdinalIgnoreCase);
        var got = actual ?? new Dictionary<string, string>();
        Assert.True(wanted.Count == got.Count && wanted.All(p => got.TryGetValue(p.Key, out var v) && v == p.Value),
            $"{caseId}: option '{name}' is {{{string.Join(", ", got.Keys)}}}, expected {{{string.Join(", ", wanted.Keys)}}} with the listed values.");
    }

    private static void TagSets(string caseId, JsonElement expected, IReadOnlyList<TagSet> actual)
    {
        var wanted = expected.EnumerateArray()
            .Select(set => new TagSet(set.EnumerateObject().Select(p => new Tag(p.Name, Strings(p.Value)))))
            .ToArray();
        Assert.True(wanted.SequenceEqual(actual), $"{caseId}: tag sets [{string.Join(", ", actual)}], expected [{string.Join(", ", wanted.Select(w => w.ToString()))}].");
    }

    private static string Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join(',', value.EnumerateArray().Select(Strings)),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        string text => $"'{text}'",
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "?",
    };
}

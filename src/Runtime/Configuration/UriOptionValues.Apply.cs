using MongoDB.Bson;
using System.Globalization;
using System.Text;
using OpenQuizz.Typed.Bson;
using N = OpenQuizz.Typed.Configuration.UriOptionNames;

namespace OpenQuizz.Typed.Configuration;

internal sealed partial class UriOptionValues
{
    private const int MaxAppNameBytes = 128;
    private const int MaxEchoedValueLength = 100;

    private readonly List<TagSet> _tagSets = [];

    /// <summary>
    /// Applies one decoded option. An invalid value adds a warning and leaves the option as it was (the spec's
    /// "ignore and warn"); only the cases the specs call errors throw.
    /// </summary>
    /// <returns>True when the value was accepted.</returns>
    /// <exception cref="MongoConfigurationException">The value is an error, not just ignored (empty authSource, tls/ssl disagreeing).</exception>
    public bool Apply(string name, string value, List<string> warnings)
    {
        if (value.Length == 0 && name is not (N.ReadPreferenceTags or N.AuthSource))
        {
            warnings.Add($"The option '{name}' has an empty value and is ignored.");
            return false;
        }

        var (accepted, reason) = ApplyCore(name, value, warnings);
        if (!accepted)
        {
            warnings.Add($"Unsupported value for '{name}': {Echo(name, value)} ({reason}); the option is ignored.");
        }

        return accepted;
    }

    private (bool Accepted, string? Reason) ApplyCore(string name, string value, List<string> warnings)
    {
        string reason;
        switch (name)
        {
            case N.AppName:
                if (Encoding.UTF8.GetByteCount(value) > MaxAppNameBytes)
                {
                    return (false, $"longer than {MaxAppNameBytes} bytes of UTF-8");
                }

                AppName = value;
                return (true, null);
            case N.AuthMechanism:
                AuthMechanism = value;
                return (true, null);
            case N.AuthMechanismProperties:
                if (!UriValueParser.TryKeyValuePairs(value, out var properties, out reason))
                {
                    return (false, reason);
                }

                AuthMechanismProperties = properties.ToDictionary(StringComparer.OrdinalIgnoreCase).AsReadOnly();
                return (true, null);
            case N.AuthSource:
                AuthSource = value.Length > 0
                    ? value
                    : throw new MongoConfigurationException(
                        ConnectionString.ErrorPrefix + "the option 'authSource' cannot be empty; remove it or name the authentication database.");
                return (true, null);
            case N.Compressors:
                Compressors = ParseCompressors(value, warnings);
                return (true, null);
            case N.ConnectTimeoutMS:
                return Milliseconds(value, 0, zeroIsInfinite: true, v => ConnectTimeout = v);
            case N.DirectConnection:
                return Boolean(value, v => DirectConnection = v);
            case N.EnableOverloadRetargeting:
                return Boolean(value, v => EnableOverloadRetargeting = v);
            case N.HeartbeatFrequencyMS:
                return Milliseconds(value, 500, zeroIsInfinite: false, v => HeartbeatFrequency = v);
            case N.Journal:
                return Boolean(value, v => Journal = v);
            case N.LoadBalanced:
                return Boolean(value, v => LoadBalanced = v);
            case N.LocalThresholdMS:
                return Milliseconds(value, 0, zeroIsInfinite: false, v => LocalThreshold = v);
            case N.MaxAdaptiveRetries:
                return Int32(value, 0, int.MaxValue, v => MaxAdaptiveRetries = v);
            case N.MaxConnecting:
                return Int32(value, 1, int.MaxValue, v => MaxConnecting = v);
            case N.MaxIdleTimeMS:
                return Milliseconds(value, 0, zeroIsInfinite: true, v => MaxIdleTime = v);
            case N.MaxPoolSize:
                return Int32(value, 0, int.MaxValue, v => MaxPoolSize = v);
            case N.MaxStalenessSeconds:
                if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) || (seconds != -1 && seconds <= 0))
                {
                    return (false, "expected -1 (no maximum) or a positive number of seconds");
                }

                MaxStaleness = seconds == -1 ? null : TimeSpan.FromSeconds(seconds);
                return (true, null);
            case N.MinPoolSize:
                return Int32(value, 0, int.MaxValue, v => MinPoolSize = v);
            case N.ProxyHost:
                ProxyHost = value;
                return (true, null);
            case N.ProxyPassword:
                ProxyPassword = value;
                return (true, null);
            case N.ProxyPort:
                return Int32(value, 0, 65535, v => ProxyPort = v);
            case N.ProxyUsername:
                ProxyUsername = value;
                return (true, null);
            case N.ReadConcernLevel:
                ReadConcernLevel = value;
                return (true, null);
            case N.ReadPreference:
                return ParseReadPreferenceMode(value);
            case N.ReadPreferenceTags:
                return ParseTagSet(value);
            case N.ReplicaSet:
                ReplicaSet = value;
                return (true, null);
            case N.RetryReads:
                return Boolean(value, v => RetryReads = v);
            case N.RetryWrites:
                return Boolean(value, v => RetryWrites = v);
            case N.ServerMonitoringMode:
                return ParseServerMonitoringMode(value);
            case N.ServerSelectionTimeoutMS:
                return Milliseconds(value, 1, zeroIsInfinite: false, v => ServerSelectionTimeout = v);
            case N.ServerSelectionTryOnce:
                return Boolean(value, v => ServerSelectionTryOnce = v);
            case N.SocketTimeoutMS:
                return Milliseconds(value, 0, zeroIsInfinite: true, v => SocketTimeout = v);
            case N.SrvMaxHosts:
                return Int32(value, 0, int.MaxValue, v => SrvMaxHosts = v);
            case N.SrvServiceName:
                if (!UriValueParser.IsValidSrvServiceName(value))
                {
                    return (false, "expected an RFC 6335 service name: letters, digits and inner hyphens, at most 62 characters");
                }

                SrvServiceName = value;
                return (true, null);
            case N.Ssl or N.Tls:
                return ApplyTls(name, value);
            case N.TimeoutMS:
                return Milliseconds(value, 0, zeroIsInfinite: true, v => Timeout = v);
            case N.TlsAllowInvalidCertificates:
                return Boolean(value, v => TlsAllowInvalidCertificates = v);
            case N.TlsAllowInvalidHostnames:
                return Boolean(value, v => TlsAllowInvalidHostnames = v);
            case N.TlsCAFile:
                TlsCAFile = value;
                return (true, null);
            case N.TlsCertificateKeyFile:
                TlsCertificateKeyFile = value;
                return (true, null);
            case N.TlsCertificateKeyFilePassword:
                TlsCertificateKeyFilePassword = value;
                return (true, null);
            case N.TlsCrlFile:
                TlsCrlFile = value;
                return (true, null);
            case N.TlsDisableCertificateRevocationCheck:
                return Boolean(value, v => TlsDisableCertificateRevocationCheck = v);
            case N.TlsDisableOcspEndpointCheck:
                return Boolean(value, v => TlsDisableOcspEndpointCheck = v);
            case N.TlsInsecure:
                return Boolean(value, v => TlsInsecure = v);
            case N.GuidRepresentation:
                return ParseUuidRepresentation(value);
            case N.W:
                return ParseW(value);
            case N.WaitQueueTimeoutMS:
                return Milliseconds(value, 1, zeroIsInfinite: false, v => WaitQueueTimeout = v);
            case N.WTimeoutMS:
                return Milliseconds(value, 0, zeroIsInfinite: false, v => WTimeout = v);
            case N.ZlibCompressionLevel:
                return Int32(value, -1, 9, v => ZlibCompressionLevel = v);
            default:
                throw new InvalidOperationException($"No parser for the option '{name}'.");
        }
    }

    private static (bool, string?) Boolean(string value, Action<bool> set)
    {
        if (!UriValueParser.TryBoolean(value, out var result, out var reason))
        {
            return (false, reason);
        }

        set(result);
        return (true, null);
    }

    private static (bool, string?) Int32(string value, int min, int max, Action<int> set)
    {
        if (!UriValueParser.TryInt32(value, min, max, out var result, out var reason))
        {
            return (false, reason);
        }

        set(result);
        return (true, null);
    }

    private static (bool, string?) Milliseconds(string value, long min, bool zeroIsInfinite, Action<TimeSpan> set)
    {
        if (!UriValueParser.TryMilliseconds(value, min, zeroIsInfinite, out var result, out var reason))
        {
            return (false, reason);
        }

        set(result);
        return (true, null);
    }

    // The URI options spec: every occurrence of tls and ssl must agree, otherwise the string is an error.
    private (bool, string?) ApplyTls(string name, string value)
    {
        if (!UriValueParser.TryBoolean(value, out var enabled, out var reason))
        {
            return (false, reason);
        }

        if (Tls is { } previous && previous != enabled)
        {
            throw new MongoConfigurationException(ConnectionString.ErrorPrefix +
                $"the options 'tls' and 'ssl' disagree ('{name}={(enabled ? "true" : "false")}' after a '{(previous ? "true" : "false")}'); give them the same value.");
        }

        Tls = enabled;
        return (true, null);
    }

    private (bool, string?) ParseReadPreferenceMode(string value)
    {
        ReadPreferenceMode? mode = value.ToLowerInvariant() switch
        {
            "primary" => ReadPreferenceMode.Primary,
            "primarypreferred" => ReadPreferenceMode.PrimaryPreferred,
            "secondary" => ReadPreferenceMode.Secondary,
            "secondarypreferred" => ReadPreferenceMode.SecondaryPreferred,
            "nearest" => ReadPreferenceMode.Nearest,
            _ => null,
        };
        if (mode is null)
        {
            return (false, "expected primary, primaryPreferred, secondary, secondaryPreferred or nearest");
        }

        ReadPreference = mode;
        return (true, null);
    }

    // Each occurrence is one tag set; an empty value is the empty tag set, which matches any server.
    private (bool, string?) ParseTagSet(string value)
    {
        if (!UriValueParser.TryKeyValuePairs(value, out var pairs, out var reason))
        {
            return (false, reason);
        }

        _tagSets.Add(pairs.Count == 0 ? TagSet.Empty : new TagSet(pairs.Select(p => new Tag(p.Key, p.Value))));
        return (true, null);
    }

    private (bool, string?) ParseServerMonitoringMode(string value)
    {
        ServerMonitoringMode? mode = value.ToLowerInvariant() switch
        {
            "auto" => Typed.ServerMonitoringMode.Auto,
            "stream" => Typed.ServerMonitoringMode.Stream,
            "poll" => Typed.ServerMonitoringMode.Poll,
            _ => null,
        };
        if (mode is null)
        {
            return (false, "expected auto, stream or poll");
        }

        ServerMonitoringMode = mode;
        return (true, null);
    }

    private (bool, string?) ParseUuidRepresentation(string value)
    {
        GuidRepresentation? representation = value.ToLowerInvariant() switch
        {
            "unspecified" => MongoDB.Bson.GuidRepresentation.Unspecified,
            "standard" => MongoDB.Bson.GuidRepresentation.Standard,
            "csharplegacy" => MongoDB.Bson.GuidRepresentation.CSharpLegacy,
            "javalegacy" => MongoDB.Bson.GuidRepresentation.JavaLegacy,
            "pythonlegacy" => MongoDB.Bson.GuidRepresentation.PythonLegacy,
            _ => null,
        };
        if (representation is null)
        {
            return (false, "expected unspecified, standard, csharpLegacy, javaLegacy or pythonLegacy");
        }

        GuidRepresentation = representation;
        return (true, null);
    }

    // A number is a member count (never negative); anything else is "majority" or a custom tag-set name.
    private (bool, string?) ParseW(string value)
    {
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
        {
            if (count is < 0 or > int.MaxValue)
            {
                return (false, "expected a non-negative number of members, \"majority\" or a tag-set name");
            }

            W = WriteConcernW.Members((int)count);
            return (true, null);
        }

        W = WriteConcernW.FromMode(value);
        return (true, null);
    }

    private static List<MongoCompressorType> ParseCompressors(string value, List<string> warnings)
    {
        var compressors = new List<MongoCompressorType>();
        foreach (var name in value.Split(','))
        {
            MongoCompressorType? type = name.ToLowerInvariant() switch
            {
                "snappy" => MongoCompressorType.Snappy,
                "zlib" => MongoCompressorType.Zlib,
                "zstd" => MongoCompressorType.Zstd,
                _ => null,
            };
            if (type is null)
            {
                warnings.Add($"Unsupported compressor '{Truncate(name)}' in 'compressors' is ignored (supported: snappy, zlib, zstd).");
            }
            else if (compressors.Contains(type.Value))
            {
                warnings.Add($"The compressor '{name}' is listed twice in 'compressors'; the second is ignored.");
            }
            else
            {
                compressors.Add(type.Value);
            }
        }

        return compressors;
    }

    private static string Echo(string name, string value) =>
        N.IsSensitive(name) ? "(value hidden)" : $"'{Truncate(value)}'";

    private static string Truncate(string value) =>
        value.Length <= MaxEchoedValueLength ? value : value[..MaxEchoedValueLength] + "…";
}

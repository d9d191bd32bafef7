using MongoDB.Bson;
using OpenQuizz.Typed.Configuration;

namespace OpenQuizz.Typed;

public sealed partial class MongoClientSettings
{
    /// <summary>
    /// Parses a <c>mongodb://</c> or <c>mongodb+srv://</c> connection string into settings. Unknown options and invalid
    /// values are ignored and reported in <see cref="ParseWarnings"/>; the errors the specs require are thrown. DNS is
    /// not queried: a <c>mongodb+srv</c> string keeps its DNS name in <see cref="Hosts"/> until the client resolves it.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> is null.</exception>
    /// <exception cref="MongoConfigurationException">The string or an option combination is invalid; the message never shows a secret.</exception>
    public static MongoClientSettings FromConnectionString(string connectionString) =>
        FromParsed(ConnectionString.Parse(connectionString));

    /// <summary>Builds settings from a parsed connection string (also used after SRV resolution).</summary>
    internal static MongoClientSettings FromParsed(ConnectionString connectionString)
    {
        var values = connectionString.Values;
        var warnings = new List<string>(connectionString.Warnings);
        var settings = new MongoClientSettings
        {
            Scheme = connectionString.Scheme,
            Hosts = connectionString.Hosts,
            DefaultDatabase = connectionString.Database,
            Credential = CredentialFactory.FromConnectionString(connectionString),
            ReplicaSetName = values.ReplicaSet,
            DirectConnection = values.DirectConnection,
            LoadBalanced = values.LoadBalanced ?? false,
            Tls = values.Tls,
            TlsInsecure = values.TlsInsecure,
            TlsAllowInvalidCertificates = values.TlsAllowInvalidCertificates,
            TlsAllowInvalidHostnames = values.TlsAllowInvalidHostnames,
            TlsCAFile = values.TlsCAFile,
            TlsCertificateKeyFile = values.TlsCertificateKeyFile,
            TlsCertificateKeyFilePassword = values.TlsCertificateKeyFilePassword,
            TlsCrlFile = values.TlsCrlFile,
            TlsDisableOcspEndpointCheck = values.TlsDisableOcspEndpointCheck,
            TlsDisableCertificateRevocationCheck = values.TlsDisableCertificateRevocationCheck,
            ConnectTimeout = values.ConnectTimeout ?? DefaultConnectTimeout,
            SocketTimeout = NoLimitAsNull(values.SocketTimeout),
            Timeout = values.Timeout,
            ServerSelectionTimeout = values.ServerSelectionTimeout ?? DefaultServerSelectionTimeout,
            ServerSelectionTryOnce = values.ServerSelectionTryOnce ?? true,
            HeartbeatFrequency = values.HeartbeatFrequency ?? DefaultHeartbeatFrequency,
            LocalThreshold = values.LocalThreshold ?? DefaultLocalThreshold,
            MaxPoolSize = values.MaxPoolSize ?? DefaultMaxPoolSize,
            MinPoolSize = values.MinPoolSize ?? 0,
            MaxConnecting = values.MaxConnecting ?? DefaultMaxConnecting,
            MaxIdleTime = NoLimitAsNull(values.MaxIdleTime),
            WaitQueueTimeout = values.WaitQueueTimeout,
            Compressors = BuildCompressors(values, warnings),
            ReadPreference = BuildReadPreference(values),
            ReadConcern = values.ReadConcernLevel is { } level ? new ReadConcern(new ReadConcernLevel(level)) : ReadConcern.ServerDefault,
            WriteConcern = BuildWriteConcern(values),
            RetryReads = values.RetryReads ?? true,
            RetryWrites = values.RetryWrites ?? true,
            ApplicationName = values.AppName,
            GuidRepresentation = values.GuidRepresentation ?? GuidRepresentation.Unspecified,
            SrvMaxHosts = values.SrvMaxHosts,
            SrvServiceName = values.SrvServiceName,
            ProxyHost = values.ProxyHost,
            ProxyPort = values.ProxyPort,
            ProxyUsername = values.ProxyUsername,
            ProxyPassword = values.ProxyPassword,
            ServerMonitoringMode = values.ServerMonitoringMode ?? ServerMonitoringMode.Auto,
            MaxAdaptiveRetries = values.MaxAdaptiveRetries,
            EnableOverloadRetargeting = values.EnableOverloadRetargeting,
        };
        settings.ParseWarnings = warnings;
        settings.ConnectionStringOptionNames = [.. connectionString.Options.Keys];
        ClientSettingsValidator.Validate(settings, fromConnectionString: true);
        return settings;
    }

    // "0 means no limit" options parse to an infinite span; these settings spell "no limit" as null.
    private static TimeSpan? NoLimitAsNull(TimeSpan? value) =>
        value == System.Threading.Timeout.InfiniteTimeSpan ? null : value;

    private static MongoCompressor[] BuildCompressors(UriOptionValues values, List<string> warnings)
    {
        var types = values.Compressors ?? [];
        if (values.ZlibCompressionLevel is { } level && !types.Contains(MongoCompressorType.Zlib))
        {
            warnings.Add("The option 'zlibCompressionLevel' has no effect because 'compressors' does not list zlib.");
        }

        return [.. types.Select(type => type == MongoCompressorType.Zlib && values.ZlibCompressionLevel is { } zlibLevel
            ? MongoCompressor.Zlib.WithLevel(zlibLevel)
            : MongoCompressor.For(type))];
    }

    // Server selection and max-staleness specs: tags or a positive maxStalenessSeconds with mode primary make the
    // string invalid, including when the mode is primary only by default.
    private static ReadPreference BuildReadPreference(UriOptionValues values)
    {
        var mode = values.ReadPreference ?? ReadPreferenceMode.Primary;
        if (mode == ReadPreferenceMode.Primary)
        {
            if (values.ReadPreferenceTags.Count > 0)
            {
                throw new MongoConfigurationException(
                    "Invalid connection string: 'readPreferenceTags' requires a 'readPreference' other than primary (the default).");
            }

            if (values.MaxStaleness is not null)
            {
                throw new MongoConfigurationException(
                    "Invalid connection string: 'maxStalenessSeconds' requires a 'readPreference' other than primary (the default).");
            }

            return ReadPreference.Primary;
        }

        return new ReadPreference(mode, values.ReadPreferenceTags, values.MaxStaleness);
    }

    private static WriteConcern BuildWriteConcern(UriOptionValues values)
    {
        if (values.W is null && values.WTimeout is null && values.Journal is null)
        {
            return WriteConcern.Acknowledged;
        }

        if (values.W?.Count == 0 && values.Journal == true)
        {
            throw new MongoConfigurationException(
                "Invalid connection string: 'journal=true' cannot be combined with 'w=0' (an unacknowledged write cannot wait for the journal).");
        }

        return new WriteConcern(values.W, values.WTimeout, values.Journal);
    }
}

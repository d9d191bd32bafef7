using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Configuration;

/// <summary>
/// The typed values of the options of one connection string; null means "not given (or given with an invalid value)".
/// Durations whose option says "0 means no limit" hold <see cref="Timeout.InfiniteTimeSpan"/> for 0.
/// </summary>
internal sealed partial class UriOptionValues
{
    public string? AppName { get; private set; }

    public string? AuthMechanism { get; private set; }

    /// <summary>The <c>authMechanismProperties</c> pairs (case-insensitive keys), as strings.</summary>
    public IReadOnlyDictionary<string, string>? AuthMechanismProperties { get; private set; }

    public string? AuthSource { get; private set; }

    /// <summary>The known compressors in the order given (unknown names are dropped with a warning).</summary>
    public IReadOnlyList<MongoCompressorType>? Compressors { get; private set; }

    public TimeSpan? ConnectTimeout { get; private set; }

    public bool? DirectConnection { get; private set; }

    public bool? EnableOverloadRetargeting { get; private set; }

    public TimeSpan? HeartbeatFrequency { get; private set; }

    public bool? Journal { get; private set; }

    public bool? LoadBalanced { get; private set; }

    public TimeSpan? LocalThreshold { get; private set; }

    public int? MaxAdaptiveRetries { get; private set; }

    public int? MaxConnecting { get; private set; }

    public TimeSpan? MaxIdleTime { get; private set; }

    public int? MaxPoolSize { get; private set; }

    /// <summary>The maximum staleness; null when not given or given as -1 (no maximum).</summary>
    public TimeSpan? MaxStaleness { get; private set; }

    public int? MinPoolSize { get; private set; }

    public string? ProxyHost { get; private set; }

    public string? ProxyPassword { get; private set; }

    public int? ProxyPort { get; private set; }

    public string? ProxyUsername { get; private set; }

    public string? ReadConcernLevel { get; private set; }

    public ReadPreferenceMode? ReadPreference { get; private set; }

    /// <summary>Every valid <c>readPreferenceTags</c> occurrence, in order; empty when none.</summary>
    public IReadOnlyList<TagSet> ReadPreferenceTags => _tagSets;

    public string? ReplicaSet { get; private set; }

    public bool? RetryReads { get; private set; }

    public bool? RetryWrites { get; private set; }

    public ServerMonitoringMode? ServerMonitoringMode { get; private set; }

    public TimeSpan? ServerSelectionTimeout { get; private set; }

    public bool? ServerSelectionTryOnce { get; private set; }

    public TimeSpan? SocketTimeout { get; private set; }

    public int? SrvMaxHosts { get; private set; }

    public string? SrvServiceName { get; private set; }

    /// <summary>The <c>timeoutMS</c> option (client-side operation timeout).</summary>
    public TimeSpan? Timeout { get; private set; }

    /// <summary>The <c>tls</c> option or its alias <c>ssl</c>.</summary>
    public bool? Tls { get; private set; }

    public bool? TlsAllowInvalidCertificates { get; private set; }

    public bool? TlsAllowInvalidHostnames { get; private set; }

    public string? TlsCAFile { get; private set; }

    public string? TlsCertificateKeyFile { get; private set; }

    public string? TlsCertificateKeyFilePassword { get; private set; }

    public string? TlsCrlFile { get; private set; }

    public bool? TlsDisableCertificateRevocationCheck { get; private set; }

    public bool? TlsDisableOcspEndpointCheck { get; private set; }

    public bool? TlsInsecure { get; private set; }

    public GuidRepresentation? GuidRepresentation { get; private set; }

    public WriteConcernW? W { get; private set; }

    public TimeSpan? WaitQueueTimeout { get; private set; }

    public TimeSpan? WTimeout { get; private set; }

    public int? ZlibCompressionLevel { get; private set; }

    /// <summary>True when any TLS option other than <c>tls</c>/<c>ssl</c> itself was given (TLS is then enabled implicitly).</summary>
    public bool HasTlsSpecificOption =>
        TlsAllowInvalidCertificates is not null || TlsAllowInvalidHostnames is not null || TlsCAFile is not null
        || TlsCertificateKeyFile is not null || TlsCertificateKeyFilePassword is not null || TlsCrlFile is not null
        || TlsDisableCertificateRevocationCheck is not null || TlsDisableOcspEndpointCheck is not null || TlsInsecure is not null;
}

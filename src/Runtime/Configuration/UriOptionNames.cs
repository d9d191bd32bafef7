using MongoDB.Bson;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace OpenQuizz.Typed.Configuration;

/// <summary>The connection-string option names this client knows, in their canonical spelling.</summary>
/// <remarks>Names are matched case-insensitively (the spec lower-cases A–Z only, which OrdinalIgnoreCase agrees with for these ASCII names).</remarks>
internal static class UriOptionNames
{
    public const string AppName = "appname";
    public const string AuthMechanism = "authMechanism";
    public const string AuthMechanismProperties = "authMechanismProperties";
    public const string AuthSource = "authSource";
    public const string Compressors = "compressors";
    public const string ConnectTimeoutMS = "connectTimeoutMS";
    public const string DirectConnection = "directConnection";
    public const string EnableOverloadRetargeting = "enableOverloadRetargeting";
    public const string HeartbeatFrequencyMS = "heartbeatFrequencyMS";
    public const string Journal = "journal";
    public const string LoadBalanced = "loadBalanced";
    public const string LocalThresholdMS = "localThresholdMS";
    public const string MaxAdaptiveRetries = "maxAdaptiveRetries";
    public const string MaxConnecting = "maxConnecting";
    public const string MaxIdleTimeMS = "maxIdleTimeMS";
    public const string MaxPoolSize = "maxPoolSize";
    public const string MaxStalenessSeconds = "maxStalenessSeconds";
    public const string MinPoolSize = "minPoolSize";
    public const string ProxyHost = "proxyHost";
    public const string ProxyPassword = "proxyPassword";
    public const string ProxyPort = "proxyPort";
    public const string ProxyUsername = "proxyUsername";
    public const string ReadConcernLevel = "readConcernLevel";
    public const string ReadPreference = "readPreference";
    public const string ReadPreferenceTags = "readPreferenceTags";
    public const string ReplicaSet = "replicaSet";
    public const string RetryReads = "retryReads";
    public const string RetryWrites = "retryWrites";
    public const string ServerMonitoringMode = "serverMonitoringMode";
    public const string ServerSelectionTimeoutMS = "serverSelectionTimeoutMS";
    public const string ServerSelectionTryOnce = "serverSelectionTryOnce";
    public const string SocketTimeoutMS = "socketTimeoutMS";
    public const string SrvMaxHosts = "srvMaxHosts";
    public const string SrvServiceName = "srvServiceName";
    public const string Ssl = "ssl";
    public const string TimeoutMS = "timeoutMS";
    public const string Tls = "tls";
    public const string TlsAllowInvalidCertificates = "tlsAllowInvalidCertificates";
    public const string TlsAllowInvalidHostnames = "tlsAllowInvalidHostnames";
    public const string TlsCAFile = "tlsCAFile";
    public const string TlsCertificateKeyFile = "tlsCertificateKeyFile";
    public const string TlsCertificateKeyFilePassword = "tlsCertificateKeyFilePassword";
    public const string TlsCrlFile = "tlsCRLFile";
    public const string TlsDisableCertificateRevocationCheck = "tlsDisableCertificateRevocationCheck";
    public const string TlsDisableOcspEndpointCheck = "tlsDisableOCSPEndpointCheck";
    public const string TlsInsecure = "tlsInsecure";
    public const string GuidRepresentation = "uuidRepresentation";
    public const string W = "w";
    public const string WaitQueueTimeoutMS = "waitQueueTimeoutMS";
    public const string WTimeoutMS = "wTimeoutMS";
    public const string ZlibCompressionLevel = "zlibCompressionLevel";

    /// <summary>The legacy spelling of <see cref="WTimeoutMS"/>, still honoured with a deprecation warning.</summary>
    public const string DeprecatedWTimeout = "wtimeout";

    private static readonly string[] All =
    [
        AppName, AuthMechanism, AuthMechanismProperties, AuthSource, Compressors, ConnectTimeoutMS, DirectConnection,
        EnableOverloadRetargeting, HeartbeatFrequencyMS, Journal, LoadBalanced, LocalThresholdMS, MaxAdaptiveRetries,
        MaxConnecting, MaxIdleTimeMS, MaxPoolSize, MaxStalenessSeconds, MinPoolSize, ProxyHost, ProxyPassword, ProxyPort,
        ProxyUsername, ReadConcernLevel, ReadPreference, ReadPreferenceTags, ReplicaSet, RetryReads, RetryWrites,
        ServerMonitoringMode, ServerSelectionTimeoutMS, ServerSelectionTryOnce, SocketTimeoutMS, SrvMaxHosts,
        SrvServiceName, Ssl, TimeoutMS, Tls, TlsAllowInvalidCertificates, TlsAllowInvalidHostnames, TlsCAFile,
        TlsCertificateKeyFile, TlsCertificateKeyFilePassword, TlsCrlFile, TlsDisableCertificateRevocationCheck,
        TlsDisableOcspEndpointCheck, TlsInsecure, GuidRepresentation, W, WaitQueueTimeoutMS, WTimeoutMS, ZlibCompressionLevel,
    ];

    private static readonly FrozenDictionary<string, string> Canonical =
        All.ToFrozenDictionary(name => name, name => name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Options whose values are secrets: never echoed in warnings or errors.</summary>
    private static readonly FrozenSet<string> Sensitive =
        new[] { AuthMechanismProperties, ProxyPassword, TlsCertificateKeyFilePassword }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Returns the canonical spelling of a known option name.</summary>
    public static bool TryGetCanonical(string name, [NotNullWhen(true)] out string? canonical) => Canonical.TryGetValue(name, out canonical);

    /// <summary>True for options that may be repeated to build a list (each occurrence is one element).</summary>
    public static bool IsList(string canonical) => canonical == ReadPreferenceTags;

    /// <summary>True for options whose value must never appear in a message.</summary>
    public static bool IsSensitive(string canonical) => Sensitive.Contains(canonical);
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// The settings of a <c>MongoClient</c>: one typed property per connection-string option (and per PyMongo
/// <c>MongoClient</c> keyword that applies to .NET). Create them with <see cref="FromConnectionString"/> or set them in
/// code; <see cref="Validate"/> checks the combination. Equality is by value; <see cref="ToString"/> shows no secret.
/// </summary>
public sealed partial class MongoClientSettings
{
    /// <summary>The default connect timeout, 10 seconds (URI options spec).</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The default server selection timeout, 30 seconds.</summary>
    public static readonly TimeSpan DefaultServerSelectionTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The default heartbeat frequency of multi-threaded clients, 10 seconds.</summary>
    public static readonly TimeSpan DefaultHeartbeatFrequency = TimeSpan.FromSeconds(10);

    /// <summary>The smallest heartbeat frequency allowed, 500 milliseconds.</summary>
    public static readonly TimeSpan MinHeartbeatFrequency = TimeSpan.FromMilliseconds(500);

    /// <summary>The default latency window, 15 milliseconds.</summary>
    public static readonly TimeSpan DefaultLocalThreshold = TimeSpan.FromMilliseconds(15);

    /// <summary>The default maximum pool size, 100.</summary>
    public const int DefaultMaxPoolSize = 100;

    /// <summary>The default number of connections a pool may establish at once, 2.</summary>
    public const int DefaultMaxConnecting = 2;

    /// <summary>The default SRV service name, <c>mongodb</c>.</summary>
    public const string DefaultSrvServiceName = "mongodb";

    /// <summary>The default SOCKS5 proxy port, 1080.</summary>
    public const int DefaultProxyPort = 1080;

    private IReadOnlyList<MongoServerAddress> _hosts = [MongoServerAddress.Default];
    private IReadOnlyList<MongoCompressor> _compressors = [];
    private ReadPreference _readPreference = ReadPreference.Primary;
    private ReadConcern _readConcern = ReadConcern.ServerDefault;
    private WriteConcern _writeConcern = WriteConcern.Acknowledged;
    private IReadOnlyList<string> _parseWarnings = [];

    /// <summary>The seed list (for <c>mongodb+srv</c>, the single DNS name to resolve); defaults to <c>localhost:27017</c>.</summary>
    public IReadOnlyList<MongoServerAddress> Hosts
    {
        get => _hosts;
        set => _hosts = CopyNotNull(value);
    }

    /// <summary>Whether <see cref="Hosts"/> lists servers or one SRV name (<c>mongodb+srv</c>).</summary>
    public ConnectionStringScheme Scheme { get; set; }

    /// <summary>The authentication settings; null for no authentication.</summary>
    public MongoCredential? Credential { get; set; }

    /// <summary>The database named in the connection string, used by <c>GetDefaultDatabase</c>; null when none.</summary>
    public string? DefaultDatabase { get; set; }

    /// <summary>The replica set name (<c>replicaSet</c>); null to discover it.</summary>
    public string? ReplicaSetName { get; set; }

    /// <summary>Connect to the single host only, without discovery (<c>directConnection</c>); null picks by seed count.</summary>
    public bool? DirectConnection { get; set; }

    /// <summary>Connect through a load balancer (<c>loadBalanced</c>).</summary>
    public bool LoadBalanced { get; set; }

    /// <summary>Use TLS (<c>tls</c> / <c>ssl</c>); null means implied, see <see cref="IsTlsEnabled"/>.</summary>
    public bool? Tls { get; set; }

    /// <summary>Relax every TLS check that can be relaxed (<c>tlsInsecure</c>); exclusive with the individual switches.</summary>
    public bool? TlsInsecure { get; set; }

    /// <summary>Accept invalid server certificates (<c>tlsAllowInvalidCertificates</c>); for tests only.</summary>
    public bool? TlsAllowInvalidCertificates { get; set; }

    /// <summary>Accept certificates that do not name the host (<c>tlsAllowInvalidHostnames</c>); for tests only.</summary>
    public bool? TlsAllowInvalidHostnames { get; set; }

    /// <summary>The PEM file of trusted certificate authorities (<c>tlsCAFile</c>).</summary>
    public string? TlsCAFile { get; set; }

    /// <summary>The PEM file with the client certificate and private key (<c>tlsCertificateKeyFile</c>).</summary>
    public string? TlsCertificateKeyFile { get; set; }

    /// <summary>The password of the client private key (<c>tlsCertificateKeyFilePassword</c>); never shown.</summary>
    public string? TlsCertificateKeyFilePassword { get; set; }

    /// <summary>The certificate revocation list file (<c>tlsCRLFile</c>).</summary>
    public string? TlsCrlFile { get; set; }

    /// <summary>Skip OCSP endpoint requests (<c>tlsDisableOCSPEndpointCheck</c>).</summary>
    public bool? TlsDisableOcspEndpointCheck { get; set; }

    /// <summary>Skip every revocation check (<c>tlsDisableCertificateRevocationCheck</c>).</summary>
    public bool? TlsDisableCertificateRevocationCheck { get; set; }

    /// <summary>How long to wait for a TCP connection and handshake (<c>connectTimeoutMS</c>); infinite for no limit.</summary>
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    /// <summary>How long a socket read or write may take (<c>socketTimeoutMS</c>, deprecated for <see cref="Timeout"/>); null for no limit.</summary>
    public TimeSpan? SocketTimeout { get; set; }

    /// <summary>The client-side operation timeout (<c>timeoutMS</c>); null when unset, infinite for none.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>How long server selection may take (<c>serverSelectionTimeoutMS</c>).</summary>
    public TimeSpan ServerSelectionTimeout { get; set; } = DefaultServerSelectionTimeout;

    /// <summary>Fail selection after one scan instead of waiting for the timeout (<c>serverSelectionTryOnce</c>, single-threaded drivers).</summary>
    public bool ServerSelectionTryOnce { get; set; } = true;

    /// <summary>The interval between server checks (<c>heartbeatFrequencyMS</c>), at least 500 ms.</summary>
    public TimeSpan HeartbeatFrequency { get; set; } = DefaultHeartbeatFrequency;

    /// <summary>The latency window above the fastest suitable server (<c>localThresholdMS</c>).</summary>
    public TimeSpan LocalThreshold { get; set; } = DefaultLocalThreshold;

    /// <summary>The maximum connections per server, in use or idle (<c>maxPoolSize</c>); 0 for no maximum.</summary>
    public int MaxPoolSize { get; set; } = DefaultMaxPoolSize;

    /// <summary>The connections each pool keeps open (<c>minPoolSize</c>).</summary>
    public int MinPoolSize { get; set; }

    /// <summary>The connections a pool may establish at once (<c>maxConnecting</c>).</summary>
    public int MaxConnecting { get; set; } = DefaultMaxConnecting;

    /// <summary>How long a connection may stay idle before it is closed (<c>maxIdleTimeMS</c>); null for no limit.</summary>
    public TimeSpan? MaxIdleTime { get; set; }

    /// <summary>How long a checkout may wait for a connection (<c>waitQueueTimeoutMS</c>, deprecated for <see cref="Timeout"/>); null for no limit.</summary>
    public TimeSpan? WaitQueueTimeout { get; set; }

    /// <summary>The compressors offered to the server, in order of preference (<c>compressors</c>, with <c>zlibCompressionLevel</c>).</summary>
    public IReadOnlyList<MongoCompressor> Compressors
    {
        get => _compressors;
        set => _compressors = CopyNotNull(value);
    }

    /// <summary>The default read preference (<c>readPreference</c>, <c>readPreferenceTags</c>, <c>maxStalenessSeconds</c>).</summary>
    public ReadPreference ReadPreference
    {
        get => _readPreference;
        set => _readPreference = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The default read concern (<c>readConcernLevel</c>).</summary>
    public ReadConcern ReadConcern
    {
        get => _readConcern;
        set => _readConcern = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The default write concern (<c>w</c>, <c>journal</c>, <c>wTimeoutMS</c>).</summary>
    public WriteConcern WriteConcern
    {
        get => _writeConcern;
        set => _writeConcern = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Retry supported reads once after a retryable error (<c>retryReads</c>).</summary>
    public bool RetryReads { get; set; } = true;

    /// <summary>Retry supported writes once after a retryable error (<c>retryWrites</c>).</summary>
    public bool RetryWrites { get; set; } = true;

    /// <summary>The application name sent in the handshake (<c>appname</c>), at most 128 bytes of UTF-8.</summary>
    public string? ApplicationName { get; set; }

    /// <summary>How <see cref="Guid"/> values are stored (<c>uuidRepresentation</c>).</summary>
    public GuidRepresentation GuidRepresentation { get; set; } = GuidRepresentation.Unspecified;

    /// <summary>The most SRV results used as seeds (<c>srvMaxHosts</c>); null (or 0) for all; SRV only.</summary>
    public int? SrvMaxHosts { get; set; }

    /// <summary>The SRV service name (<c>srvServiceName</c>); null for <c>mongodb</c>; SRV only.</summary>
    public string? SrvServiceName { get; set; }

    /// <summary>The SOCKS5 proxy host (<c>proxyHost</c>).</summary>
    public string? ProxyHost { get; set; }

    /// <summary>The SOCKS5 proxy port (<c>proxyPort</c>); null for 1080.</summary>
    public int? ProxyPort { get; set; }

    /// <summary>The SOCKS5 proxy user name (<c>proxyUsername</c>).</summary>
    public string? ProxyUsername { get; set; }

    /// <summary>The SOCKS5 proxy password (<c>proxyPassword</c>); never shown.</summary>
    public string? ProxyPassword { get; set; }

    /// <summary>How servers are monitored (<c>serverMonitoringMode</c>).</summary>
    public ServerMonitoringMode ServerMonitoringMode { get; set; } = ServerMonitoringMode.Auto;

    /// <summary>The Stable API declaration; null for none.</summary>
    public ServerApi? ServerApi { get; set; }

    /// <summary>Metadata of a library wrapping this client, added to the handshake (PyMongo's <c>driver</c>).</summary>
    public DriverInfo? DriverInfo { get; set; }

    /// <summary>How many times an operation is retried after overload errors (<c>maxAdaptiveRetries</c>); null for the default.</summary>
    public int? MaxAdaptiveRetries { get; set; }

    /// <summary>Whether retries after overload errors prefer another server (<c>enableOverloadRetargeting</c>); null for the default.</summary>
    public bool? EnableOverloadRetargeting { get; set; }

    /// <summary>The warnings of <see cref="FromConnectionString"/> (unknown options, ignored values…); not part of equality.</summary>
    public IReadOnlyList<string> ParseWarnings
    {
        get => _parseWarnings;
        internal set => _parseWarnings = CopyNotNull(value);
    }

    /// <summary>Whether connections use TLS: <see cref="Tls"/> when set, else true for <c>mongodb+srv</c> or when any other TLS option is set.</summary>
    public bool IsTlsEnabled => Tls ?? (Scheme == ConnectionStringScheme.MongoDBPlusSrv || HasTlsSpecificSetting);

    internal bool HasTlsSpecificSetting =>
        TlsInsecure is not null || TlsAllowInvalidCertificates is not null || TlsAllowInvalidHostnames is not null
        || TlsCAFile is not null || TlsCertificateKeyFile is not null || TlsCertificateKeyFilePassword is not null
        || TlsCrlFile is not null || TlsDisableOcspEndpointCheck is not null || TlsDisableCertificateRevocationCheck is not null;

    /// <summary>Checks the settings as a whole (option ranges, conflicting options, the credential's mechanism rules).</summary>
    /// <exception cref="MongoConfigurationException">A setting or combination is invalid; the message names it and shows no secret.</exception>
    public void Validate() => Configuration.ClientSettingsValidator.Validate(this, fromConnectionString: false);

    private static T[] CopyNotNull<T>(IReadOnlyList<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var copy = value.ToArray();
        if (copy.Any(item => item is null))
        {
            throw new ArgumentException("The list cannot contain null.", nameof(value));
        }

        return copy;
    }
}

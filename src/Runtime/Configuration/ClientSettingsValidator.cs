using MongoDB.Bson;
using System.Text;

namespace OpenQuizz.Typed.Configuration;

/// <summary>
/// Checks a <see cref="MongoClientSettings"/> as a whole: value ranges, the conflicts the URI-options, SRV, load-balancer
/// and SOCKS5 specs forbid, and the credential's mechanism rules. Messages use the connection-string option names when
/// the settings come from a string, the property names otherwise.
/// </summary>
internal static class ClientSettingsValidator
{
    private const int MaxAppNameBytes = 128;
    private const int MaxProxyCredentialBytes = 255;

    /// <exception cref="MongoConfigurationException">A setting or combination is invalid.</exception>
    public static void Validate(MongoClientSettings settings, bool fromConnectionString)
    {
        var check = new Checker(fromConnectionString);
        ValidateTopology(settings, check);
        ValidateTls(settings, check);
        ValidateRanges(settings, check);
        ValidateProxy(settings, check);
        if (settings.Credential is { } credential)
        {
            CredentialRules.Validate(credential, complete: !fromConnectionString, check.Prefix);
        }
    }

    private static void ValidateTopology(MongoClientSettings s, Checker check)
    {
        check.That(s.Hosts.Count > 0, "Hosts", "at least one host is required.");
        var srv = s.Scheme == ConnectionStringScheme.MongoDBPlusSrv;
        if (srv)
        {
            check.That(s.Hosts.Count == 1 && s.Hosts[0].Kind == MongoServerAddressKind.DnsName, "Hosts",
                "mongodb+srv requires exactly one DNS host name.");
            check.That(s.DirectConnection != true, check.Name("directConnection", "DirectConnection"),
                "cannot be true with mongodb+srv, which may resolve to several hosts.");
        }
        else
        {
            check.That(s.SrvServiceName is null, check.Name("srvServiceName", "SrvServiceName"), "applies only to mongodb+srv.");
            check.That(s.SrvMaxHosts is null, check.Name("srvMaxHosts", "SrvMaxHosts"), "applies only to mongodb+srv.");
        }

        check.That(s.DirectConnection != true || s.Hosts.Count == 1, check.Name("directConnection", "DirectConnection"),
            "cannot be true with several hosts.");
        if (s.SrvMaxHosts is { } maxHosts)
        {
            check.That(maxHosts >= 0, check.Name("srvMaxHosts", "SrvMaxHosts"), "cannot be negative.");
            check.That(maxHosts == 0 || s.ReplicaSetName is null, check.Name("srvMaxHosts", "SrvMaxHosts"),
                $"cannot be combined with {check.Name("replicaSet", "ReplicaSetName")} unless it is 0.");
            check.That(maxHosts == 0 || !s.LoadBalanced, check.Name("srvMaxHosts", "SrvMaxHosts"),
                $"cannot be combined with {check.Name("loadBalanced=true", "LoadBalanced")} unless it is 0.");
        }

        if (s.SrvServiceName is { } serviceName)
        {
            check.That(UriValueParser.IsValidSrvServiceName(serviceName), check.Name("srvServiceName", "SrvServiceName"),
                "must be an RFC 6335 service name (letters, digits and inner hyphens, at most 62 characters).");
        }

        if (s.LoadBalanced)
        {
            var name = check.Name("loadBalanced=true", "LoadBalanced");
            check.That(s.Hosts.Count == 1, name, "requires exactly one host (the load balancer).");
            check.That(s.ReplicaSetName is null, name, $"cannot be combined with {check.Name("replicaSet", "ReplicaSetName")}.");
            check.That(s.DirectConnection != true, name, $"cannot be combined with {check.Name("directConnection=true", "DirectConnection")}.");
        }
    }

    // URI options spec, "Conflicting TLS options": these pairs are errors whatever their values.
    private static void ValidateTls(MongoClientSettings s, Checker check)
    {
        (string Uri, string Property, bool? Value)[] exclusive =
        [
            ("tlsInsecure", "TlsInsecure", s.TlsInsecure),
            ("tlsAllowInvalidCertificates", "TlsAllowInvalidCertificates", s.TlsAllowInvalidCertificates),
            ("tlsAllowInvalidHostnames", "TlsAllowInvalidHostnames", s.TlsAllowInvalidHostnames),
            ("tlsDisableOCSPEndpointCheck", "TlsDisableOcspEndpointCheck", s.TlsDisableOcspEndpointCheck),
            ("tlsDisableCertificateRevocationCheck", "TlsDisableCertificateRevocationCheck", s.TlsDisableCertificateRevocationCheck),
        ];
        (int, int)[] conflicts = [(0, 1), (0, 2), (0, 3), (0, 4), (1, 3), (1, 4), (3, 4)];
        foreach (var (a, b) in conflicts)
        {
            check.That(exclusive[a].Value is null || exclusive[b].Value is null, check.Name(exclusive[a].Uri, exclusive[a].Property),
                $"cannot be combined with {check.Name(exclusive[b].Uri, exclusive[b].Property)}; keep one of them.");
        }

        check.That(s.Tls != false || !s.HasTlsSpecificSetting, check.Name("tls=false", "Tls = false"),
            "cannot be combined with other TLS options; remove them or enable TLS.");
    }

    private static void ValidateRanges(MongoClientSettings s, Checker check)
    {
        check.That(IsTimeout(s.ConnectTimeout), check.Name("connectTimeoutMS", "ConnectTimeout"), "cannot be negative.");
        check.That(s.SocketTimeout is not { } socket || IsTimeout(socket), check.Name("socketTimeoutMS", "SocketTimeout"), "cannot be negative.");
        check.That(s.Timeout is not { } timeout || IsTimeout(timeout), check.Name("timeoutMS", "Timeout"), "cannot be negative.");
        check.That(s.ServerSelectionTimeout > TimeSpan.Zero || s.ServerSelectionTimeout == System.Threading.Timeout.InfiniteTimeSpan,
            check.Name("serverSelectionTimeoutMS", "ServerSelectionTimeout"), "must be positive.");
        check.That(s.HeartbeatFrequency >= MongoClientSettings.MinHeartbeatFrequency,
            check.Name("heartbeatFrequencyMS", "HeartbeatFrequency"), "must be at least 500 milliseconds.");
        check.That(s.LocalThreshold >= TimeSpan.Zero, check.Name("localThresholdMS", "LocalThreshold"), "cannot be negative.");
        check.That(s.MaxPoolSize >= 0, check.Name("maxPoolSize", "MaxPoolSize"), "cannot be negative (0 means no maximum).");
        check.That(s.MinPoolSize >= 0, check.Name("minPoolSize", "MinPoolSize"), "cannot be negative.");
        check.That(s.MaxPoolSize == 0 || s.MinPoolSize <= s.MaxPoolSize, check.Name("minPoolSize", "MinPoolSize"),
            $"cannot exceed {check.Name("maxPoolSize", "MaxPoolSize")}.");
        check.That(s.MaxConnecting >= 1, check.Name("maxConnecting", "MaxConnecting"), "must be at least 1.");
        check.That(s.MaxIdleTime is not { } idle || idle > TimeSpan.Zero, check.Name("maxIdleTimeMS", "MaxIdleTime"),
            "must be positive (null means no limit).");
        check.That(s.WaitQueueTimeout is not { } wait || wait > TimeSpan.Zero, check.Name("waitQueueTimeoutMS", "WaitQueueTimeout"), "must be positive.");
        check.That(s.MaxAdaptiveRetries is not < 0, check.Name("maxAdaptiveRetries", "MaxAdaptiveRetries"), "cannot be negative.");
        check.That(s.ApplicationName is null || Encoding.UTF8.GetByteCount(s.ApplicationName) <= MaxAppNameBytes,
            check.Name("appname", "ApplicationName"), "is limited to 128 bytes of UTF-8.");
        check.That(Enum.IsDefined(s.ServerMonitoringMode), "ServerMonitoringMode", "is not a known mode.");
        check.That(Enum.IsDefined(s.GuidRepresentation), "GuidRepresentation", "is not a known representation.");
        check.That(s.DriverInfo is null || !string.IsNullOrEmpty(s.DriverInfo.Name), "DriverInfo", "needs a name.");
    }

    // SOCKS5 spec, "MongoClient Configuration".
    private static void ValidateProxy(MongoClientSettings s, Checker check)
    {
        var host = check.Name("proxyHost", "ProxyHost");
        if (s.ProxyHost is null)
        {
            check.That(s.ProxyPort is null, check.Name("proxyPort", "ProxyPort"), $"requires {host}.");
            check.That(s.ProxyUsername is null, check.Name("proxyUsername", "ProxyUsername"), $"requires {host}.");
            check.That(s.ProxyPassword is null, check.Name("proxyPassword", "ProxyPassword"), $"requires {host}.");
            return;
        }

        check.That(s.ProxyHost.Length > 0, host, "cannot be empty.");
        check.That(s.ProxyPort is null or (>= 0 and <= 65535), check.Name("proxyPort", "ProxyPort"), "must be from 0 to 65535.");
        check.That((s.ProxyUsername is null) == (s.ProxyPassword is null), check.Name("proxyUsername", "ProxyUsername"),
            $"and {check.Name("proxyPassword", "ProxyPassword")} must be given together.");
        check.That(s.ProxyUsername is null || Encoding.UTF8.GetByteCount(s.ProxyUsername) is > 0 and <= MaxProxyCredentialBytes,
            check.Name("proxyUsername", "ProxyUsername"), "must be 1 to 255 bytes of UTF-8.");
        check.That(s.ProxyPassword is null || Encoding.UTF8.GetByteCount(s.ProxyPassword) is > 0 and <= MaxProxyCredentialBytes,
            check.Name("proxyPassword", "ProxyPassword"), "must be 1 to 255 bytes of UTF-8.");
    }

    private static bool IsTimeout(TimeSpan value) => value >= TimeSpan.Zero || value == System.Threading.Timeout.InfiniteTimeSpan;

    private readonly struct Checker(bool fromConnectionString)
    {
        public string Prefix => fromConnectionString ? "Invalid connection string: " : "Invalid client settings: ";

        public string Name(string option, string property) => fromConnectionString ? $"'{option}'" : property;

        public void That(bool condition, string name, string problem)
        {
            if (!condition)
            {
                throw new MongoConfigurationException($"{Prefix}{name} {problem}");
            }
        }
    }
}

using MongoDB.Bson;
using System.Globalization;
using System.Text;

namespace OpenQuizz.Typed;

public sealed partial class MongoClientSettings : IEquatable<MongoClientSettings>
{
    /// <summary>Returns an independent copy (the option values themselves are immutable and shared).</summary>
    public MongoClientSettings Clone() => (MongoClientSettings)MemberwiseClone();

    /// <summary>True when every setting is equal; <see cref="ParseWarnings"/> and the diagnostics sinks (<see cref="LoggerFactory"/>, event subscribers) are ignored.</summary>
    public bool Equals(MongoClientSettings? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return Scheme == other.Scheme
            && Hosts.SequenceEqual(other.Hosts)
            && Equals(Credential, other.Credential)
            && DefaultDatabase == other.DefaultDatabase
            && ReplicaSetName == other.ReplicaSetName
            && DirectConnection == other.DirectConnection
            && LoadBalanced == other.LoadBalanced
            && Tls == other.Tls
            && TlsInsecure == other.TlsInsecure
            && TlsAllowInvalidCertificates == other.TlsAllowInvalidCertificates
            && TlsAllowInvalidHostnames == other.TlsAllowInvalidHostnames
            && TlsCAFile == other.TlsCAFile
            && TlsCertificateKeyFile == other.TlsCertificateKeyFile
            && TlsCertificateKeyFilePassword == other.TlsCertificateKeyFilePassword
            && TlsCrlFile == other.TlsCrlFile
            && TlsDisableOcspEndpointCheck == other.TlsDisableOcspEndpointCheck
            && TlsDisableCertificateRevocationCheck == other.TlsDisableCertificateRevocationCheck
            && ConnectTimeout == other.ConnectTimeout
            && SocketTimeout == other.SocketTimeout
            && Timeout == other.Timeout
            && ServerSelectionTimeout == other.ServerSelectionTimeout
            && ServerSelectionTryOnce == other.ServerSelectionTryOnce
            && HeartbeatFrequency == other.HeartbeatFrequency
            && LocalThreshold == other.LocalThreshold
            && MaxPoolSize == other.MaxPoolSize
            && MinPoolSize == other.MinPoolSize
            && MaxConnecting == other.MaxConnecting
            && MaxIdleTime == other.MaxIdleTime
            && WaitQueueTimeout == other.WaitQueueTimeout
            && Compressors.SequenceEqual(other.Compressors)
            && ReadPreference.Equals(other.ReadPreference)
            && ReadConcern.Equals(other.ReadConcern)
            && WriteConcern.Equals(other.WriteConcern)
            && RetryReads == other.RetryReads
            && RetryWrites == other.RetryWrites
            && ApplicationName == other.ApplicationName
            && GuidRepresentation == other.GuidRepresentation
            && SrvMaxHosts == other.SrvMaxHosts
            && SrvServiceName == other.SrvServiceName
            && ProxyHost == other.ProxyHost
            && ProxyPort == other.ProxyPort
            && ProxyUsername == other.ProxyUsername
            && ProxyPassword == other.ProxyPassword
            && ServerMonitoringMode == other.ServerMonitoringMode
            && Equals(ServerApi, other.ServerApi)
            && Equals(DriverInfo, other.DriverInfo)
            && MaxAdaptiveRetries == other.MaxAdaptiveRetries
            && EnableOverloadRetargeting == other.EnableOverloadRetargeting;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MongoClientSettings);

    /// <summary>A hash of the topology-defining settings; settings are mutable, so do not mutate one used as a key.</summary>
    public override int GetHashCode() =>
        HashCode.Combine(Scheme, Hosts.Count > 0 ? Hosts[0] : null, Hosts.Count, ReplicaSetName, LoadBalanced, DirectConnection);

    /// <summary>Describes the topology and every setting that differs from its default, without credentials or passwords.</summary>
    public override string ToString()
    {
        var defaults = new MongoClientSettings();
        var text = new StringBuilder(Scheme == ConnectionStringScheme.MongoDBPlusSrv ? "mongodb+srv://" : "mongodb://");
        text.AppendJoin(',', Hosts);
        var parts = new List<string>();
        void Add(string name, object? value, object? defaultValue)
        {
            if (!Equals(value, defaultValue))
            {
                parts.Add($"{name}={Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null"}");
            }
        }

        if (Credential is { } credential)
        {
            parts.Add($"authMechanism={credential.Mechanism ?? "(negotiated)"}");
            parts.Add($"authSource={credential.Source}");
        }

        Add("defaultDatabase", DefaultDatabase, null);
        Add("replicaSet", ReplicaSetName, null);
        Add("directConnection", DirectConnection, null);
        Add("loadBalanced", LoadBalanced, false);
        Add("tls", IsTlsEnabled, false);
        Add("tlsInsecure", TlsInsecure, null);
        Add("tlsAllowInvalidCertificates", TlsAllowInvalidCertificates, null);
        Add("tlsAllowInvalidHostnames", TlsAllowInvalidHostnames, null);
        Add("tlsCAFile", TlsCAFile, null);
        Add("tlsCertificateKeyFile", TlsCertificateKeyFile, null);
        Add("tlsCertificateKeyFilePassword", TlsCertificateKeyFilePassword is null ? null : "***", null);
        Add("tlsCRLFile", TlsCrlFile, null);
        Add("tlsDisableOCSPEndpointCheck", TlsDisableOcspEndpointCheck, null);
        Add("tlsDisableCertificateRevocationCheck", TlsDisableCertificateRevocationCheck, null);
        Add("connectTimeout", ConnectTimeout, defaults.ConnectTimeout);
        Add("socketTimeout", SocketTimeout, null);
        Add("timeout", Timeout, null);
        Add("serverSelectionTimeout", ServerSelectionTimeout, defaults.ServerSelectionTimeout);
        Add("serverSelectionTryOnce", ServerSelectionTryOnce, true);
        Add("heartbeatFrequency", HeartbeatFrequency, defaults.HeartbeatFrequency);
        Add("localThreshold", LocalThreshold, defaults.LocalThreshold);
        Add("maxPoolSize", MaxPoolSize, DefaultMaxPoolSize);
        Add("minPoolSize", MinPoolSize, 0);
        Add("maxConnecting", MaxConnecting, DefaultMaxConnecting);
        Add("maxIdleTime", MaxIdleTime, null);
        Add("waitQueueTimeout", WaitQueueTimeout, null);
        Add("compressors", Compressors.Count == 0 ? null : string.Join(',', Compressors), null);
        Add("readPreference", ReadPreference, ReadPreference.Primary);
        Add("readConcern", ReadConcern, ReadConcern.ServerDefault);
        Add("writeConcern", WriteConcern, WriteConcern.Acknowledged);
        Add("retryReads", RetryReads, true);
        Add("retryWrites", RetryWrites, true);
        Add("appname", ApplicationName, null);
        Add("uuidRepresentation", GuidRepresentation, defaults.GuidRepresentation);
        Add("srvMaxHosts", SrvMaxHosts, null);
        Add("srvServiceName", SrvServiceName, null);
        Add("proxyHost", ProxyHost, null);
        Add("proxyPort", ProxyPort, null);
        Add("proxyUsername", ProxyUsername, null);
        Add("proxyPassword", ProxyPassword is null ? null : "***", null);
        Add("serverMonitoringMode", ServerMonitoringMode, ServerMonitoringMode.Auto);
        Add("serverApi", ServerApi, null);
        Add("driverInfo", DriverInfo?.Name, null);
        Add("maxAdaptiveRetries", MaxAdaptiveRetries, null);
        Add("enableOverloadRetargeting", EnableOverloadRetargeting, null);
        return parts.Count == 0 ? text.ToString() : $"{text} {{ {string.Join(", ", parts)} }}";
    }
}

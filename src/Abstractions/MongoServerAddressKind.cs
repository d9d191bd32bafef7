namespace OpenQuizz.Typed;

/// <summary>How a <see cref="MongoServerAddress"/> names its server.</summary>
public enum MongoServerAddressKind
{
    /// <summary>A DNS host name, resolved when connecting.</summary>
    DnsName,

    /// <summary>A dotted-quad IPv4 address.</summary>
    IPv4,

    /// <summary>An IPv6 address (written in brackets in connection strings).</summary>
    IPv6,

    /// <summary>A Unix domain socket path ending in <c>.sock</c>.</summary>
    UnixSocket,
}

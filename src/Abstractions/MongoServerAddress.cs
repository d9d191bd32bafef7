using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OpenQuizz.Typed;

/// <summary>An immutable server address: a host and port, or a Unix domain socket path.</summary>
public sealed class MongoServerAddress : IEquatable<MongoServerAddress>
{
    /// <summary>The port used when none is given: 27017.</summary>
    public const int DefaultPort = 27017;

    private MongoServerAddress(string host, int port, MongoServerAddressKind kind)
    {
        Host = host;
        Port = port;
        Kind = kind;
    }

    /// <summary>Creates a TCP address from a host name, IPv4 or IPv6 address (without brackets) and a port.</summary>
    /// <exception cref="ArgumentException"><paramref name="host"/> is empty, contains spaces or a '/', or is a bracketed literal.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is outside 1..65535.</exception>
    public MongoServerAddress(string host, int port = DefaultPort)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        Kind = ClassifyHost(host) ?? throw new ArgumentException("The host is not a valid host name or IP address.", nameof(host));
        Host = host;
        Port = port;
    }

    /// <summary>The local default, <c>localhost:27017</c>.</summary>
    public static MongoServerAddress Default { get; } = new("localhost", DefaultPort, MongoServerAddressKind.DnsName);

    /// <summary>The host name or IP address (IPv6 without brackets), or the socket path for Unix sockets.</summary>
    public string Host { get; }

    /// <summary>The TCP port; 0 for Unix domain sockets.</summary>
    public int Port { get; }

    /// <summary>How the address names its server.</summary>
    public MongoServerAddressKind Kind { get; }

    /// <summary>True for a Unix domain socket.</summary>
    public bool IsUnixSocket => Kind == MongoServerAddressKind.UnixSocket;

    /// <summary>Creates the address of a Unix domain socket.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> does not end in <c>.sock</c>.</exception>
    public static MongoServerAddress ForUnixSocket(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!path.EndsWith(".sock", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("A Unix domain socket path must end in '.sock'.", nameof(path));
        }

        return new MongoServerAddress(path, 0, MongoServerAddressKind.UnixSocket);
    }

    /// <summary>Parses <c>host</c>, <c>host:port</c>, <c>[ipv6]</c>, <c>[ipv6]:port</c> or a socket path ending in <c>.sock</c>.</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not an address.</exception>
    public static MongoServerAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException("The text is not a server address (host, host:port, [ipv6]:port or a .sock path).");

    /// <summary>Tries to parse an address; see <see cref="Parse"/>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out MongoServerAddress? address)
    {
        address = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Contains('/'))
        {
            if (!text.EndsWith(".sock", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            address = new MongoServerAddress(text, 0, MongoServerAddressKind.UnixSocket);
            return true;
        }

        string host;
        ReadOnlySpan<char> portText;
        if (text[0] == '[')
        {
            var close = text.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            host = text[1..close];
            var rest = text.AsSpan(close + 1);
            if (!rest.IsEmpty && rest[0] != ':')
            {
                return false;
            }

            portText = rest.IsEmpty ? default : rest[1..];
            if (ClassifyHost(host) != MongoServerAddressKind.IPv6)
            {
                return false;
            }
        }
        else
        {
            var colon = text.IndexOf(':');
            if (colon >= 0 && text.IndexOf(':', colon + 1) >= 0)
            {
                return false;
            }

            host = colon < 0 ? text : text[..colon];
            portText = colon < 0 ? default : text.AsSpan(colon + 1);
        }

        var port = DefaultPort;
        if (text.EndsWith(':') || (!portText.IsEmpty && !TryParsePort(portText, out port)))
        {
            return false;
        }

        var kind = ClassifyHost(host);
        if (kind is null)
        {
            return false;
        }

        address = new MongoServerAddress(host, port, kind.Value);
        return true;
    }

    /// <summary>Parses a port written as 1 to 5 ASCII digits with a value from 1 to 65535.</summary>
    public static bool TryParsePort(ReadOnlySpan<char> text, out int port)
    {
        port = 0;
        if (text.IsEmpty || text.Length > 5)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        port = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return port is >= 1 and <= 65535;
    }

    /// <summary>True when both name the same server (host names compare case-insensitively).</summary>
    public bool Equals(MongoServerAddress? other) =>
        other is not null
        && other.Port == Port
        && other.Kind == Kind
        && string.Equals(other.Host, Host, Kind == MongoServerAddressKind.UnixSocket ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MongoServerAddress);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(
        Kind == MongoServerAddressKind.UnixSocket ? StringComparer.Ordinal.GetHashCode(Host) : StringComparer.OrdinalIgnoreCase.GetHashCode(Host),
        Port);

    /// <summary>Returns <c>host:port</c>, <c>[ipv6]:port</c> or the socket path.</summary>
    public override string ToString() => Kind switch
    {
        MongoServerAddressKind.UnixSocket => Host,
        MongoServerAddressKind.IPv6 => $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}",
        _ => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}",
    };

    private static MongoServerAddressKind? ClassifyHost(string host)
    {
        if (host.Length == 0)
        {
            return null;
        }

        if (host.Contains(':'))
        {
            return IPAddress.TryParse(host, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
                ? MongoServerAddressKind.IPv6
                : null;
        }

        foreach (var c in host)
        {
            // Host names may be internationalized, but never contain URI delimiters, spaces or controls.
            if (char.IsWhiteSpace(c) || char.IsControl(c) || "/\\@?#[]%\"<>^`{|},".Contains(c))
            {
                return null;
            }
        }

        return IsDottedQuad(host) ? MongoServerAddressKind.IPv4 : MongoServerAddressKind.DnsName;
    }

    // Only the four-part decimal form is an IPv4 address; "256.0.0.1" or "127.1" stay host names, as in connection strings.
    private static bool IsDottedQuad(string host)
    {
        var parts = host.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return true;
    }
}

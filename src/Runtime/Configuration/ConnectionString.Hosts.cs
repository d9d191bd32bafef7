namespace OpenQuizz.Typed.Configuration;

internal sealed partial class ConnectionString
{
    private static MongoServerAddress[] ParseHosts(string hostInfo, bool srv)
    {
        if (hostInfo.Length == 0)
        {
            throw Invalid("it names no host.");
        }

        var parts = hostInfo.Split(',');
        var hosts = new MongoServerAddress[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            hosts[i] = ParseHost(parts[i], out var hasPort);
            if (srv && hasPort)
            {
                throw Invalid("a 'mongodb+srv://' string cannot give a port; the ports come from the SRV records.");
            }
        }

        if (srv)
        {
            if (hosts.Length != 1)
            {
                throw Invalid("a 'mongodb+srv://' string must name exactly one host, whose SRV records list the servers.");
            }

            if (hosts[0].Kind != MongoServerAddressKind.DnsName)
            {
                throw Invalid("a 'mongodb+srv://' string must name a DNS host, not an IP address or a socket path.");
            }
        }

        return hosts;
    }

    private static MongoServerAddress ParseHost(string text, out bool hasPort)
    {
        hasPort = false;
        if (text.Length == 0)
        {
            throw Invalid("the host list has an empty entry (two ',' in a row, or a ',' at an end).");
        }

        if (text[0] == '[')
        {
            return ParseIPLiteral(text, out hasPort);
        }

        if (!PercentDecoder.TryDecode(text, out var decoded))
        {
            throw Invalid("a host is not validly percent-encoded.");
        }

        // The spec leaves host types to the driver: a decoded '/' can only be a socket path, which must end in ".sock".
        if (decoded.Contains('/'))
        {
            if (!decoded.EndsWith(".sock", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid($"the host '{decoded}' contains '/' but is not a Unix domain socket path ending in '.sock'.");
            }

            return MongoServerAddress.ForUnixSocket(decoded);
        }

        var colon = text.IndexOf(':');
        if (colon >= 0 && text.IndexOf(':', colon + 1) >= 0)
        {
            throw Invalid("a host contains more than one ':'; write IPv6 addresses in brackets, as in [::1]:27017.");
        }

        var hostText = colon < 0 ? text : text[..colon];
        PercentDecoder.TryDecode(hostText, out var host);
        if (host.Length == 0)
        {
            throw Invalid("a host has a port but no name.");
        }

        var port = MongoServerAddress.DefaultPort;
        if (colon >= 0)
        {
            hasPort = true;
            port = ParsePort(text.AsSpan(colon + 1), host);
        }

        return TryCreate(host, port) ?? throw Invalid($"the host '{host}' is not a valid host name or IP address.");
    }

    private static MongoServerAddress ParseIPLiteral(string text, out bool hasPort)
    {
        hasPort = false;
        var close = text.IndexOf(']');
        if (close < 0)
        {
            throw Invalid("an IP literal host is missing its closing ']'.");
        }

        if (!PercentDecoder.TryDecode(text.AsSpan(1, close - 1), out var literal))
        {
            throw Invalid("an IP literal host is not validly percent-encoded.");
        }

        var port = MongoServerAddress.DefaultPort;
        var rest = text.AsSpan(close + 1);
        if (!rest.IsEmpty)
        {
            if (rest[0] != ':')
            {
                throw Invalid($"the IP literal host [{literal}] must be followed by ':port', ',' or the end of the host list.");
            }

            hasPort = true;
            port = ParsePort(rest[1..], $"[{literal}]");
        }

        var address = TryCreate(literal, port);
        return address is { Kind: MongoServerAddressKind.IPv6 }
            ? address
            : throw Invalid($"[{literal}] is not a valid IPv6 address.");
    }

    // The port text is not quoted: when a password holds an unescaped '/', its tail lands here.
    private static int ParsePort(ReadOnlySpan<char> text, string host) =>
        MongoServerAddress.TryParsePort(text, out var port)
            ? port
            : throw Invalid($"the port of host '{host}' is not an integer from 1 to 65535 (percent-encode any '/', ':' or '@' in the password).");

    private static MongoServerAddress? TryCreate(string host, int port)
    {
        try
        {
            return new MongoServerAddress(host, port);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}

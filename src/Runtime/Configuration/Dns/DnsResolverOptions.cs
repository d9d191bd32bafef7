using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;

namespace OpenQuizz.Typed.Configuration.Dns;

/// <summary>
/// Where and how patiently <see cref="DnsResolver"/> asks: the name servers (each queried over UDP and, after a
/// truncated reply, TCP on the same port), the timeout of one try and the number of passes over the servers.
/// </summary>
internal sealed record DnsResolverOptions
{
    /// <summary>The resolv.conf default timeout of one try, 5 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The resolv.conf default number of passes, 2.</summary>
    public const int DefaultAttempts = 2;

    // glibc's limits (resolv.h: MAXNS, RES_MAXRETRANS-derived caps): more servers or patience are ignored.
    private const int MaxServers = 3;
    private const int MaxTimeoutSeconds = 30;
    private const int MaxAttempts = 5;

    /// <summary>The name servers, in order; never empty.</summary>
    public required IReadOnlyList<IPEndPoint> Servers { get; init; }

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public int Attempts { get; init; } = DefaultAttempts;

    /// <summary>The fallback when no name server is configured: the local resolver, as the C library does.</summary>
    public static IPEndPoint LocalServer { get; } = new(IPAddress.Loopback, 53);

    /// <summary>Reads <c>/etc/resolv.conf</c>; where it is missing (Windows), asks the network interfaces instead.</summary>
    public static DnsResolverOptions FromSystem()
    {
        const string path = "/etc/resolv.conf";
        try
        {
            if (File.Exists(path))
            {
                return ParseResolvConf(File.ReadAllText(path));
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return new DnsResolverOptions { Servers = FromNetworkInterfaces() };
    }

    /// <summary>
    /// Parses resolv.conf text: <c>nameserver</c> lines (at most three) and the <c>timeout:</c> and <c>attempts:</c>
    /// options; everything else is ignored, as is a malformed value. No server means the local one.
    /// </summary>
    public static DnsResolverOptions ParseResolvConf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var servers = new List<IPEndPoint>();
        var timeout = DefaultTimeout;
        var attempts = DefaultAttempts;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words[0] == "nameserver" && words.Length >= 2 && servers.Count < MaxServers && IPAddress.TryParse(words[1], out var address))
            {
                servers.Add(new IPEndPoint(address, 53));
            }
            else if (words[0] == "options")
            {
                foreach (var option in words.Skip(1))
                {
                    if (ReadNumber(option, "timeout:") is { } seconds)
                    {
                        timeout = TimeSpan.FromSeconds(Math.Clamp(seconds, 1, MaxTimeoutSeconds));
                    }
                    else if (ReadNumber(option, "attempts:") is { } count)
                    {
                        attempts = Math.Clamp(count, 1, MaxAttempts);
                    }
                }
            }
        }

        return new DnsResolverOptions { Servers = servers.Count == 0 ? [LocalServer] : servers, Timeout = timeout, Attempts = attempts };
    }

    private static int? ReadNumber(string option, string prefix) =>
        option.StartsWith(prefix, StringComparison.Ordinal)
        && int.TryParse(option.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static IPEndPoint[] FromNetworkInterfaces()
    {
        try
        {
            var servers = NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up)
                .SelectMany(n => n.GetIPProperties().DnsAddresses)
                .Distinct()
                .Take(MaxServers)
                .Select(a => new IPEndPoint(a, 53))
                .ToArray();
            return servers.Length == 0 ? [LocalServer] : servers;
        }
        catch (NetworkInformationException)
        {
            return [LocalServer];
        }
        catch (PlatformNotSupportedException)
        {
            return [LocalServer];
        }
    }
}

using System.Net.Sockets;
using System.Text;

namespace OpenQuizz.Typed.Tests.Infrastructure;

/// <summary>
/// Asks the Docker engine named by <c>DOCKER_HOST</c> (or the default <c>/var/run/docker.sock</c>) for <c>GET /_ping</c>,
/// within a short timeout. Every failure means "no", so a machine without Docker loses at most the timeout, never the run.
/// </summary>
public static class DockerProbe
{
    /// <summary>Long enough for a local engine, short enough not to be noticed where there is none.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);

    private const string DefaultSocket = "/var/run/docker.sock";

    /// <summary>True when an engine answers the ping with HTTP 200 in time.</summary>
    public static async Task<bool> AnswersAsync(Func<string, string?> environment, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(environment);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            var host = environment("DOCKER_HOST");
            if (string.IsNullOrEmpty(host))
            {
                // Checked first: where the file is absent (most of our machines) no socket is even created.
                return File.Exists(DefaultSocket) && await PingUnixAsync(DefaultSocket, deadline.Token).ConfigureAwait(false);
            }

            var uri = new Uri(host);
            return uri.Scheme switch
            {
                "unix" => await PingUnixAsync(uri.AbsolutePath, deadline.Token).ConfigureAwait(false),

                // An engine behind TLS needs the client certificates Testcontainers loads itself; a completed connect is our answer.
                "tcp" when environment("DOCKER_TLS_VERIFY") is { Length: > 0 } => await ConnectsAsync(uri, deadline.Token).ConfigureAwait(false),
                "tcp" => await PingTcpAsync(uri, deadline.Token).ConfigureAwait(false),
                _ => false,
            };
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or UriFormatException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static async Task<bool> PingUnixAsync(string path, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
        return await PingAsync(socket, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> PingTcpAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var socket = await ConnectTcpAsync(uri, cancellationToken).ConfigureAwait(false);
        return await PingAsync(socket, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Socket> ConnectTcpAsync(Uri uri, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(uri.Host, uri.Port < 0 ? 2375 : uri.Port, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<bool> PingAsync(Socket socket, CancellationToken cancellationToken)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        var buffer = new byte[64];
        var read = 0;
        while (read < 12)
        {
            var count = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                break;
            }

            read += count;
        }

        // "HTTP/1.x 200": the status line is all that matters.
        var status = Encoding.ASCII.GetString(buffer, 0, read);
        return status.StartsWith("HTTP/1.", StringComparison.Ordinal) && status.Length >= 12 && status[9..12] == "200";
    }

    private static async Task<bool> ConnectsAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var socket = await ConnectTcpAsync(uri, cancellationToken).ConfigureAwait(false);
        return true;
    }
}

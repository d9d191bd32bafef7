using System.Net;
using System.Net.Sockets;

namespace OpenQuizz.Typed.Connections;

/// <summary>
/// Opens TCP connections (TCP_NODELAY, keep-alive, <c>connectTimeoutMS</c>) or Unix domain sockets, then TLS
/// when the settings ask for it.
/// </summary>
internal sealed class SocketStreamFactory : IStreamFactory
{
    private readonly ConnectionSettings _settings;
    private readonly TlsStreamFactory? _tls;

    public SocketStreamFactory(ConnectionSettings settings)
    {
        _settings = settings;
        _tls = settings.Tls is { } tls ? new TlsStreamFactory(tls) : null;
    }

    public async ValueTask<Stream> CreateStreamAsync(MongoServerAddress address, bool async, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_settings.ConnectTimeout > TimeSpan.Zero && _settings.ConnectTimeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(_settings.ConnectTimeout);
        }

        Stream? stream = null;
        try
        {
            var socket = address.IsUnixSocket
                ? await ConnectUnixAsync(address, async, timeout.Token).ConfigureAwait(false)
                : await ConnectTcpAsync(address, async, timeout.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (_tls is not null)
            {
                stream = await _tls.AuthenticateAsync(stream, address, async, timeout.Token).ConfigureAwait(false);
            }

            return stream;
        }
        catch (Exception e) when (e is not MongoException)
        {
            stream?.Dispose();
            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"Connecting to {address} was cancelled.", e, cancellationToken);
            }

            if (timeout.IsCancellationRequested)
            {
                throw new MongoConnectionException(address, $"Timed out after {_settings.ConnectTimeout.TotalMilliseconds} ms (connectTimeoutMS) connecting.", e, isTimeout: true);
            }

            throw new MongoConnectionException(address, $"Could not connect: {e.Message}", e);
        }
        catch
        {
            stream?.Dispose();
            throw;
        }
    }

    private async ValueTask<Socket> ConnectTcpAsync(MongoServerAddress address, bool async, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(address.Host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            addresses = async
                ? await Dns.GetHostAddressesAsync(address.Host, cancellationToken).ConfigureAwait(false)
                : Dns.GetHostAddresses(address.Host);
        }

        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        Exception? last = null;
        foreach (var ip in addresses)
        {
            var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.NoDelay = true;
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
                TrySetKeepAliveTime(socket);
                await ConnectAsync(socket, new IPEndPoint(ip, address.Port), async, cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (Exception e) when (e is SocketException && !cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private static async ValueTask<Socket> ConnectUnixAsync(MongoServerAddress address, bool async, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await ConnectAsync(socket, new UnixDomainSocketEndPoint(address.Host), async, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async ValueTask ConnectAsync(Socket socket, EndPoint endpoint, bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A blocking connect cannot observe the token; closing the socket is what ends it.
        using var registration = cancellationToken.UnsafeRegister(static s => ((Socket)s!).Dispose(), socket);
        cancellationToken.ThrowIfCancellationRequested();
        socket.Connect(endpoint);
    }

    private void TrySetKeepAliveTime(Socket socket)
    {
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, (int)Math.Max(1, _settings.KeepAliveTime.TotalSeconds));
        }
        catch (SocketException)
        {
            // Some platforms do not let the keep-alive time be set per socket; the system default then applies.
        }
    }
}

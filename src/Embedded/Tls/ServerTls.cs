using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace OpenQuizz.Typed.Embedded.Tls;

/// <summary>Opens the stream of an accepted connection: plain, or TLS when the server has a certificate.</summary>
internal static class ServerTls
{
    /// <summary>
    /// The connection's stream (owning the socket), after the TLS handshake when <paramref name="options"/> has a
    /// certificate; null when the handshake fails (the socket is closed then and the reason logged).
    /// </summary>
    public static async Task<Stream?> OpenAsync(EmbeddedServerOptions options, Socket socket, Action<string> log, CancellationToken cancellationToken)
    {
        var network = new NetworkStream(socket, ownsSocket: true);
        if (options.Certificate is not { } certificate)
        {
            return network;
        }

        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = certificate,
                    // mongod's default without tlsCAFile: a client certificate may be presented but is not required;
                    // it is not used to authenticate (no MONGODB-X509), so it is not validated against a CA either.
                    ClientCertificateRequired = false,
                    RemoteCertificateValidationCallback = static (_, _, _, _) => true,
                    EnabledSslProtocols = SslProtocols.None,
                },
                cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                log($"TLS handshake failed: {ex.Message}");
            }

            await tls.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }
}

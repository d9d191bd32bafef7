using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpenQuizz.Typed.Connections;

/// <summary>
/// Wraps a connected stream in <see cref="SslStream"/> with the connection string's TLS options: a CA file as the
/// only trust anchors, a PEM client certificate (optionally encrypted), a CRL file, revocation checking, and the
/// relaxations for invalid certificates and host names. Files are read once per factory.
/// </summary>
internal sealed class TlsStreamFactory
{
    private readonly TlsSettings _settings;
    private readonly Lazy<X509Certificate2Collection?> _authorities;
    private readonly Lazy<X509Certificate2?> _clientCertificate;
    private readonly Lazy<CertificateRevocationListBuilder?> _revocationList;

    public TlsStreamFactory(TlsSettings settings)
    {
        _settings = settings;
        _authorities = new(LoadAuthorities);
        _clientCertificate = new(LoadClientCertificate);
        _revocationList = new(LoadRevocationList);
    }

    public async ValueTask<Stream> AuthenticateAsync(Stream inner, MongoServerAddress address, bool async, CancellationToken cancellationToken)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = address.Host,
            CertificateRevocationCheckMode = _settings.CheckCertificateRevocation && !_settings.AllowInvalidCertificates
                ? X509RevocationMode.Online
                : X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = Validate,
        };
        if (_clientCertificate.Value is { } certificate)
        {
            options.ClientCertificates = [certificate];
        }

        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        try
        {
            if (async)
            {
                await ssl.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using var registration = cancellationToken.UnsafeRegister(static s => ((Stream)s!).Dispose(), ssl);
                cancellationToken.ThrowIfCancellationRequested();
                ssl.AuthenticateAsClient(options);
            }

            return ssl;
        }
        catch (AuthenticationException e)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new MongoConnectionException(address, $"The TLS handshake failed: {e.Message}", e);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_settings.AllowInvalidCertificates)
        {
            return true;
        }

        if (certificate is null)
        {
            return false;
        }

        if (_settings.AllowInvalidHostnames)
        {
            errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
        }

        using var leaf = new X509Certificate2(certificate);
        if (_authorities.Value is { } authorities)
        {
            // With a CA file, only its authorities are trusted: rebuild the chain against them.
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(authorities);
            custom.ChainPolicy.RevocationMode = _settings.CheckCertificateRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
            if (chain is not null)
            {
                foreach (var element in chain.ChainElements)
                {
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            if (!custom.Build(leaf))
            {
                return false;
            }

            errors &= ~SslPolicyErrors.RemoteCertificateChainErrors;
        }

        if (_revocationList.Value is { } revoked && IsRevoked(revoked, leaf))
        {
            return false;
        }

        return errors == SslPolicyErrors.None;
    }

    private static bool IsRevoked(CertificateRevocationListBuilder revoked, X509Certificate2 certificate)
    {
        // RemoveEntry reports membership; the builder is a private copy, so work on a clone of its contents.
        lock (revoked)
        {
            var serial = certificate.SerialNumberBytes.Span;
            if (!revoked.RemoveEntry(serial))
            {
                return false;
            }

            revoked.AddEntry(serial.ToArray());
            return true;
        }
    }

    private X509Certificate2Collection? LoadAuthorities()
    {
        if (_settings.CAFile is not { } path)
        {
            return null;
        }

        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw new MongoConfigurationException($"The tlsCAFile '{path}' could not be read as PEM certificates: {e.Message}", e);
        }

        return collection.Count > 0 ? collection : throw new MongoConfigurationException($"The tlsCAFile '{path}' holds no certificate.");
    }

    private X509Certificate2? LoadClientCertificate()
    {
        if (_settings.CertificateKeyFile is not { } path)
        {
            return null;
        }

        try
        {
            var certificate = _settings.CertificateKeyFilePassword is { } password
                ? X509Certificate2.CreateFromEncryptedPemFile(path, password, path)
                : X509Certificate2.CreateFromPemFile(path, path);
            return certificate;
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException or ArgumentException)
        {
            // The message of a wrong password names no secret; ours names only the file.
            throw new MongoConfigurationException($"The tlsCertificateKeyFile '{path}' could not be read as a PEM certificate and private key (check the file and tlsCertificateKeyFilePassword).", e);
        }
    }

    private CertificateRevocationListBuilder? LoadRevocationList()
    {
        if (_settings.CrlFile is not { } path)
        {
            return null;
        }

        try
        {
            var bytes = File.ReadAllBytes(path);
            var text = System.Text.Encoding.ASCII.GetString(bytes);
            return text.Contains("-----BEGIN X509 CRL-----", StringComparison.Ordinal)
                ? CertificateRevocationListBuilder.LoadPem(text, out _)
                : CertificateRevocationListBuilder.Load(bytes, out _);
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw new MongoConfigurationException($"The tlsCRLFile '{path}' could not be read as a certificate revocation list: {e.Message}", e);
        }
    }
}

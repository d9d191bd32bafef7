using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpenQuizz.Typed.Embedded.Tls;

/// <summary>Loads the server certificate the way mongod's <c>--tlsCertificateKeyFile</c> takes it.</summary>
public static class ServerCertificate
{
    /// <summary>
    /// Reads a PEM file holding the certificate and its private key (PKCS#8, PKCS#1 or SEC1; encrypted PKCS#8 when
    /// <paramref name="password"/> is given), mongod's <c>tlsCertificateKeyFile</c> / <c>tlsCertificateKeyFilePassword</c>.
    /// </summary>
    /// <exception cref="CryptographicException">The file holds no certificate, no matching key, or the password is wrong.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static X509Certificate2 LoadPem(string path, string? password = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"TLS certificate key file not found: {path}", path);
        }

        using var pem = string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(path)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password);

        // A key loaded from PEM is ephemeral; going through PKCS#12 gives SslStream a key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }
}

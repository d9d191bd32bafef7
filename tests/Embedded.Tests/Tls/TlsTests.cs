using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;
using OpenQuizz.Typed.Embedded.Tls;

namespace OpenQuizz.Typed.Embedded.Tests.Tls;

/// <summary>A server with a self-signed certificate made at run time, reached through SslStream.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private X509Certificate2 _certificate = null!;
    private EmbeddedMongoServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _certificate = TestCertificates.SelfSigned();
        _server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { Certificate = _certificate });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificate.Dispose();
    }

    [Fact]
    public async Task Commands_run_over_TLS()
    {
        await using var tls = await ConnectTlsAsync(_certificate);
        var hello = await RunAsync(tls, new BsonDocument("hello", 1));
        Assert.True(hello["isWritablePrimary"].AsBoolean);
        await RunAsync(tls, new BsonDocument("insert", "c").Add("documents", new BsonArray { new BsonDocument("x", 1) }));
        var found = await RunAsync(tls, new BsonDocument("find", "c"));
        Assert.Single(found["cursor"]["firstBatch"].AsBsonArray);
    }

    [Fact]
    public async Task A_client_certificate_may_be_presented()
    {
        using var clientCertificate = TestCertificates.SelfSigned("client");
        await using var tls = await ConnectTlsAsync(_certificate, clientCertificate);
        Assert.Equal(1.0, (await RunAsync(tls, new BsonDocument("ping", 1)))["ok"].ToDouble());
    }

    [Fact]
    public async Task A_plain_connection_is_closed_after_the_failed_handshake()
    {
        using (var plain = new TcpClient())
        {
            await plain.ConnectAsync(_server.EndPoint);
            var stream = plain.GetStream();
            await stream.WriteAsync(WireFrames.OpMsg(1, new BsonDocument { { "ping", 1 }, { "$db", "admin" } }, new WireOptions()));

            // The server may send a TLS alert first; what matters is that no reply comes and the connection ends.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var received = new MemoryStream();
            var buffer = new byte[256];
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
                {
                    received.Write(buffer, 0, read);
                }
            }
            catch (IOException)
            {
                // Reset by the server: closed as well.
            }

            Assert.False(received.Length >= 16 && BinaryPrimitives.ReadInt32LittleEndian(received.GetBuffer().AsSpan(12)) == 2013, "no OP_MSG reply over a plain connection");
        }

        // The server keeps serving TLS clients afterwards.
        await using var tls = await ConnectTlsAsync(_certificate);
        Assert.Equal(1.0, (await RunAsync(tls, new BsonDocument("ping", 1)))["ok"].ToDouble());
    }

    [Fact]
    public void A_PEM_file_with_certificate_and_key_loads_with_and_without_a_password()
    {
        var directory = Directory.CreateTempSubdirectory("oq-tls-");
        try
        {
            var plainPath = Path.Combine(directory.FullName, "server.pem");
            var encryptedPath = Path.Combine(directory.FullName, "server-encrypted.pem");
            var certificatePem = _certificate.ExportCertificatePem();
            using var rsa = _certificate.GetRSAPrivateKey()!;
            File.WriteAllText(plainPath, certificatePem + "\n" + rsa.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(encryptedPath, certificatePem + "\n" + rsa.ExportEncryptedPkcs8PrivateKeyPem("pem-pass", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000)));

            using var loaded = ServerCertificate.LoadPem(plainPath);
            using var decrypted = ServerCertificate.LoadPem(encryptedPath, "pem-pass");
            Assert.True(loaded.HasPrivateKey);
            Assert.True(decrypted.HasPrivateKey);
            Assert.Equal(_certificate.Thumbprint, loaded.Thumbprint);
            Assert.ThrowsAny<CryptographicException>(() => ServerCertificate.LoadPem(encryptedPath, "wrong"));
            Assert.Throws<FileNotFoundException>(() => ServerCertificate.LoadPem(Path.Combine(directory.FullName, "missing.pem")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private async Task<SslStream> ConnectTlsAsync(X509Certificate2 expected, X509Certificate2? clientCertificate = null)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(_server.EndPoint);
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            // Accept exactly the server's self-signed certificate, nothing else.
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == expected.GetCertHashString(),
            ClientCertificates = clientCertificate is null ? null : [clientCertificate],
        });
        return tls;
    }

    private static async Task<BsonDocument> RunAsync(Stream stream, BsonDocument command, string database = "tlsdb")
    {
        command.Set("$db", database);
        await stream.WriteAsync(WireFrames.OpMsg(1, command, new WireOptions()));
        var header = new byte[16];
        await stream.ReadExactlyAsync(header);
        var message = new byte[BinaryPrimitives.ReadInt32LittleEndian(header)];
        header.CopyTo(message, 0);
        await stream.ReadExactlyAsync(message.AsMemory(16));
        return WireFrames.ParseReply(message).Body;
    }
}

/// <summary>Self-signed certificates made with CertificateRequest, for TLS tests and the host's PEM option.</summary>
public static class TestCertificates
{
    public static X509Certificate2 SelfSigned(string name = "localhost")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>Writes the certificate and its unencrypted private key to one PEM file (mongod's tlsCertificateKeyFile).</summary>
    public static void WritePem(X509Certificate2 certificate, string path)
    {
        using var rsa = certificate.GetRSAPrivateKey()!;
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem());
    }
}

using MongoDB.Bson;
using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Tests.Infrastructure;

namespace OpenQuizz.Typed.Tests.Connections;

/// <summary>Generated certificates, a CA file, a CRL and a TLS loopback server that answers like <see cref="FakeServer"/>.</summary>
public sealed class TlsFixture : IDisposable
{
    public TlsFixture()
    {
        Directory.CreateDirectory(Folder);
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=OpenQuizz Test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        Ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllText(CaFile, Ca.ExportCertificatePem());

        Server = Issue("CN=localhost", serverAuth: true, serial: 1001);
        RevokedServer = Issue("CN=localhost", serverAuth: true, serial: 1002);
        Client = Issue("CN=client", serverAuth: false, serial: 2001);
        using (var key = Client.GetRSAPrivateKey()!)
        {
            var encrypted = key.ExportEncryptedPkcs8PrivateKeyPem("client-key-Secret", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000));
            File.WriteAllText(ClientFile, Client.ExportCertificatePem() + "\n" + encrypted);
        }

        var crl = new CertificateRevocationListBuilder();
        crl.AddEntry(RevokedServer);
        File.WriteAllBytes(CrlFile, crl.Build(Ca, 1, DateTimeOffset.UtcNow.AddDays(7), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"oq-tls-{Guid.NewGuid():N}");

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 RevokedServer { get; }

    public X509Certificate2 Client { get; }

    public string CaFile => Path.Combine(Folder, "ca.pem");

    public string ClientFile => Path.Combine(Folder, "client.pem");

    public string CrlFile => Path.Combine(Folder, "ca.crl");

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private X509Certificate2 Issue(string subject, bool serverAuth, int serial)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [serverAuth ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        var serialBytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(serialBytes, serial);
        using var issued = request.Create(Ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), serialBytes);
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}

public class TlsTests(TlsFixture tls) : IClassFixture<TlsFixture>
{
    /// <summary>Serves one TLS connection on loopback; returns the port and the task that ends with the client's certificate.</summary>
    private static (int Port, Task<X509Certificate2?> Served) Serve(X509Certificate2 certificate, bool requireClientCertificate = false)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var served = Task.Run(async () =>
        {
            try
            {
                using var socket = await listener.AcceptSocketAsync();
                await using var ssl = new SslStream(new NetworkStream(socket, ownsSocket: true));
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = certificate,
                    ClientCertificateRequired = requireClientCertificate,
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
                });
                var clientCertificate = ssl.RemoteCertificate is { } remote ? new X509Certificate2(remote) : null;
                var fake = new FakeServer();
                var header = new byte[4];
                while (true)
                {
                    try
                    {
                        await ssl.ReadExactlyAsync(header);
                    }
                    catch (EndOfStreamException)
                    {
                        return clientCertificate;
                    }

                    var message = new byte[BinaryPrimitives.ReadInt32LittleEndian(header)];
                    header.CopyTo(message, 0);
                    await ssl.ReadExactlyAsync(message.AsMemory(4));
                    await ssl.WriteAsync(fake.Answer(message).Bytes);
                }
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
            {
                return null;
            }
            finally
            {
                listener.Stop();
            }
        });
        return (port, served);
    }

    private static async Task<MongoConnection> OpenAsync(SyncOrAsync mode, int port, TlsSettings settings, string host = "localhost")
    {
        var connection = new MongoConnection(new MongoServerAddress(host, port), new ConnectionSettings { Tls = settings, ConnectTimeout = TimeSpan.FromSeconds(20) });
        try
        {
            if (mode == SyncOrAsync.Async)
            {
                await connection.OpenAsync();
            }
            else
            {
                connection.Open();
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Trusts_a_server_certificate_issued_by_the_ca_file(SyncOrAsync mode)
    {
        var (port, served) = Serve(tls.Server);
        using (var connection = await OpenAsync(mode, port, new TlsSettings { CAFile = tls.CaFile }))
        {
            Assert.Equal(1, (await TestConnections.RunAsync(connection, mode, new BsonDocument("ping", 1)))["ok"].AsInt32);
        }

        await served;
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Rejects_an_untrusted_certificate_unless_invalid_certificates_are_allowed(SyncOrAsync mode)
    {
        var (port, served) = Serve(tls.Server);
        var error = await Assert.ThrowsAsync<MongoConnectionException>(() => OpenAsync(mode, port, new TlsSettings()));
        Assert.Contains("TLS", error.Message);
        await served;

        (port, served) = Serve(tls.Server);
        using (await OpenAsync(mode, port, new TlsSettings { AllowInvalidCertificates = true }))
        {
        }

        await served;
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Host_name_must_match_unless_invalid_host_names_are_allowed(SyncOrAsync mode)
    {
        var (port, served) = Serve(tls.Server);
        await Assert.ThrowsAsync<MongoConnectionException>(() => OpenAsync(mode, port, new TlsSettings { CAFile = tls.CaFile }, host: "127.0.0.1"));
        await served;

        (port, served) = Serve(tls.Server);
        using (await OpenAsync(mode, port, new TlsSettings { CAFile = tls.CaFile, AllowInvalidHostnames = true }, host: "127.0.0.1"))
        {
        }

        await served;
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Presents_an_encrypted_pem_client_certificate(SyncOrAsync mode)
    {
        var (port, served) = Serve(tls.Server, requireClientCertificate: true);
        var settings = new TlsSettings { CAFile = tls.CaFile, CertificateKeyFile = tls.ClientFile, CertificateKeyFilePassword = "client-key-Secret" };
        using (await OpenAsync(mode, port, settings))
        {
        }

        var presented = await served;
        Assert.Equal(tls.Client.Thumbprint, presented?.Thumbprint);
        Assert.DoesNotContain("client-key-Secret", settings.ToString());
    }

    [Fact]
    public async Task A_wrong_key_password_names_the_file_but_not_the_password()
    {
        var (port, _) = Serve(tls.Server);
        var error = await Assert.ThrowsAsync<MongoConfigurationException>(() =>
            OpenAsync(SyncOrAsync.Async, port, new TlsSettings { CAFile = tls.CaFile, CertificateKeyFile = tls.ClientFile, CertificateKeyFilePassword = "wrong-Secret" }));
        Assert.Contains("client.pem", error.Message);
        Assert.DoesNotContain("wrong-Secret", error.ToString());
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task A_certificate_listed_in_the_crl_file_is_rejected(SyncOrAsync mode)
    {
        var (port, served) = Serve(tls.RevokedServer);
        await Assert.ThrowsAsync<MongoConnectionException>(() => OpenAsync(mode, port, new TlsSettings { CAFile = tls.CaFile, CrlFile = tls.CrlFile }));
        await served;

        (port, served) = Serve(tls.Server);
        using (await OpenAsync(mode, port, new TlsSettings { CAFile = tls.CaFile, CrlFile = tls.CrlFile }))
        {
        }

        await served;
    }
}

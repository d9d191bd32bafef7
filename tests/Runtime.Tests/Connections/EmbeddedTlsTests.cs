using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Embedded;
using OpenQuizz.Typed.Tests.Infrastructure;

namespace OpenQuizz.Typed.Tests.Connections;

/// <summary>TLS end to end: our client's SslStream setup against the embedded server's, with a certificate made at run time.</summary>
public class EmbeddedTlsTests(TlsFixture tls) : IClassFixture<TlsFixture>
{
    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Handshakes_over_tls_trusting_the_ca_file(SyncOrAsync mode)
    {
        await using var server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { Certificate = tls.Server });
        using var connection = new MongoConnection(
            new MongoServerAddress("localhost", server.EndPoint.Port),
            new ConnectionSettings { Tls = new TlsSettings { CAFile = tls.CaFile }, ConnectTimeout = TimeSpan.FromSeconds(10) });

        if (mode == SyncOrAsync.Async)
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
        }
        else
        {
            connection.Open(TestContext.Current.CancellationToken);
        }

        var reply = await TestConnections.RunAsync(connection, mode, new BsonDocument("ping", 1), database: "admin");
        Assert.Equal(1, reply["ok"].ToInt32());
    }

    [Fact]
    public async Task An_untrusted_server_certificate_is_refused()
    {
        await using var server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { Certificate = tls.Server });
        using var connection = new MongoConnection(
            new MongoServerAddress("localhost", server.EndPoint.Port),
            new ConnectionSettings { Tls = new TlsSettings(), ConnectTimeout = TimeSpan.FromSeconds(10) });

        await Assert.ThrowsAsync<MongoConnectionException>(() => connection.OpenAsync(TestContext.Current.CancellationToken));
    }
}

using MongoDB.Bson;
using System.Text;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Diagnostics;
using OpenQuizz.Typed.Tests.Infrastructure;

namespace OpenQuizz.Typed.Tests.Authentication;

public class AuthenticationTests
{
    private const string Password = "s3cret-P@ss";

    /// <summary>A server that knows one SCRAM user and optionally answers the speculative step.</summary>
    private static FakeServer ScramServer(ScramTestServer scram, bool speculative, string[]? saslSupportedMechs = null)
    {
        var server = new FakeServer();
        server.OnHello = hello =>
        {
            var reply = FakeServer.StandardHello();
            if (saslSupportedMechs is not null && hello.Body.Contains("saslSupportedMechs"))
            {
                reply.Add("saslSupportedMechs", new BsonArray(saslSupportedMechs.Select(m => (BsonValue)m)));
            }

            if (speculative && hello.Body.TryGetValue("speculativeAuthenticate", out var start)
                && start["mechanism"].AsString == scram.Mechanism)
            {
                reply.Add("speculativeAuthenticate", scram.Start(start.AsBsonDocument));
            }

            return reply;
        };
        server.OnCommand = r => TestWire.Msg(r.RequestId, r.CommandName switch
        {
            "saslStart" => scram.Start(r.Body),
            "saslContinue" => scram.Continue(r.Body),
            _ => new BsonDocument("ok", 1),
        });
        return server;
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Negotiated_scram_sha256_finishes_the_speculative_conversation_in_one_round(SyncOrAsync mode)
    {
        var scram = new ScramTestServer("quizz", Password, sha256: true);
        var server = ScramServer(scram, speculative: true, saslSupportedMechs: ["SCRAM-SHA-256", "SCRAM-SHA-1"]);
        var settings = new ConnectionSettings { Credential = MongoCredential.CreateCredential("quizz", Password) };
        using var connection = await TestConnections.OpenAsync(server, mode, settings);

        Assert.Equal(["isMaster", "saslContinue"], server.Requests.Select(r => r.CommandName));
        var hello = server.Requests[0].Body;
        Assert.Equal("admin.quizz", hello["saslSupportedMechs"].AsString);
        var speculative = hello["speculativeAuthenticate"].AsBsonDocument;
        Assert.Equal("SCRAM-SHA-256", speculative["mechanism"].AsString);
        Assert.Equal("admin", speculative["db"].AsString);
        Assert.True(speculative["options"]["skipEmptyExchange"].AsBoolean);
        Assert.Equal("admin", server.Requests[1].Body["$db"].AsString);
        Assert.True(connection.IsOpen);
        Assert.DoesNotContain("speculativeAuthenticate", connection.Description!.HelloReply.Names);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Negotiation_falls_back_to_scram_sha1_when_only_it_is_listed(SyncOrAsync mode)
    {
        var scram = new ScramTestServer("quizz", Password, sha256: false);
        var server = ScramServer(scram, speculative: true, saslSupportedMechs: ["SCRAM-SHA-1"]);
        var settings = new ConnectionSettings { Credential = MongoCredential.CreateCredential("quizz", Password) };
        using var connection = await TestConnections.OpenAsync(server, mode, settings);

        Assert.Equal(["isMaster", "saslStart", "saslContinue"], server.Requests.Select(r => r.CommandName));
        Assert.Equal("SCRAM-SHA-1", server.Requests[1].Body["mechanism"].AsString);
        Assert.Equal(1, scram.Conversations);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Explicit_mechanisms_skip_negotiation(SyncOrAsync mode)
    {
        foreach (var sha256 in new[] { false, true })
        {
            var scram = new ScramTestServer("quizz", Password, sha256);
            var server = ScramServer(scram, speculative: false);
            var credential = sha256 ? MongoCredential.CreateScramSha256("quizz", Password, "openquizz") : MongoCredential.CreateScramSha1("quizz", Password, "openquizz");
            using var connection = await TestConnections.OpenAsync(server, mode, new ConnectionSettings { Credential = credential });

            Assert.False(server.Requests[0].Body.Contains("saslSupportedMechs"));
            Assert.Equal(scram.Mechanism, server.Requests[0].Body["speculativeAuthenticate"]["mechanism"].AsString);
            Assert.Equal(["isMaster", "saslStart", "saslContinue"], server.Requests.Select(r => r.CommandName));
            Assert.All(server.Requests.Skip(1), r => Assert.Equal("openquizz", r.Body["$db"].AsString));
        }
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Wrong_password_fails_without_the_password_anywhere(SyncOrAsync mode)
    {
        const string wrong = "not-the-Secret-42";
        var scram = new ScramTestServer("quizz", Password, sha256: true);
        var server = ScramServer(scram, speculative: true, saslSupportedMechs: ["SCRAM-SHA-256"]);
        var logs = new ListLoggerFactory();
        var events = new RecordingSubscriber();
        var settings = new ConnectionSettings
        {
            Credential = MongoCredential.CreateCredential("quizz", wrong),
            LoggerFactory = logs,
            CommandEvents = events,
            Tls = new TlsSettings { CertificateKeyFilePassword = "tls-key-Secret" },
        };

        var connection = new MongoConnection(FakeServer.Address, settings with { StreamFactory = server });
        var error = await Assert.ThrowsAsync<MongoAuthenticationException>(async () =>
        {
            if (mode == SyncOrAsync.Async)
            {
                await connection.OpenAsync();
            }
            else
            {
                connection.Open();
            }
        });

        Assert.Equal("SCRAM-SHA-256", error.Mechanism);
        Assert.Contains("AuthenticationFailed", error.Message);
        Assert.True(connection.IsBroken);
        foreach (var text in new[] { error.ToString(), logs.AllText, connection.ToString(), settings.ToString(), string.Join('\n', events.All.Select(e => e.ToString())) })
        {
            Assert.DoesNotContain(wrong, text);
            Assert.DoesNotContain("tls-key-Secret", text);
        }

        // The sensitive commands' events are redacted: no payloads, no proofs.
        Assert.All(events.Started.Where(e => e.CommandName is "saslStart" or "saslContinue" or "isMaster"), e => Assert.Equal(0, e.Command.ElementCount));
        var failed = Assert.Single(events.Failed, e => e.CommandName == "saslContinue");
        Assert.IsType<MongoCommandException>(failed.Failure);
        Assert.DoesNotContain("payload", ((MongoCommandException)failed.Failure).Reply.Names);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task A_server_that_cannot_prove_it_knows_the_password_is_rejected(SyncOrAsync mode)
    {
        var scram = new ScramTestServer("quizz", Password, sha256: true) { SpoilServerSignature = true };
        var server = ScramServer(scram, speculative: true, saslSupportedMechs: ["SCRAM-SHA-256"]);
        var settings = new ConnectionSettings { Credential = MongoCredential.CreateScramSha256("quizz", Password) };
        var error = await Assert.ThrowsAsync<MongoAuthenticationException>(() => TestConnections.OpenAsync(server, mode, settings));
        Assert.Contains("signature", error.Message);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Plain_sends_one_sasl_start_to_external(SyncOrAsync mode)
    {
        var server = new FakeServer
        {
            OnCommand = r => TestWire.Msg(r.RequestId, new BsonDocument { { "conversationId", 1 }, { "done", true }, { "payload", new BsonBinaryData([]) }, { "ok", 1 } }),
        };
        using var connection = await TestConnections.OpenAsync(server, mode, new ConnectionSettings { Credential = MongoCredential.CreatePlain("ldapuser", Password) });
        var start = server.Requests[1];
        Assert.False(server.Requests[0].Body.Contains("speculativeAuthenticate"));
        Assert.Equal("saslStart", start.CommandName);
        Assert.Equal("PLAIN", start.Body["mechanism"].AsString);
        Assert.Equal("$external", start.Body["$db"].AsString);
        Assert.Equal($"\0ldapuser\0{Password}", Encoding.UTF8.GetString(start.Body["payload"].AsBsonBinaryData.Bytes));
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task X509_is_done_speculatively_or_with_one_authenticate(SyncOrAsync mode)
    {
        var speculative = new FakeServer();
        speculative.OnHello = hello =>
        {
            Assert.Equal("$external", hello.Body["speculativeAuthenticate"]["db"].AsString);
            Assert.Equal("CN=client", hello.Body["speculativeAuthenticate"]["user"].AsString);
            var reply = FakeServer.StandardHello();
            reply.Add("speculativeAuthenticate", new BsonDocument { { "dbname", "$external" }, { "user", "CN=client" } });
            return reply;
        };
        using (await TestConnections.OpenAsync(speculative, mode, new ConnectionSettings { Credential = MongoCredential.CreateMongoX509("CN=client") }))
        {
            Assert.Single(speculative.Requests);
        }

        var plain = new FakeServer();
        using (await TestConnections.OpenAsync(plain, mode, new ConnectionSettings { Credential = MongoCredential.CreateMongoX509() }))
        {
            var authenticate = plain.Requests[1];
            Assert.Equal("authenticate", authenticate.CommandName);
            Assert.Equal("MONGODB-X509", authenticate.Body["mechanism"].AsString);
            Assert.False(authenticate.Body.Contains("user"));
            Assert.Equal("$external", authenticate.Body["$db"].AsString);
        }
    }

    [Fact]
    public void Mechanisms_not_built_yet_are_reported_by_name()
    {
        var error = Assert.Throws<NotSupportedException>(() => OpenQuizz.Typed.Authentication.AuthenticatorFactory.Create(MongoCredential.CreateGssapi("user", Password)));
        Assert.Contains("GSSAPI", error.Message);
        Assert.DoesNotContain(Password, error.ToString());
    }
}

/// <summary>Records every command event.</summary>
public sealed class RecordingSubscriber : ICommandEventSubscriber
{
    public List<CommandStartedEvent> Started { get; } = [];

    public List<CommandSucceededEvent> Succeeded { get; } = [];

    public List<CommandFailedEvent> Failed { get; } = [];

    public IEnumerable<object> All => Started.Cast<object>().Concat(Succeeded).Concat(Failed);

    public void OnCommandStarted(CommandStartedEvent e) => Started.Add(e);

    public void OnCommandSucceeded(CommandSucceededEvent e) => Succeeded.Add(e);

    public void OnCommandFailed(CommandFailedEvent e) => Failed.Add(e);
}

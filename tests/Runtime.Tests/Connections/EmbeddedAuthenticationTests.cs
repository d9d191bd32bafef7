using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Embedded;
using OpenQuizz.Typed.Embedded.Auth;
using OpenQuizz.Typed.Tests.Infrastructure;

namespace OpenQuizz.Typed.Tests.Connections;

/// <summary>An embedded server that requires authentication, with one root user and one read-only user.</summary>
public sealed class AuthenticatingServerFixture : IAsyncLifetime
{
    public const string RootPassword = "r00t-Secret!";
    public const string ReaderPassword = "ßecret-reader";

    public EmbeddedMongoServer Server { get; private set; } = null!;

    public MongoServerAddress Address => new(Server.EndPoint.Address.ToString(), Server.EndPoint.Port);

    public async ValueTask InitializeAsync()
    {
        Server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions
        {
            RequireAuthentication = true,
            InitialUser = new EmbeddedUser("root", RootPassword),
        });

        // The reader is created through the wire by the authenticated root user, as an application would.
        using var connection = new MongoConnection(Address, new ConnectionSettings { Credential = MongoCredential.CreateScramSha256("root", RootPassword) });
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await connection.RunCommandAsync("quizz", new BsonDocument
        {
            { "createUser", "reader" },
            { "pwd", ReaderPassword },
            { "roles", new BsonArray { "read" } },
        }, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>SCRAM over real sockets against a server whose SCRAM implementation was written separately from ours.</summary>
public class EmbeddedAuthenticationTests(AuthenticatingServerFixture fixture) : IClassFixture<AuthenticatingServerFixture>
{
    public static TheoryData<SyncOrAsync, string?> Mechanisms()
    {
        var data = new TheoryData<SyncOrAsync, string?>();
        foreach (var mode in new[] { SyncOrAsync.Sync, SyncOrAsync.Async })
        {
            data.Add(mode, AuthMechanism.ScramSha256);
            data.Add(mode, AuthMechanism.ScramSha1);
            data.Add(mode, null);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Mechanisms))]
    public async Task Authenticates_with_each_scram_mechanism_and_negotiation(SyncOrAsync mode, string? mechanism)
    {
        var credential = new MongoCredential(mechanism, "root", AuthenticatingServerFixture.RootPassword, "admin");
        using var connection = await OpenAsync(mode, credential);

        var status = await TestConnections.RunAsync(connection, mode, new BsonDocument("connectionStatus", 1), database: "admin");
        var users = status["authInfo"]["authenticatedUsers"].AsBsonArray;
        Assert.Contains(users, u => u["user"].AsString == "root");
    }

    [Fact]
    public async Task A_user_of_another_database_with_a_non_ascii_password_is_prepared_with_SASLprep()
    {
        var credential = MongoCredential.CreateScramSha256("reader", AuthenticatingServerFixture.ReaderPassword, "quizz");
        using var connection = await OpenAsync(SyncOrAsync.Async, credential);

        var reply = await TestConnections.RunAsync(connection, SyncOrAsync.Async, new BsonDocument("count", "quizzes"), database: "quizz");
        Assert.Equal(1, reply["ok"].ToInt32());
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task A_wrong_password_fails_without_showing_it(SyncOrAsync mode)
    {
        const string wrong = "definitely-Not-the-password";
        var credential = MongoCredential.CreateScramSha256("root", wrong);

        var e = await Assert.ThrowsAsync<MongoAuthenticationException>(() => OpenAsync(mode, credential));

        Assert.DoesNotContain(wrong, e.ToString());
        Assert.DoesNotContain(AuthenticatingServerFixture.RootPassword, e.ToString());
    }

    [Fact]
    public async Task Without_credentials_commands_are_refused_as_unauthorized()
    {
        using var connection = await OpenAsync(SyncOrAsync.Async, credential: null);

        var e = await Assert.ThrowsAsync<MongoCommandException>(() => TestConnections.RunAsync(connection, SyncOrAsync.Async, new BsonDocument("count", "quizzes"), database: "quizz"));
        Assert.Equal(13, e.Code);
    }

    private async Task<MongoConnection> OpenAsync(SyncOrAsync mode, MongoCredential? credential)
    {
        var connection = new MongoConnection(fixture.Address, new ConnectionSettings { Credential = credential, ConnectTimeout = TimeSpan.FromSeconds(10) });
        try
        {
            if (mode == SyncOrAsync.Async)
            {
                await connection.OpenAsync(TestContext.Current.CancellationToken);
            }
            else
            {
                connection.Open(TestContext.Current.CancellationToken);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}

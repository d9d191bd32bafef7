using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Auth;
using OpenQuizz.Typed.Embedded.Tests.Wire;

namespace OpenQuizz.Typed.Embedded.Tests.Auth;

/// <summary>A server with authentication required and a root user "root"/"rootpw" on admin.</summary>
public sealed class AuthServerFixture : IAsyncLifetime
{
    public const string RootPassword = "rootpw";

    private readonly List<WireClient> _clients = [];

    public EmbeddedMongoServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions
        {
            RequireAuthentication = true,
            InitialUser = new EmbeddedUser("root", RootPassword),
        });
    }

    public async Task<WireClient> ConnectAsync()
    {
        var client = await WireClient.ConnectAsync(Server.EndPoint);
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>A connection authenticated as the user (asserting success).</summary>
    public async Task<WireClient> AuthenticatedAsync(string user, string password, string database = "admin", string mechanism = "SCRAM-SHA-256")
    {
        var client = await ConnectAsync();
        var reply = await new TestScramClient(mechanism, user, password).AuthenticateAsync(client, database);
        Reply.Ok(reply);
        Assert.True(reply["done"].AsBoolean);
        return client;
    }

    public Task<WireClient> RootAsync() => AuthenticatedAsync("root", RootPassword);

    /// <summary>Creates a user as root; roles are names or <c>{role, db}</c> documents.</summary>
    internal async Task CreateUserAsync(string name, string password, string database, params BsonValue[] roles)
    {
        var root = await RootAsync();
        Reply.Ok(await root.RunAsync(new BsonDocument { { "createUser", name }, { "pwd", password }, { "roles", new BsonArray(roles) } }, database));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}

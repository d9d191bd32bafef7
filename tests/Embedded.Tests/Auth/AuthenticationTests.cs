using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Auth;

namespace OpenQuizz.Typed.Embedded.Tests.Auth;

/// <summary>SASL conversations over the raw wire against a server started with authentication required.</summary>
public sealed class AuthenticationTests(AuthServerFixture fixture) : IClassFixture<AuthServerFixture>
{
    [Theory]
    [InlineData("SCRAM-SHA-256", true)]
    [InlineData("SCRAM-SHA-256", false)]
    [InlineData("SCRAM-SHA-1", true)]
    [InlineData("SCRAM-SHA-1", false)]
    public async Task Root_authenticates_with_either_mechanism_and_may_then_run_commands(string mechanism, bool skipEmptyExchange)
    {
        var database = "auth1" + mechanism[^3..] + skipEmptyExchange;
        var client = await fixture.ConnectAsync();
        Reply.Error(await client.RunAsync(new BsonDocument("find", "c"), database), 13, "Unauthorized");

        var reply = Reply.Ok(await new TestScramClient(mechanism, "root", AuthServerFixture.RootPassword).AuthenticateAsync(client, "admin", skipEmptyExchange));
        Assert.True(reply["done"].AsBoolean);

        Reply.Ok(await client.RunAsync(new BsonDocument("insert", "c").Add("documents", new BsonArray { new BsonDocument("x", 1) }), database));
        Assert.Single(Reply.FirstBatch(await client.RunAsync(new BsonDocument("find", "c"), database)));
    }

    [Fact]
    public async Task SaslStart_answers_server_first_with_a_conversation_id_and_mongod_iteration_counts()
    {
        var client = await fixture.ConnectAsync();
        var scram = new TestScramClient("SCRAM-SHA-256", "root", AuthServerFixture.RootPassword, clientNonce: "clientnonce");
        var reply = Reply.Ok(await client.RunAsync(
            new BsonDocument { { "saslStart", 1 }, { "mechanism", "SCRAM-SHA-256" }, { "payload", new BsonBinaryData(scram.ClientFirst()) } },
            "admin"));
        Assert.False(reply["done"].AsBoolean);
        Assert.True(reply["conversationId"].IsInt32);
        var serverFirst = System.Text.Encoding.UTF8.GetString(((BsonBinaryData)reply["payload"]).Bytes);
        Assert.Matches("^r=clientnonce[A-Za-z0-9+/=]{32},s=[A-Za-z0-9+/=]{40},i=15000$", serverFirst);
    }

    [Fact]
    public async Task A_wrong_password_answers_AuthenticationFailed_and_leaves_the_connection_unauthenticated()
    {
        var client = await fixture.ConnectAsync();
        var reply = await new TestScramClient("SCRAM-SHA-256", "root", "wrong").AuthenticateAsync(client);
        Reply.Error(reply, 18, "AuthenticationFailed");
        Assert.Equal("Authentication failed.", reply["errmsg"].AsString);

        var find = await client.RunAsync(new BsonDocument("find", "c"), "auth2");
        Reply.Error(find, 13, "Unauthorized");
        Assert.Equal("command find requires authentication", find["errmsg"].AsString);
    }

    [Fact]
    public async Task An_unknown_user_answers_AuthenticationFailed_at_saslStart()
    {
        var client = await fixture.ConnectAsync();
        Reply.Error(await new TestScramClient("SCRAM-SHA-1", "nobody", "x").AuthenticateAsync(client), 18, "AuthenticationFailed");
    }

    [Fact]
    public async Task An_unknown_mechanism_answers_MechanismUnavailable()
    {
        var client = await fixture.ConnectAsync();
        var reply = await client.RunAsync(new BsonDocument { { "saslStart", 1 }, { "mechanism", "PLAIN" }, { "payload", new BsonBinaryData([0, 1]) } }, "admin");
        Reply.Error(reply, 334, "MechanismUnavailable");
    }

    [Fact]
    public async Task SaslContinue_without_a_conversation_is_a_protocol_error()
    {
        var client = await fixture.ConnectAsync();
        var reply = await client.RunAsync(new BsonDocument { { "saslContinue", 1 }, { "conversationId", 7 }, { "payload", new BsonBinaryData([]) } }, "admin");
        Reply.Error(reply, 17, "ProtocolError");
    }

    [Fact]
    public async Task A_string_payload_is_answered_with_a_string()
    {
        var client = await fixture.ConnectAsync();
        var scram = new TestScramClient("SCRAM-SHA-1", "root", AuthServerFixture.RootPassword);
        var start = Reply.Ok(await client.RunAsync(
            new BsonDocument { { "saslStart", 1 }, { "mechanism", "SCRAM-SHA-1" }, { "payload", Convert.ToBase64String(scram.ClientFirst()) } },
            "admin"));
        var serverFirst = Convert.FromBase64String(start["payload"].AsString);
        var final = Reply.Ok(await client.RunAsync(
            new BsonDocument { { "saslContinue", 1 }, { "conversationId", start["conversationId"] }, { "payload", Convert.ToBase64String(scram.ClientFinal(serverFirst)) } },
            "admin"));
        Assert.True(scram.VerifyServerFinal(Convert.FromBase64String(final["payload"].AsString)));
    }

    [Fact]
    public async Task Handshake_and_diagnostic_commands_need_no_authentication()
    {
        var client = await fixture.ConnectAsync();
        Reply.Ok(await client.RunAsync(new BsonDocument("hello", 1), "admin"));
        Reply.Ok(await client.RunAsync(new BsonDocument("isMaster", 1), "admin"));
        Reply.Ok(await client.RunAsync(new BsonDocument("ping", 1), "admin"));
        Reply.Ok(await client.RunAsync(new BsonDocument("buildInfo", 1), "admin"));
        Reply.Ok(await client.RunAsync(new BsonDocument("logout", 1), "admin"));
    }

    [Theory]
    [InlineData("listDatabases", "admin")]
    [InlineData("insert", "db")]
    [InlineData("listCollections", "db")]
    [InlineData("serverStatus", "admin")]
    [InlineData("usersInfo", "admin")]
    [InlineData("createUser", "db")]
    public async Task Other_commands_answer_Unauthorized_with_mongod_message(string command, string database)
    {
        var client = await fixture.ConnectAsync();
        var reply = await client.RunAsync(new BsonDocument(command, command is "insert" or "createUser" ? "x" : 1), database);
        Reply.Error(reply, 13, "Unauthorized");
        Assert.Equal($"command {command} requires authentication", reply["errmsg"].AsString);
    }

    [Fact]
    public async Task Unknown_commands_are_still_CommandNotFound()
    {
        var client = await fixture.ConnectAsync();
        Reply.Error(await client.RunAsync(new BsonDocument("noSuchCommand", 1), "admin"), 59, "CommandNotFound");
    }

    [Fact]
    public async Task Hello_lists_the_mechanisms_of_a_user()
    {
        var root = await fixture.RootAsync();
        Reply.Ok(await root.RunAsync(
            new BsonDocument { { "createUser", "sha256only" }, { "pwd", "pw" }, { "roles", new BsonArray() }, { "mechanisms", new BsonArray { "SCRAM-SHA-256" } } },
            "mechdb"));

        var client = await fixture.ConnectAsync();
        var both = Reply.Ok(await client.RunAsync(new BsonDocument { { "hello", 1 }, { "saslSupportedMechs", "admin.root" } }, "admin"));
        Assert.Equal(new BsonArray { "SCRAM-SHA-1", "SCRAM-SHA-256" }, both["saslSupportedMechs"]);
        var one = Reply.Ok(await client.RunAsync(new BsonDocument { { "hello", 1 }, { "saslSupportedMechs", "mechdb.sha256only" } }, "admin"));
        Assert.Equal(new BsonArray { "SCRAM-SHA-256" }, one["saslSupportedMechs"]);
        var none = Reply.Ok(await client.RunAsync(new BsonDocument { { "hello", 1 }, { "saslSupportedMechs", "admin.nobody" } }, "admin"));
        Assert.False(none.Contains("saslSupportedMechs"));

        Reply.Error(await new TestScramClient("SCRAM-SHA-1", "sha256only", "pw").AuthenticateAsync(await fixture.ConnectAsync(), "mechdb"), 18);
        Reply.Ok(await new TestScramClient("SCRAM-SHA-256", "sha256only", "pw").AuthenticateAsync(await fixture.ConnectAsync(), "mechdb"));
    }

    [Theory]
    [InlineData("SCRAM-SHA-256")]
    [InlineData("SCRAM-SHA-1")]
    public async Task Speculative_authentication_in_hello_returns_server_first_and_finishes_with_saslContinue(string mechanism)
    {
        var client = await fixture.ConnectAsync();
        var scram = new TestScramClient(mechanism, "root", AuthServerFixture.RootPassword);
        var hello = Reply.Ok(await client.RunAsync(
            new BsonDocument
            {
                { "hello", 1 },
                {
                    "speculativeAuthenticate", new BsonDocument
                    {
                        { "saslStart", 1 }, { "mechanism", mechanism }, { "payload", new BsonBinaryData(scram.ClientFirst()) },
                        { "options", new BsonDocument("skipEmptyExchange", true) }, { "db", "admin" },
                    }
                },
            },
            "admin"));
        var speculative = hello["speculativeAuthenticate"].AsBsonDocument;
        Assert.False(speculative.Contains("ok"));

        var done = Reply.Ok(await scram.ContinueAsync(client, speculative, "admin"));
        Assert.True(done["done"].AsBoolean);
        Reply.Ok(await client.RunAsync(new BsonDocument("listDatabases", 1), "admin"));
    }

    [Fact]
    public async Task Failed_speculative_authentication_leaves_the_field_out()
    {
        var client = await fixture.ConnectAsync();
        var scram = new TestScramClient("SCRAM-SHA-256", "nobody", "x");
        var hello = Reply.Ok(await client.RunAsync(
            new BsonDocument
            {
                { "hello", 1 },
                { "speculativeAuthenticate", new BsonDocument { { "saslStart", 1 }, { "mechanism", "SCRAM-SHA-256" }, { "payload", new BsonBinaryData(scram.ClientFirst()) }, { "db", "admin" } } },
            },
            "admin"));
        Assert.False(hello.Contains("speculativeAuthenticate"));
    }

    [Fact]
    public async Task Logout_forgets_the_user_and_connectionStatus_shows_who_is_authenticated()
    {
        var client = await fixture.RootAsync();
        var status = Reply.Ok(await client.RunAsync(new BsonDocument("connectionStatus", 1), "admin"));
        Assert.Equal(new BsonArray { new BsonDocument { { "user", "root" }, { "db", "admin" } } }, status["authInfo"]["authenticatedUsers"]);
        Assert.Equal(new BsonArray { new BsonDocument { { "role", "root" }, { "db", "admin" } } }, status["authInfo"]["authenticatedUserRoles"]);
        Reply.Ok(await client.RunAsync(new BsonDocument("listDatabases", 1), "admin"));
        Reply.Ok(await client.RunAsync(new BsonDocument("logout", 1), "admin"));
        Reply.Error(await client.RunAsync(new BsonDocument("listDatabases", 1), "admin"), 13);
        Assert.Empty(Reply.Ok(await client.RunAsync(new BsonDocument("connectionStatus", 1), "admin"))["authInfo"]["authenticatedUsers"].AsBsonArray);
    }

    [Fact]
    public async Task A_changed_password_takes_effect_and_a_dropped_user_loses_access_on_open_connections()
    {
        await fixture.CreateUserAsync("changing", "old", "chg", "readWrite");
        var open = await fixture.AuthenticatedAsync("changing", "old", "chg");
        Reply.Ok(await open.RunAsync(new BsonDocument("find", "c"), "chg"));

        var root = await fixture.RootAsync();
        Reply.Ok(await root.RunAsync(new BsonDocument { { "updateUser", "changing" }, { "pwd", "new" } }, "chg"));
        Reply.Error(await new TestScramClient("SCRAM-SHA-256", "changing", "old").AuthenticateAsync(await fixture.ConnectAsync(), "chg"), 18);
        Reply.Ok(await new TestScramClient("SCRAM-SHA-1", "changing", "new").AuthenticateAsync(await fixture.ConnectAsync(), "chg"));

        Reply.Ok(await root.RunAsync(new BsonDocument("dropUser", "changing"), "chg"));
        Reply.Error(await open.RunAsync(new BsonDocument("find", "c"), "chg"), 13);
    }

    [Fact]
    public async Task The_SCRAM_SHA_256_password_is_SASLprepped_on_both_sides()
    {
        var root = await fixture.RootAsync();
        Reply.Ok(await root.RunAsync(new BsonDocument { { "createUser", "prep" }, { "pwd", "\u2168" }, { "roles", new BsonArray() } }, "admin"));
        Reply.Ok(await new TestScramClient("SCRAM-SHA-256", "prep", "IX").AuthenticateAsync(await fixture.ConnectAsync()));
        Reply.Ok(await new TestScramClient("SCRAM-SHA-256", "prep", "\u2168").AuthenticateAsync(await fixture.ConnectAsync()));
    }
}

/// <summary>Without <see cref="EmbeddedServerOptions.RequireAuthentication"/> nothing is refused, but users still authenticate.</summary>
public sealed class OptionalAuthenticationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Commands_run_unauthenticated_and_SCRAM_still_works()
    {
        var client = await fixture.ConnectAsync();
        Reply.Ok(await client.RunAsync(new BsonDocument { { "createUser", "u" }, { "pwd", "p" }, { "roles", new BsonArray { "read" } } }, "opt"));
        Reply.Ok(await client.RunAsync(new BsonDocument("insert", "c").Add("documents", new BsonArray { new BsonDocument("x", 1) }), "opt"));
        Reply.Ok(await new TestScramClient("SCRAM-SHA-256", "u", "p").AuthenticateAsync(client, "opt"));
        Reply.Ok(await client.RunAsync(new BsonDocument("insert", "c").Add("documents", new BsonArray { new BsonDocument("x", 2) }), "opt"));
    }
}

/// <summary>The localhost exception: with authentication required and no users, a local connection may create the first user on admin.</summary>
public sealed class LocalhostExceptionTests : IAsyncLifetime
{
    private EmbeddedMongoServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { RequireAuthentication = true });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Only_the_first_user_on_admin_can_be_created_unauthenticated()
    {
        await using var client = await Wire.WireClient.ConnectAsync(_server.EndPoint);
        Reply.Error(await client.RunAsync(new BsonDocument("find", "c"), "admin"), 13);
        Reply.Error(await client.RunAsync(new BsonDocument { { "createUser", "first" }, { "pwd", "p" }, { "roles", new BsonArray { "root" } } }, "other"), 13);

        Reply.Ok(await client.RunAsync(new BsonDocument { { "createUser", "first" }, { "pwd", "p" }, { "roles", new BsonArray { "root" } } }, "admin"));
        var second = await client.RunAsync(new BsonDocument { { "createUser", "second" }, { "pwd", "p" }, { "roles", new BsonArray { "root" } } }, "admin");
        Reply.Error(second, 13);

        Reply.Ok(await new TestScramClient("SCRAM-SHA-256", "first", "p").AuthenticateAsync(client));
        Reply.Ok(await client.RunAsync(new BsonDocument { { "createUser", "second" }, { "pwd", "p" }, { "roles", new BsonArray { "read" } } }, "admin"));
    }
}

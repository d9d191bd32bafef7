using System.Text;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Auth;
using OpenQuizz.Typed.Embedded.Tests.Wire;

namespace OpenQuizz.Typed.Embedded.Tests.Auth;

/// <summary>With a data directory, users survive a restart, stored as keys only.</summary>
public sealed class UserPersistenceTests
{
    [Fact]
    public async Task Users_and_their_changes_survive_a_restart_without_the_password_on_disk()
    {
        var directory = Directory.CreateTempSubdirectory("oq-users-");
        try
        {
            await using (var first = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions
            {
                DataDirectory = directory.FullName,
                RequireAuthentication = true,
                InitialUser = new EmbeddedUser("root", "first-root-pw"),
            }))
            {
                await using var client = await WireClient.ConnectAsync(first.EndPoint);
                Reply.Ok(await new TestScramClient("SCRAM-SHA-256", "root", "first-root-pw").AuthenticateAsync(client));
                Reply.Ok(await client.RunAsync(new BsonDocument { { "createUser", "kept" }, { "pwd", "kept-pw" }, { "roles", new BsonArray { "read" } }, { "customData", new BsonDocument("k", 1) } }, "app"));
                Reply.Ok(await client.RunAsync(new BsonDocument { { "createUser", "dropped" }, { "pwd", "x" }, { "roles", new BsonArray() } }, "app"));
                Reply.Ok(await client.RunAsync(new BsonDocument("dropUser", "dropped"), "app"));
            }

            var onDisk = string.Concat(Directory.GetFiles(directory.FullName).Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
            Assert.DoesNotContain("first-root-pw", onDisk, StringComparison.Ordinal);
            Assert.DoesNotContain("kept-pw", onDisk, StringComparison.Ordinal);

            await using var second = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { DataDirectory = directory.FullName, RequireAuthentication = true });
            await using var again = await WireClient.ConnectAsync(second.EndPoint);

            // Users exist, so the localhost exception is closed.
            Reply.Error(await again.RunAsync(new BsonDocument { { "createUser", "x" }, { "pwd", "x" }, { "roles", new BsonArray() } }, "admin"), 13);
            Reply.Ok(await new TestScramClient("SCRAM-SHA-1", "kept", "kept-pw").AuthenticateAsync(again, "app"));
            var info = Reply.Ok(await again.RunAsync(new BsonDocument("usersInfo", "kept"), "app"));
            Assert.Equal(1, info["users"][0]["customData"]["k"].ToInt32());
            await using var third = await WireClient.ConnectAsync(second.EndPoint);
            Reply.Error(await new TestScramClient("SCRAM-SHA-256", "dropped", "x").AuthenticateAsync(third, "app"), 18);
            Reply.Ok(await new TestScramClient("SCRAM-SHA-256", "root", "first-root-pw").AuthenticateAsync(third));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}

/// <summary>Option validation of the initial user.</summary>
public sealed class InitialUserTests
{
    [Fact]
    public async Task An_unknown_role_for_the_initial_user_is_an_argument_error()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions
        {
            InitialUser = new EmbeddedUser("u", "p") { Roles = ["superuser"] },
        }));
        Assert.Contains("Could not find role: superuser@admin", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\"p\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_start_releases_the_data_directory()
    {
        var directory = Directory.CreateTempSubdirectory("oq-failed-start-");
        try
        {
            await Assert.ThrowsAsync<ArgumentException>(() => EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions
            {
                DataDirectory = directory.FullName,
                InitialUser = new EmbeddedUser("u", "p") { Roles = ["superuser"] },
            }));

            // The lock of the failed start is gone: the same directory opens again.
            await using var server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { DataDirectory = directory.FullName });
            Assert.NotNull(server.ConnectionString);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}

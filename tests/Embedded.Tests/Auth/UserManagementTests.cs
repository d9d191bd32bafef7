using System.Security.Cryptography;
using System.Text;
using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Tests.Auth;

/// <summary>createUser, updateUser, dropUser, usersInfo — and that no reply carries a password or, unasked, a key.</summary>
public sealed class UserManagementTests(AuthServerFixture fixture) : IClassFixture<AuthServerFixture>
{
    private const string Password = "s3cret-Passw0rd";

    [Fact]
    public async Task UsersInfo_describes_users_without_credentials()
    {
        var root = await fixture.RootAsync();
        Reply.Ok(await root.RunAsync(
            new BsonDocument
            {
                { "createUser", "alice" }, { "pwd", Password }, { "customData", new BsonDocument("team", "quiz") },
                { "roles", new BsonArray { "readWrite", new BsonDocument { { "role", "read" }, { "db", "reports" } } } },
            },
            "ui"));

        var reply = Reply.Ok(await root.RunAsync(new BsonDocument("usersInfo", "alice"), "ui"));
        var user = reply["users"].AsBsonArray.Single().AsBsonDocument;
        Assert.Equal("ui.alice", user["_id"].AsString);
        Assert.Equal("alice", user["user"].AsString);
        Assert.Equal("ui", user["db"].AsString);
        Assert.True(((BsonBinaryData)user["userId"]).IsUuid);
        Assert.Equal("quiz", user["customData"]["team"].AsString);
        Assert.Equal(
            new BsonArray { new BsonDocument { { "role", "readWrite" }, { "db", "ui" } }, new BsonDocument { { "role", "read" }, { "db", "reports" } } },
            user["roles"]);
        Assert.Equal(new BsonArray { "SCRAM-SHA-1", "SCRAM-SHA-256" }, user["mechanisms"]);
        Assert.False(user.Contains("credentials"));
        Assert.False(user.Contains("pwd"));
        Assert.DoesNotContain(Password, Encoding.UTF8.GetString(reply.ToBytes()), StringComparison.Ordinal);

        foreach (var form in new BsonValue[] { 1, new BsonDocument { { "user", "alice" }, { "db", "ui" } }, new BsonArray { "alice" }, new BsonDocument("forAllDBs", true) })
        {
            var other = Reply.Ok(await root.RunAsync(new BsonDocument("usersInfo", form), "ui"));
            Assert.Contains(other["users"].AsBsonArray, u => u["user"].AsString == "alice");
            Assert.All(other["users"].AsBsonArray, u => Assert.False(u.AsBsonDocument.Contains("credentials")));
        }
    }

    [Fact]
    public async Task ShowCredentials_shows_keys_that_match_the_password_but_never_the_password()
    {
        var root = await fixture.RootAsync();
        Reply.Ok(await root.RunAsync(new BsonDocument { { "createUser", "bob" }, { "pwd", Password }, { "roles", new BsonArray() } }, "creds"));
        var reply = Reply.Ok(await root.RunAsync(new BsonDocument { { "usersInfo", "bob" }, { "showCredentials", true } }, "creds"));
        Assert.DoesNotContain(Password, Encoding.UTF8.GetString(reply.ToBytes()), StringComparison.Ordinal);
        var credentials = reply["users"][0]["credentials"].AsBsonDocument;

        var sha256 = credentials["SCRAM-SHA-256"].AsBsonDocument;
        Assert.Equal(15_000, sha256["iterationCount"].AsInt32);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Password), Convert.FromBase64String(sha256["salt"].AsString), 15_000, HashAlgorithmName.SHA256, 32);
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(HMACSHA256.HashData(salted, "Client Key"u8))), sha256["storedKey"].AsString);
        Assert.Equal(Convert.ToBase64String(HMACSHA256.HashData(salted, "Server Key"u8)), sha256["serverKey"].AsString);

        var sha1 = credentials["SCRAM-SHA-1"].AsBsonDocument;
        Assert.Equal(10_000, sha1["iterationCount"].AsInt32);
        Assert.Equal(16, Convert.FromBase64String(sha1["salt"].AsString).Length);
    }

    [Fact]
    public async Task CreateUser_validates_like_mongod()
    {
        var root = await fixture.RootAsync();
        Reply.Ok(await root.RunAsync(new BsonDocument { { "createUser", "dup" }, { "pwd", "p" }, { "roles", new BsonArray() } }, "val"));
        var duplicate = await root.RunAsync(new BsonDocument { { "createUser", "dup" }, { "pwd", "p" }, { "roles", new BsonArray() } }, "val");
        Reply.Error(duplicate, 51003);
        Assert.Equal("User \"dup@val\" already exists", duplicate["errmsg"].AsString);

        Reply.Error(await root.RunAsync(new BsonDocument { { "createUser", "r" }, { "pwd", "p" }, { "roles", new BsonArray { "nosuchrole" } } }, "val"), 31, "RoleNotFound");
        Reply.Error(await root.RunAsync(new BsonDocument { { "createUser", "r" }, { "pwd", "p" }, { "roles", new BsonArray { "root" } } }, "val"), 31, "RoleNotFound");
        Reply.Error(await root.RunAsync(new BsonDocument { { "createUser", "r" }, { "pwd", "p" } }, "val"), 40414);
        Reply.Error(await root.RunAsync(new BsonDocument { { "createUser", "r" }, { "roles", new BsonArray() } }, "val"), 2, "BadValue");
        Reply.Error(await root.RunAsync(new BsonDocument { { "createUser", "r" }, { "pwd", "" }, { "roles", new BsonArray() } }, "val"), 2);
        Reply.Error(await root.RunAsync(new BsonDocument { { "createUser", "r" }, { "pwd", "p" }, { "roles", new BsonArray() }, { "mechanisms", new BsonArray { "MONGODB-CR" } } }, "val"), 2);
        Reply.Error(await root.RunAsync(new BsonDocument { { "createUser", "r" }, { "pwd", "p" }, { "roles", new BsonArray() }, { "digestPassword", false } }, "val"), 2);
    }

    [Fact]
    public async Task Mechanisms_restrict_the_stored_credentials()
    {
        var root = await fixture.RootAsync();
        Reply.Ok(await root.RunAsync(new BsonDocument { { "createUser", "sha1" }, { "pwd", "p" }, { "roles", new BsonArray() }, { "mechanisms", new BsonArray { "SCRAM-SHA-1" } } }, "mech"));
        var info = Reply.Ok(await root.RunAsync(new BsonDocument { { "usersInfo", "sha1" }, { "showCredentials", true } }, "mech"));
        Assert.Equal(new BsonArray { "SCRAM-SHA-1" }, info["users"][0]["mechanisms"]);
        Assert.Equal(["SCRAM-SHA-1"], info["users"][0]["credentials"].AsBsonDocument.Names);

        Reply.Error(await root.RunAsync(new BsonDocument { { "updateUser", "sha1" }, { "mechanisms", new BsonArray { "SCRAM-SHA-256" } } }, "mech"), 2);
        Reply.Ok(await root.RunAsync(new BsonDocument { { "updateUser", "sha1" }, { "pwd", "q" }, { "mechanisms", new BsonArray { "SCRAM-SHA-1", "SCRAM-SHA-256" } } }, "mech"));
        Reply.Ok(await new TestScramClient("SCRAM-SHA-256", "sha1", "q").AuthenticateAsync(await fixture.ConnectAsync(), "mech"));
    }

    [Fact]
    public async Task Roles_can_be_granted_revoked_and_replaced()
    {
        var root = await fixture.RootAsync();
        Reply.Ok(await root.RunAsync(new BsonDocument { { "createUser", "grantee" }, { "pwd", "p" }, { "roles", new BsonArray { "read" } } }, "gr"));
        Reply.Ok(await root.RunAsync(new BsonDocument { { "grantRolesToUser", "grantee" }, { "roles", new BsonArray { "readWrite" } } }, "gr"));
        Reply.Ok(await root.RunAsync(new BsonDocument { { "revokeRolesFromUser", "grantee" }, { "roles", new BsonArray { "read" } } }, "gr"));
        var roles = Reply.Ok(await root.RunAsync(new BsonDocument("usersInfo", "grantee"), "gr"))["users"][0]["roles"];
        Assert.Equal(new BsonArray { new BsonDocument { { "role", "readWrite" }, { "db", "gr" } } }, roles);

        Reply.Ok(await root.RunAsync(new BsonDocument { { "updateUser", "grantee" }, { "roles", new BsonArray { "dbAdmin" } } }, "gr"));
        roles = Reply.Ok(await root.RunAsync(new BsonDocument("usersInfo", "grantee"), "gr"))["users"][0]["roles"];
        Assert.Equal(new BsonArray { new BsonDocument { { "role", "dbAdmin" }, { "db", "gr" } } }, roles);
    }

    [Fact]
    public async Task DropUser_and_dropAllUsersFromDatabase()
    {
        var root = await fixture.RootAsync();
        foreach (var name in new[] { "d1", "d2", "d3" })
        {
            Reply.Ok(await root.RunAsync(new BsonDocument { { "createUser", name }, { "pwd", "p" }, { "roles", new BsonArray() } }, "drops"));
        }

        Reply.Ok(await root.RunAsync(new BsonDocument("dropUser", "d1"), "drops"));
        var missing = await root.RunAsync(new BsonDocument("dropUser", "d1"), "drops");
        Reply.Error(missing, 11, "UserNotFound");
        Assert.Equal(2, Reply.Ok(await root.RunAsync(new BsonDocument("dropAllUsersFromDatabase", 1), "drops"))["n"].ToInt32());
        Assert.Empty(Reply.Ok(await root.RunAsync(new BsonDocument("usersInfo", 1), "drops"))["users"].AsBsonArray);
    }
}

using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;

namespace OpenQuizz.Typed.Embedded.Tests.Auth;

/// <summary>Built-in roles against read, write, admin and user-admin commands.</summary>
public sealed class AuthorizationTests(AuthServerFixture fixture) : IClassFixture<AuthServerFixture>
{
    private static BsonDocument Insert(string collection) =>
        new BsonDocument("insert", collection).Add("documents", new BsonArray { new BsonDocument("x", 1) });

    private static void Forbidden(BsonDocument reply, string database, string command)
    {
        Reply.Error(reply, 13, "Unauthorized");
        Assert.StartsWith($"not authorized on {database} to execute command {{ {command}: ", reply["errmsg"].AsString);
    }

    [Fact]
    public async Task Read_allows_queries_on_its_database_only()
    {
        await fixture.CreateUserAsync("reader", "pw", "app1", "read");
        var root = await fixture.RootAsync();
        Reply.Ok(await root.RunAsync(Insert("c"), "app1"));

        var reader = await fixture.AuthenticatedAsync("reader", "pw", "app1");
        Assert.Single(Reply.FirstBatch(await reader.RunAsync(new BsonDocument("find", "c"), "app1")));
        Reply.Ok(await reader.RunAsync(new BsonDocument("count", "c"), "app1"));
        Reply.Ok(await reader.RunAsync(new BsonDocument("listCollections", 1), "app1"));
        Reply.Ok(await reader.RunAsync(new BsonDocument("listDatabases", 1), "admin"));

        var insert = await reader.RunAsync(Insert("c"), "app1");
        Forbidden(insert, "app1", "insert");
        Assert.Equal("not authorized on app1 to execute command { insert: \"c\", $db: \"app1\" }", insert["errmsg"].AsString);
        Forbidden(await reader.RunAsync(new BsonDocument("find", "c"), "other"), "other", "find");
        Forbidden(await reader.RunAsync(new BsonDocument("drop", "c"), "app1"), "app1", "drop");
        Forbidden(await reader.RunAsync(new BsonDocument("serverStatus", 1), "admin"), "admin", "serverStatus");
    }

    [Fact]
    public async Task ReadWrite_allows_writes_but_not_dropDatabase_or_user_management()
    {
        await fixture.CreateUserAsync("writer", "pw", "app2", "readWrite");
        var writer = await fixture.AuthenticatedAsync("writer", "pw", "app2", "SCRAM-SHA-1");
        Reply.Ok(await writer.RunAsync(Insert("c"), "app2"));
        Reply.Ok(await writer.RunAsync(new BsonDocument { { "update", "c" }, { "updates", new BsonArray { new BsonDocument { { "q", new BsonDocument() }, { "u", new BsonDocument("$set", new BsonDocument("y", 1)) } } } } }, "app2"));
        Reply.Ok(await writer.RunAsync(new BsonDocument { { "delete", "c" }, { "deletes", new BsonArray { new BsonDocument { { "q", new BsonDocument() }, { "limit", 0 } } } } }, "app2"));
        Reply.Ok(await writer.RunAsync(new BsonDocument("drop", "c"), "app2"));
        Forbidden(await writer.RunAsync(new BsonDocument("dropDatabase", 1), "app2"), "app2", "dropDatabase");
        Forbidden(await writer.RunAsync(new BsonDocument { { "createUser", "x" }, { "pwd", "y" }, { "roles", new BsonArray() } }, "app2"), "app2", "createUser");
        Forbidden(await writer.RunAsync(Insert("c"), "app3"), "app3", "insert");
    }

    [Fact]
    public async Task A_role_on_another_database_applies_there()
    {
        await fixture.CreateUserAsync("cross", "pw", "home", new BsonDocument { { "role", "readWrite" }, { "db", "away" } });
        var cross = await fixture.AuthenticatedAsync("cross", "pw", "home");
        Reply.Ok(await cross.RunAsync(Insert("c"), "away"));
        Forbidden(await cross.RunAsync(new BsonDocument("find", "c"), "home"), "home", "find");
    }

    [Fact]
    public async Task AnyDatabase_roles_apply_everywhere()
    {
        await fixture.CreateUserAsync("anyreader", "pw", "admin", "readAnyDatabase");
        await fixture.CreateUserAsync("anywriter", "pw", "admin", "readWriteAnyDatabase");
        var reader = await fixture.AuthenticatedAsync("anyreader", "pw");
        var writer = await fixture.AuthenticatedAsync("anywriter", "pw");
        Reply.Ok(await writer.RunAsync(Insert("c"), "anyA"));
        Reply.Ok(await writer.RunAsync(Insert("c"), "anyB"));
        Reply.Ok(await reader.RunAsync(new BsonDocument("find", "c"), "anyA"));
        Reply.Ok(await reader.RunAsync(new BsonDocument("find", "c"), "anyB"));
        Forbidden(await reader.RunAsync(Insert("c"), "anyA"), "anyA", "insert");
        Forbidden(await writer.RunAsync(new BsonDocument("serverStatus", 1), "admin"), "admin", "serverStatus");
    }

    [Fact]
    public async Task DbAdmin_manages_collections_without_reading_documents()
    {
        await fixture.CreateUserAsync("dba", "pw", "app4", "dbAdmin");
        var dba = await fixture.AuthenticatedAsync("dba", "pw", "app4");
        Reply.Ok(await dba.RunAsync(new BsonDocument("create", "c"), "app4"));
        Reply.Ok(await dba.RunAsync(new BsonDocument("listCollections", 1), "app4"));
        Forbidden(await dba.RunAsync(new BsonDocument("find", "c"), "app4"), "app4", "find");
        Forbidden(await dba.RunAsync(Insert("c"), "app4"), "app4", "insert");
        Reply.Ok(await dba.RunAsync(new BsonDocument("dropDatabase", 1), "app4"));
    }

    [Fact]
    public async Task UserAdmin_manages_users_but_reads_nothing()
    {
        await fixture.CreateUserAsync("ua", "pw", "app5", "userAdmin");
        var ua = await fixture.AuthenticatedAsync("ua", "pw", "app5");
        Reply.Ok(await ua.RunAsync(new BsonDocument { { "createUser", "made" }, { "pwd", "pw" }, { "roles", new BsonArray { "read" } } }, "app5"));
        Assert.Equal(2, Reply.Ok(await ua.RunAsync(new BsonDocument("usersInfo", 1), "app5"))["users"].AsBsonArray.Count);
        Forbidden(await ua.RunAsync(new BsonDocument("find", "c"), "app5"), "app5", "find");
        Forbidden(await ua.RunAsync(new BsonDocument { { "createUser", "made" }, { "pwd", "pw" }, { "roles", new BsonArray() } }, "app6"), "app6", "createUser");
    }

    [Fact]
    public async Task Any_user_may_see_itself_in_usersInfo()
    {
        await fixture.CreateUserAsync("self", "pw", "app7", "read");
        await fixture.CreateUserAsync("neighbour", "pw", "app7", "read");
        var self = await fixture.AuthenticatedAsync("self", "pw", "app7");
        var reply = Reply.Ok(await self.RunAsync(new BsonDocument("usersInfo", "self"), "app7"));
        Assert.Equal("self", reply["users"][0]["user"].AsString);
        Forbidden(await self.RunAsync(new BsonDocument("usersInfo", "neighbour"), "app7"), "app7", "usersInfo");
        Forbidden(await self.RunAsync(new BsonDocument("usersInfo", 1), "app7"), "app7", "usersInfo");
    }

    [Fact]
    public async Task Aggregate_with_out_needs_write_on_the_target()
    {
        await fixture.CreateUserAsync("aggreader", "pw", "app8", "read");
        var reader = await fixture.AuthenticatedAsync("aggreader", "pw", "app8");
        var reply = await reader.RunAsync(
            new BsonDocument { { "aggregate", "c" }, { "pipeline", new BsonArray { new BsonDocument("$out", "copy") } }, { "cursor", new BsonDocument() } },
            "app8");
        // aggregate exists: a CommandNotFound here is a regression, and Forbidden fails on it.
        Forbidden(reply, "app8", "aggregate");
    }

    [Fact]
    public async Task A_cursor_serves_and_dies_only_for_the_users_who_opened_it()
    {
        await fixture.CreateUserAsync("cursorReader", "pw", "cursors", "read");
        var root = await fixture.RootAsync();
        var documents = new BsonArray();
        for (var i = 0; i < 5; i++)
        {
            documents.Add(new BsonDocument("_id", i));
        }

        Reply.Ok(await root.RunAsync(new BsonDocument("insert", "c").Add("documents", documents), "cursors"));
        var opened = Reply.Ok(await root.RunAsync(new BsonDocument("find", "c").Add("batchSize", 1), "cursors"));
        var id = opened["cursor"]["id"].AsInt64;
        Assert.NotEqual(0, id);

        // Another user with read access to the collection still may not use or kill root's cursor.
        var reader = await fixture.AuthenticatedAsync("cursorReader", "pw", "cursors");
        var getMore = await reader.RunAsync(new BsonDocument("getMore", id).Add("collection", "c"), "cursors");
        Reply.Error(getMore, 13, "Unauthorized");
        Reply.Error(await reader.RunAsync(new BsonDocument("killCursors", "c").Add("cursors", new BsonArray { id }), "cursors"), 13, "Unauthorized");

        // A second connection of the same user may.
        var rootAgain = await fixture.RootAsync();
        Assert.Single(Reply.Ok(await rootAgain.RunAsync(new BsonDocument("getMore", id).Add("collection", "c").Add("batchSize", 1), "cursors"))["cursor"]["nextBatch"].AsBsonArray);
        var killed = Reply.Ok(await root.RunAsync(new BsonDocument("killCursors", "c").Add("cursors", new BsonArray { id }), "cursors"));
        Assert.Equal(id, killed["cursorsKilled"][0].AsInt64);
    }

    [Fact]
    public async Task ListDatabases_shows_a_user_only_the_databases_it_holds_roles_on()
    {
        await fixture.CreateUserAsync("oneDbReader", "pw", "visible", "read");
        var root = await fixture.RootAsync();
        Reply.Ok(await root.RunAsync(Insert("c"), "visible"));
        Reply.Ok(await root.RunAsync(Insert("c"), "hidden"));

        var reader = await fixture.AuthenticatedAsync("oneDbReader", "pw", "visible");
        var names = Reply.Ok(await reader.RunAsync(new BsonDocument("listDatabases", 1).Add("nameOnly", true), "admin"))["databases"]
            .AsBsonArray.Select(d => d["name"].AsString).ToList();
        Assert.Equal(["visible"], names);
        Reply.Error(await reader.RunAsync(new BsonDocument("listDatabases", 1).Add("authorizedDatabases", false), "admin"), 13, "Unauthorized");

        var all = Reply.Ok(await root.RunAsync(new BsonDocument("listDatabases", 1).Add("nameOnly", true), "admin"))["databases"]
            .AsBsonArray.Select(d => d["name"].AsString).ToList();
        Assert.Contains("visible", all);
        Assert.Contains("hidden", all);
    }
}

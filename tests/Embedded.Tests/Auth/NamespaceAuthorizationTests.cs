using OpenQuizz.Typed.Embedded.Bson;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Auth;

/// <summary>
/// Every namespace an operation touches is authorized, at any depth of nested pipelines, and server administration
/// is kept to cluster roles: each case is a way a user with rights on one database could otherwise read or write another.
/// </summary>
public sealed class NamespaceAuthorizationTests(AuthServerFixture fixture) : IClassFixture<AuthServerFixture>
{
    private static BsonDocument Aggregate(string collection, params BsonDocument[] stages) =>
        D(("aggregate", collection), ("pipeline", new BsonArray(stages)), ("cursor", D()));

    private static BsonDocument LookupSecret() => D(("$lookup", D(("from", D(("db", "secret"), ("coll", "s"))), ("pipeline", A()), ("as", "stolen"))));

    private async Task<(Wire.WireClient User, Wire.WireClient Root)> SetUpAsync(string user, params BsonValue[] roles)
    {
        await fixture.CreateUserAsync(user, "pw", "app", roles);
        var root = await fixture.RootAsync();
        Reply.Ok(await root.RunAsync(D(("insert", "s"), ("documents", A(D(("_id", 1), ("secret", "launch codes"))))), "secret"));
        Reply.Ok(await root.RunAsync(D(("insert", "c"), ("documents", A(D(("_id", 1))))), "app"));
        return (await fixture.AuthenticatedAsync(user, "pw", "app"), root);
    }

    private static void Forbidden(BsonDocument reply, string database)
    {
        Reply.Error(reply, 13, "Unauthorized");
        Assert.StartsWith($"not authorized on {database} ", reply["errmsg"].AsString);
        Assert.DoesNotContain("launch codes", reply.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookups_into_another_database_are_refused_at_any_depth()
    {
        var (reader, root) = await SetUpAsync("nsReader", "read");

        Forbidden(await reader.RunAsync(Aggregate("c", LookupSecret()), "app"), "secret");
        Forbidden(await reader.RunAsync(Aggregate("c", D(("$lookup", D(("from", "c"), ("as", "x"), ("pipeline", A(LookupSecret())))))), "app"), "secret");
        Forbidden(await reader.RunAsync(Aggregate("c", D(("$facet", D(("ok", A(D(("$limit", 1)))), ("leak", A(LookupSecret())))))), "app"), "secret");
        var deepFacet = D(("$facet", D(("deep", A(LookupSecret())))));
        Forbidden(await reader.RunAsync(Aggregate("c", D(("$unionWith", D(("coll", "c"), ("pipeline", A(deepFacet)))))), "app"), "secret");
        Forbidden(await reader.RunAsync(Aggregate("c", D(("$graphLookup", D(("from", D(("db", "secret"), ("coll", "s"))), ("startWith", "$_id"), ("connectFromField", "_id"), ("connectToField", "_id"), ("as", "g"))))), "app"), "secret");

        // The same pipelines are fine for a user who may read both databases.
        var joined = Reply.FirstBatch(await root.RunAsync(Aggregate("c", LookupSecret()), "app"));
        Assert.Equal("launch codes", joined[0]["stolen"][0]["secret"].AsString);
        Assert.Single(Reply.FirstBatch(await reader.RunAsync(Aggregate("c", D(("$lookup", D(("from", "c"), ("localField", "_id"), ("foreignField", "_id"), ("as", "self"))))), "app")));
    }

    private static BsonDocument GraphLookup(BsonValue from) =>
        D(("$graphLookup", D(("from", from), ("startWith", "$_id"), ("connectFromField", "_id"), ("connectToField", "_id"), ("as", "g"))));

    [Fact]
    public async Task GraphLookup_cannot_reach_another_database_at_any_depth()
    {
        var (reader, root) = await SetUpAsync("nsGraphReader", "read");
        var secret = D(("db", "secret"), ("coll", "s"));

        Forbidden(await reader.RunAsync(Aggregate("c", D(("$facet", D(("leak", A(GraphLookup(secret))))))), "app"), "secret");
        Forbidden(await reader.RunAsync(Aggregate("c", D(("$lookup", D(("from", "c"), ("as", "x"), ("pipeline", A(GraphLookup(secret))))))), "app"), "secret");
        var nested = D(("$lookup", D(("from", "c"), ("as", "x"), ("pipeline", A(D(("$facet", D(("deep", A(GraphLookup(secret)))))))))));
        Forbidden(await reader.RunAsync(Aggregate("c", nested), "app"), "secret");

        // Even a user who may read both cannot name another database: as in mongod, 'from' is a collection of the
        // command's database, so "s" here is app.s (absent), never secret.s.
        Reply.Error(await root.RunAsync(Aggregate("c", GraphLookup(secret)), "app"), 9, "FailedToParse");
        var own = Reply.FirstBatch(await reader.RunAsync(Aggregate("c", GraphLookup("s")), "app"));
        Assert.Empty(own[0]["g"].AsBsonArray);
        var self = Reply.FirstBatch(await reader.RunAsync(Aggregate("c", GraphLookup("c")), "app"));
        Assert.Equal(1, self[0]["g"][0]["_id"].ToInt32());
    }

    [Fact]
    public async Task CollStats_needs_read_or_dbAdmin_and_indexStats_needs_dbAdmin_on_the_collections_database()
    {
        var (reader, _) = await SetUpAsync("nsStatsReader", "read");
        var (admin, _) = await SetUpAsync("nsStatsAdmin", "dbAdmin");
        var collStats = D(("$collStats", D(("count", D()))));
        var indexStats = D(("$indexStats", D()));

        Assert.Equal(1, Reply.FirstBatch(await reader.RunAsync(Aggregate("c", collStats), "app"))[0]["count"].ToInt64());
        Forbidden(await reader.RunAsync(Aggregate("c", indexStats), "app"), "app");
        Forbidden(await reader.RunAsync(Aggregate("s", collStats), "secret"), "secret");

        // dbAdmin sees statistics and indexes, never documents: the stats stage stands in for find only as first stage.
        Assert.Equal("_id_", Reply.FirstBatch(await admin.RunAsync(Aggregate("c", indexStats), "app"))[0]["name"].AsString);
        Assert.Single(Reply.FirstBatch(await admin.RunAsync(Aggregate("c", collStats), "app")));
        Forbidden(await admin.RunAsync(D(("find", "c")), "app"), "app");
        Forbidden(await admin.RunAsync(Aggregate("c", D(("$match", D()))), "app"), "app");
        Forbidden(await admin.RunAsync(Aggregate("c", indexStats, D(("$lookup", D(("from", "c"), ("localField", "x"), ("foreignField", "x"), ("as", "docs"))))), "app"), "app");
    }

    [Fact]
    public async Task Out_and_merge_need_write_on_their_target()
    {
        var (writer, root) = await SetUpAsync("nsWriter", "readWrite", D(("role", "read"), ("db", "secret")));

        Forbidden(await writer.RunAsync(Aggregate("c", D(("$out", D(("db", "secret"), ("coll", "s"))))), "app"), "secret");
        Forbidden(await writer.RunAsync(Aggregate("c", D(("$merge", D(("into", D(("db", "secret"), ("coll", "s"))), ("whenMatched", "replace"))))), "app"), "secret");
        Reply.Ok(await writer.RunAsync(Aggregate("c", D(("$merge", D(("into", "copy"))))), "app"));

        // Reading the secret database (granted) into the user's own is allowed; overwriting the secret is not.
        var untouched = Reply.FirstBatch(await root.RunAsync(D(("find", "s")), "secret"));
        Assert.Equal("launch codes", untouched[0]["secret"].AsString);

        var (reader, _) = await SetUpAsync("nsReadOnly", "read");
        Forbidden(await reader.RunAsync(Aggregate("c", D(("$out", "copy2"))), "app"), "app");
    }

    [Fact]
    public async Task A_cursor_stops_when_a_role_its_pipeline_needed_is_revoked()
    {
        var (user, root) = await SetUpAsync("nsRevoked", "read", D(("role", "read"), ("db", "secret")));
        Reply.Ok(await root.RunAsync(D(("insert", "revoked"), ("documents", A(D(("_id", 1)), D(("_id", 2))))), "app"));
        var command = Aggregate("revoked", LookupSecret());
        command["cursor"] = D(("batchSize", 1));
        var opened = Reply.Ok(await user.RunAsync(command, "app"));
        var cursor = opened["cursor"]["id"].ToInt64();
        Assert.NotEqual(0, cursor);

        var revoke = D(("revokeRolesFromUser", "nsRevoked"), ("roles", A(D(("role", "read"), ("db", "secret")))));
        Reply.Ok(await root.RunAsync(revoke, "app"));

        // getMore on app is still allowed by itself, but the rest of the result came from the secret database.
        Forbidden(await user.RunAsync(D(("getMore", cursor), ("collection", "revoked")), "app"), "secret");
    }

    [Fact]
    public async Task Index_statistics_need_dbAdmin()
    {
        var (reader, _) = await SetUpAsync("nsStats", "read");
        Forbidden(await reader.RunAsync(Aggregate("c", D(("$indexStats", D()))), "app"), "app");
    }

    [Theory]
    [InlineData("serverStatus")]
    [InlineData("hostInfo")]
    [InlineData("getLog")]
    [InlineData("getCmdLineOpts")]
    [InlineData("currentOp")]
    [InlineData("killOp")]
    [InlineData("setParameter")]
    [InlineData("shutdown")]
    [InlineData("fsync")]
    [InlineData("configureFailPoint")]
    public async Task Server_administration_is_refused_to_database_roles(string command)
    {
        var user = "nsAdmin" + command;
        await fixture.CreateUserAsync(user, "pw", "app", "dbOwner");
        var owner = await fixture.AuthenticatedAsync(user, "pw", "app");
        var reply = await owner.RunAsync(D((command, command == "getLog" ? "global" : 1)), "admin");
        Assert.Equal(0, reply["ok"].ToDouble());
        Assert.Contains(reply["code"].ToInt32(), new[] { 13, 59 }); // Unauthorized, or unknown to this server
        if (reply["code"].ToInt32() == 59)
        {
            Assert.DoesNotContain(command.ToLowerInvariant(), new[] { "serverstatus", "hostinfo", "configurefailpoint" });
        }
    }

    [Fact]
    public async Task ClusterMonitor_may_read_serverStatus()
    {
        await fixture.CreateUserAsync("nsMonitor", "pw", "admin", "clusterMonitor");
        var monitor = await fixture.AuthenticatedAsync("nsMonitor", "pw", "admin");
        Reply.Ok(await monitor.RunAsync(D(("serverStatus", 1)), "admin"));
        Reply.Ok(await monitor.RunAsync(D(("hostInfo", 1)), "admin"));
        Reply.Error(await monitor.RunAsync(D(("find", "c")), "app"), 13);
    }
}

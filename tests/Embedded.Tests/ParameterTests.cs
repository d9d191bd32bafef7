using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;

namespace OpenQuizz.Typed.Embedded.Tests;

/// <summary>getParameter and setParameter as mongod 7.0 answers them, as drivers' test runners call them.</summary>
public sealed class ParameterTests
{
    private static async Task<(EmbeddedMongoServer Server, WireClient Client)> StartAsync(string? replicaSet = null)
    {
        var server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { ReplicaSetName = replicaSet }, TestContext.Current.CancellationToken);
        var client = await WireClient.ConnectAsync(server.EndPoint);
        return (server, client);
    }

    [Fact]
    public async Task Star_reports_every_parameter_with_the_values_test_runners_read()
    {
        var (server, client) = await StartAsync("rs0");
        await using (server)
        await using (client)
        {
            var reply = Reply.Ok(await client.RunAsync(new BsonDocument("getParameter", "*"), "admin"));
            Assert.Equal("7.0", reply["featureCompatibilityVersion"]["version"].AsString);
            Assert.True(reply["enableTestCommands"].AsBoolean);
            Assert.False(reply["requireApiVersion"].AsBoolean);
            Assert.Contains(new BsonString("SCRAM-SHA-256"), reply["authenticationMechanisms"].AsBsonArray);
            Assert.Equal(30, reply["localLogicalSessionTimeoutMinutes"].ToInt32());
            Assert.Equal("rs0", reply["replicaSetName"].AsString);
        }
    }

    [Fact]
    public async Task Named_parameters_and_show_details()
    {
        var (server, client) = await StartAsync();
        await using (server)
        await using (client)
        {
            var named = Reply.Ok(await client.RunAsync(new BsonDocument { { "getParameter", 1 }, { "logLevel", 1 }, { "transactionLifetimeLimitSeconds", 1 } }, "admin"));
            Assert.Equal(3, named.ElementCount);
            Assert.Equal(0, named["logLevel"].ToInt32());
            Assert.Equal(60, named["transactionLifetimeLimitSeconds"].ToInt32());

            var details = Reply.Ok(await client.RunAsync(new BsonDocument { { "getParameter", new BsonDocument("showDetails", true) }, { "logLevel", 1 } }, "admin"));
            Assert.True(details["logLevel"]["settableAtRuntime"].AsBoolean);
            Assert.Equal(0, details["logLevel"]["value"].ToInt32());

            var all = Reply.Ok(await client.RunAsync(new BsonDocument("getParameter", new BsonDocument("allParameters", true)), "admin"));
            Assert.True(all.Contains("featureCompatibilityVersion"));
        }
    }

    [Fact]
    public async Task Unknown_parameters_and_other_databases_are_refused_with_mongods_errors()
    {
        var (server, client) = await StartAsync();
        await using (server)
        await using (client)
        {
            Reply.Error(await client.RunAsync(new BsonDocument { { "getParameter", 1 }, { "noSuchParameter", 1 } }, "admin"), 72, "InvalidOptions");
            Reply.Error(await client.RunAsync(new BsonDocument { { "getParameter", 1 }, { "logLevel", 1 } }, "test"), 13, "Unauthorized");
            Reply.Error(await client.RunAsync(new BsonDocument { { "setParameter", 1 }, { "noSuchParameter", 1 } }, "admin"), 72, "InvalidOptions");
            Reply.Error(await client.RunAsync(new BsonDocument { { "setParameter", 1 }, { "featureCompatibilityVersion", "6.0" } }, "admin"), 20, "IllegalOperation");
            Reply.Error(await client.RunAsync(new BsonDocument { { "setParameter", 1 }, { "logLevel", "loud" } }, "admin"), 2, "BadValue");
        }
    }

    [Fact]
    public async Task Set_parameter_answers_the_previous_value_and_the_change_takes_effect()
    {
        var (server, client) = await StartAsync();
        await using (server)
        await using (client)
        {
            var set = Reply.Ok(await client.RunAsync(new BsonDocument { { "setParameter", 1 }, { "logLevel", 2 } }, "admin"));
            Assert.Equal(0, set["was"].ToInt32());
            Assert.Equal(2, Reply.Ok(await client.RunAsync(new BsonDocument { { "getParameter", 1 }, { "logLevel", 1 } }, "admin"))["logLevel"].ToInt32());

            // A smaller blocking-sort limit applies to the next sort at once.
            await client.RunAsync(new BsonDocument { { "insert", "big" }, { "documents", new BsonArray(Enumerable.Range(0, 50).Select(i => new BsonDocument { { "_id", i }, { "pad", new string('x', 1000) } })) } }, "test");
            Reply.Ok(await client.RunAsync(new BsonDocument { { "setParameter", 1 }, { "internalQueryMaxBlockingSortMemoryUsageBytes", 10_000 } }, "admin"));
            Reply.Error(await client.RunAsync(new BsonDocument { { "find", "big" }, { "sort", new BsonDocument("pad", 1) } }, "test"), 292);
        }
    }

    [Fact]
    public async Task Atlas_search_commands_and_stages_answer_search_not_enabled()
    {
        var (server, client) = await StartAsync("rs0");
        await using (server)
        await using (client)
        {
            var create = await client.RunAsync(new BsonDocument { { "createSearchIndexes", "c" }, { "indexes", new BsonArray { new BsonDocument("definition", new BsonDocument("mappings", new BsonDocument("dynamic", true))) } } }, "test");
            Reply.Error(create, 31082, "SearchNotEnabled");
            Assert.Contains("Atlas", create["errmsg"].AsString, StringComparison.Ordinal);
            Reply.Error(await client.RunAsync(new BsonDocument { { "dropSearchIndex", "c" }, { "name", "x" } }, "test"), 31082);
            Reply.Error(await client.RunAsync(new BsonDocument { { "aggregate", "c" }, { "pipeline", new BsonArray { new BsonDocument("$listSearchIndexes", new BsonDocument()) } }, { "cursor", new BsonDocument() } }, "test"), 31082);
        }
    }

    [Fact]
    public async Task ReplSetGetStatus_reports_the_one_member_set_and_a_standalone_says_it_has_none()
    {
        var (server, client) = await StartAsync("rs0");
        await using (server)
        await using (client)
        {
            var status = Reply.Ok(await client.RunAsync(new BsonDocument("replSetGetStatus", 1), "admin"));
            Assert.Equal("rs0", status["set"].AsString);
            Assert.Equal(1, status["myState"].ToInt32());
            var member = Assert.Single(status["members"].AsBsonArray).AsBsonDocument;
            Assert.Equal("PRIMARY", member["stateStr"].AsString);
            Assert.True(member["self"].AsBoolean);
        }

        var (standalone, other) = await StartAsync();
        await using (standalone)
        await using (other)
        {
            Reply.Error(await other.RunAsync(new BsonDocument("replSetGetStatus", 1), "admin"), 76, "NoReplicationEnabled");
        }
    }
}

using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;

namespace OpenQuizz.Typed.Embedded.Tests.ReplicaSet;

/// <summary>A server started with a replica set name.</summary>
public sealed class ReplicaSetFixture : IAsyncLifetime
{
    public EmbeddedMongoServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { ReplicaSetName = "rs0" });

    internal async Task<BsonDocument> RunAsync(BsonDocument command, string database = "test")
    {
        await using var client = await WireClient.ConnectAsync(Server.EndPoint);
        return await client.RunAsync(command, database);
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Replica-set mode seen on the wire: what hello reports and what every reply carries, as mongod --replSet does.</summary>
public sealed class ReplicaSetModeTests(ReplicaSetFixture fixture) : IClassFixture<ReplicaSetFixture>
{
    [Fact]
    public async Task Hello_reports_a_single_member_primary()
    {
        var reply = Reply.Ok(await fixture.RunAsync(new BsonDocument { { "hello", 1 }, { "helloOk", true } }, "admin"));
        var me = $"{fixture.Server.EndPoint.Address}:{fixture.Server.EndPoint.Port}";

        Assert.Equal("rs0", reply["setName"].AsString);
        Assert.Equal(new BsonArray { me }, reply["hosts"]);
        Assert.Equal(me, reply["primary"].AsString);
        Assert.Equal(me, reply["me"].AsString);
        Assert.Equal(1, reply["setVersion"].AsInt32);
        Assert.True(reply["electionId"].IsObjectId);
        Assert.True(reply["isWritablePrimary"].AsBoolean);
        Assert.False(reply["secondary"].AsBoolean);
        Assert.Equal(BsonType.Timestamp, reply["lastWrite"]["opTime"]["ts"].BsonType);
        Assert.Equal(BsonType.DateTime, reply["lastWrite"]["lastWriteDate"].BsonType);
    }

    [Fact]
    public async Task Legacy_isMaster_reports_the_set_too()
    {
        var reply = Reply.Ok(await fixture.RunAsync(new BsonDocument("isMaster", 1), "admin"));
        Assert.True(reply["ismaster"].AsBoolean);
        Assert.Equal("rs0", reply["setName"].AsString);
    }

    [Fact]
    public async Task Replies_carry_operationTime_and_a_zero_signed_clusterTime()
    {
        var first = Reply.Ok(await fixture.RunAsync(new BsonDocument { { "insert", "ct" }, { "documents", new BsonArray { new BsonDocument("_id", 1) } } }));
        var second = Reply.Ok(await fixture.RunAsync(new BsonDocument("ping", 1), "admin"));

        foreach (var reply in new[] { first, second })
        {
            Assert.Equal(BsonType.Timestamp, reply["operationTime"].BsonType);
            var clusterTime = reply["$clusterTime"].AsBsonDocument;
            Assert.Equal(reply["operationTime"], clusterTime["clusterTime"]);
            var hash = (BsonBinaryData)clusterTime["signature"]["hash"];
            Assert.Equal(new byte[20], hash.Bytes);
            Assert.Equal(BsonBinarySubType.Binary, hash.SubType);
            Assert.Equal(0L, clusterTime["signature"]["keyId"].ToInt64());
        }

        Assert.True(((BsonTimestamp)second["operationTime"]).Value > ((BsonTimestamp)first["operationTime"]).Value);
    }

    [Fact]
    public async Task Error_replies_carry_the_cluster_time_too()
    {
        var reply = await fixture.RunAsync(new BsonDocument("noSuchCommand", 1));
        Reply.Error(reply, 59);
        Assert.Equal(BsonType.Timestamp, reply["operationTime"].BsonType);
    }

    [Fact]
    public void The_connection_string_names_the_set() =>
        Assert.EndsWith("/?replicaSet=rs0", fixture.Server.ConnectionString, StringComparison.Ordinal);

    [Fact]
    public async Task A_retried_write_with_the_same_txnNumber_is_applied_once()
    {
        var lsid = new BsonDocument("id", new BsonBinaryData(Guid.NewGuid().ToByteArray(), BsonBinarySubType.UuidStandard));
        BsonDocument Insert() => new()
        {
            { "insert", "retried" },
            { "documents", new BsonArray { new BsonDocument("x", 1) } },
            { "lsid", lsid },
            { "txnNumber", 1L },
        };

        Assert.Equal(1, Reply.Ok(await fixture.RunAsync(Insert()))["n"].ToInt32());
        Assert.Equal(1, Reply.Ok(await fixture.RunAsync(Insert()))["n"].ToInt32());
        var count = Reply.Ok(await fixture.RunAsync(new BsonDocument { { "count", "retried" } }));
        Assert.Equal(1, count["n"].ToInt32());
    }
}

/// <summary>A standalone keeps answering as one.</summary>
public sealed class StandaloneModeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_standalone_sends_no_cluster_time_and_no_set_name()
    {
        var reply = Reply.Ok(await fixture.RunAsync(new BsonDocument("hello", 1), "admin"));
        Assert.False(reply.Contains("setName"));
        Assert.False(reply.Contains("$clusterTime"));
        Assert.DoesNotContain("replicaSet", fixture.Server.ConnectionString, StringComparison.Ordinal);
    }
}

using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Tests;

public sealed class HandshakeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Hello_describes_a_writable_standalone_of_wire_version_21()
    {
        var reply = Reply.Ok(await fixture.RunAsync(new BsonDocument { { "hello", 1 }, { "helloOk", true } }, "admin"));

        Assert.True(reply["isWritablePrimary"].AsBoolean);
        Assert.True(reply["helloOk"].AsBoolean);
        Assert.Equal(21, reply["maxWireVersion"].AsInt32);
        Assert.Equal(0, reply["minWireVersion"].AsInt32);
        Assert.Equal(16 * 1024 * 1024, reply["maxBsonObjectSize"].AsInt32);
        Assert.Equal(48_000_000, reply["maxMessageSizeBytes"].AsInt32);
        Assert.Equal(100_000, reply["maxWriteBatchSize"].AsInt32);
        Assert.Equal(30, reply["logicalSessionTimeoutMinutes"].AsInt32);
        Assert.True(reply["localTime"].IsDateTime);
        Assert.True(reply["topologyVersion"]["processId"].IsObjectId);
        Assert.True(reply["connectionId"].IsInt64);
        Assert.False(reply.Contains("setName"));
    }

    [Fact]
    public async Task IsMaster_answers_with_the_legacy_field()
    {
        var reply = Reply.Ok(await fixture.RunAsync(new BsonDocument("isMaster", 1), "admin"));
        Assert.True(reply["ismaster"].AsBoolean);
    }

    [Fact]
    public async Task Legacy_OP_QUERY_hello_is_answered_with_OP_REPLY()
    {
        var client = await fixture.ConnectAsync();
        var reply = await client.QueryAsync("admin.$cmd", new BsonDocument { { "isMaster", 1 }, { "client", new BsonDocument("driver", new BsonDocument("name", "test")) } });
        Reply.Ok(reply);
        Assert.True(reply["ismaster"].AsBoolean);
    }

    [Fact]
    public async Task OP_QUERY_for_other_commands_is_refused()
    {
        var client = await fixture.ConnectAsync();
        var reply = await client.QueryAsync("test.$cmd", new BsonDocument("find", "c"));
        Reply.Error(reply, 352, "UnsupportedOpQueryCommand");
    }

    [Fact]
    public async Task Compression_is_negotiated_in_the_client_order()
    {
        var reply = Reply.Ok(await fixture.RunAsync(new BsonDocument { { "hello", 1 }, { "compression", new BsonArray { "zstd", "lz4", "zlib" } } }, "admin"));
        Assert.Equal(new BsonArray { "zstd", "zlib" }, reply["compression"]);
    }

    [Fact]
    public async Task Hello_refuses_client_metadata_twice_on_one_connection()
    {
        var client = await fixture.ConnectAsync();
        var metadata = new BsonDocument("application", new BsonDocument("name", "x"));
        Reply.Ok(await client.RunAsync(new BsonDocument { { "hello", 1 }, { "client", metadata } }, "admin"));
        Reply.Error(await client.RunAsync(new BsonDocument { { "hello", 1 }, { "client", metadata } }, "admin"), 186);
    }

    [Fact]
    public async Task Unknown_commands_answer_CommandNotFound()
    {
        var reply = await fixture.RunAsync(new BsonDocument("frobnicate", 1));
        Reply.Error(reply, 59, "CommandNotFound");
        Assert.Equal("no such command: 'frobnicate'", reply["errmsg"].AsString);
        Assert.Equal(0.0, reply["ok"].AsDouble);
    }

    [Fact]
    public async Task Commands_are_dispatched_case_insensitively()
    {
        Reply.Ok(await fixture.RunAsync(new BsonDocument("PING", 1)));
    }

    [Fact]
    public async Task Diagnostic_commands_answer()
    {
        Reply.Ok(await fixture.RunAsync(new BsonDocument("ping", 1)));
        var build = Reply.Ok(await fixture.RunAsync(new BsonDocument("buildInfo", 1), "admin"));
        Assert.Equal("7.0.0", build["version"].AsString);
        Assert.True(build["openquizzEmbedded"].AsBoolean);
        Assert.Equal(new BsonArray { 7, 0, 0, 0 }, build["versionArray"]);

        var host = Reply.Ok(await fixture.RunAsync(new BsonDocument("hostInfo", 1), "admin"));
        Assert.True(host["system"]["numCores"].AsInt32 > 0);

        var status = Reply.Ok(await fixture.RunAsync(new BsonDocument("serverStatus", 1), "admin"));
        Assert.Equal("7.0.0", status["version"].AsString);
        Assert.True(status["connections"]["current"].AsInt32 >= 1);
        Assert.True(status["opcounters"]["command"].AsInt64 >= 1);
        Assert.True(status.Contains("uptime"));

        var connection = Reply.Ok(await fixture.RunAsync(new BsonDocument("connectionStatus", 1), "admin"));
        Assert.Empty(connection["authInfo"]["authenticatedUsers"].AsBsonArray);

        var uri = Reply.Ok(await fixture.RunAsync(new BsonDocument("whatsmyuri", 1), "admin"));
        Assert.StartsWith("127.0.0.1:", uri["you"].AsString);
    }

    [Fact]
    public async Task Sessions_start_and_end()
    {
        var reply = Reply.Ok(await fixture.RunAsync(new BsonDocument("startSession", 1), "admin"));
        var id = reply["id"]["id"].AsBsonBinaryData;
        Assert.Equal(BsonBinarySubType.UuidStandard, id.SubType);
        Assert.Equal(30, reply["timeoutMinutes"].AsInt32);
        Reply.Ok(await fixture.RunAsync(new BsonDocument("endSessions", new BsonArray { new BsonDocument("id", id) }), "admin"));
    }

    [Fact]
    public async Task A_missing_db_field_is_an_error_and_the_connection_stays_usable()
    {
        var client = await fixture.ConnectAsync();
        var raw = Wire.WireFrames.OpMsg(7, new BsonDocument("ping", 1), new Wire.WireOptions());
        await client.SendAsync(raw);
        Reply.Error((await client.ReadReplyAsync()).Body, 40571);
        Reply.Ok(await client.RunAsync(new BsonDocument("ping", 1)));
    }
}

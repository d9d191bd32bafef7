using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Tests.Infrastructure;

namespace OpenQuizz.Typed.Tests.Connections;

public class HandshakeTests
{
    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task First_hello_is_a_legacy_query_without_an_api_version(SyncOrAsync mode)
    {
        var server = new FakeServer();
        server.HelloReply.Add("setName", "rs0");
        server.HelloReply.Add("compression", new BsonArray { "zlib" });
        using var connection = await TestConnections.OpenAsync(server, mode, new ConnectionSettings { ApplicationName = "quizz-app" });

        var hello = Assert.Single(server.Requests);
        Assert.Equal(TestWire.OpQuery, hello.Opcode);
        Assert.Equal("isMaster", hello.CommandName);
        Assert.True(hello.Body["helloOk"].AsBoolean);
        Assert.False(hello.Body.Contains("loadBalanced"));
        var client = hello.Body["client"].AsBsonDocument;
        Assert.Equal("quizz-app", client["application"]["name"].AsString);
        Assert.Equal("OpenQuizz.Typed", client["driver"]["name"].AsString);
        Assert.Equal("Linux", client["os"]["type"].AsString);
        Assert.True(client.ToBytes().Length <= 512);
        Assert.Empty(hello.Body["compression"].AsBsonArray);

        Assert.True(connection.IsOpen);
        var description = connection.Description!;
        Assert.Equal(21, description.MaxWireVersion);
        Assert.Equal(42, description.ServerConnectionId);
        Assert.Equal(48_000_000, description.MaxMessageSizeBytes);
        Assert.Equal(16 * 1024 * 1024, description.MaxBsonObjectSize);
        Assert.Equal(100_000, description.MaxWriteBatchSize);
        Assert.Equal(TimeSpan.FromMinutes(30), description.LogicalSessionTimeout);
        Assert.Equal("rs0", description.SetName);
        Assert.True(description.IsWritablePrimary);
        Assert.True(description.HelloOk);
        Assert.NotNull(description.TopologyVersion);
        Assert.Null(description.Compressor);
        Assert.Equal(["zlib"], description.ServerCompressors);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Declared_api_version_uses_op_msg_hello_and_goes_on_every_command(SyncOrAsync mode)
    {
        var server = new FakeServer();
        var settings = new ConnectionSettings { ServerApi = new ServerApi(ServerApiVersion.V1, strict: true, deprecationErrors: true) };
        using var connection = await TestConnections.OpenAsync(server, mode, settings);
        await TestConnections.RunAsync(connection, mode, new BsonDocument("ping", 1));

        Assert.All(server.Requests, r =>
        {
            Assert.Equal(TestWire.OpMsg, r.Opcode);
            Assert.Equal("1", r.Body["apiVersion"].AsString);
            Assert.True(r.Body["apiStrict"].AsBoolean);
            Assert.True(r.Body["apiDeprecationErrors"].AsBoolean);
        });
        Assert.Equal("hello", server.Requests[0].CommandName);
        Assert.Equal("admin", server.Requests[0].Body["$db"].AsString);
        Assert.Equal("openquizz", server.Requests[1].Body["$db"].AsString);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Load_balanced_mode_sends_the_flag_and_requires_a_service_id(SyncOrAsync mode)
    {
        var server = new FakeServer();
        var serviceId = ObjectId.GenerateNewId();
        server.HelloReply.Add("serviceId", serviceId);
        using (var connection = await TestConnections.OpenAsync(server, mode, new ConnectionSettings { LoadBalanced = true }))
        {
            Assert.Equal("hello", server.Requests[0].CommandName);
            Assert.True(server.Requests[0].Body["loadBalanced"].AsBoolean);
            Assert.Equal(serviceId, connection.Description!.ServiceId);
        }

        var without = new FakeServer();
        var error = await Assert.ThrowsAsync<MongoConnectionException>(() => TestConnections.OpenAsync(without, mode, new ConnectionSettings { LoadBalanced = true }));
        Assert.Contains("serviceId", error.Message);
        Assert.True(without.Stream.IsDisposed);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Servers_older_than_the_minimum_wire_version_are_refused(SyncOrAsync mode)
    {
        var server = new FakeServer();
        server.HelloReply["maxWireVersion"] = 5;
        var error = await Assert.ThrowsAsync<MongoConnectionException>(() => TestConnections.OpenAsync(server, mode));
        Assert.Contains("wire version", error.Message);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task A_failed_hello_breaks_the_connection(SyncOrAsync mode)
    {
        var server = new FakeServer { HelloReply = new BsonDocument { { "ok", 0 }, { "errmsg", "no" }, { "code", 11 } } };
        var settings = new ConnectionSettings { StreamFactory = server };
        using var connection = new MongoConnection(FakeServer.Address, settings);
        var error = await Assert.ThrowsAsync<MongoCommandException>(async () =>
        {
            if (mode == SyncOrAsync.Async)
            {
                await connection.OpenAsync();
            }
            else
            {
                connection.Open();
            }
        });
        Assert.Equal(11, error.Code);
        Assert.True(connection.IsBroken);
        Assert.Throws<MongoConnectionClosedException>(() => connection.RunCommand("db", new BsonDocument("ping", 1)));
    }

    [Fact]
    public void Client_metadata_appends_the_wrapping_driver_and_stays_within_512_bytes()
    {
        var metadata = ClientMetadata.Create("app", new DriverInfo("Wrapper", "2.0", "wrapper-platform"));
        Assert.Equal("OpenQuizz.Typed|Wrapper", metadata["driver"]["name"].AsString);
        Assert.EndsWith("|2.0", metadata["driver"]["version"].AsString);
        Assert.EndsWith("|wrapper-platform", metadata["platform"].AsString);

        var huge = ClientMetadata.Create("app", new DriverInfo("Wrapper", "1", new string('p', 600)));
        Assert.True(huge.ToBytes().Length <= 512);
        Assert.False(huge.Contains("platform"));
        Assert.Equal(["type"], huge["os"].AsBsonDocument.Names);
    }

    [Fact]
    public void Appended_driver_information_follows_the_settings_one_once_each_and_only_where_given()
    {
        var source = new ClientMetadataSource(new DriverInfo("Wrapper", "2.0"));
        source.Append(new DriverInfo("framework", "3.1", "Framework Platform"));
        source.Append(new DriverInfo("framework", "3.1", "Framework Platform"));
        source.Append(new DriverInfo("plugin"));

        var metadata = ClientMetadata.Create("app", source.DriverInfos);
        Assert.Equal("OpenQuizz.Typed|Wrapper|framework|plugin", metadata["driver"]["name"].AsString);
        Assert.EndsWith("|2.0|3.1", metadata["driver"]["version"].AsString);
        Assert.EndsWith("|Framework Platform", metadata["platform"].AsString);
        Assert.Equal(3, source.DriverInfos.Count);
    }
}

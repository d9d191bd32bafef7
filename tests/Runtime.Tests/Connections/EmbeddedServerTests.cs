using MongoDB.Bson;
using System.Net;
using System.Net.Sockets;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Compression;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Embedded;
using OpenQuizz.Typed.Tests.Infrastructure;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Tests.Connections;

/// <summary>One embedded server (TCP and a Unix socket) for the integration tests of this class.</summary>
public sealed class EmbeddedServerFixture : IAsyncLifetime
{
    public EmbeddedMongoServer Server { get; private set; } = null!;

    public string SocketPath { get; } = Path.Combine(Path.GetTempPath(), $"oq-runtime-tests-{Guid.NewGuid():N}.sock");

    public MongoServerAddress Address => new(Server.EndPoint.Address.ToString(), Server.EndPoint.Port);

    public async ValueTask InitializeAsync() => Server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { UnixSocketPath = SocketPath });

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        File.Delete(SocketPath);
    }
}

public class EmbeddedServerTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private async Task<MongoConnection> OpenAsync(SyncOrAsync mode, ConnectionSettings? settings = null, MongoServerAddress? address = null)
    {
        var connection = new MongoConnection(address ?? fixture.Address, settings ?? new ConnectionSettings { ConnectTimeout = TimeSpan.FromSeconds(10) });
        if (mode == SyncOrAsync.Async)
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
        }
        else
        {
            connection.Open(TestContext.Current.CancellationToken);
        }

        return connection;
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Handshake_and_ping_over_tcp(SyncOrAsync mode)
    {
        using var connection = await OpenAsync(mode, new ConnectionSettings { ApplicationName = "runtime-tests" });
        var description = connection.Description!;
        Assert.True(description.MaxWireVersion >= MongoConnection.MinimumWireVersion);
        Assert.True(description.MaxBsonObjectSize > 0);
        Assert.True(description.MaxMessageSizeBytes > 0);
        Assert.Equal(1, (await TestConnections.RunAsync(connection, mode, new BsonDocument("ping", 1), database: "admin"))["ok"].ToInt32());
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Handshake_over_a_unix_socket(SyncOrAsync mode)
    {
        using var connection = await OpenAsync(mode, address: MongoServerAddress.ForUnixSocket(fixture.SocketPath));
        Assert.Equal(1, (await TestConnections.RunAsync(connection, mode, new BsonDocument("ping", 1), database: "admin"))["ok"].ToInt32());
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Stable_api_handshake_uses_op_msg_hello(SyncOrAsync mode)
    {
        using var connection = await OpenAsync(mode, new ConnectionSettings { ServerApi = new ServerApi(ServerApiVersion.V1) });
        Assert.Equal(1, (await TestConnections.RunAsync(connection, mode, new BsonDocument("ping", 1), database: "admin"))["ok"].ToInt32());
    }

    public static TheoryData<SyncOrAsync, MongoCompressorType> Compressors
    {
        get
        {
            var data = new TheoryData<SyncOrAsync, MongoCompressorType>();
            foreach (var mode in new[] { SyncOrAsync.Sync, SyncOrAsync.Async })
            {
                foreach (var type in new[] { MongoCompressorType.Zlib, MongoCompressorType.Snappy, MongoCompressorType.Zstd })
                {
                    data.Add(mode, type);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Compressors))]
    public async Task Each_compressor_round_trips_an_insert_and_a_find(SyncOrAsync mode, MongoCompressorType type)
    {
        using var connection = await OpenAsync(mode, new ConnectionSettings { Compressors = [MongoCompressor.For(type)] });
        Assert.Equal(type, connection.Description!.Compressor);

        var collection = $"c_{type}_{mode}_{Guid.NewGuid():N}";
        var documents = Enumerable.Range(0, 50).Select(i => new BsonDocument { { "_id", i }, { "title", $"quiz {i} " + new string('x', 200) } }).ToList();
        var insert = new CommandRequest("runtime_tests", new BsonDocumentCommandBody(new BsonDocument("insert", collection)), [new BsonDocumentSequence("documents", documents)]);
        using (var reply = await TestConnections.ExecuteAsync(connection, mode, insert))
        {
            Assert.Equal(50, reply!.ToBsonDocument()["n"].ToInt32());
        }

        var found = await TestConnections.RunAsync(connection, mode, new BsonDocument { { "find", collection }, { "filter", new BsonDocument("_id", new BsonDocument("$gte", 45)) } }, database: "runtime_tests");
        var batch = found["cursor"]["firstBatch"].AsBsonArray;
        Assert.Equal(5, batch.Count);
        Assert.Equal(documents[45], batch[0]);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Server_errors_surface_as_command_exceptions(SyncOrAsync mode)
    {
        using var connection = await OpenAsync(mode);
        var error = await Assert.ThrowsAsync<MongoCommandException>(() => TestConnections.RunAsync(connection, mode, new BsonDocument("noSuchCommandHere", 1)));
        Assert.NotEqual(0, error.Code);
        Assert.True(connection.IsOpen);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Refused_connections_raise_connection_errors(SyncOrAsync mode)
    {
        // A port that was just free: bind, read the port, close.
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        var connection = new MongoConnection(new MongoServerAddress("127.0.0.1", port), new ConnectionSettings());
        var error = await Assert.ThrowsAsync<MongoConnectionException>(async () =>
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
        Assert.False(error.IsTimeout);
        Assert.Equal(port, error.Address!.Port);
        Assert.True(connection.IsBroken);
    }
}

using System.Buffers.Binary;
using System.Net.Sockets;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;

namespace OpenQuizz.Typed.Embedded.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task Serves_a_unix_domain_socket_and_removes_it_on_stop()
    {
        var path = Path.Combine(Path.GetTempPath(), "oq-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
        var server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { UnixSocketPath = path });
        await using (server)
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
            await using var stream = new NetworkStream(socket);
            await stream.WriteAsync(WireFrames.OpMsg(1, new BsonDocument { { "ping", 1 }, { "$db", "admin" } }, new WireOptions()));
            var header = new byte[16];
            await stream.ReadExactlyAsync(header);
            var message = new byte[BinaryPrimitives.ReadInt32LittleEndian(header)];
            header.CopyTo(message, 0);
            await stream.ReadExactlyAsync(message.AsMemory(16));
            Reply.Ok(WireFrames.ParseReply(message).Body);
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Stop_closes_open_connections()
    {
        var server = await EmbeddedMongoServer.StartAsync();
        Assert.StartsWith("mongodb://127.0.0.1:", server.ConnectionString);
        Assert.NotEqual(0, server.EndPoint.Port);
        await using var client = await WireClient.ConnectAsync(server.EndPoint);
        Reply.Ok(await client.RunAsync(new BsonDocument("ping", 1)));
        await server.StopAsync();
        Assert.True(await client.IsClosedByServerAsync());
        Assert.Equal(0, server.ConnectionCount);
        await server.DisposeAsync();
    }
}

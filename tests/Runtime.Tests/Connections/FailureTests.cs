using MongoDB.Bson;
using System.Buffers.Binary;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Tests.Infrastructure;

namespace OpenQuizz.Typed.Tests.Connections;

/// <summary>Truncated, garbage and oversize replies, timeouts and cancellation: each breaks the connection and raises a typed error.</summary>
public class FailureTests
{
    private static byte[] GoodReply(int requestId) => TestWire.Msg(requestId, new BsonDocument { { "ok", 1 }, { "pad", "some payload" } });

    private static async Task<(FakeServer Server, MongoConnection Connection)> OpenAsync(SyncOrAsync mode, ConnectionSettings? settings = null)
    {
        var server = new FakeServer();
        return (server, await TestConnections.OpenAsync(server, mode, settings));
    }

    private static async Task AssertBrokenAsync(MongoConnection connection, SyncOrAsync mode)
    {
        Assert.True(connection.IsBroken);
        Assert.False(connection.IsOpen);
        var again = await Assert.ThrowsAsync<MongoConnectionClosedException>(() => TestConnections.RunAsync(connection, mode, new BsonDocument("ping", 1)));
        Assert.Equal(ConnectionClosedReason.Broken, again.Reason);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Stream_ending_in_mid_message_is_a_closed_connection(SyncOrAsync mode)
    {
        var (server, connection) = await OpenAsync(mode);
        using var _ = connection;
        server.OnCommand = r => new ScriptedAnswer(GoodReply(r.RequestId)[..30], EndOfStream: true);
        var error = await Assert.ThrowsAsync<MongoConnectionClosedException>(() => TestConnections.RunAsync(connection, mode, new BsonDocument("ping", 1)));
        Assert.Equal(ConnectionClosedReason.ServerClosed, error.Reason);
        Assert.Equal(FakeServer.Address, error.Address);
        Assert.True(server.Stream.IsDisposed);
        await AssertBrokenAsync(connection, mode);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Stream_ending_inside_the_header_is_a_closed_connection(SyncOrAsync mode)
    {
        var (server, connection) = await OpenAsync(mode);
        using var _ = connection;
        server.OnCommand = r => new ScriptedAnswer(GoodReply(r.RequestId)[..7], EndOfStream: true);
        await Assert.ThrowsAsync<MongoConnectionClosedException>(() => TestConnections.RunAsync(connection, mode, new BsonDocument("ping", 1)));
        await AssertBrokenAsync(connection, mode);
    }

    public static TheoryData<SyncOrAsync, string> GarbageCases
    {
        get
        {
            var data = new TheoryData<SyncOrAsync, string>();
            foreach (var mode in new[] { SyncOrAsync.Sync, SyncOrAsync.Async })
            {
                foreach (var kind in new[] { "oversize length", "negative length", "wrong responseTo", "garbage body", "bad checksum", "unknown opcode", "invalid bson" })
                {
                    data.Add(mode, kind);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(GarbageCases))]
    public async Task Unparsable_replies_raise_protocol_errors_and_break_the_connection(SyncOrAsync mode, string kind)
    {
        var (server, connection) = await OpenAsync(mode);
        using var _ = connection;
        server.OnCommand = r =>
        {
            var reply = GoodReply(r.RequestId);
            switch (kind)
            {
                case "oversize length":
                    BinaryPrimitives.WriteInt32LittleEndian(reply, 100_000_000);
                    break;
                case "negative length":
                    BinaryPrimitives.WriteInt32LittleEndian(reply, -5);
                    break;
                case "wrong responseTo":
                    BinaryPrimitives.WriteInt32LittleEndian(reply.AsSpan(8), r.RequestId + 1000);
                    break;
                case "garbage body":
                    new Random(1).NextBytes(reply.AsSpan(20));
                    reply[20] = 0;
                    break;
                case "bad checksum":
                    reply = TestWire.Msg(r.RequestId, new BsonDocument("ok", 1), checksum: true);
                    reply[^1] ^= 0x01;
                    break;
                case "unknown opcode":
                    BinaryPrimitives.WriteInt32LittleEndian(reply.AsSpan(12), 9999);
                    break;
                case "invalid bson":
                    // A well-framed body whose element type byte is not BSON.
                    reply[25] = 0x42;
                    break;
            }

            return reply;
        };

        var error = await Assert.ThrowsAsync<MongoProtocolException>(() => TestConnections.RunAsync(connection, mode, new BsonDocument("ping", 1)));
        Assert.Equal(FakeServer.Address, error.Address);
        Assert.False(error.IsTimeout);
        await AssertBrokenAsync(connection, mode);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Cancellation_while_waiting_for_a_reply_breaks_the_connection(SyncOrAsync mode)
    {
        var (server, connection) = await OpenAsync(mode);
        using var _ = connection;
        using var cancellation = new CancellationTokenSource();

        // The server takes the request, sends half a reply, and the caller gives up.
        server.OnCommand = r =>
        {
            cancellation.Cancel();
            return GoodReply(r.RequestId)[..20];
        };

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TestConnections.RunAsync(connection, mode, new BsonDocument("ping", 1), cancellation.Token));
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.True(server.Stream.IsDisposed);
        await AssertBrokenAsync(connection, mode);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Cancellation_before_sending_breaks_nothing_on_the_wire_but_the_connection_is_not_reused(SyncOrAsync mode)
    {
        var (server, connection) = await OpenAsync(mode);
        using var _ = connection;
        var sent = server.Requests.Count;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TestConnections.RunAsync(connection, mode, new BsonDocument("ping", 1), new CancellationToken(canceled: true)));
        Assert.Equal(sent, server.Requests.Count);
        await AssertBrokenAsync(connection, mode);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Socket_timeout_raises_a_timeout_error(SyncOrAsync mode)
    {
        var (server, connection) = await OpenAsync(mode, new ConnectionSettings { SocketTimeout = TimeSpan.FromMilliseconds(50) });
        using var _ = connection;
        server.OnCommand = _ => ScriptedAnswer.Nothing;
        var error = await Assert.ThrowsAsync<MongoConnectionException>(() => TestConnections.RunAsync(connection, mode, new BsonDocument("ping", 1)));
        Assert.True(error.IsTimeout);
        Assert.Contains("socketTimeoutMS", error.Message);
        await AssertBrokenAsync(connection, mode);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task A_reply_in_time_is_not_affected_by_the_socket_timeout(SyncOrAsync mode)
    {
        var (_, connection) = await OpenAsync(mode, new ConnectionSettings { SocketTimeout = TimeSpan.FromSeconds(30) });
        using var __ = connection;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, (await TestConnections.RunAsync(connection, mode, new BsonDocument("ping", 1)))["ok"].AsInt32);
        }
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Disposed_connections_refuse_commands(SyncOrAsync mode)
    {
        var (server, connection) = await OpenAsync(mode);
        connection.Dispose();
        connection.Dispose();
        Assert.True(server.Stream.IsDisposed);
        var error = await Assert.ThrowsAsync<MongoConnectionClosedException>(() => TestConnections.RunAsync(connection, mode, new BsonDocument("ping", 1)));
        Assert.Equal(ConnectionClosedReason.Disposed, error.Reason);
    }

    [Fact]
    public void Idle_expiry_follows_the_last_use()
    {
        using var connection = new MongoConnection(FakeServer.Address, new ConnectionSettings { StreamFactory = new FakeServer() });
        Assert.False(connection.IsExpired(TimeSpan.Zero));
        Assert.False(connection.IsExpired(Timeout.InfiniteTimeSpan));
        Assert.False(connection.IsExpired(TimeSpan.FromHours(1)));
        Assert.DoesNotContain("password", connection.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}

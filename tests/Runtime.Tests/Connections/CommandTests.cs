using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Compression;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Tests.Infrastructure;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Tests.Connections;

public class CommandTests
{
    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Sends_document_sequences_and_returns_the_raw_reply(SyncOrAsync mode)
    {
        var server = new FakeServer
        {
            OnCommand = r => TestWire.MsgWithSequence(r.RequestId, new BsonDocument { { "ok", 1 }, { "n", r.Sequences["documents"].Count } }, "echo", r.Sequences["documents"]),
        };
        using var connection = await TestConnections.OpenAsync(server, mode);
        var documents = Enumerable.Range(0, 5).Select(i => new BsonDocument("_id", i)).ToList();
        var request = new CommandRequest("openquizz", new BsonDocumentCommandBody(new BsonDocument("insert", "quizzes")), [new BsonDocumentSequence("documents", documents)]);

        using var reply = await TestConnections.ExecuteAsync(connection, mode, request);
        Assert.NotNull(reply);
        Assert.Equal(5, reply.ToBsonDocument()["n"].AsInt32);
        Assert.Equal("echo", reply.GetSequenceIdentifier(0));
        Assert.Equal(documents, server.Requests[^1].Sequences["documents"]);
        Assert.Equal(new BsonDocument { { "insert", "quizzes" }, { "$db", "openquizz" } }, server.Requests[^1].Body);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Unacknowledged_writes_set_more_to_come_and_read_nothing(SyncOrAsync mode)
    {
        var server = new FakeServer { OnCommand = _ => ScriptedAnswer.Nothing };
        using var connection = await TestConnections.OpenAsync(server, mode);
        var request = new CommandRequest("db", new BsonDocumentCommandBody(new BsonDocument("insert", "c")), Flags: CommandFlags.MoreToCome);
        var reply = await TestConnections.ExecuteAsync(connection, mode, request);
        Assert.Null(reply);
        Assert.Equal(2u, server.Requests[^1].Flags & 2u);
        Assert.True(connection.IsOpen);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Exhaust_replies_are_read_one_after_another(SyncOrAsync mode)
    {
        var server = new FakeServer();
        server.OnCommand = r => TestWire.Msg(r.RequestId, new BsonDocument { { "ok", 1 }, { "n", 1 } }, flags: 2);
        using var connection = await TestConnections.OpenAsync(server, mode);
        var request = new CommandRequest("admin", new BsonDocumentCommandBody(new BsonDocument("streamingCommand", 1)), Flags: CommandFlags.ExhaustAllowed);
        using var first = await TestConnections.ExecuteAsync(connection, mode, request);
        Assert.True(first!.MoreToCome);
        Assert.Equal(1u << 16, server.Requests[^1].Flags);

        server.Stream.Push(TestWire.Msg(first.Header.RequestId, new BsonDocument { { "ok", 1 }, { "n", 2 } }));
        using var second = mode == SyncOrAsync.Async ? await connection.ReceiveMoreAsync() : connection.ReceiveMore();
        Assert.Equal(2, second.ToBsonDocument()["n"].AsInt32);
        Assert.False(second.MoreToCome);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Command_errors_are_typed_and_leave_the_connection_usable(SyncOrAsync mode)
    {
        var server = new FakeServer
        {
            OnCommand = r => r.CommandName == "insert"
                ? TestWire.Msg(r.RequestId, new BsonDocument
                {
                    { "ok", 0.0 }, { "errmsg", "not primary" }, { "code", 10107 }, { "codeName", "NotWritablePrimary" },
                    { "errorLabels", new BsonArray { "RetryableWriteError" } },
                })
                : TestWire.Msg(r.RequestId, new BsonDocument("ok", 1)),
        };
        using var connection = await TestConnections.OpenAsync(server, mode);
        var error = await Assert.ThrowsAsync<MongoCommandException>(() => TestConnections.RunAsync(connection, mode, new BsonDocument("insert", "c")));
        Assert.Equal(10107, error.Code);
        Assert.Equal("NotWritablePrimary", error.CodeName);
        Assert.Equal("not primary", error.ErrorMessage);
        Assert.True(error.HasErrorLabel("RetryableWriteError"));
        Assert.False(error.HasErrorLabel("TransientTransactionError"));
        error.AddErrorLabel("TransientTransactionError");
        Assert.Equal(["RetryableWriteError", "TransientTransactionError"], error.ErrorLabels);
        Assert.Equal(FakeServer.Address, error.Address);
        Assert.Equal("insert", error.CommandName);
        Assert.Contains("NotWritablePrimary", error.Message);

        Assert.True(connection.IsOpen);
        Assert.Equal(1, (await TestConnections.RunAsync(connection, mode, new BsonDocument("ping", 1)))["ok"].AsInt32);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Oversize_commands_are_refused_before_sending(SyncOrAsync mode)
    {
        var server = new FakeServer();
        server.HelloReply["maxBsonObjectSize"] = 1024;
        server.HelloReply["maxMessageSizeBytes"] = 4096;
        using var connection = await TestConnections.OpenAsync(server, mode);
        var sent = server.Requests.Count;

        var bigDocument = new BsonDocument { { "insert", "c" }, { "pad", new string('x', 20_000) } };
        var error = await Assert.ThrowsAsync<MongoMessageTooLargeException>(() => TestConnections.RunAsync(connection, mode, bigDocument));
        Assert.Equal(4096, error.Maximum);

        var manySmall = Enumerable.Range(0, 100).Select(i => new BsonDocument("pad", new string('y', 100))).ToList();
        var request = new CommandRequest("db", new BsonDocumentCommandBody(new BsonDocument("insert", "c")), [new BsonDocumentSequence("documents", manySmall)]);
        await Assert.ThrowsAsync<MongoMessageTooLargeException>(() => TestConnections.ExecuteAsync(connection, mode, request));

        Assert.Equal(sent, server.Requests.Count);
        Assert.True(connection.IsOpen);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Checksums_are_sent_when_configured_and_verified_on_replies(SyncOrAsync mode)
    {
        var server = new FakeServer { OnCommand = r => TestWire.Msg(r.RequestId, new BsonDocument("ok", 1), checksum: true) };
        using var connection = await TestConnections.OpenAsync(server, mode, new ConnectionSettings { SendChecksums = true });
        await TestConnections.RunAsync(connection, mode, new BsonDocument("ping", 1));
        Assert.True(server.Requests[^1].HadChecksum);
    }

    public static TheoryData<SyncOrAsync, MongoCompressorType> CompressorCases
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
    [MemberData(nameof(CompressorCases))]
    public async Task Negotiated_compressor_compresses_commands_but_never_the_handshake_or_authentication(SyncOrAsync mode, MongoCompressorType type)
    {
        var server = new FakeServer();
        server.HelloReply.Add("compression", new BsonArray { "zstd", "snappy", "zlib" });
        var settings = new ConnectionSettings { Compressors = [MongoCompressor.For(type)] };
        using var connection = await TestConnections.OpenAsync(server, mode, settings);
        Assert.Equal(type, connection.Description!.Compressor);
        Assert.Equal(type, connection.Compressor!.Type);
        Assert.Equal([MongoCompressor.NameOf(type)], server.Requests[0].Body["compression"].AsBsonArray.Select(v => v.AsString));

        var reply = await TestConnections.RunAsync(connection, mode, new BsonDocument { { "find", "quizzes" }, { "filter", new BsonDocument("title", new string('q', 500)) } });
        Assert.Equal(1, reply["ok"].AsInt32);
        Assert.Equal((int)type, server.Requests[^1].CompressorId);

        await TestConnections.RunAsync(connection, mode, new BsonDocument("saslStart", 1));
        Assert.Null(server.Requests[^1].CompressorId);
        Assert.Null(server.Requests[0].CompressorId);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task First_client_compressor_the_server_supports_wins(SyncOrAsync mode)
    {
        var server = new FakeServer();
        server.HelloReply.Add("compression", new BsonArray { "snappy", "zlib" });
        var settings = new ConnectionSettings { Compressors = [MongoCompressor.Zlib.WithLevel(9), MongoCompressor.Snappy] };
        using var connection = await TestConnections.OpenAsync(server, mode, settings);
        Assert.Equal(MongoCompressorType.Zlib, connection.Description!.Compressor);
        Assert.Equal(9, Assert.IsType<ZlibCompressor>(connection.Compressor).Level);

        var none = new FakeServer();
        using var plain = await TestConnections.OpenAsync(none, mode, settings);
        Assert.Null(plain.Description!.Compressor);
        await TestConnections.RunAsync(plain, mode, new BsonDocument("ping", 1));
        Assert.Null(none.Requests[^1].CompressorId);
    }
}

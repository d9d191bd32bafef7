using System.Buffers.Binary;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;

namespace OpenQuizz.Typed.Embedded.Tests;

public sealed class ProtocolTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData((byte)1, "snappy")]
    [InlineData((byte)2, "zlib")]
    [InlineData((byte)3, "zstd")]
    public async Task Compressed_requests_get_replies_compressed_the_same_way(byte compressorId, string name)
    {
        var client = await fixture.ConnectAsync();
        Reply.Ok(await client.RunAsync(new BsonDocument { { "hello", 1 }, { "compression", new BsonArray { name } } }, "admin"));
        var options = new WireOptions { CompressorId = compressorId };
        var documents = new BsonArray();
        for (var i = 0; i < 50; i++)
        {
            documents.Add(new BsonDocument { { "_id", i }, { "text", new string('x', 200) } });
        }

        var collection = "compressed_" + name;
        Assert.Equal(50, Reply.Ok(await client.RunAsync(new BsonDocument { { "insert", collection }, { "documents", documents } }, options: options))["n"].AsInt32);

        var body = new BsonDocument { { "find", collection }, { "batchSize", 100 }, { "$db", "test" } };
        await client.SendAsync(WireFrames.OpMsg(99, body, options));
        var reply = await client.ReadReplyAsync();
        Assert.True(reply.WasCompressed);
        Assert.Equal(compressorId, reply.CompressorId);
        Assert.Equal(50, Reply.FirstBatch(reply.Body).Count);
    }

    [Fact]
    public async Task Compressed_replies_are_not_sent_when_compression_was_not_negotiated()
    {
        var client = await fixture.ConnectAsync();
        await client.SendAsync(WireFrames.OpMsg(5, new BsonDocument { { "ping", 1 }, { "$db", "admin" } }, new WireOptions { CompressorId = 2 }));
        var reply = await client.ReadReplyAsync();
        Assert.False(reply.WasCompressed);
        Reply.Ok(reply.Body);
    }

    [Fact]
    public async Task Checksums_are_verified_and_echoed()
    {
        var client = await fixture.ConnectAsync();
        await client.SendAsync(WireFrames.OpMsg(3, new BsonDocument { { "ping", 1 }, { "$db", "admin" } }, new WireOptions { Checksum = true }));
        var reply = await client.ReadReplyAsync();
        Assert.True(reply.HadChecksum);
        Reply.Ok(reply.Body);
    }

    [Fact]
    public async Task A_compressed_message_with_a_checksum_is_verified()
    {
        var client = await fixture.ConnectAsync();
        Reply.Ok(await client.RunAsync(new BsonDocument { { "hello", 1 }, { "compression", new BsonArray { "zlib" } } }, "admin"));
        Reply.Ok(await client.RunAsync(new BsonDocument("ping", 1), options: new WireOptions { Checksum = true, CompressorId = 2 }));
    }

    [Fact]
    public async Task A_bad_checksum_gets_an_error_reply_and_the_connection_is_closed()
    {
        var client = await fixture.ConnectAsync();
        var message = WireFrames.OpMsg(3, new BsonDocument { { "ping", 1 }, { "$db", "admin" } }, new WireOptions { Checksum = true });
        message[^1] ^= 0xFF;
        await client.SendAsync(message);
        Reply.Error((await client.ReadReplyAsync()).Body, 40437, "ChecksumMismatch");
        Assert.True(await client.IsClosedByServerAsync());
        await ServerStillServes();
    }

    [Fact]
    public async Task Document_sequences_are_merged_into_the_command()
    {
        var client = await fixture.ConnectAsync();
        var documents = new BsonArray { new BsonDocument("_id", 1), new BsonDocument("_id", 2), new BsonDocument("_id", 3) };
        var reply = await client.RunAsync(new BsonDocument { { "insert", "sequences" }, { "documents", documents } }, options: new WireOptions { Sequences = ["documents"] });
        Assert.Equal(3, Reply.Ok(reply)["n"].AsInt32);
        Assert.Equal(3, Reply.Ok(await client.RunAsync(new BsonDocument("count", "sequences")))["n"].AsInt32);
    }

    [Fact]
    public async Task MoreToCome_requests_get_no_reply_but_are_applied()
    {
        var client = await fixture.ConnectAsync();
        await client.RunAsync(new BsonDocument { { "insert", "unacknowledged" }, { "documents", new BsonArray { new BsonDocument("_id", 1) } } }, options: new WireOptions { MoreToCome = true });

        // Requests on a connection are processed in order, so the count sees the insert.
        Assert.Equal(1, Reply.Ok(await client.RunAsync(new BsonDocument("count", "unacknowledged")))["n"].AsInt32);
    }

    [Fact]
    public async Task Garbage_bytes_close_the_connection()
    {
        var client = await fixture.ConnectAsync();
        await client.SendAsync(Enumerable.Range(0, 64).Select(i => (byte)(i * 37)).ToArray());
        Assert.True(await client.IsClosedByServerAsync());
        await ServerStillServes();
    }

    [Fact]
    public async Task A_truncated_header_closes_the_connection_quietly()
    {
        int logged;
        lock (fixture.Log)
        {
            logged = fixture.Log.Count;
        }

        var client = await fixture.ConnectAsync();
        await client.SendAsync([1, 2, 3]);

        // The peer goes away three bytes into a header: the server closes its side without a reply, and logs no failure.
        client.ShutdownSend();
        Assert.True(await client.IsClosedByServerAsync());
        await client.DisposeAsync();
        lock (fixture.Log)
        {
            Assert.DoesNotContain(fixture.Log.Skip(logged), line => line.Contains("unexpected", StringComparison.OrdinalIgnoreCase));
        }

        await ServerStillServes();
    }

    [Fact]
    public async Task An_oversize_length_closes_the_connection()
    {
        var client = await fixture.ConnectAsync();
        var header = new byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(header, 48_000_001);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), 2013);
        await client.SendAsync(header);
        Assert.True(await client.IsClosedByServerAsync());
        await ServerStillServes();
    }

    [Fact]
    public async Task Invalid_BSON_in_the_body_gets_an_error_then_the_connection_closes()
    {
        var client = await fixture.ConnectAsync();
        var message = WireFrames.OpMsg(9, new BsonDocument { { "ping", 1 }, { "$db", "admin" } }, new WireOptions());
        message[21 + 4] = 0x42; // an unknown element type inside the body document
        await client.SendAsync(message);
        Reply.Error((await client.ReadReplyAsync()).Body, 17, "ProtocolError");
        Assert.True(await client.IsClosedByServerAsync());
        await ServerStillServes();
    }

    [Fact]
    public async Task Unknown_required_flag_bits_are_refused()
    {
        var client = await fixture.ConnectAsync();
        var message = WireFrames.OpMsg(9, new BsonDocument { { "ping", 1 }, { "$db", "admin" } }, new WireOptions());
        message[16] |= 0x04;
        await client.SendAsync(message);
        Reply.Error((await client.ReadReplyAsync()).Body, 17);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task Many_connections_are_served_concurrently()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => fixture.ConnectAsync()));
        var replies = await Task.WhenAll(clients.Select(c => c.RunAsync(new BsonDocument("ping", 1))));
        Assert.All(replies, r => Reply.Ok(r));
    }

    private async Task ServerStillServes()
    {
        await using var other = await WireClient.ConnectAsync(fixture.Server.EndPoint);
        Reply.Ok(await other.RunAsync(new BsonDocument("ping", 1)));
    }
}

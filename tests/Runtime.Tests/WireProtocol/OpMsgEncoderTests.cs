using MongoDB.Bson;
using System.Buffers.Binary;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Tests.Infrastructure;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Tests.WireProtocol;

public class OpMsgEncoderTests
{
    private static readonly BsonDocument Insert = new() { { "insert", "quizzes" }, { "ordered", true } };

    [Fact]
    public void Encodes_header_body_db_and_stable_api()
    {
        using var buffer = new PooledByteBufferWriter();
        var request = new CommandRequest("openquizz", new BsonDocumentCommandBody(Insert));
        var encoded = OpMsgEncoder.Encode(buffer, 1234, request, new ServerApi(ServerApiVersion.V1, strict: true, deprecationErrors: false), checksum: false);

        var bytes = buffer.ToArray();
        Assert.Equal(bytes.Length, encoded.Length);
        Assert.Equal(bytes.Length, BinaryPrimitives.ReadInt32LittleEndian(bytes));
        Assert.Equal(1234, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)));
        var parsed = TestWire.Parse(bytes);
        Assert.Equal(TestWire.OpMsg, parsed.Opcode);
        Assert.Equal(0u, parsed.Flags);
        Assert.Equal(
            new BsonDocument
            {
                { "insert", "quizzes" }, { "ordered", true }, { "$db", "openquizz" },
                { "apiVersion", "1" }, { "apiStrict", true }, { "apiDeprecationErrors", false },
            },
            parsed.Body);
    }

    [Fact]
    public void Omits_stable_api_when_asked()
    {
        using var buffer = new PooledByteBufferWriter();
        var request = new CommandRequest("db", new BsonDocumentCommandBody(new BsonDocument("getMore", 5L)), Flags: CommandFlags.OmitServerApi);
        OpMsgEncoder.Encode(buffer, 1, request, new ServerApi(ServerApiVersion.V1), checksum: false);
        Assert.False(TestWire.Parse(buffer.ToArray()).Body.Contains("apiVersion"));
    }

    [Fact]
    public void Encodes_document_sequences_flags_and_checksum()
    {
        using var buffer = new PooledByteBufferWriter();
        var documents = Enumerable.Range(0, 3).Select(i => new BsonDocument { { "_id", i }, { "title", $"quiz {i}" } }).ToList();
        var request = new CommandRequest(
            "openquizz",
            new BsonDocumentCommandBody(Insert),
            [new BsonDocumentSequence("documents", documents)],
            CommandFlags.MoreToCome | CommandFlags.ExhaustAllowed);
        OpMsgEncoder.Encode(buffer, 7, request, null, checksum: true);

        var parsed = TestWire.Parse(buffer.ToArray());
        Assert.True(parsed.HadChecksum);
        Assert.Equal(1u | 2u | (1u << 16), parsed.Flags);
        Assert.Equal(documents, parsed.Sequences["documents"]);
        Assert.False(parsed.Body.Contains("documents"));
    }

    [Fact]
    public void Legacy_query_targets_admin_cmd_with_one_document()
    {
        using var buffer = new PooledByteBufferWriter();
        OpQueryEncoder.Encode(buffer, 9, new BsonDocumentCommandBody(new BsonDocument { { "isMaster", 1 }, { "helloOk", true } }));
        var bytes = buffer.ToArray();
        var parsed = TestWire.Parse(bytes);
        Assert.Equal(TestWire.OpQuery, parsed.Opcode);
        Assert.Equal(new BsonDocument { { "isMaster", 1 }, { "helloOk", true } }, parsed.Body);
        Assert.Equal(-1, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16 + 4 + 11 + 4)));
    }

    [Fact]
    public void Compressed_wrapper_keeps_request_id_and_original_opcode()
    {
        using var buffer = new PooledByteBufferWriter();
        OpMsgEncoder.Encode(buffer, 55, new CommandRequest("db", new BsonDocumentCommandBody(new BsonDocument("ping", 1))), null, checksum: false);
        using var compressed = new PooledByteBufferWriter();
        OpCompressedEncoder.Encode(buffer.WrittenSpan, new OpenQuizz.Typed.Compression.ZlibCompressor(9), compressed);
        var bytes = compressed.ToArray();
        Assert.Equal(TestWire.OpCompressed, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12)));
        Assert.Equal(55, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(TestWire.OpMsg, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16)));
        Assert.Equal(buffer.WrittenCount - 16, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(20)));
        var parsed = TestWire.Parse(bytes);
        Assert.Equal(2, parsed.CompressorId);
        Assert.Equal(new BsonDocument { { "ping", 1 }, { "$db", "db" } }, parsed.Body);
    }
}

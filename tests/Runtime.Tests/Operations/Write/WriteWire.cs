using MongoDB.Bson;
using System.Buffers.Binary;
using System.Text;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.Operations;
using OpenQuizz.Typed.Operations.Write;
using OpenQuizz.Typed.Topology;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Tests.Operations.Write;

/// <summary>A note whose codec writes no <c>_id</c>: the client must prepend one.</summary>
public sealed record Note(string Title, int Stars = 0);

public sealed class NoteCodec : IBsonCodec<Note>
{
    public static readonly NoteCodec Instance = new();

    public void Encode(ref BsonSpanWriter writer, Note value)
    {
        writer.WriteStartDocument();
        writer.WriteName("title"u8);
        writer.WriteString(value.Title);
        writer.WriteName("stars"u8);
        writer.WriteInt32(value.Stars);
        writer.WriteEndDocument();
    }

    public Note Decode(ref BsonSpanReader reader)
    {
        string title = string.Empty;
        var stars = 0;
        reader.ReadStartDocument();
        BsonType type;
        while ((type = reader.ReadBsonType()) != BsonType.EndOfDocument)
        {
            var name = reader.ReadName();
            if (name == "title" && type == BsonType.String)
            {
                title = reader.ReadString();
            }
            else if (name == "stars" && type == BsonType.Int32)
            {
                stars = reader.ReadInt32();
            }
            else
            {
                reader.SkipValue();
            }
        }

        reader.ReadEndDocument();
        return new Note(title, stars);
    }
}

/// <summary>An encoded OP_MSG taken apart: the body and each sequence's documents.</summary>
public sealed record SentMessage(BsonDocument Body, IReadOnlyDictionary<string, IReadOnlyList<byte[]>> Sequences, int Length);

internal static class WriteWire
{
    public static readonly MongoServerAddress Address = new("localhost", 27017);

    public static OperationContext Context(int maxWriteBatchSize = 100_000, int maxMessageSize = 48_000_000, int maxBsonObjectSize = 16 * 1024 * 1024) => new()
    {
        Connection = new ConnectionDescription
        {
            Address = Address,
            LocalConnectionId = 1,
            HelloReply = [],
            MaxWriteBatchSize = maxWriteBatchSize,
            MaxMessageSizeBytes = maxMessageSize,
            MaxBsonObjectSize = maxBsonObjectSize,
        },
        Server = ServerDescription.FromHello(Address, new BsonDocument { { "ok", 1 }, { "isWritablePrimary", true }, { "maxWireVersion", 21 } }, TimeSpan.FromMilliseconds(1), DateTime.UtcNow),
        TopologyType = TopologyType.Single,
    };

    /// <summary>Builds the operation's command for <paramref name="context"/> and encodes it as the connection would.</summary>
    public static SentMessage Send<T>(IOperation<T> operation, OperationContext context)
    {
        var request = operation.CreateCommand(context);
        using var buffer = new PooledByteBufferWriter();
        OpMsgEncoder.Encode(buffer, 1, request, serverApi: null, checksum: false);
        return Parse(buffer.WrittenSpan);
    }

    public static SentMessage Parse(ReadOnlySpan<byte> message)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(message);
        var position = 16 + 4;
        BsonDocument? body = null;
        var sequences = new Dictionary<string, IReadOnlyList<byte[]>>();
        while (position < length)
        {
            var kind = message[position++];
            if (kind == 0)
            {
                var size = BinaryPrimitives.ReadInt32LittleEndian(message[position..]);
                body = BsonDocument.FromBytes(message.Slice(position, size));
                position += size;
                continue;
            }

            var sectionSize = BinaryPrimitives.ReadInt32LittleEndian(message[position..]);
            var end = position + sectionSize;
            var idEnd = message[(position + 4)..].IndexOf((byte)0) + position + 4;
            var identifier = Encoding.UTF8.GetString(message[(position + 4)..idEnd]);
            var documents = new List<byte[]>();
            var at = idEnd + 1;
            while (at < end)
            {
                var size = BinaryPrimitives.ReadInt32LittleEndian(message[at..]);
                documents.Add(message.Slice(at, size).ToArray());
                at += size;
            }

            sequences[identifier] = documents;
            position = end;
        }

        return new SentMessage(body!, sequences, length);
    }

    /// <summary>An executor that encodes each batch for a connection with the given limits and answers from a script.</summary>
    public sealed class ScriptedExecutor(OperationContext context, Func<SentMessage, int, BsonDocument> reply) : IWriteBatchExecutor
    {
        public List<SentMessage> Sent { get; } = [];

        public ValueTask<WriteCommandResult> ExecuteAsync(bool async, IOperation<WriteCommandResult> operation, CancellationToken cancellationToken)
        {
            var sent = Send(operation, context);
            Sent.Add(sent);
            var count = sent.Sequences.Values.Single().Count;
            return ValueTask.FromResult(WriteCommandResult.Parse(reply(sent, count), count, Address));
        }
    }
}

/// <summary>Documents written in the shell's relaxed syntax (bare keys, single quotes) for readable expectations.</summary>
internal static class Json
{
    private static readonly System.Text.RegularExpressions.Regex BareKey = new(@"([{,]\s*)([A-Za-z_$][\w$]*)\s*:", System.Text.RegularExpressions.RegexOptions.Compiled);

    public static BsonDocument Doc(string relaxed) => BsonDocument.Parse(BareKey.Replace(relaxed.Replace('\'', '"'), "$1\"$2\":"));
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Sessions;

namespace OpenQuizz.Typed.Operations.Read;

/// <summary>One batch of a server cursor: its documents, the cursor id (0 when exhausted), and where it lives.</summary>
internal sealed class CursorBatch<T>
{
    public required long CursorId { get; init; }

    public required CollectionNamespace Namespace { get; init; }

    public required List<T> Documents { get; init; }

    /// <summary>The server the cursor lives on; getMore and killCursors go there.</summary>
    public required MongoServerAddress Server { get; init; }

    /// <summary>The session the cursor runs in (the implicit one the cursor now owns), or null.</summary>
    public ServerSession? Session { get; init; }
}

/// <summary>
/// Reads <c>{ cursor: { id, ns, firstBatch | nextBatch: [...] } }</c> straight from the reply buffer, decoding each
/// document with the result's codec (no intermediate document for typed results).
/// </summary>
internal static class CursorReplyReader
{
    public static CursorBatch<T> Read<T>(ReadOnlySpan<byte> body, IBsonCodec<T> codec, CollectionNamespace fallbackNamespace, OperationContext context)
    {
        long id = 0;
        var ns = fallbackNamespace;
        var documents = new List<T>();
        var reader = new BsonSpanReader(body);
        try
        {
            reader.ReadStartDocument();
            while (reader.ReadBsonType() is var type && type != BsonType.EndOfDocument)
            {
                if (!reader.ReadNameBytes().SequenceEqual("cursor"u8) || type != BsonType.Document)
                {
                    reader.SkipValue();
                    continue;
                }

                reader.ReadStartDocument();
                while (reader.ReadBsonType() is var field && field != BsonType.EndOfDocument)
                {
                    var name = reader.ReadNameBytes();
                    if (name.SequenceEqual("id"u8))
                    {
                        id = field == BsonType.Int32 ? reader.ReadInt32() : reader.ReadInt64();
                    }
                    else if (name.SequenceEqual("ns"u8) && field == BsonType.String)
                    {
                        if (CollectionNamespace.TryParse(reader.ReadString(), out var parsed))
                        {
                            ns = parsed;
                        }
                    }
                    else if ((name.SequenceEqual("firstBatch"u8) || name.SequenceEqual("nextBatch"u8)) && field == BsonType.Array)
                    {
                        reader.ReadStartArray();
                        while (reader.ReadBsonType() != BsonType.EndOfDocument)
                        {
                            reader.SkipName();
                            documents.Add(codec.Decode(ref reader));
                        }

                        reader.ReadEndArray();
                    }
                    else
                    {
                        reader.SkipValue();
                    }
                }

                reader.ReadEndDocument();
            }
        }
        finally
        {
            reader.Dispose();
        }

        return new CursorBatch<T>
        {
            CursorId = id,
            Namespace = ns,
            Documents = documents,
            Server = context.Server.Address,
            Session = context.Session,
        };
    }
}

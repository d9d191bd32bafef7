using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using System.Buffers.Binary;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Operations.Write;

/// <summary>
/// The <c>documents</c> section of <c>insert</c>: each document is encoded from <typeparamref name="TDocument"/> with its
/// codec straight into the message buffer, no intermediate copy.
/// </summary>
/// <remarks>
/// <para><c>_id</c>: whatever the codec writes is kept. When the encoded document has no top-level <c>_id</c>, a new
/// ObjectId element is inserted before its first element (in the buffer: the bytes after the length prefix move up 17
/// bytes), so the server stores the id the client reports. Generated ids are remembered per document, so a retry or a
/// second batch re-encodes the same id. (DOM documents get their <c>_id</c> earlier, in the document itself, as PyMongo
/// does — see <see cref="InsertIds.EnsureDomId"/>.)</para>
/// <para>Each document's <c>_id</c> is recorded in <see cref="InsertIds"/> as it is encoded, for
/// <c>InsertOneResult.InsertedId</c> and <c>InsertManyResult.InsertedIds</c>.</para>
/// </remarks>
internal sealed class InsertDocumentSequence<TDocument>(IReadOnlyList<TDocument> documents, IBsonCodec<TDocument> codec, InsertIds ids, BatchCursor cursor, BatchLimits limits)
    : BatchedSequence("documents", cursor, limits)
{
    // type (ObjectId), "_id\0", 12 bytes.
    private const int IdElementSize = 1 + 4 + BsonValueBytes.ObjectIdSize;

    protected override void WriteItem(int index, PooledByteBufferWriter output)
    {
        var start = output.WrittenCount;
        var writer = new BsonSpanWriter(output);
        codec.Encode(ref writer, documents[index]);
        if (ids[index] is not null && !ids.IsGenerated(index))
        {
            return;
        }

        var id = FindId(output.WrittenSpan[start..]);
        if (id is not null)
        {
            ids.Set(index, id, generated: false);
            return;
        }

        var generated = ids[index] is BsonObjectId previous ? previous.Value : ObjectId.GenerateNewId();
        PrependId(output, start, generated);
        ids.Set(index, new BsonObjectId(generated), generated: true);
    }

    protected override string DescribeItem() => "document";

    /// <summary>The value of the top-level <c>_id</c> of an encoded document, or null.</summary>
    internal static BsonValue? FindId(ReadOnlySpan<byte> document)
    {
        var reader = new BsonSpanReader(document);
        reader.ReadStartDocument();
        while (reader.ReadBsonType() != BsonType.EndOfDocument)
        {
            if (reader.ReadNameBytes().SequenceEqual("_id"u8))
            {
                return BsonValueCodec.Instance.Decode(ref reader);
            }

            reader.SkipValue();
        }

        return null;
    }

    /// <summary>Inserts <c>_id: id</c> as the first element of the document that starts at <paramref name="start"/>.</summary>
    internal static void PrependId(PooledByteBufferWriter output, int start, ObjectId id)
    {
        output.GetSpan(IdElementSize);
        output.Advance(IdElementSize);
        var span = output.MutableWrittenSpan[start..];
        var length = BinaryPrimitives.ReadInt32LittleEndian(span);
        span[4..length].CopyTo(span[(4 + IdElementSize)..]);
        span[4] = (byte)BsonType.ObjectId;
        "_id\0"u8.CopyTo(span[5..]);
        BsonValueBytes.WriteObjectId(id, span.Slice(9, BsonValueBytes.ObjectIdSize));
        BinaryPrimitives.WriteInt32LittleEndian(span, length + IdElementSize);
    }
}

/// <summary>The <c>_id</c> of each document of an insert, filled in as the documents are encoded.</summary>
internal sealed class InsertIds(int count)
{
    private readonly BsonValue?[] _ids = new BsonValue?[count];
    private bool[]? _generated;

    public int Count => _ids.Length;

    public BsonValue? this[int index] => _ids[index];

    public bool IsGenerated(int index) => _generated is not null && _generated[index];

    public void Set(int index, BsonValue id, bool generated)
    {
        _ids[index] = id;
        if (generated)
        {
            (_generated ??= new bool[_ids.Length])[index] = true;
        }
    }

    /// <summary>The ids of documents <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> − 1 (null entries are documents never encoded).</summary>
    public IReadOnlyList<BsonValue> Slice(int start, int count)
    {
        var result = new BsonValue[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = _ids[start + i] ?? BsonNull.Value;
        }

        return result;
    }

    /// <summary>
    /// Gives a DOM document without <c>_id</c> a new ObjectId as its first element, in place — what PyMongo does to the
    /// dict it inserts — so the caller's document shows the id the server stored.
    /// </summary>
    public static void EnsureDomId<TDocument>(TDocument document)
    {
        if (document is BsonDocument dom && !dom.Contains("_id"))
        {
            dom.InsertAt(0, new BsonElement("_id", new BsonObjectId(ObjectId.GenerateNewId())));
        }
    }
}

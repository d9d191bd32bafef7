using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;

namespace OpenQuizz.Typed.Bson.Serialization;

/// <summary>
/// The MongoDB.Bson face of a generated codec: an <see cref="IBsonSerializer{T}"/> that MongoDB.Bson and
/// MongoDB.Driver call instead of building a class map by reflection. Whole documents go through the codec as raw
/// bytes; member information for LINQ and builders comes from the generated subclass.
/// </summary>
/// <typeparam name="T">The document type.</typeparam>
public abstract class GeneratedBsonSerializer<T> : SerializerBase<T>, IBsonDocumentSerializer, IBsonIdProvider
{
    // One encoding buffer per thread, taken while in use, so a serializer re-entered on the same thread gets its own.
    [ThreadStatic]
    private static PooledByteBufferWriter? t_buffer;

    private readonly IBsonCodec<T> _codec;
    private readonly ConcurrentDictionary<string, BsonSerializationInfo?> _members = new(StringComparer.Ordinal);

    /// <summary>Creates the serializer over the generated <paramref name="codec"/>.</summary>
    protected GeneratedBsonSerializer(IBsonCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        _codec = codec;
    }

    /// <summary>The codec that encodes and decodes the documents.</summary>
    public IBsonCodec<T> Codec => _codec;

    /// <inheritdoc />
    public override void Serialize(BsonSerializationContext context, BsonSerializationArgs args, T value)
    {
        var writer = context.Writer;
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        var buffer = t_buffer ?? new PooledByteBufferWriter(1024);
        t_buffer = null;
        try
        {
            buffer.Clear();
            var spanWriter = new BsonSpanWriter(buffer);
            _codec.Encode(ref spanWriter, value);
            if (writer is BsonBinaryWriter { State: BsonWriterState.Initial or BsonWriterState.Value or BsonWriterState.ScopeDocument or BsonWriterState.Done } binary)
            {
                // The codec's bytes are the document: the binary writer copies them into its stream as they are.
                if (!MemoryMarshal.TryGetArray(buffer.WrittenMemory, out var segment))
                {
                    throw new InvalidOperationException("A pooled buffer is always backed by an array.");
                }

                using var raw = new ByteArrayBuffer(segment.Array!, segment.Count, isReadOnly: true);
                binary.WriteRawBsonDocument(raw);
            }
            else
            {
                // Any other writer (a BsonDocument for ToBsonDocument, JSON, a driver's wrapping writer) gets the
                // same document through MongoDB.Bson's own DOM: slower, but every writer accepts it.
                var reader = new BsonSpanReader(buffer.WrittenSpan);
                var document = BsonDom.ReadDocument(ref reader);
                BsonDocumentSerializer.Instance.Serialize(context, document);
            }
        }
        finally
        {
            if (buffer.FreeCapacity + buffer.WrittenCount > MaxCachedBufferBytes)
            {
                buffer.Dispose();
            }
            else
            {
                t_buffer = buffer;
            }
        }
    }

    /// <inheritdoc />
    public override T Deserialize(BsonDeserializationContext context, BsonDeserializationArgs args)
    {
        var reader = context.Reader;
        if (!typeof(T).IsValueType && reader.GetCurrentBsonType() == BsonType.Null)
        {
            reader.ReadNull();
            return default!;
        }

        // A binary reader hands out a slice of the bytes it reads; other readers re-encode the document first.
        using var raw = reader.ReadRawBsonDocument();
        return Decode(raw);
    }

    /// <summary>Decodes the one document in <paramref name="raw"/> with the codec, from its backing array when it has one.</summary>
    private T Decode(IByteBuffer raw)
    {
        var length = raw.Length;
        var backing = raw.AccessBackingBytes(0);
        if (backing.Count >= length)
        {
            var reader = new BsonSpanReader(backing.AsSpan(0, length));
            return _codec.Decode(ref reader);
        }

        // A multi-chunk buffer (a large driver reply): copy the document into one pooled array.
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            raw.GetBytes(0, rented, 0, length);
            var reader = new BsonSpanReader(rented.AsSpan(0, length));
            return _codec.Decode(ref reader);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <inheritdoc />
    public bool TryGetMemberSerializationInfo(string memberName, out BsonSerializationInfo serializationInfo)
    {
        ArgumentNullException.ThrowIfNull(memberName);
        serializationInfo = _members.GetOrAdd(memberName, static (name, self) => self.CreateMemberSerializationInfo(name), this)!;
        return serializationInfo is not null;
    }

    /// <summary>
    /// The element name, serializer and nominal type of the mapped member <paramref name="memberName"/>, or null when
    /// no member of that name is mapped. Called once per name; the answer is cached.
    /// </summary>
    protected abstract BsonSerializationInfo? CreateMemberSerializationInfo(string memberName);

    /// <summary>Member information whose nominal type is the member's declared type.</summary>
    protected static BsonSerializationInfo Member<TMember>(string elementName, IBsonSerializer<TMember> serializer) =>
        new(elementName, serializer, typeof(TMember));

    /// <inheritdoc />
    public bool GetDocumentId(object document, out object id, out Type idNominalType, out IIdGenerator idGenerator)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (TryGetId((T)document, out var value, out var nominalType, out var generator))
        {
            id = value!;
            idNominalType = nominalType!;
            idGenerator = generator!;
            return true;
        }

        id = null!;
        idNominalType = null!;
        idGenerator = null!;
        return false;
    }

    /// <inheritdoc />
    public void SetDocumentId(object document, object id)
    {
        ArgumentNullException.ThrowIfNull(document);
        SetId((T)document, id);
    }

    /// <summary>
    /// The <c>_id</c> member's value and declared type, and the generator the driver may use to fill it in before an
    /// insert (null when the member cannot be set after construction). False when the type maps no <c>_id</c>.
    /// </summary>
    protected virtual bool TryGetId(T document, out object? id, out Type? nominalType, out IIdGenerator? generator)
    {
        id = null;
        nominalType = null;
        generator = null;
        return false;
    }

    /// <summary>Sets the <c>_id</c> member; only called when <see cref="TryGetId"/> offered a generator.</summary>
    protected virtual void SetId(T document, object id) =>
        throw new NotSupportedException($"{typeof(T)} has no _id member that can be set after construction.");

    // Larger buffers go back to the pool rather than stay pinned to a thread.
    private const int MaxCachedBufferBytes = 1024 * 1024;
}

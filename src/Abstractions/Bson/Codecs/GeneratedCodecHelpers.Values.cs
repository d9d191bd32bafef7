using MongoDB.Bson;

namespace OpenQuizz.Typed.Bson.Codecs;

/// <summary>Writes <paramref name="value"/> as the next value of <paramref name="writer"/>, the way a member's codec stores it.</summary>
public delegate void BsonValueWriter<T>(ref BsonSpanWriter writer, T value);

/// <summary>Reads the current value of <paramref name="reader"/> (whose type has been read) the way a member's codec reads it.</summary>
public delegate T BsonValueReader<T>(ref BsonSpanReader reader);

public static partial class GeneratedCodecHelpers
{
    // Larger buffers go back to the pool rather than stay pinned to a thread.
    private const int MaxCachedValueBuffer = 16 * 1024;

    [ThreadStatic]
    private static PooledByteBufferWriter? t_valueBuffer;

    /// <summary>
    /// Encodes one value through <paramref name="write"/> (a member's codec) and returns it as a MongoDB.Bson
    /// <see cref="BsonValue"/>, for field descriptors that put run-time values into filters and updates. The bytes go
    /// through a per-thread pooled buffer; only the resulting <see cref="BsonValue"/> is allocated.
    /// </summary>
    /// <exception cref="BsonSerializationException"><paramref name="write"/> wrote no value, or more than one.</exception>
    public static BsonValue ToBsonValue<T>(T value, BsonValueWriter<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);

        var buffer = RentValueBuffer();
        try
        {
            var writer = new BsonSpanWriter(buffer);
            writer.WriteStartDocument();
            writer.WriteName("v"u8);
            var before = buffer.WrittenCount;
            write(ref writer, value);
            // WriteName left a 0 type byte before "v\0" for the value to fill in; null, MinKey and the like add no bytes
            // but do set it, so only a zero byte with nothing after it means no value.
            if (buffer.WrittenCount == before && buffer.WrittenSpan[before - 3] == 0)
            {
                throw new BsonSerializationException($"The writer of {typeof(T).Name} wrote no value.");
            }

            if (writer.Depth != 1)
            {
                throw new BsonSerializationException($"The writer of {typeof(T).Name} left a document or array open.");
            }

            writer.WriteEndDocument();
            return ReadSingleValue(buffer.WrittenSpan, typeof(T));
        }
        finally
        {
            ReturnValueBuffer(buffer);
        }
    }

    /// <summary>
    /// Decodes a <see cref="BsonValue"/> through <paramref name="read"/> (a member's codec): the inverse of
    /// <see cref="ToBsonValue{T}(T, BsonValueWriter{T})"/>, for results such as distinct values given as a DOM.
    /// </summary>
    public static T FromBsonValue<T>(BsonValue value, BsonValueReader<T> read)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(read);
        var buffer = RentValueBuffer();
        try
        {
            var writer = new BsonSpanWriter(buffer);
            writer.WriteStartDocument();
            writer.WriteName("v"u8);
            BsonDom.WriteValue(ref writer, value);
            writer.WriteEndDocument();
            var reader = new BsonSpanReader(buffer.WrittenSpan);
            try
            {
                reader.ReadStartDocument();
                reader.ReadBsonType();
                reader.SkipName();
                return read(ref reader);
            }
            finally
            {
                reader.Dispose();
            }
        }
        finally
        {
            ReturnValueBuffer(buffer);
        }
    }

    // Taken off the thread while in use, so that a writer which itself calls ToBsonValue gets a buffer of its own.
    private static PooledByteBufferWriter RentValueBuffer()
    {
        var buffer = t_valueBuffer ?? new PooledByteBufferWriter(64);
        t_valueBuffer = null;
        return buffer;
    }

    // Kept for the thread's next value unless it grew large.
    private static void ReturnValueBuffer(PooledByteBufferWriter buffer)
    {
        buffer.Clear();
        if (buffer.FreeCapacity <= MaxCachedValueBuffer)
        {
            t_valueBuffer = buffer;
        }
        else
        {
            buffer.Dispose();
        }
    }

    private static BsonValue ReadSingleValue(ReadOnlySpan<byte> bytes, Type type)
    {
        var reader = new BsonSpanReader(bytes);
        try
        {
            reader.ReadStartDocument();
            var bsonType = reader.ReadBsonType();
            reader.SkipName();
            var value = BsonDom.ReadValue(ref reader, bsonType);
            if (reader.ReadBsonType() != BsonType.EndOfDocument)
            {
                throw new BsonSerializationException($"The writer of {type.Name} wrote more than one value.");
            }

            return value;
        }
        finally
        {
            reader.Dispose();
        }
    }
}

using MongoDB.Bson;

namespace OpenQuizz.Typed.Bson.Codecs;

/// <summary>Writes one value of type <typeparamref name="T"/> as the next BSON value of <paramref name="writer"/>.</summary>
public delegate void BsonValueWriter<T>(ref BsonSpanWriter writer, T value);

public static partial class GeneratedCodecHelpers
{
    [ThreadStatic]
    private static PooledByteBufferWriter? t_valueScratch;

    /// <summary>
    /// The <see cref="BsonValue"/> that <paramref name="write"/> produces for <paramref name="value"/>: the value is written
    /// through the member's codec (its representation, Guid and DateTime options) into a reused buffer and read back.
    /// </summary>
    public static BsonValue ToBsonValue<T>(T value, BsonValueWriter<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = t_valueScratch ??= new PooledByteBufferWriter(256);
        buffer.Clear();
        try
        {
            var writer = new BsonSpanWriter(buffer);
            writer.WriteStartDocument();
            writer.WriteName("v"u8);
            write(ref writer, value);
            writer.WriteEndDocument();

            var reader = new BsonSpanReader(buffer.WrittenSpan);
            reader.ReadStartDocument();
            var type = reader.ReadBsonType();
            reader.SkipName();
            return BsonDom.ReadValue(ref reader, type);
        }
        finally
        {
            // A huge value does not keep a huge scratch buffer alive on the thread.
            if (buffer.WrittenCount > 64 * 1024)
            {
                t_valueScratch = null;
                buffer.Dispose();
            }
        }
    }
}

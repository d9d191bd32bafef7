using MongoDB.Bson;

namespace OpenQuizz.Typed.Bson;

/// <summary>The codec of <see cref="BsonValue"/>: any BSON value, read into and written from the document object model.</summary>
public sealed class BsonValueCodec : IBsonCodec<BsonValue>
{
    public static readonly BsonValueCodec Instance = new();

    public void Encode(ref BsonSpanWriter writer, BsonValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        BsonDom.WriteValue(ref writer, value);
    }

    public BsonValue Decode(ref BsonSpanReader reader) =>
        reader.Depth == 0 ? BsonDom.ReadDocument(ref reader) : BsonDom.ReadValue(ref reader, reader.CurrentType);
}

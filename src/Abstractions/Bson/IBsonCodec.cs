using MongoDB.Bson;

namespace OpenQuizz.Typed.Bson;

/// <summary>
/// Encodes and decodes values of <typeparamref name="T"/> as BSON documents (or, for value-like types, as single
/// BSON values). The generators emit one per document type; they never use reflection.
/// </summary>
public interface IBsonCodec<T>
{
    /// <summary>Writes <paramref name="value"/> as the next value of <paramref name="writer"/> (a top-level document, the value of a pending name, or an array element).</summary>
    void Encode(ref BsonSpanWriter writer, T value);

    /// <summary>Reads the next value of <paramref name="reader"/> (a top-level document, or the current element's value).</summary>
    T Decode(ref BsonSpanReader reader);
}

/// <summary>The codec of <see cref="BsonDocument"/>.</summary>
public sealed class BsonDocumentCodec : IBsonCodec<BsonDocument>
{
    public static readonly BsonDocumentCodec Instance = new();

    public void Encode(ref BsonSpanWriter writer, BsonDocument value)
    {
        ArgumentNullException.ThrowIfNull(value);
        BsonDom.WriteDocument(ref writer, value);
    }

    public BsonDocument Decode(ref BsonSpanReader reader) => BsonDom.ReadDocument(ref reader);
}

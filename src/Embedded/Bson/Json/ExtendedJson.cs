using System.Buffers;
using System.Text;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>
/// Extended JSON v2 (the MongoDB Extended JSON specification): the entry points behind
/// <see cref="BsonDocument.Parse(string)"/> and <see cref="BsonValue.ToJson(JsonOutputMode)"/>.
/// </summary>
/// <remarks>
/// Parsing accepts canonical and relaxed Extended JSON and the legacy forms the specification lists for parsers
/// (<c>{"$binary": "…", "$type": "…"}</c>, <c>{"$regex": "…", "$options": "…"}</c>, <c>$date</c> as an ISO-8601 string
/// with an offset, <c>$uuid</c>), see <see cref="ExtendedJsonReader"/>; writing is in <see cref="ExtendedJsonWriter"/>.
/// </remarks>
internal static class ExtendedJson
{
    /// <summary>Parses one JSON object as a document; duplicate keys are kept in the order they come.</summary>
    /// <exception cref="BsonFormatException">The text is not a valid Extended JSON document; the message names the path and position.</exception>
    public static BsonDocument ParseDocument(string json)
    {
        int byteCount;
        try
        {
            byteCount = BsonUtf8.Strict.GetByteCount(json);
        }
        catch (EncoderFallbackException e)
        {
            throw new BsonFormatException($"Invalid Extended JSON: the text holds a lone surrogate at index {e.Index}.", e);
        }

        var utf8 = ByteBuffers.Rent(byteCount);
        try
        {
            var length = BsonUtf8.Strict.GetBytes(json, utf8);
            var reader = new ExtendedJsonReader(utf8.AsSpan(0, length));
            return reader.ReadDocument();
        }
        finally
        {
            ByteBuffers.Return(utf8);
        }
    }

    /// <summary>Writes <paramref name="value"/> (a document or any other value) as Extended JSON.</summary>
    /// <exception cref="BsonSerializationException">Documents and arrays nest deeper than <see cref="BsonDefaults.MaxDepth"/>.</exception>
    public static string Serialize(BsonValue value, JsonOutputMode mode)
    {
        ArgumentNullException.ThrowIfNull(value);
        return ExtendedJsonWriter.Write(value, mode);
    }
}

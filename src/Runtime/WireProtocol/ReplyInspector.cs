using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.WireProtocol;

/// <summary>Reads the few top-level fields of a reply the connection needs, without building a document.</summary>
internal static class ReplyInspector
{
    /// <summary>True when the reply's <c>ok</c> is a true boolean or a number equal to 1.</summary>
    public static bool IsOk(ReadOnlySpan<byte> body)
    {
        var reader = new BsonSpanReader(body);
        reader.ReadStartDocument();
        BsonType type;
        while ((type = reader.ReadBsonType()) != BsonType.EndOfDocument)
        {
            if (!reader.ReadNameBytes().SequenceEqual("ok"u8))
            {
                reader.SkipValue();
                continue;
            }

            return type switch
            {
                BsonType.Double => reader.ReadDouble() == 1.0,
                BsonType.Int32 => reader.ReadInt32() == 1,
                BsonType.Int64 => reader.ReadInt64() == 1,
                BsonType.Boolean => reader.ReadBoolean(),
                BsonType.Decimal128 => reader.ReadDecimal128() == new Decimal128(1m),
                _ => false,
            };
        }

        return false;
    }
}

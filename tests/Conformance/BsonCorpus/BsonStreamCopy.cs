using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Conformance.BsonCorpus;

/// <summary>
/// Copies a document value by value with <see cref="BsonSpanReader"/> and <see cref="BsonSpanWriter"/> and no DOM, so
/// the corpus checks every type the engine reads and writes, including those MongoDB.Bson's DOM has no class for.
/// </summary>
internal static class BsonStreamCopy
{
    public static byte[] Copy(byte[] bson)
    {
        using var buffer = new PooledByteBufferWriter();
        var reader = new BsonSpanReader(bson);
        var writer = new BsonSpanWriter(buffer);
        CopyDocument(ref reader, ref writer, array: false);
        if (reader.Remaining != 0)
        {
            throw new BsonFormatException($"{reader.Remaining} bytes follow the document.");
        }

        return buffer.ToArray();
    }

    private static void CopyDocument(ref BsonSpanReader reader, ref BsonSpanWriter writer, bool array)
    {
        if (array)
        {
            reader.ReadStartArray();
            writer.WriteStartArray();
        }
        else
        {
            reader.ReadStartDocument();
            writer.WriteStartDocument();
        }

        BsonType type;
        while ((type = reader.ReadBsonType()) != BsonType.EndOfDocument)
        {
            var name = reader.ReadNameBytes();
            if (!array)
            {
                writer.WriteName(name);
            }

            CopyValue(ref reader, ref writer, type);
        }

        if (array)
        {
            reader.ReadEndArray();
            writer.WriteEndArray();
        }
        else
        {
            reader.ReadEndDocument();
            writer.WriteEndDocument();
        }
    }

    private static void CopyValue(ref BsonSpanReader reader, ref BsonSpanWriter writer, BsonType type)
    {
        switch (type)
        {
            case BsonType.Double: writer.WriteDouble(reader.ReadDouble()); break;
            case BsonType.String: writer.WriteString(reader.ReadStringBytes()); break;
            case BsonType.Document: CopyDocument(ref reader, ref writer, array: false); break;
            case BsonType.Array: CopyDocument(ref reader, ref writer, array: true); break;
            case BsonType.Binary:
                var data = reader.ReadBinary(out var subType);
                writer.WriteBinary(data, subType);
                break;
            case BsonType.Undefined: reader.ReadUndefined(); writer.WriteUndefined(); break;
            case BsonType.ObjectId: writer.WriteObjectId(reader.ReadObjectId()); break;
            case BsonType.Boolean: writer.WriteBoolean(reader.ReadBoolean()); break;
            case BsonType.DateTime: writer.WriteDateTime(reader.ReadDateTime()); break;
            case BsonType.Null: reader.ReadNull(); writer.WriteNull(); break;
            case BsonType.RegularExpression:
                reader.ReadRegularExpression(out var pattern, out var options);
                writer.WriteRegularExpression(pattern, options);
                break;
            case BsonValueBytes.DBPointer:
                var ns = reader.ReadDBPointer(out var id);
                writer.WriteDBPointer(ns, id);
                break;
            case BsonType.JavaScript: writer.WriteJavaScript(reader.ReadJavaScript()); break;
            case BsonType.Symbol: writer.WriteSymbol(reader.ReadSymbol()); break;
            case BsonType.JavaScriptWithScope:
                writer.WriteStartJavaScriptWithScope(reader.ReadJavaScriptWithScope());
                CopyDocument(ref reader, ref writer, array: false);
                break;
            case BsonType.Int32: writer.WriteInt32(reader.ReadInt32()); break;
            case BsonType.Timestamp: writer.WriteTimestamp(reader.ReadTimestamp()); break;
            case BsonType.Int64: writer.WriteInt64(reader.ReadInt64()); break;
            case BsonType.Decimal128: writer.WriteDecimal128(reader.ReadDecimal128()); break;
            case BsonType.MinKey: reader.ReadMinKey(); writer.WriteMinKey(); break;
            case BsonType.MaxKey: reader.ReadMaxKey(); writer.WriteMaxKey(); break;
            default: throw new BsonFormatException($"unknown element type {type}");
        }
    }
}

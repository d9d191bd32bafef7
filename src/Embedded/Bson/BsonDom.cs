namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>Reads and writes the document object model through <see cref="BsonReader"/> and <see cref="BsonWriter"/>.</summary>
internal static class BsonDom
{
    public static BsonDocument ReadDocument(ref BsonReader reader)
    {
        reader.ReadStartDocument();
        var document = new BsonDocument();
        BsonType type;
        while ((type = reader.ReadBsonType()) != BsonType.EndOfDocument)
        {
            var name = reader.ReadName();
            document.AddUnchecked(name, ReadValue(ref reader, type));
        }

        reader.ReadEndDocument();
        return document;
    }

    public static BsonArray ReadArray(ref BsonReader reader)
    {
        reader.ReadStartArray();
        var array = new BsonArray();
        BsonType type;
        while ((type = reader.ReadBsonType()) != BsonType.EndOfDocument)
        {
            reader.SkipName();
            array.AddUnchecked(ReadValue(ref reader, type));
        }

        reader.ReadEndArray();
        return array;
    }

    /// <summary>Reads the current value, whose type <see cref="BsonReader.ReadBsonType"/> returned and whose name was read.</summary>
    public static BsonValue ReadValue(ref BsonReader reader, BsonType type)
    {
        switch (type)
        {
            case BsonType.Double: return new BsonDouble(reader.ReadDouble());
            case BsonType.String: return new BsonString(reader.ReadString());
            case BsonType.Document: return ReadDocument(ref reader);
            case BsonType.Array: return ReadArray(ref reader);
            case BsonType.Binary:
                var data = reader.ReadBinary(out var subType);
                return new BsonBinaryData(data.ToArray(), subType);
            case BsonType.Undefined:
                reader.ReadUndefined();
                return BsonUndefined.Value;
            case BsonType.ObjectId: return new BsonObjectId(reader.ReadObjectId());
            case BsonType.Boolean: return BsonBoolean.Create(reader.ReadBoolean());
            case BsonType.DateTime: return new BsonDateTime(reader.ReadDateTime());
            case BsonType.Null:
                reader.ReadNull();
                return BsonNull.Value;
            case BsonType.RegularExpression:
                reader.ReadRegularExpression(out var pattern, out var options);
                return new BsonRegularExpression(pattern, options);
            case BsonType.DBPointer:
                var ns = reader.ReadDBPointer(out var id);
                return new BsonDBPointer(ns, id);
            case BsonType.JavaScript: return new BsonJavaScript(reader.ReadJavaScript());
            case BsonType.Symbol: return new BsonSymbol(reader.ReadSymbol());
            case BsonType.JavaScriptWithScope:
                var code = reader.ReadJavaScriptWithScope();
                return new BsonJavaScriptWithScope(code, ReadDocument(ref reader));
            case BsonType.Int32: return BsonInt32.Create(reader.ReadInt32());
            case BsonType.Timestamp: return new BsonTimestamp(reader.ReadTimestamp());
            case BsonType.Int64: return new BsonInt64(reader.ReadInt64());
            case BsonType.Decimal128: return new BsonDecimal128(reader.ReadDecimal128());
            case BsonType.MinKey:
                reader.ReadMinKey();
                return BsonMinKey.Value;
            case BsonType.MaxKey:
                reader.ReadMaxKey();
                return BsonMaxKey.Value;
            default:
                throw new BsonFormatException($"Invalid BSON at offset {reader.Position}: unknown element type {type}.") { Offset = reader.Position };
        }
    }

    public static void WriteDocument(ref BsonWriter writer, BsonDocument document)
    {
        writer.WriteStartDocument();
        foreach (var element in document)
        {
            writer.WriteName(element.Name);
            WriteValue(ref writer, element.Value);
        }

        writer.WriteEndDocument();
    }

    /// <summary>Writes <paramref name="value"/> as the next value (after a name, or as an array element).</summary>
    public static void WriteValue(ref BsonWriter writer, BsonValue value)
    {
        switch (value)
        {
            case BsonDocument document:
                WriteDocument(ref writer, document);
                break;
            case BsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteValue(ref writer, item);
                }

                writer.WriteEndArray();
                break;
            case BsonString s: writer.WriteString(s.Value); break;
            case BsonInt32 i: writer.WriteInt32(i.Value); break;
            case BsonInt64 l: writer.WriteInt64(l.Value); break;
            case BsonDouble d: writer.WriteDouble(d.Value); break;
            case BsonBoolean b: writer.WriteBoolean(b.Value); break;
            case BsonObjectId o: writer.WriteObjectId(o.Value); break;
            case BsonDateTime dt: writer.WriteDateTime(dt.MillisecondsSinceEpoch); break;
            case BsonNull: writer.WriteNull(); break;
            case BsonBinaryData bin: writer.WriteBinary(bin.Bytes, bin.SubType); break;
            case BsonDecimal128 m: writer.WriteDecimal128(m.Value); break;
            case BsonTimestamp t: writer.WriteTimestamp(t.Value); break;
            case BsonRegularExpression r: writer.WriteRegularExpression(r.Pattern, r.Options); break;
            case BsonJavaScript js: writer.WriteJavaScript(js.Code); break;
            case BsonJavaScriptWithScope jws:
                writer.WriteStartJavaScriptWithScope(jws.Code);
                WriteDocument(ref writer, jws.Scope);
                break;
            case BsonSymbol sym: writer.WriteSymbol(sym.Name); break;
            case BsonDBPointer p: writer.WriteDBPointer(p.Namespace, p.Id); break;
            case BsonUndefined: writer.WriteUndefined(); break;
            case BsonMinKey: writer.WriteMinKey(); break;
            case BsonMaxKey: writer.WriteMaxKey(); break;
            default: throw new BsonSerializationException($"Cannot write a BSON value of type {value.GetType().Name}.");
        }
    }
}

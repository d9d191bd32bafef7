using System.Buffers;
using MongoDB.Bson;

namespace OpenQuizz.Typed.Bson;

/// <summary>
/// Reads and writes MongoDB.Bson's DOM (<see cref="BsonDocument"/>, <see cref="BsonValue"/>) through our span reader
/// and writer, which are faster than MongoDB.Bson's stream-based binary reader and writer.
/// </summary>
public static class BsonDom
{
    /// <summary>Reads the document at the reader's position.</summary>
    public static BsonDocument ReadDocument(ref BsonSpanReader reader)
    {
        reader.ReadStartDocument();
        var document = new BsonDocument(allowDuplicateNames: true);
        BsonType type;
        while ((type = reader.ReadBsonType()) != BsonType.EndOfDocument)
        {
            var name = reader.ReadName();
            document.Add(name, ReadValue(ref reader, type));
        }

        reader.ReadEndDocument();
        return document;
    }

    /// <summary>Reads the array at the reader's position.</summary>
    public static BsonArray ReadArray(ref BsonSpanReader reader)
    {
        reader.ReadStartArray();
        var array = new BsonArray();
        BsonType type;
        while ((type = reader.ReadBsonType()) != BsonType.EndOfDocument)
        {
            reader.SkipName();
            array.Add(ReadValue(ref reader, type));
        }

        reader.ReadEndArray();
        return array;
    }

    /// <summary>Reads the value of the current element, whose type <paramref name="type"/> the reader has just read.</summary>
    public static BsonValue ReadValue(ref BsonSpanReader reader, BsonType type)
    {
        switch (type)
        {
            case BsonType.Double: return new BsonDouble(reader.ReadDouble());
            case BsonType.String: return new BsonString(reader.ReadString());
            case BsonType.Document: return ReadDocument(ref reader);
            case BsonType.Array: return ReadArray(ref reader);
            case BsonType.Binary:
                var position = reader.Position;
                var data = reader.ReadBinary(out var subType);
                if (subType is BsonBinarySubType.UuidLegacy or BsonBinarySubType.UuidStandard && data.Length != 16)
                {
                    // MongoDB.Bson's BsonBinaryData refuses a UUID that is not 16 bytes long.
                    throw new BsonFormatException($"Invalid BSON at offset {position}: a binary of UUID subtype {(int)subType} has {data.Length} bytes, not 16.") { Offset = position };
                }

                return new BsonBinaryData(data.ToArray(), subType);
            case BsonType.Undefined:
                reader.ReadUndefined();
                return BsonUndefined.Value;
            case BsonType.ObjectId: return new BsonObjectId(reader.ReadObjectId());
            case BsonType.Boolean: return reader.ReadBoolean() ? BsonBoolean.True : BsonBoolean.False;
            case BsonType.DateTime: return new BsonDateTime(reader.ReadDateTime());
            case BsonType.Null:
                reader.ReadNull();
                return BsonNull.Value;
            case BsonType.RegularExpression:
                reader.ReadRegularExpression(out var pattern, out var options);
                return new BsonRegularExpression(pattern, options);
            case BsonValueBytes.DBPointer:
                // MongoDB.Bson has no DBPointer value; like its own reader's successors, the DOM gets the DBRef
                // document the pointer stands for. BsonSpanReader.ReadDBPointer keeps the original for callers
                // that need it.
                var ns = reader.ReadDBPointer(out var id);
                return new BsonDocument { { "$ref", ns }, { "$id", id } };
            case BsonType.JavaScript: return new BsonJavaScript(reader.ReadJavaScript());
            case BsonType.Symbol: return BsonSymbol.Create(reader.ReadSymbol());
            case BsonType.JavaScriptWithScope:
                var code = reader.ReadJavaScriptWithScope();
                return new BsonJavaScriptWithScope(code, ReadDocument(ref reader));
            case BsonType.Int32: return new BsonInt32(reader.ReadInt32());
            case BsonType.Timestamp: return new BsonTimestamp((long)reader.ReadTimestamp());
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

    /// <summary>Writes a whole document.</summary>
    public static void WriteDocument(ref BsonSpanWriter writer, BsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        writer.WriteStartDocument();
        WriteElements(ref writer, document);
        writer.WriteEndDocument();
    }

    /// <summary>Writes the elements of a document into the document the writer has open.</summary>
    public static void WriteElements(ref BsonSpanWriter writer, BsonDocument document)
    {
        // RawBsonDocument and lazy documents enumerate their elements like any other; indexing avoids the enumerator.
        var count = document.ElementCount;
        for (var i = 0; i < count; i++)
        {
            var element = document.GetElement(i);
            writer.WriteName(element.Name);
            WriteValue(ref writer, element.Value);
        }
    }

    /// <summary>Writes one value as the current element's value (or, for a document, as a top-level document).</summary>
    public static void WriteValue(ref BsonSpanWriter writer, BsonValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value.BsonType)
        {
            case BsonType.Document:
                WriteDocument(ref writer, value.AsBsonDocument);
                break;
            case BsonType.Array:
                var array = value.AsBsonArray;
                writer.WriteStartArray();
                for (var i = 0; i < array.Count; i++)
                {
                    WriteValue(ref writer, array[i]);
                }

                writer.WriteEndArray();
                break;
            case BsonType.String: writer.WriteString(value.AsString); break;
            case BsonType.Int32: writer.WriteInt32(value.AsInt32); break;
            case BsonType.Int64: writer.WriteInt64(value.AsInt64); break;
            case BsonType.Double: writer.WriteDouble(value.AsDouble); break;
            case BsonType.Boolean: writer.WriteBoolean(value.AsBoolean); break;
            case BsonType.ObjectId: writer.WriteObjectId(value.AsObjectId); break;
            case BsonType.DateTime: writer.WriteDateTime(((BsonDateTime)value).MillisecondsSinceEpoch); break;
            case BsonType.Null: writer.WriteNull(); break;
            case BsonType.Binary:
                var binary = (BsonBinaryData)value;
                writer.WriteBinary(binary.Bytes, binary.SubType);
                break;
            case BsonType.Decimal128: writer.WriteDecimal128(value.AsDecimal128); break;
            case BsonType.Timestamp: writer.WriteTimestamp((ulong)((BsonTimestamp)value).Value); break;
            case BsonType.RegularExpression:
                var regex = (BsonRegularExpression)value;
                writer.WriteRegularExpression(regex.Pattern, regex.Options);
                break;
            case BsonType.JavaScript: writer.WriteJavaScript(((BsonJavaScript)value).Code); break;
            case BsonType.JavaScriptWithScope:
                var withScope = (BsonJavaScriptWithScope)value;
                writer.WriteStartJavaScriptWithScope(withScope.Code);
                WriteDocument(ref writer, withScope.Scope);
                break;
            case BsonType.Symbol: writer.WriteSymbol(((BsonSymbol)value).Name); break;
            case BsonType.Undefined: writer.WriteUndefined(); break;
            case BsonType.MinKey: writer.WriteMinKey(); break;
            case BsonType.MaxKey: writer.WriteMaxKey(); break;
            default: throw new BsonSerializationException($"Cannot write a BSON value of type {value.GetType().Name}.");
        }
    }

    /// <summary>Decodes exactly one document from <paramref name="bytes"/>; trailing bytes are an error.</summary>
    public static BsonDocument FromBytes(ReadOnlySpan<byte> bytes)
    {
        var reader = new BsonSpanReader(bytes);
        var document = ReadDocument(ref reader);
        if (reader.Remaining != 0)
        {
            throw new BsonFormatException($"Invalid BSON at offset {reader.Position}: {reader.Remaining} bytes follow the end of the document.") { Offset = reader.Position };
        }

        return document;
    }

    /// <summary>Encodes a document to a new array.</summary>
    public static byte[] ToBytes(BsonDocument document)
    {
        using var buffer = new PooledByteBufferWriter();
        var writer = new BsonSpanWriter(buffer);
        WriteDocument(ref writer, document);
        return buffer.ToArray();
    }

    /// <summary>Encodes a document into <paramref name="output"/>.</summary>
    public static void WriteTo(BsonDocument document, IBufferWriter<byte> output)
    {
        var writer = new BsonSpanWriter(output);
        WriteDocument(ref writer, document);
    }
}

/// <summary>
/// Extension members that give MongoDB.Bson's DOM the fast paths of our engine: <c>BsonDocument.FromBytes</c>,
/// <c>document.ToBytes()</c>, <c>value.WriteTo(ref writer)</c> and <c>BsonDocument.ReadFrom(ref reader)</c>.
/// </summary>
public static class BsonDomExtensions
{
    extension(BsonDocument)
    {
        /// <summary>Decodes exactly one document from <paramref name="bytes"/> with our span reader.</summary>
        public static BsonDocument FromBytes(ReadOnlySpan<byte> bytes) => BsonDom.FromBytes(bytes);

        /// <summary>Reads the document at the reader's position.</summary>
        public static BsonDocument ReadFrom(ref BsonSpanReader reader) => BsonDom.ReadDocument(ref reader);
    }

    extension(BsonDocument document)
    {
        /// <summary>Encodes the document with our span writer.</summary>
        public byte[] ToBytes() => BsonDom.ToBytes(document);

        /// <summary>Encodes the document into <paramref name="output"/>.</summary>
        public void WriteTo(IBufferWriter<byte> output) => BsonDom.WriteTo(document, output);

        /// <summary>The size of the document's BSON encoding in bytes.</summary>
        public int GetEncodedSize() => BsonSize.Of(document);
    }

    /// <summary>Writes the value through our span writer.</summary>
    public static void WriteTo(this BsonValue value, ref BsonSpanWriter writer) => BsonDom.WriteValue(ref writer, value);
}

using MongoDB.Bson;

namespace OpenQuizz.Typed.Bson.Codecs;

// Helpers for values whose MongoDB.Bson attributes ask for a layout other than the fast default:
// [BsonGuidRepresentation], [BsonDateTimeOptions(Kind = ...)], and DateTimeOffset's document representation.
public static partial class GeneratedCodecHelpers
{
    /// <summary>
    /// Writes a <see cref="DateTimeOffset"/> as MongoDB.Bson's default representation, a document
    /// <c>{ DateTime: utc instant, Ticks: local ticks (Int64), Offset: minutes (Int32) }</c>, which keeps the offset.
    /// </summary>
    public static void WriteDateTimeOffsetDocument(ref BsonSpanWriter writer, DateTimeOffset value)
    {
        writer.WriteStartDocument();
        writer.WriteName("DateTime"u8);
        writer.WriteDateTime(BsonUtils.ToMillisecondsSinceEpoch(value.UtcDateTime));
        writer.WriteName("Ticks"u8);
        writer.WriteInt64(value.Ticks);
        writer.WriteName("Offset"u8);
        writer.WriteInt32((int)value.Offset.TotalMinutes);
        writer.WriteEndDocument();
    }

    /// <summary>Reads a <see cref="DateTimeOffset"/> written as a document (by <see cref="WriteDateTimeOffsetDocument"/>, from Ticks and Offset) or as a BSON datetime (offset zero).</summary>
    public static DateTimeOffset ReadDateTimeOffsetDocument(ref BsonSpanReader reader, string typeName)
    {
        if (reader.CurrentType == BsonType.DateTime)
        {
            return ReadDateTimeOffset(ref reader, typeName);
        }

        ReadStartDocument(ref reader, typeName);
        long ticks = 0;
        var offset = 0;
        var hasTicks = false;
        while (reader.ReadBsonType() != BsonType.EndOfDocument)
        {
            var name = reader.ReadNameBytes();
            if (name.SequenceEqual("Ticks"u8))
            {
                ticks = ReadInt64(ref reader, typeName);
                hasTicks = true;
            }
            else if (name.SequenceEqual("Offset"u8))
            {
                offset = ReadInt32(ref reader, typeName);
            }
            else
            {
                reader.SkipValue();
            }
        }

        reader.ReadEndDocument();
        if (!hasTicks)
        {
            throw new BsonSerializationException($"Cannot decode {typeName}: a DateTimeOffset document has no Ticks element.");
        }

        return new DateTimeOffset(ticks, TimeSpan.FromMinutes(offset));
    }

    /// <summary>Reads a BSON datetime as a <see cref="DateTime"/> of <paramref name="kind"/>, as <c>[BsonDateTimeOptions(Kind = ...)]</c> asks.</summary>
    public static DateTime ReadDateTime(ref BsonSpanReader reader, string typeName, DateTimeKind kind)
    {
        var utc = ReadDateTime(ref reader, typeName);
        return kind switch
        {
            DateTimeKind.Local => utc.ToLocalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(utc, DateTimeKind.Unspecified),
            _ => utc,
        };
    }

    /// <summary>Writes a <see cref="Guid"/> laid out as a member's <c>[BsonGuidRepresentation]</c> says, whatever the options.</summary>
    public static unsafe void WriteGuid(ref BsonSpanWriter writer, Guid value, GuidRepresentation representation)
    {
        var buffer = stackalloc byte[16];
        var bytes = new Span<byte>(buffer, 16);
        var subType = GuidBytes.Write(value, representation, bytes);
        writer.WriteBinary(bytes, subType);
    }

    /// <summary>Reads a UUID binary laid out as a member's <c>[BsonGuidRepresentation]</c> says.</summary>
    public static Guid ReadGuid(ref BsonSpanReader reader, GuidRepresentation representation, string typeName)
    {
        if (reader.CurrentType != BsonType.Binary)
        {
            ThrowUnexpectedType(ref reader, typeName, BsonType.Binary);
        }

        var bytes = reader.ReadBinary(out var subType);
        try
        {
            return GuidBytes.Read(bytes, subType, representation);
        }
        catch (BsonSerializationException e)
        {
            throw new BsonSerializationException($"Cannot decode {typeName}: element '{ElementName(ref reader)}': {e.Message}", e);
        }
    }

    /// <summary>Reads a <see cref="TimeSpan"/> as MongoDB.Bson's TimeSpanSerializer does by default: its string, or ticks from an Int32, Int64 or Double.</summary>
    public static TimeSpan ReadTimeSpan(ref BsonSpanReader reader, string typeName) =>
        reader.CurrentType == BsonType.String
            ? ReadParsed<TimeSpan>(ref reader, typeName)
            : new TimeSpan(ReadInt64(ref reader, typeName));

    /// <summary>Writes a C# null held by a BsonValue member as MongoDB.Bson does: <c>{ "_csharpnull" : true }</c> (BSON null means BsonNull.Value).</summary>
    public static void WriteCSharpNull(ref BsonSpanWriter writer)
    {
        writer.WriteStartDocument();
        writer.WriteName("_csharpnull"u8);
        writer.WriteBoolean(true);
        writer.WriteEndDocument();
    }

    /// <summary>
    /// Reads a BsonValue member that may be null: <c>{ "_csharpnull" : true }</c> is C# null, BSON null is
    /// <see cref="BsonNull.Value"/> where <typeparamref name="TValue"/> can hold it and null otherwise.
    /// </summary>
    public static TValue? ReadNullableBsonValue<TValue>(ref BsonSpanReader reader, string typeName)
        where TValue : BsonValue
    {
        if (reader.CurrentType == BsonType.Null)
        {
            reader.ReadNull();
            return BsonNull.Value as TValue;
        }

        if (reader.CurrentType != BsonType.Document)
        {
            return ReadBsonValue<TValue>(ref reader, typeName);
        }

        var value = ReadBsonValue<BsonValue>(ref reader, typeName);
        if (value is BsonDocument { ElementCount: 1 } document && document.GetElement(0) is { Name: "_csharpnull", Value: BsonBoolean { Value: true } })
        {
            return null;
        }

        return value as TValue ?? throw new BsonSerializationException($"Cannot decode {typeName}: a document is not a {typeof(TValue).Name}.");
    }

    /// <summary>Writes a <see cref="decimal"/> as Decimal128, with decimal.MaxValue/MinValue as Decimal128's extremes, as MongoDB.Bson's converter does.</summary>
    public static void WriteDecimal(ref BsonSpanWriter writer, decimal value) =>
        writer.WriteDecimal128(value == decimal.MaxValue ? Decimal128.MaxValue : value == decimal.MinValue ? Decimal128.MinValue : new Decimal128(value));

    /// <summary>Writes a <see cref="float"/> as a double, with float.MaxValue/MinValue as double's extremes, as MongoDB.Bson's converter does.</summary>
    public static void WriteSingle(ref BsonSpanWriter writer, float value) =>
        writer.WriteDouble(value == float.MaxValue ? double.MaxValue : value == float.MinValue ? double.MinValue : value);

    /// <summary>Reads a double as a <see cref="float"/>, double.MaxValue/MinValue as float's extremes (the reverse of <see cref="WriteSingle"/>).</summary>
    public static float ReadSingle(ref BsonSpanReader reader, string typeName)
    {
        var value = ReadDouble(ref reader, typeName);
        return value == double.MaxValue ? float.MaxValue : value == double.MinValue ? float.MinValue : (float)value;
    }

    /// <summary>Writes a decimal as a double, refusing one that the double does not hold (as the class map's converter refuses truncation).</summary>
    public static void WriteDecimalAsDouble(ref BsonSpanWriter writer, decimal value, string typeName)
    {
        var d = value == decimal.MaxValue ? double.MaxValue : value == decimal.MinValue ? double.MinValue : (double)value;
        if (value != decimal.MaxValue && value != decimal.MinValue && (decimal)d != value)
        {
            throw new BsonSerializationException($"Cannot encode {typeName}: the decimal {value} cannot be stored as a Double without loss; widen the representation.");
        }

        writer.WriteDouble(d);
    }

    /// <summary>Writes an Int64 as a double, refusing one that the double does not hold exactly (as the class map's converter refuses truncation).</summary>
    public static void WriteInt64AsDouble(ref BsonSpanWriter writer, long value, string typeName)
    {
        var d = (double)value;
        if (d >= 9.2233720368547758E+18 || (long)d != value)
        {
            throw new BsonSerializationException($"Cannot encode {typeName}: the Int64 {value} cannot be stored as a Double without loss; widen the representation.");
        }

        writer.WriteDouble(d);
    }

    /// <summary>Reads an enum stored as a number from its name, as MongoDB.Bson's EnumSerializer reads one whatever the representation.</summary>
    public static TEnum ReadEnumName<TEnum>(ref BsonSpanReader reader, string typeName)
        where TEnum : struct, Enum
    {
        var name = ReadString(ref reader, typeName);
        if (Enum.TryParse<TEnum>(name, ignoreCase: false, out var value))
        {
            return value;
        }

        throw new BsonSerializationException($"Cannot decode {typeName}: \"{name}\" is not a name of {typeof(TEnum).Name}.");
    }
}

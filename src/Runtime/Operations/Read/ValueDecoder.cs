using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Operations.Read;

/// <summary>
/// Decodes one BSON value (an array element or a field value) as <typeparamref name="T"/>: through the registered
/// codec when there is one, else by the built-in conversions of primitives, strings, ObjectId, DateTime, Guid and
/// decimal. The dispatch is chosen once per type.
/// </summary>
internal static class ValueDecoder<T>
{
    public static T Decode(ref BsonSpanReader reader)
    {
        if (BsonCodecRegistry.TryGet<T>() is { } codec)
        {
            return codec.Decode(ref reader);
        }

        var value = BsonValueCodec.Instance.Decode(ref reader);
        return Convert(value);
    }

    private static T Convert(BsonValue value)
    {
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (value is BsonNull && (!typeof(T).IsValueType || Nullable.GetUnderlyingType(typeof(T)) is not null))
        {
            return default!;
        }

        object? converted = value switch
        {
            _ when type == typeof(BsonValue) || type == typeof(object) => value,
            _ when type.IsInstanceOfType(value) => value,
            _ when type == typeof(string) => value.AsString,
            _ when type == typeof(int) => value.ToInt32(),
            _ when type == typeof(long) => value.ToInt64(),
            _ when type == typeof(double) => value.ToDouble(),
            _ when type == typeof(bool) => value.AsBoolean,
            _ when type == typeof(decimal) => value is BsonDecimal128 d ? (decimal)d.Value : (decimal)value.ToDouble(),
            _ when type == typeof(Decimal128) => value is BsonDecimal128 d ? d.Value : (Decimal128)(decimal)value.ToDouble(),
            _ when type == typeof(ObjectId) => value.AsObjectId,
            _ when type == typeof(DateTime) => ((BsonDateTime)value).ToUniversalTime(),
            _ when type == typeof(DateTimeOffset) => new DateTimeOffset(((BsonDateTime)value).ToUniversalTime()),
            // An enum as MongoDB.Bson stores it by default (a number) or with [BsonRepresentation(BsonType.String)] (its name).
            _ when type.IsEnum && value is BsonString name => Enum.Parse(type, name.Value),
            _ when type.IsEnum && value.IsNumeric => Enum.ToObject(type, value.ToInt64()),
            _ when type == typeof(Guid) && value is BsonBinaryData { SubType: BsonBinarySubType.UuidStandard } bin => bin.ToGuid(),
            _ => throw new BsonSerializationException($"Cannot convert the BSON {value.BsonType} value {value} to {typeof(T).Name}; register a codec for it."),
        };
        return (T)converted!;
    }
}

using System.Globalization;
using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary><c>$convert</c> and its shorthands (<c>$toInt</c>, <c>$toString</c>, …); failures are ConversionFailure (241) unless onError is given.</summary>
internal static partial class ExpressionOperators
{
    private const int ConversionFailure = ErrorCodes.ConversionFailure;

    private static void RegisterConversions()
    {
        Table["$convert"] = Convert;
        Table["$toInt"] = (n, a, c) => Shorthand(n, a, c, BsonType.Int32);
        Table["$toLong"] = (n, a, c) => Shorthand(n, a, c, BsonType.Int64);
        Table["$toDouble"] = (n, a, c) => Shorthand(n, a, c, BsonType.Double);
        Table["$toDecimal"] = (n, a, c) => Shorthand(n, a, c, BsonType.Decimal128);
        Table["$toString"] = (n, a, c) => Shorthand(n, a, c, BsonType.String);
        Table["$toBool"] = (n, a, c) => Shorthand(n, a, c, BsonType.Boolean);
        Table["$toObjectId"] = (n, a, c) => Shorthand(n, a, c, BsonType.ObjectId);
        Table["$toDate"] = (n, a, c) => Shorthand(n, a, c, BsonType.DateTime);
    }

    private static BsonValue Shorthand(string name, Expression[] args, EvaluationContext context, BsonType target)
    {
        Arity(name, args, 1);
        var value = args[0].Evaluate(context);
        return ExpressionValues.IsNullish(value) ? BsonNull.Value : ConvertValue(value!, target);
    }

    private static BsonValue? Convert(string name, Expression[] args, EvaluationContext context)
    {
        var spec = Named(name, args);
        CheckFields(name, spec, ErrorCodes.FailedToParse, "input", "to", "onError", "onNull", "format", "base");
        var input = (spec.Field("input") ?? throw new MongoServerException(ErrorCodes.FailedToParse, "Missing 'input' parameter to $convert")).Evaluate(context);
        var to = (spec.Field("to") ?? throw new MongoServerException(ErrorCodes.FailedToParse, "Missing 'to' parameter to $convert")).Evaluate(context);
        if (ExpressionValues.IsNullish(to))
        {
            return BsonNull.Value;
        }

        var target = TargetType(to!);
        if (ExpressionValues.IsNullish(input))
        {
            return spec.Field("onNull") is { } onNull ? onNull.Evaluate(context) : BsonNull.Value;
        }

        try
        {
            return ConvertValue(input!, target);
        }
        catch (MongoServerException ex) when (ex.Code == ConversionFailure && spec.Field("onError") is { } onError)
        {
            return onError.Evaluate(context);
        }
    }

    private static BsonType TargetType(BsonValue to)
    {
        if (to is BsonString { Value: var alias })
        {
            return alias switch
            {
                "double" => BsonType.Double,
                "string" => BsonType.String,
                "objectId" => BsonType.ObjectId,
                "bool" => BsonType.Boolean,
                "date" => BsonType.DateTime,
                "int" => BsonType.Int32,
                "long" => BsonType.Int64,
                "decimal" => BsonType.Decimal128,
                _ => throw new MongoServerException(ErrorCodes.BadValue, $"Unknown type name: {alias}"),
            };
        }

        if (to.IsNumeric && to.ToDouble() is 1 or 2 or 7 or 8 or 9 or 16 or 18 or 19)
        {
            return (BsonType)(int)to.ToDouble();
        }

        throw new MongoServerException(ErrorCodes.FailedToParse, $"$convert's 'to' argument must be a string or number, but is {to}");
    }

    private static MongoServerException Unsupported(BsonValue value, BsonType target) => new(
        ConversionFailure,
        $"Unsupported conversion from {BsonTypeNames.AliasOf(value.BsonType)} to {BsonTypeNames.AliasOf(target)} in $convert with no onError value");

    private static MongoServerException Failed(string detail) => new(ConversionFailure, $"Failed to parse number '{detail}' in $convert with no onError value");

    /// <summary>Converts a non-null value as mongod's $convert does.</summary>
    public static BsonValue ConvertValue(BsonValue value, BsonType target)
    {
        if (value.BsonType == target)
        {
            return value;
        }

        switch (target)
        {
            case BsonType.Boolean:
                return value switch
                {
                    BsonInt32 or BsonInt64 or BsonDouble or BsonDecimal128 => BsonBoolean.Create(ExpressionValues.IsTruthy(value)),
                    BsonString or BsonObjectId or BsonDateTime or BsonTimestamp or BsonDocument or BsonArray or BsonBinaryData or BsonRegularExpression => BsonBoolean.True,
                    _ => throw Unsupported(value, target),
                };
            case BsonType.Int32:
            case BsonType.Int64:
                long integral;
                switch (value)
                {
                    case BsonBoolean b:
                        integral = b.Value ? 1 : 0;
                        break;
                    case BsonInt32 or BsonInt64:
                        integral = value.ToInt64();
                        break;
                    case BsonDouble or BsonDecimal128:
                        var d = value.ToDouble();
                        if (double.IsNaN(d) || double.IsInfinity(d) || Math.Truncate(d) is < long.MinValue or >= 9.2233720368547758E+18)
                        {
                            throw new MongoServerException(ConversionFailure, $"Conversion would overflow target type in $convert with no onError value: {value}");
                        }

                        integral = value is BsonDecimal128 m ? (long)decimal.Truncate(Numeric.ToDecimal(m)) : (long)Math.Truncate(d);
                        break;
                    case BsonDateTime date when target == BsonType.Int64:
                        integral = date.MillisecondsSinceEpoch;
                        break;
                    case BsonString s:
                        if (!long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out integral))
                        {
                            throw Failed(s.Value);
                        }

                        break;
                    default:
                        throw Unsupported(value, target);
                }

                if (target == BsonType.Int32)
                {
                    return integral is >= int.MinValue and <= int.MaxValue
                        ? BsonInt32.Create((int)integral)
                        : throw new MongoServerException(ConversionFailure, $"Conversion would overflow target type in $convert with no onError value: {value}");
                }

                return new BsonInt64(integral);
            case BsonType.Double:
                return value switch
                {
                    BsonBoolean b => new BsonDouble(b.Value ? 1 : 0),
                    BsonInt32 or BsonInt64 or BsonDecimal128 => new BsonDouble(value.ToDouble()),
                    BsonDateTime date => new BsonDouble(date.MillisecondsSinceEpoch),
                    BsonString s => new BsonDouble(ParseDouble(s.Value)),
                    _ => throw Unsupported(value, target),
                };
            case BsonType.Decimal128:
                return value switch
                {
                    BsonBoolean b => new BsonDecimal128(new Decimal128(b.Value ? 1 : 0)),
                    BsonInt32 or BsonInt64 or BsonDouble => new BsonDecimal128(new Decimal128(Numeric.ToDecimal(value))),
                    BsonDateTime date => new BsonDecimal128(new Decimal128(date.MillisecondsSinceEpoch)),
                    BsonString s => decimal.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var m)
                        ? new BsonDecimal128(new Decimal128(m))
                        : throw Failed(s.Value),
                    _ => throw Unsupported(value, target),
                };
            case BsonType.String:
                return value switch
                {
                    BsonDocument or BsonArray or BsonNull or BsonUndefined or BsonMinKey or BsonMaxKey => throw Unsupported(value, target),
                    _ => new BsonString(ToStringValue(value)),
                };
            case BsonType.ObjectId:
                return value is BsonString { Value: var hex } && hex.Length == 24 && ObjectId.TryParse(hex, out var id)
                    ? new BsonObjectId(id)
                    : value is BsonString bad ? throw new MongoServerException(ConversionFailure, $"Failed to parse objectId '{bad.Value}' in $convert with no onError value: Invalid string length for parsing to OID, expected 24 but found {bad.Value.Length}") : throw Unsupported(value, target);
            case BsonType.DateTime:
                return value switch
                {
                    BsonInt64 or BsonDouble or BsonDecimal128 => new BsonDateTime(CheckedMillis(value)),
                    BsonObjectId or BsonTimestamp => new BsonDateTime(DateMillis(value)!.Value),
                    BsonString s => new BsonDateTime(ParseDate(s.Value, null, null)),
                    _ => throw Unsupported(value, target),
                };
            default:
                throw Unsupported(value, target);
        }
    }

    private static long CheckedMillis(BsonValue value)
    {
        var d = value.ToDouble();
        return double.IsNaN(d) || double.IsInfinity(d) || d is < -9.2233720368547758E+18 or >= 9.2233720368547758E+18
            ? throw new MongoServerException(ConversionFailure, $"Conversion would overflow target type in $convert with no onError value: {value}")
            : (long)d;
    }

    private static double ParseDouble(string text)
    {
        switch (text)
        {
            case "NaN" or "nan":
                return double.NaN;
            case "Infinity" or "inf" or "infinity":
                return double.PositiveInfinity;
            case "-Infinity" or "-inf" or "-infinity":
                return double.NegativeInfinity;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && text.Trim().Length == text.Length
            ? d
            : throw Failed(text);
    }

    /// <summary>mongod's string form of a scalar: shortest round-trip doubles, ISO dates with milliseconds, hex ObjectIds.</summary>
    private static string ToStringValue(BsonValue value) => value switch
    {
        BsonString s => s.Value,
        BsonInt32 i => i.Value.ToString(CultureInfo.InvariantCulture),
        BsonInt64 l => l.Value.ToString(CultureInfo.InvariantCulture),
        BsonDouble d => FormatDouble(d.Value),
        BsonDecimal128 m => m.Value.ToString(),
        BsonBoolean b => b.Value ? "true" : "false",
        BsonObjectId o => o.Value.ToString(),
        BsonDateTime dt => DateTime.UnixEpoch.AddMilliseconds(dt.MillisecondsSinceEpoch).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string FormatDouble(double d) => d switch
    {
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        _ when double.IsNaN(d) => "NaN",
        _ => d.ToString("R", CultureInfo.InvariantCulture).Replace("E+", "e+", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal),
    };
}

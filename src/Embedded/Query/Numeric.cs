using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary>
/// Arithmetic on BSON numbers with mongod's type promotion: int32 widens to int64 on overflow, int64 to double,
/// anything with a double is a double and anything with a decimal is a decimal.
/// </summary>
internal static class Numeric
{
    public static BsonValue Add(BsonValue x, BsonValue y)
    {
        if (x is BsonDecimal128 || y is BsonDecimal128)
        {
            return new BsonDecimal128(new Decimal128(ToDecimal(x) + ToDecimal(y)));
        }

        if (x is BsonDouble || y is BsonDouble)
        {
            return new BsonDouble(x.ToDouble() + y.ToDouble());
        }

        if (x is BsonInt32 a && y is BsonInt32 b)
        {
            var sum = (long)a.Value + b.Value;
            return sum is >= int.MinValue and <= int.MaxValue ? BsonInt32.Create((int)sum) : new BsonInt64(sum);
        }

        var l = x.ToInt64();
        var r = y.ToInt64();
        var result = l + r;
        return ((l ^ result) & (r ^ result)) < 0 ? new BsonDouble((double)l + r) : new BsonInt64(result);
    }

    public static BsonValue Subtract(BsonValue x, BsonValue y) => Add(x, Negate(y));

    public static BsonValue Negate(BsonValue x) => x switch
    {
        BsonInt32 i when i.Value != int.MinValue => BsonInt32.Create(-i.Value),
        BsonInt32 i => new BsonInt64(-(long)i.Value),
        BsonInt64 l when l.Value != long.MinValue => new BsonInt64(-l.Value),
        BsonDecimal128 m => new BsonDecimal128(new Decimal128(-ToDecimal(m))),
        _ => new BsonDouble(-x.ToDouble()),
    };

    public static BsonValue Multiply(BsonValue x, BsonValue y)
    {
        if (x is BsonDecimal128 || y is BsonDecimal128)
        {
            return new BsonDecimal128(new Decimal128(ToDecimal(x) * ToDecimal(y)));
        }

        if (x is BsonDouble || y is BsonDouble)
        {
            return new BsonDouble(x.ToDouble() * y.ToDouble());
        }

        if (x is BsonInt32 a && y is BsonInt32 b)
        {
            var product = (long)a.Value * b.Value;
            return product is >= int.MinValue and <= int.MaxValue ? BsonInt32.Create((int)product) : new BsonInt64(product);
        }

        try
        {
            return new BsonInt64(checked(x.ToInt64() * y.ToInt64()));
        }
        catch (OverflowException)
        {
            return new BsonDouble(x.ToDouble() * y.ToDouble());
        }
    }

    /// <summary>The zero of the same type as <paramref name="like"/>, used when $inc/$mul create a field.</summary>
    public static BsonValue ZeroLike(BsonValue like) => like switch
    {
        BsonInt64 => new BsonInt64(0),
        BsonDouble => new BsonDouble(0),
        BsonDecimal128 => new BsonDecimal128(Decimal128.Zero),
        _ => BsonInt32.Create(0),
    };

    public static decimal ToDecimal(BsonValue value)
    {
        try
        {
            return value switch
            {
                BsonDecimal128 m => (decimal)m.Value,
                BsonDouble d => (decimal)d.Value,
                _ => value.ToInt64(),
            };
        }
        catch (OverflowException)
        {
            throw new MongoServerException(ErrorCodes.BadValue, $"Decimal arithmetic on {value} is out of the supported range");
        }
    }
}

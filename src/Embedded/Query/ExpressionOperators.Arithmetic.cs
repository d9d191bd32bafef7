using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary>Rounding, powers and logarithms; <c>$add</c>, <c>$subtract</c>, <c>$multiply</c>, <c>$divide</c>, <c>$mod</c>, <c>$abs</c> are in the main file.</summary>
internal static partial class ExpressionOperators
{
    private static void RegisterArithmetic()
    {
        Table["$ceil"] = (n, a, c) => Unary(n, a, c, Math.Ceiling, decimal.Ceiling);
        Table["$floor"] = (n, a, c) => Unary(n, a, c, Math.Floor, decimal.Floor);
        Table["$round"] = (n, a, c) => RoundOrTrunc(n, a, c, truncate: false);
        Table["$trunc"] = (n, a, c) => RoundOrTrunc(n, a, c, truncate: true);
        Table["$sqrt"] = (n, a, c) => Real(n, a, c, x => x >= 0 ? null : new MongoServerException(28714, "$sqrt's argument must be greater than or equal to 0"), Math.Sqrt);
        Table["$exp"] = (n, a, c) => Real(n, a, c, _ => null, Math.Exp);
        Table["$ln"] = (n, a, c) => Real(n, a, c, x => x > 0 ? null : new MongoServerException(28766, "$ln's argument must be a positive number"), Math.Log);
        Table["$log10"] = (n, a, c) => Real(n, a, c, x => x > 0 ? null : new MongoServerException(28761, "$log10's argument must be a positive number"), Math.Log10);
        Table["$log"] = (n, a, c) =>
        {
            Arity(n, a, 2);
            var x = a[0].Evaluate(c);
            var b = a[1].Evaluate(c);
            if (ExpressionValues.IsNullish(x) || ExpressionValues.IsNullish(b))
            {
                return BsonNull.Value;
            }

            var value = NumericArg(n, x!, 28756).ToDouble();
            var radix = NumericArg(n, b!, 28757).ToDouble();
            if (value <= 0)
            {
                throw new MongoServerException(28758, "$log's argument must be a positive number");
            }

            if (radix <= 0 || radix == 1)
            {
                throw new MongoServerException(28759, "$log's base must be a positive number not equal to 1");
            }

            return new BsonDouble(Math.Log(value) / Math.Log(radix));
        };
        Table["$pow"] = Pow;
        Table["$sum"] = (n, a, c) => Numbers(a, c).Aggregate((BsonValue)BsonInt32.Create(0), Numeric.Add);
        Table["$avg"] = (n, a, c) =>
        {
            var values = Numbers(a, c).ToList();
            if (values.Count == 0)
            {
                return BsonNull.Value;
            }

            var sum = values.Aggregate((BsonValue)BsonInt32.Create(0), Numeric.Add);
            return sum is BsonDecimal128 ? new BsonDecimal128(new Decimal128(Numeric.ToDecimal(sum) / values.Count)) : new BsonDouble(sum.ToDouble() / values.Count);
        };
        Table["$min"] = (n, a, c) => Extreme(a, c, -1);
        Table["$max"] = (n, a, c) => Extreme(a, c, 1);
    }

    /// <summary>The operands of the accumulator-style operators: the elements of a single array argument, else the arguments.</summary>
    private static IEnumerable<BsonValue> Operands(Expression[] args, EvaluationContext context)
    {
        if (args.Length == 1)
        {
            var value = args[0].Evaluate(context);
            if (value is BsonArray array)
            {
                return array;
            }

            return value is null ? [] : [value];
        }

        return args.Select(a => a.Evaluate(context)).Where(v => v is not null).Select(v => v!);
    }

    private static IEnumerable<BsonValue> Numbers(Expression[] args, EvaluationContext context) => Operands(args, context).Where(v => v.IsNumeric);

    private static BsonValue Extreme(Expression[] args, EvaluationContext context, int direction)
    {
        BsonValue? best = null;
        foreach (var value in Operands(args, context))
        {
            if (!ExpressionValues.IsNullish(value) && (best is null || BsonOrder.CompareValues(value, best) * direction > 0))
            {
                best = value;
            }
        }

        return best ?? BsonNull.Value;
    }

    /// <summary>A numeric argument or mongod's "only supports numeric types" error under the operator's own code.</summary>
    private static BsonValue NumericArg(string name, BsonValue value, int code) =>
        value.IsNumeric ? value : throw new MongoServerException(code, $"{name} only supports numeric types, not {BsonTypeNames.AliasOf(value.BsonType)}");

    private static BsonValue Unary(string name, Expression[] args, EvaluationContext context, Func<double, double> onDouble, Func<decimal, decimal> onDecimal)
    {
        Arity(name, args, 1);
        var x = args[0].Evaluate(context);
        if (ExpressionValues.IsNullish(x))
        {
            return BsonNull.Value;
        }

        return NumericArg(name, x!, 28765) switch
        {
            BsonInt32 or BsonInt64 => x!,
            BsonDecimal128 m => new BsonDecimal128(new Decimal128(onDecimal(Numeric.ToDecimal(m)))),
            var d => new BsonDouble(onDouble(d.ToDouble())),
        };
    }

    /// <summary>Operators whose result is a double (a decimal for decimal input, computed through double here).</summary>
    private static BsonValue Real(string name, Expression[] args, EvaluationContext context, Func<double, MongoServerException?> check, Func<double, double> op)
    {
        Arity(name, args, 1);
        var x = args[0].Evaluate(context);
        if (ExpressionValues.IsNullish(x))
        {
            return BsonNull.Value;
        }

        var value = NumericArg(name, x!, 28765).ToDouble();
        if (!double.IsNaN(value) && check(value) is { } error)
        {
            throw error;
        }

        var result = op(value);
        return x is BsonDecimal128 ? new BsonDecimal128(new Decimal128((decimal)result)) : new BsonDouble(result);
    }

    private static BsonValue RoundOrTrunc(string name, Expression[] args, EvaluationContext context, bool truncate)
    {
        if (args.Length is < 1 or > 2)
        {
            throw new MongoServerException(28667, $"Expression {name} takes at least 1 argument, and at most 2");
        }

        var x = args[0].Evaluate(context);
        var placeValue = args.Length == 2 ? args[1].Evaluate(context) : BsonInt32.Create(0);
        if (ExpressionValues.IsNullish(x) || ExpressionValues.IsNullish(placeValue))
        {
            return BsonNull.Value;
        }

        NumericArg(name, x!, 51081);
        if (!placeValue!.IsNumeric || placeValue.ToDouble() != Math.Floor(placeValue.ToDouble()) || placeValue.ToDouble() is < -20 or > 100)
        {
            throw new MongoServerException(51083, $"cannot apply {name} with precision value {placeValue} value must be in [-20, 100]");
        }

        var place = placeValue.ToInt32();
        var mode = truncate ? MidpointRounding.ToZero : MidpointRounding.ToEven;
        switch (x)
        {
            case BsonInt32 or BsonInt64:
                if (place >= 0)
                {
                    return x;
                }

                var scale = (decimal)Math.Pow(10, -place);
                var rounded = (long)(Math.Round(x.ToInt64() / scale, 0, mode) * scale);
                return x is BsonInt32 && rounded is >= int.MinValue and <= int.MaxValue ? BsonInt32.Create((int)rounded) : new BsonInt64(rounded);
            case BsonDecimal128 m:
                return new BsonDecimal128(new Decimal128(RoundDecimal(Numeric.ToDecimal(m), place, mode)));
            default:
                var d = x!.ToDouble();
                if (double.IsNaN(d) || double.IsInfinity(d))
                {
                    return x;
                }

                if (Math.Abs(d) < 7.9e27)
                {
                    return new BsonDouble((double)RoundDecimal((decimal)d, place, mode));
                }

                return new BsonDouble(d);
        }
    }

    private static decimal RoundDecimal(decimal value, int place, MidpointRounding mode)
    {
        if (place >= 0)
        {
            return Math.Round(value, Math.Min(place, 28), mode);
        }

        var scale = (decimal)Math.Pow(10, Math.Min(-place, 28));
        return Math.Round(value / scale, 0, mode) * scale;
    }

    private static BsonValue? Pow(string name, Expression[] args, EvaluationContext context)
    {
        Arity(name, args, 2);
        var x = args[0].Evaluate(context);
        var y = args[1].Evaluate(context);
        if (ExpressionValues.IsNullish(x) || ExpressionValues.IsNullish(y))
        {
            return BsonNull.Value;
        }

        NumericArg(name, x!, 28762);
        NumericArg(name, y!, 28763);
        if (x!.ToDouble() == 0 && y!.ToDouble() < 0)
        {
            throw new MongoServerException(28764, "$pow cannot take a base of 0 and a negative exponent");
        }

        if (x is BsonDecimal128 || y is BsonDecimal128)
        {
            return new BsonDecimal128(new Decimal128((decimal)Math.Pow(x.ToDouble(), y!.ToDouble())));
        }

        if (x is BsonInt32 or BsonInt64 && y is BsonInt32 or BsonInt64 && y.ToInt64() >= 0)
        {
            // Integral powers stay integral while they fit, widening int -> long -> double like $multiply.
            BsonValue result = x is BsonInt64 || y is BsonInt64 ? new BsonInt64(1) : BsonInt32.Create(1);
            var exponent = y.ToInt64();
            if (exponent > 64)
            {
                var power = Math.Pow(x.ToDouble(), exponent);
                return Math.Abs(x.ToDouble()) > 1 ? new BsonDouble(power) : Numeric.Multiply(result, BsonInt32.Create((int)power));
            }

            for (long i = 0; i < exponent && result is not BsonDouble; i++)
            {
                result = Numeric.Multiply(result, x);
            }

            return result is BsonDouble ? new BsonDouble(Math.Pow(x.ToDouble(), exponent)) : result;
        }

        return new BsonDouble(Math.Pow(x.ToDouble(), y!.ToDouble()));
    }
}

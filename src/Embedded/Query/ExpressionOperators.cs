using System.Diagnostics.CodeAnalysis;
using System.Text;
using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary>
/// The table of expression operators. This file holds comparison, boolean and the first arithmetic, string and array
/// operators; the other families live in <c>ExpressionOperators.*.cs</c> partial files and register themselves from
/// the static constructor. <see cref="Register"/> remains for operators defined elsewhere.
/// </summary>
internal static partial class ExpressionOperators
{
    private static readonly Dictionary<string, ExpressionOperator> Table = new(StringComparer.Ordinal)
    {
        ["$eq"] = (n, a, c) => Compare(n, a, c, r => r == 0),
        ["$ne"] = (n, a, c) => Compare(n, a, c, r => r != 0),
        ["$gt"] = (n, a, c) => Compare(n, a, c, r => r > 0),
        ["$gte"] = (n, a, c) => Compare(n, a, c, r => r >= 0),
        ["$lt"] = (n, a, c) => Compare(n, a, c, r => r < 0),
        ["$lte"] = (n, a, c) => Compare(n, a, c, r => r <= 0),
        ["$cmp"] = (n, a, c) =>
        {
            Arity(n, a, 2);
            return BsonInt32.Create(BsonOrder.CompareValues(a[0].Evaluate(c) ?? BsonNull.Value, a[1].Evaluate(c) ?? BsonNull.Value));
        },
        ["$and"] = (_, a, c) =>
        {
            foreach (var arg in a)
            {
                if (!ExpressionValues.IsTruthy(arg.Evaluate(c)))
                {
                    return BsonBoolean.False;
                }
            }

            return BsonBoolean.True;
        },
        ["$or"] = (_, a, c) =>
        {
            foreach (var arg in a)
            {
                if (ExpressionValues.IsTruthy(arg.Evaluate(c)))
                {
                    return BsonBoolean.True;
                }
            }

            return BsonBoolean.False;
        },
        ["$not"] = (n, a, c) =>
        {
            Arity(n, a, 1);
            return BsonBoolean.Create(!ExpressionValues.IsTruthy(a[0].Evaluate(c)));
        },
        ["$cond"] = Cond,
        ["$ifNull"] = (n, a, c) =>
        {
            if (a.Length < 2)
            {
                throw new MongoServerException(1257300, "$ifNull needs at least two arguments");
            }

            for (var i = 0; i < a.Length - 1; i++)
            {
                var value = a[i].Evaluate(c);
                if (!ExpressionValues.IsNullish(value))
                {
                    return value;
                }
            }

            return a[^1].Evaluate(c);
        },
        ["$add"] = (n, a, c) => Fold(n, a, c, Numeric.Add),
        ["$multiply"] = (n, a, c) => Fold(n, a, c, Numeric.Multiply),
        ["$subtract"] = (n, a, c) =>
        {
            Arity(n, a, 2);
            var x = a[0].Evaluate(c);
            var y = a[1].Evaluate(c);
            if (ExpressionValues.IsNullish(x) || ExpressionValues.IsNullish(y))
            {
                return BsonNull.Value;
            }

            if (x is BsonDateTime dx && y is BsonDateTime dy)
            {
                return new BsonInt64(dx.MillisecondsSinceEpoch - dy.MillisecondsSinceEpoch);
            }

            if (x is BsonDateTime date && y!.IsNumeric)
            {
                return new BsonDateTime(date.MillisecondsSinceEpoch - y.ToInt64());
            }

            return Numeric.Subtract(Number(n, x!), Number(n, y!));
        },
        ["$divide"] = (n, a, c) =>
        {
            Arity(n, a, 2);
            var x = a[0].Evaluate(c);
            var y = a[1].Evaluate(c);
            if (ExpressionValues.IsNullish(x) || ExpressionValues.IsNullish(y))
            {
                return BsonNull.Value;
            }

            var divisor = Number(n, y!);
            if (divisor.ToDouble() == 0)
            {
                throw new MongoServerException(2, "can't $divide by zero");
            }

            return x is BsonDecimal128 || divisor is BsonDecimal128
                ? new BsonDecimal128(new Decimal128(Numeric.ToDecimal(Number(n, x!)) / Numeric.ToDecimal(divisor)))
                : new BsonDouble(Number(n, x!).ToDouble() / divisor.ToDouble());
        },
        ["$mod"] = (n, a, c) =>
        {
            Arity(n, a, 2);
            var x = a[0].Evaluate(c);
            var y = a[1].Evaluate(c);
            if (ExpressionValues.IsNullish(x) || ExpressionValues.IsNullish(y))
            {
                return BsonNull.Value;
            }

            Number(n, x!);
            if (Number(n, y!).ToDouble() == 0)
            {
                throw new MongoServerException(16610, "can't $mod by zero");
            }

            return x is BsonInt32 or BsonInt64 && y is BsonInt32 or BsonInt64
                ? (x is BsonInt32 && y is BsonInt32 ? BsonInt32.Create((int)(x.ToInt64() % y.ToInt64())) : new BsonInt64(x!.ToInt64() % y!.ToInt64()))
                : new BsonDouble(x!.ToDouble() % y!.ToDouble());
        },
        ["$abs"] = (n, a, c) =>
        {
            Arity(n, a, 1);
            var x = a[0].Evaluate(c);
            return ExpressionValues.IsNullish(x) ? BsonNull.Value : Number(n, x!) switch
            {
                BsonInt32 i when i.Value != int.MinValue => BsonInt32.Create(Math.Abs(i.Value)),
                BsonInt32 i => new BsonInt64(-(long)i.Value),
                BsonInt64 l => new BsonInt64(Math.Abs(l.Value)),
                BsonDecimal128 m => new BsonDecimal128(new Decimal128(Math.Abs(Numeric.ToDecimal(m)))),
                var d => new BsonDouble(Math.Abs(d.ToDouble())),
            };
        },
        ["$in"] = (n, a, c) =>
        {
            Arity(n, a, 2);
            var needle = a[0].Evaluate(c) ?? BsonNull.Value;
            if (a[1].Evaluate(c) is not BsonArray haystack)
            {
                throw new MongoServerException(40081, "$in requires an array as a second argument");
            }

            foreach (var item in haystack)
            {
                if (BsonOrder.CompareValues(item, needle) == 0)
                {
                    return BsonBoolean.True;
                }
            }

            return BsonBoolean.False;
        },
        ["$size"] = (n, a, c) =>
        {
            Arity(n, a, 1);
            return a[0].Evaluate(c) is BsonArray array
                ? BsonInt32.Create(array.Count)
                : throw new MongoServerException(17124, "The argument to $size must be an array");
        },
        ["$isArray"] = (n, a, c) =>
        {
            Arity(n, a, 1);
            return BsonBoolean.Create(a[0].Evaluate(c) is BsonArray);
        },
        ["$arrayElemAt"] = (n, a, c) =>
        {
            Arity(n, a, 2);
            var array = a[0].Evaluate(c);
            var index = a[1].Evaluate(c);
            if (ExpressionValues.IsNullish(array) || ExpressionValues.IsNullish(index))
            {
                return BsonNull.Value;
            }

            if (array is not BsonArray items || !index!.IsNumeric)
            {
                throw new MongoServerException(28689, "$arrayElemAt's first argument must be an array and its second a number");
            }

            var i = index.ToInt32();
            if (i < 0)
            {
                i += items.Count;
            }

            return i >= 0 && i < items.Count ? items[i] : null;
        },
        ["$concat"] = (_, a, c) =>
        {
            var builder = new StringBuilder();
            foreach (var arg in a)
            {
                var value = arg.Evaluate(c);
                if (ExpressionValues.IsNullish(value))
                {
                    return BsonNull.Value;
                }

                var text = value is BsonString s ? s.Value : throw new MongoServerException(16702, $"$concat only supports strings, not {value!.BsonType}");
                OperationLimits.CheckMemory(((long)builder.Length + text.Length) * sizeof(char), "$concat");
                builder.Append(text);
            }

            return new BsonString(builder.ToString());
        },
        ["$toLower"] = (n, a, c) => new BsonString(StringArg(n, a, c).ToLowerInvariant()),
        ["$toUpper"] = (n, a, c) => new BsonString(StringArg(n, a, c).ToUpperInvariant()),
        ["$strLenCP"] = (n, a, c) =>
        {
            Arity(n, a, 1);
            return a[0].Evaluate(c) is BsonString s
                ? BsonInt32.Create(s.Value.EnumerateRunes().Count())
                : throw new MongoServerException(34471, "$strLenCP requires a string argument");
        },
        ["$type"] = (n, a, c) =>
        {
            Arity(n, a, 1);
            var value = a[0].Evaluate(c);
            return new BsonString(value is null ? "missing" : BsonTypeNames.AliasOf(value.BsonType));
        },
    };

    static ExpressionOperators()
    {
        RegisterArithmetic();
        RegisterStrings();
        RegisterArrays();
        RegisterSets();
        RegisterDates();
        RegisterConversions();
        RegisterObjects();
    }

    public static bool TryGet(string name, [NotNullWhen(true)] out ExpressionOperator? implementation) => Table.TryGetValue(name, out implementation);

    /// <summary>Adds or replaces an operator; call during start-up only (the table is not synchronised).</summary>
    public static void Register(string name, ExpressionOperator implementation) => Table[name] = implementation;

    private static BsonValue Compare(string name, Expression[] args, EvaluationContext context, Func<int, bool> test)
    {
        Arity(name, args, 2);
        var x = args[0].Evaluate(context) ?? BsonNull.Value;
        var y = args[1].Evaluate(context) ?? BsonNull.Value;
        return BsonBoolean.Create(test(BsonOrder.CompareValues(x, y)));
    }

    private static BsonValue? Cond(string name, Expression[] args, EvaluationContext context)
    {
        Expression condition, then, otherwise;
        if (args is [ObjectExpression named])
        {
            condition = named.Field("if") ?? throw new MongoServerException(17080, "Missing 'if' parameter to $cond");
            then = named.Field("then") ?? throw new MongoServerException(17081, "Missing 'then' parameter to $cond");
            otherwise = named.Field("else") ?? throw new MongoServerException(17082, "Missing 'else' parameter to $cond");
        }
        else
        {
            Arity(name, args, 3);
            (condition, then, otherwise) = (args[0], args[1], args[2]);
        }

        return ExpressionValues.IsTruthy(condition.Evaluate(context)) ? then.Evaluate(context) : otherwise.Evaluate(context);
    }

    private static BsonValue Fold(string name, Expression[] args, EvaluationContext context, Func<BsonValue, BsonValue, BsonValue> op)
    {
        BsonValue result = name == "$multiply" ? BsonInt32.Create(1) : BsonInt32.Create(0);
        foreach (var arg in args)
        {
            var value = arg.Evaluate(context);
            if (ExpressionValues.IsNullish(value))
            {
                return BsonNull.Value;
            }

            if (value is BsonDateTime && result is BsonDateTime)
            {
                throw new MongoServerException(16612, "only one date allowed in an $add expression");
            }

            if (value is BsonDateTime date && name == "$add")
            {
                result = new BsonDateTime(date.MillisecondsSinceEpoch + result.ToInt64());
                continue;
            }

            result = result is BsonDateTime current
                ? new BsonDateTime(current.MillisecondsSinceEpoch + Number(name, value!).ToInt64())
                : op(result, Number(name, value!));
        }

        return result;
    }

    private static BsonValue Number(string name, BsonValue value) =>
        value.IsNumeric ? value : throw new MongoServerException(16554, $"{name} only supports numeric types, not {BsonTypeNames.AliasOf(value.BsonType)}");

    private static string StringArg(string name, Expression[] args, EvaluationContext context)
    {
        Arity(name, args, 1);
        return args[0].Evaluate(context) switch
        {
            BsonString s => s.Value,
            null or BsonNull or BsonUndefined => string.Empty,
            var other => other.ToString(),
        };
    }

    private static void Arity(string name, Expression[] args, int expected)
    {
        if (args.Length != expected)
        {
            throw new MongoServerException(16020, $"Expression {name} takes exactly {expected} arguments. {args.Length} were passed in.");
        }
    }
}

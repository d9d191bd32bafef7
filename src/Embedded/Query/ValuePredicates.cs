using System.Text.RegularExpressions;
using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary>A test of one value reached by a path; <c>null</c> stands for "missing".</summary>
internal abstract class ValuePredicate
{
    /// <summary>Whether an array at the end of the path is also tested element by element.</summary>
    public virtual bool ExpandArrays => true;

    public abstract bool Test(BsonValue? value);

    /// <summary>Like <see cref="Test(BsonValue)"/>, also naming the matching element for predicates that look inside arrays.</summary>
    public virtual bool Test(BsonValue? value, out int elementIndex)
    {
        elementIndex = -1;
        return Test(value);
    }
}

/// <summary><c>$eq</c> and implicit equality; null matches missing, null and undefined; a regex matches strings.</summary>
internal sealed class EqualsPredicate : ValuePredicate
{
    private readonly RegexPredicate? _regex;

    public EqualsPredicate(BsonValue value)
    {
        Value = value;
        if (value is BsonRegularExpression regex)
        {
            _regex = new RegexPredicate(regex);
        }
    }

    public BsonValue Value { get; }

    public override bool Test(BsonValue? value)
    {
        if (_regex is not null)
        {
            return _regex.Test(value);
        }

        if (Value is BsonNull)
        {
            return value is null or BsonNull or BsonUndefined;
        }

        return value is not null && BsonOrder.CompareValues(value, Value) == 0 && BsonOrder.Rank(value.BsonType) == BsonOrder.Rank(Value.BsonType);
    }
}

internal enum ComparisonOperator
{
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}

/// <summary><c>$lt $lte $gt $gte</c>, with type bracketing: only values of the same canonical type compare.</summary>
internal sealed class ComparisonPredicate(ComparisonOperator op, BsonValue operand) : ValuePredicate
{
    public ComparisonOperator Operator => op;

    public BsonValue Operand => operand;

    public override bool Test(BsonValue? value)
    {
        if (value is null or BsonUndefined)
        {
            return operand is BsonNull && op is ComparisonOperator.LessThanOrEqual or ComparisonOperator.GreaterThanOrEqual;
        }

        // MinKey and MaxKey bound every type, so comparisons against them cross brackets.
        if (operand is not (BsonMinKey or BsonMaxKey) && BsonOrder.Rank(value.BsonType) != BsonOrder.Rank(operand.BsonType))
        {
            return false;
        }

        var c = BsonOrder.CompareValues(value, operand);
        return op switch
        {
            ComparisonOperator.LessThan => c < 0,
            ComparisonOperator.LessThanOrEqual => c <= 0,
            ComparisonOperator.GreaterThan => c > 0,
            _ => c >= 0,
        };
    }
}

/// <summary><c>$in</c>: equality with any listed value (regexes match strings).</summary>
internal sealed class InPredicate(EqualsPredicate[] values) : ValuePredicate
{
    public IReadOnlyList<EqualsPredicate> Values => values;

    public override bool Test(BsonValue? value)
    {
        foreach (var candidate in values)
        {
            if (candidate.Test(value))
            {
                return true;
            }
        }

        return false;
    }
}

internal sealed class ExistsPredicate : ValuePredicate
{
    public static readonly ExistsPredicate Instance = new();

    public override bool Test(BsonValue? value) => value is not null;
}

/// <summary><c>$type</c> by codes and aliases; "number" covers the four numeric types.</summary>
internal sealed class TypePredicate(HashSet<BsonType> types, bool anyNumber) : ValuePredicate
{
    public override bool Test(BsonValue? value) =>
        value is not null && (types.Contains(value.BsonType) || (anyNumber && value.IsNumeric));
}

/// <summary><c>$size</c>: the array at the path (not its elements) has exactly that many elements.</summary>
internal sealed class SizePredicate(int size) : ValuePredicate
{
    public override bool ExpandArrays => false;

    public override bool Test(BsonValue? value) => value is BsonArray array && array.Count == size;
}

/// <summary><c>$elemMatch</c>: some element of the array satisfies the sub-query (document mode) or every operator (value mode).</summary>
internal sealed class ElemMatchPredicate(FilterNode filter, bool documentMode) : ValuePredicate
{
    public override bool ExpandArrays => false;

    public override bool Test(BsonValue? value) => Test(value, out _);

    public override bool Test(BsonValue? value, out int elementIndex)
    {
        elementIndex = -1;
        if (value is not BsonArray array)
        {
            return false;
        }

        for (var j = 0; j < array.Count; j++)
        {
            var element = array[j];
            if (documentMode ? element is BsonDocument or BsonArray && filter.Matches(element) : filter.Matches(element))
            {
                elementIndex = j;
                return true;
            }
        }

        return false;
    }
}

/// <summary><c>$regex</c> on strings and symbols; a stored regex matches when it is the same regex.</summary>
internal sealed class RegexPredicate(BsonRegularExpression source) : ValuePredicate
{
    private readonly Regex _regex = RegexCache.Get(source.Pattern, source.Options);

    public override bool Test(BsonValue? value) => value switch
    {
        BsonString s => IsMatch(s.Value),
        BsonSymbol sym => IsMatch(sym.Name),
        BsonRegularExpression r => r.Equals(source),
        _ => false,
    };

    private bool IsMatch(string input)
    {
        try
        {
            return _regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new MongoServerException(ErrorCodes.BadValue, $"Regular expression /{source.Pattern}/ took too long to evaluate");
        }
    }
}

/// <summary><c>$mod: [divisor, remainder]</c> on numbers, truncated toward zero like mongod.</summary>
internal sealed class ModPredicate(long divisor, long remainder) : ValuePredicate
{
    public override bool Test(BsonValue? value)
    {
        if (value is null || !value.IsNumeric)
        {
            return false;
        }

        var d = value.ToDouble();
        if (!double.IsFinite(d))
        {
            return false;
        }

        var n = value is BsonInt32 or BsonInt64 ? value.ToInt64() : (long)Math.Truncate(Math.Clamp(d, long.MinValue, long.MaxValue));
        return divisor == -1 ? remainder == 0 : n % divisor == remainder;
    }
}

using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary>What a successful match learnt that later stages need: the array position for the positional <c>$</c> operator.</summary>
internal sealed class MatchDetails
{
    /// <summary>The index within the first array traversed by the matching path, or -1.</summary>
    public int ArrayIndex { get; set; } = -1;

    public void Record(int index)
    {
        if (index >= 0 && ArrayIndex < 0)
        {
            ArrayIndex = index;
        }
    }
}

/// <summary>A compiled query predicate. Compiled once per request, then run against each document.</summary>
internal abstract class FilterNode
{
    /// <summary>Tests a document (or, inside a value-mode <c>$elemMatch</c>, any value).</summary>
    public abstract bool Matches(BsonValue value, MatchDetails? details = null);

    /// <summary>For the upsert seed and the <c>_id</c> fast path: the equality this node pins a path to, if it is one.</summary>
    public virtual bool TryGetEquality(out string path, out BsonValue value)
    {
        path = string.Empty;
        value = BsonNull.Value;
        return false;
    }
}

internal sealed class AndNode(FilterNode[] children) : FilterNode
{
    public FilterNode[] Children { get; } = children;

    public override bool Matches(BsonValue value, MatchDetails? details = null)
    {
        foreach (var child in Children)
        {
            if (!child.Matches(value, details))
            {
                return false;
            }
        }

        return true;
    }
}

internal sealed class OrNode(FilterNode[] children) : FilterNode
{
    public override bool Matches(BsonValue value, MatchDetails? details = null)
    {
        foreach (var child in children)
        {
            if (child.Matches(value, details))
            {
                return true;
            }
        }

        return false;
    }
}

internal sealed class NorNode(FilterNode[] children) : FilterNode
{
    public override bool Matches(BsonValue value, MatchDetails? details = null)
    {
        foreach (var child in children)
        {
            if (child.Matches(value))
            {
                return false;
            }
        }

        return true;
    }
}

internal sealed class NotNode(FilterNode child) : FilterNode
{
    // A negation never reports a position: nothing matched.
    public override bool Matches(BsonValue value, MatchDetails? details = null) => !child.Matches(value);
}

internal sealed class ConstantNode(bool result) : FilterNode
{
    public static readonly ConstantNode True = new(true);
    public static readonly ConstantNode False = new(false);

    public override bool Matches(BsonValue value, MatchDetails? details = null) => result;
}

/// <summary><c>$expr</c>: an aggregation expression evaluated against the document, matched when truthy.</summary>
internal sealed class ExprNode(Expression expression) : FilterNode
{
    public override bool Matches(BsonValue value, MatchDetails? details = null) =>
        ExpressionValues.IsTruthy(expression.Evaluate(new EvaluationContext(value)));
}

/// <summary>
/// A predicate on the values reached by a dotted path, with mongod's array semantics: arrays along the path are
/// traversed element by element, a numeric component indexes an array, and (for most operators) an array at the
/// end of the path is tested both as a whole and element by element. A path that reaches nothing tests "missing".
/// </summary>
internal sealed class PathNode : FilterNode
{
    private readonly string[] _parts;
    private readonly int[] _indexes;
    private readonly ValuePredicate _predicate;
    private readonly bool _expand;

    public PathNode(string path, ValuePredicate predicate)
    {
        Path = path;
        _parts = path.Length == 0 ? [] : path.Split('.');
        _indexes = new int[_parts.Length];
        for (var i = 0; i < _parts.Length; i++)
        {
            _indexes[i] = FieldPath.ParseIndex(_parts[i]);
        }

        _predicate = predicate;
        _expand = predicate.ExpandArrays;
    }

    public string Path { get; }

    public ValuePredicate Predicate => _predicate;

    public override bool Matches(BsonValue value, MatchDetails? details = null) => Walk(value, 0, -1, details);

    public override bool TryGetEquality(out string path, out BsonValue value)
    {
        path = Path;
        if (_predicate is EqualsPredicate { Value: var v } && v is not BsonRegularExpression)
        {
            value = v;
            return true;
        }

        value = BsonNull.Value;
        return false;
    }

    private bool Walk(BsonValue current, int i, int firstArrayIndex, MatchDetails? details)
    {
        if (i == _parts.Length)
        {
            return TestLeaf(current, firstArrayIndex, details);
        }

        switch (current)
        {
            case BsonDocument document:
                return document.TryGetValue(_parts[i], out var child)
                    ? Walk(child, i + 1, firstArrayIndex, details)
                    : TestMissing(firstArrayIndex, details);
            case BsonArray array:
                var index = _indexes[i];
                if (index >= 0)
                {
                    return index < array.Count ? Walk(array[index], i + 1, firstArrayIndex, details) : TestMissing(firstArrayIndex, details);
                }

                var sawDocument = false;
                for (var j = 0; j < array.Count; j++)
                {
                    if (array[j] is BsonDocument element)
                    {
                        sawDocument = true;
                        if (Walk(element, i, firstArrayIndex < 0 ? j : firstArrayIndex, details))
                        {
                            return true;
                        }
                    }
                }

                return !sawDocument && TestMissing(firstArrayIndex, details);
            default:
                return TestMissing(firstArrayIndex, details);
        }
    }

    private bool TestLeaf(BsonValue value, int firstArrayIndex, MatchDetails? details)
    {
        if (_predicate.Test(value, out var elementIndex))
        {
            details?.Record(firstArrayIndex >= 0 ? firstArrayIndex : elementIndex);
            return true;
        }

        if (_expand && value is BsonArray array)
        {
            for (var j = 0; j < array.Count; j++)
            {
                if (_predicate.Test(array[j], out _))
                {
                    details?.Record(firstArrayIndex >= 0 ? firstArrayIndex : j);
                    return true;
                }
            }
        }

        return false;
    }

    private bool TestMissing(int firstArrayIndex, MatchDetails? details)
    {
        if (_predicate.Test(null, out _))
        {
            details?.Record(firstArrayIndex);
            return true;
        }

        return false;
    }
}

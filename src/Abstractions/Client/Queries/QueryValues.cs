using System.ComponentModel;
using System.Text;
using MongoDB.Bson;

namespace OpenQuizz.Typed.Queries;

/// <summary>Run-time pieces of the queries the generator translates: lists of captured values and escaped regular expressions. Not for application code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class QueryValues
{
    /// <summary>Every value of <paramref name="values"/>, encoded by <paramref name="encode"/> (the member's codec), as a BSON array for <c>$in</c>.</summary>
    public static BsonArray EncodeAll<T>(IEnumerable<T> values, Func<T, BsonValue> encode)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(encode);
        var array = values is ICollection<T> collection ? new BsonArray(collection.Count) : new BsonArray();
        foreach (var value in values)
        {
            array.Add(encode(value));
        }

        return array;
    }

    /// <summary>Every value of <paramref name="values"/>, encoded by <paramref name="encode"/>, as a BSON array.</summary>
    public static BsonArray EncodeAll<T>(ReadOnlySpan<T> values, Func<T, BsonValue> encode)
    {
        ArgumentNullException.ThrowIfNull(encode);
        var array = new BsonArray(values.Length);
        foreach (var value in values)
        {
            array.Add(encode(value));
        }

        return array;
    }

    /// <summary>
    /// <paramref name="text"/> as a PCRE pattern that matches it literally: every character with a meaning in a
    /// pattern is escaped, so a captured value can never change the query's shape.
    /// </summary>
    public static string EscapeRegex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '^' or '$' or '.' or '|' or '?' or '*' or '+' or '(' or ')' or '[' or ']' or '{' or '}' or '-' or '/' or '#' or ' ':
                    builder.Append('\\').Append(c);
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\0':
                    builder.Append("\\x00");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// A regular expression that matches strings starting with, ending with, containing or equal to <paramref name="text"/>.
    /// The end is anchored with <c>\z</c>: <c>$</c> would also match before a final line break.
    /// </summary>
    public static BsonRegularExpression Regex(string text, bool anchorStart, bool anchorEnd, bool ignoreCase)
    {
        var pattern = (anchorStart ? "^" : string.Empty) + EscapeRegex(text) + (anchorEnd ? "\\z" : string.Empty);
        return new BsonRegularExpression(pattern, ignoreCase ? "i" : string.Empty);
    }

    /// <summary>The dotted path of a dictionary entry or array element: the key is checked so it cannot name another field.</summary>
    public static string Path(string prefix, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0 || key.Contains('.', StringComparison.Ordinal) || key[0] == '$' || key.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' cannot be used as a key in a query: keys must be non-empty and hold no '.', leading '$' or NUL.", nameof(key));
        }

        return prefix.Length == 0 ? key : prefix + "." + key;
    }

    /// <summary>
    /// One condition document holding the operators of every one of <paramref name="conditions"/> (<c>{ $gt: 1, $lt: 5 }</c>),
    /// for the element of an array of values, where conditions cannot be joined with <c>$and</c>. An operator that comes
    /// twice is combined into one that means both: <c>$ne</c>s into <c>$nin</c>, <c>$eq</c>s into the intersection
    /// <c>$in</c>, bounds into the tighter bound, regular expressions into one of lookaheads, negated regular expressions
    /// into <c>$nin</c>. The generator only
    /// emits repeated operators of these kinds.
    /// </summary>
    public static BsonDocument MergeConditions(params BsonDocument[] conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var merged = new BsonDocument();
        foreach (var condition in conditions)
        {
            foreach (var element in condition)
            {
                Merge(merged, element.Name, element.Value);
            }
        }

        return merged;
    }

    /// <summary>
    /// One pattern that matches where both do: each becomes a lookahead from the start (<c>^(?=[\s\S]*?(?:a))(?=[\s\S]*?(?:b))</c>;
    /// a <c>^</c> inside still means the start), with its own case option.
    /// </summary>
    private static BsonRegularExpression BothPatterns(BsonRegularExpression first, BsonRegularExpression second)
    {
        static string Part(BsonRegularExpression regex) =>
            "(?=[\\s\\S]*?(?" + (regex.Options.Contains('i', StringComparison.Ordinal) ? "i" : string.Empty) + ":" + regex.Pattern + "))";

        if (first.Options.Replace("i", string.Empty, StringComparison.Ordinal).Length > 0 || second.Options.Replace("i", string.Empty, StringComparison.Ordinal).Length > 0)
        {
            throw new InvalidOperationException("Only the i option of two regular expressions on one element can be combined.");
        }

        return new BsonRegularExpression("^" + Part(first) + Part(second));
    }

    private static void Merge(BsonDocument merged, string op, BsonValue value)
    {
        switch (op)
        {
            case "$ne":
                Merge(merged, "$nin", new BsonArray { value });
                return;
            case "$not" when value is BsonRegularExpression:
                Merge(merged, "$nin", new BsonArray { value });
                return;
            case "$eq":
                Merge(merged, "$in", new BsonArray { value });
                return;
        }

        if (!merged.TryGetValue(op, out var existing))
        {
            merged[op] = value;
            return;
        }

        merged[op] = op switch
        {
            "$nin" => new BsonArray(existing.AsBsonArray.Concat(value.AsBsonArray)),
            "$in" => new BsonArray(existing.AsBsonArray.Where(v => value.AsBsonArray.Contains(v))),
            "$gt" or "$gte" => existing.CompareTo(value) >= 0 ? existing : value,
            "$lt" or "$lte" => existing.CompareTo(value) <= 0 ? existing : value,
            "$regex" => BothPatterns(existing.AsBsonRegularExpression, value.AsBsonRegularExpression),
            _ => throw new InvalidOperationException($"The operator {op} cannot be given twice for one element of an array; the generator should not have emitted this query."),
        };
    }
}

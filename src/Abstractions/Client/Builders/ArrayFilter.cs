using MongoDB.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// Builds the array filters of an update (<c>UpdateOptions.ArrayFilters</c>) that pick the elements a
/// <c>$[identifier]</c> path (<see cref="ArrayField{TDocument, TValue, TItem}.Filtered"/>) changes.
/// </summary>
public static class ArrayFilter
{
    /// <summary>
    /// The array filter <paramref name="identifier"/> for elements that match <paramref name="filter"/>: each field of
    /// the filter gets the identifier as prefix, so <c>For("q", Filter&lt;Question&gt;.Lt(QuestionFields.Points, 1))</c>
    /// renders <c>{ "q.points": { $lt: 1 } }</c>. <c>$and</c>, <c>$or</c> and <c>$nor</c> are prefixed inside.
    /// </summary>
    /// <exception cref="ArgumentException">The identifier is not a lowercase letter followed by letters and digits, the filter is empty, or it uses a top-level operator other than <c>$and</c>, <c>$or</c> and <c>$nor</c>.</exception>
    public static BsonDocument For<TItem>(string identifier, Filter<TItem> filter)
    {
        CheckIdentifier(identifier, nameof(identifier));
        if (filter.IsEmpty)
        {
            throw new ArgumentException("An array filter needs a condition; an empty filter would match no element by name.", nameof(filter));
        }

        return Prefix(identifier, filter.Render());
    }

    /// <summary>
    /// The array filter <paramref name="identifier"/> for scalar elements, such as the numbers of <c>scores</c>:
    /// <paramref name="condition"/> applies to the element itself, an operator document such as <c>{ $gte: 100 }</c> or a
    /// value to equal (<c>{ "s": { $gte: 100 } }</c>).
    /// </summary>
    public static BsonDocument Where(string identifier, BsonValue condition)
    {
        CheckIdentifier(identifier, nameof(identifier));
        ArgumentNullException.ThrowIfNull(condition);
        return new BsonDocument(identifier, condition);
    }

    /// <summary>
    /// The array filter <paramref name="identifier"/> for scalar elements of <paramref name="field"/> compared with
    /// <paramref name="op"/> (such as <c>"$gte"</c>) to <paramref name="value"/>, encoded as the field's elements are.
    /// </summary>
    public static BsonDocument Where<TDocument, TValue, TItem>(string identifier, ArrayField<TDocument, TValue, TItem> field, string op, TItem value)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentException.ThrowIfNullOrEmpty(op);
        if (op[0] != '$')
        {
            throw new ArgumentException($"\"{op}\" is not a query operator; pass one such as \"$gte\".", nameof(op));
        }

        return Where(identifier, new BsonDocument(op, field.EncodeItem(value)));
    }

    internal static string CheckIdentifier(string identifier, string parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier, parameter);
        if (!char.IsAsciiLetterLower(identifier[0]))
        {
            throw new ArgumentException($"The array filter identifier \"{identifier}\" must start with a lowercase letter.", parameter);
        }

        foreach (var c in identifier)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                throw new ArgumentException($"The array filter identifier \"{identifier}\" may hold only letters and digits.", parameter);
            }
        }

        return identifier;
    }

    private static BsonDocument Prefix(string identifier, BsonDocument filter)
    {
        var prefixed = new BsonDocument();
        foreach (var element in filter)
        {
            if (element.Name is "$and" or "$or" or "$nor" && element.Value is BsonArray clauses)
            {
                var inner = new BsonArray(clauses.Count);
                foreach (var clause in clauses)
                {
                    inner.Add(Prefix(identifier, clause.AsBsonDocument));
                }

                prefixed.Add(element.Name, inner);
            }
            else if (element.Name.StartsWith('$'))
            {
                throw new ArgumentException($"An array filter cannot use the top-level operator {element.Name}; only field conditions, $and, $or and $nor can be prefixed with the identifier.", "filter");
            }
            else
            {
                prefixed.Add(identifier + "." + element.Name, element.Value);
            }
        }

        return prefixed;
    }

    /// <summary>
    /// The array filter that <paramref name="predicate"/> states over one element, translated at build time:
    /// <c>ArrayFilter.For&lt;Question&gt;("hard", x =&gt; x.Points &gt;= 5)</c> is <c>{ "hard.points": { $gte: 5 } }</c>.
    /// </summary>
    public static BsonDocument For<TItem>(string identifier, Func<TItem, bool> predicate) => throw QueryExtensions.NotTranslated(nameof(For));
}

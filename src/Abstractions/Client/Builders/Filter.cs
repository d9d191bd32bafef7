using MongoDB.Bson;
using System.ComponentModel;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// A query filter on documents of type <typeparamref name="TDocument"/>: which documents an operation applies to.
/// Build one with the static methods (<c>Filter&lt;Quiz&gt;.Eq("status", "published") &amp; Filter&lt;Quiz&gt;.Gt("score", 3)</c>)
/// or convert a <see cref="BsonDocument"/>. Immutable; <c>default</c> is <see cref="Empty"/>, which matches every document.
/// </summary>
/// <remarks>
/// The type parameter keeps a filter on one collection's documents from being passed to another's. A filter made from
/// a <see cref="BsonDocument"/> wraps it without copying: do not change the document afterwards.
/// </remarks>
public readonly partial struct Filter<TDocument>
{
    private readonly BsonDocument? _document;
    private readonly Queries.QueryTemplate? _template;
    private readonly Delegate? _query;

    private Filter(BsonDocument document)
    {
        _document = document;
        _template = null;
        _query = null;
    }

    private Filter(Queries.QueryTemplate template, Delegate query)
    {
        _document = null;
        _template = template;
        _query = query;
    }

    /// <summary>
    /// A filter translated at build time whose values <paramref name="query"/> captured (generated code calls this): the
    /// runtime writes it straight into the command, and <see cref="Render"/> builds its document.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Filter<TDocument> FromQuery(Queries.QueryTemplate template, Delegate query)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(query);
        return new(template, query);
    }

    /// <summary>The filter as the runtime sends it (a translated query is written without building a document).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Queries.FilterSource ToSource() => _template is not null ? new Queries.FilterSource(_template, _query!) : new Queries.FilterSource(_document);

    /// <summary>The document of this filter: the one it wraps, or the one a translated query builds.</summary>
    private BsonDocument? Document => _document ?? _template?.Build(_query!);

    /// <summary>The filter that matches every document (<c>{}</c>).</summary>
    public static Filter<TDocument> Empty => new(new BsonDocument());

    /// <summary>
    /// The filter that a C# lambda states, translated into MQL at build time by the OpenQuizz.Typed generator:
    /// <c>Filter&lt;Quiz&gt;.Where(q =&gt; q.Status == QuizStatus.Published)</c>. The result composes with
    /// <c>&amp; | !</c> and <see cref="Render"/> shows the MQL. See docs/queries.md for what translates; a lambda that
    /// does not translate is a compile error, and the lambda is never run.
    /// </summary>
    /// <exception cref="NotSupportedException">The call was not translated (the generator is not referenced by the calling project).</exception>
    public static Filter<TDocument> Where(Func<TDocument, bool> query) => throw QueryExtensions.NotTranslated(nameof(Where));

    /// <summary>
    /// Whether the filter was built (by a builder or <see cref="Empty"/>); <c>default(Filter&lt;T&gt;)</c> is unset, and
    /// writes refuse it rather than take it for "every document".
    /// </summary>
    public bool IsSet => _document is not null || _template is not null;

    /// <summary>
    /// The filter of a write: refuses an unset filter, so that a forgotten one never updates or deletes every
    /// document by accident; matching every document takes <see cref="Empty"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The filter is <c>default(Filter&lt;T&gt;)</c>.</exception>
    public BsonDocument RenderForWrite() =>
        Document ?? throw new ArgumentException(
            $"The filter is unset (default(Filter<{typeof(TDocument).Name}>)); a write needs one. To match every document, pass Filter<{typeof(TDocument).Name}>.Empty.",
            "filter");

    /// <summary>Whether this is the empty filter, which matches every document.</summary>
    public bool IsEmpty => _template is null && (_document is null || _document.ElementCount == 0);

    /// <summary>Matches documents whose <paramref name="field"/> equals <paramref name="value"/> (or, for an array, holds it).</summary>
    public static Filter<TDocument> Eq(string field, BsonValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        ArgumentNullException.ThrowIfNull(value);

        // A regex or an operator-looking document as a bare value would be read as a match condition, not a value.
        var needsEq = value.BsonType == BsonType.RegularExpression
            || (value is BsonDocument d && d.ElementCount > 0 && d.GetElement(0).Name.StartsWith('$'));
        return new(new BsonDocument(field, needsEq ? new BsonDocument("$eq", value) : value));
    }

    /// <summary>Matches documents whose <paramref name="field"/> does not equal <paramref name="value"/> (including those without it).</summary>
    public static Filter<TDocument> Ne(string field, BsonValue value) => Operator(field, "$ne", value);

    /// <summary>Matches documents whose <paramref name="field"/> is greater than <paramref name="value"/>.</summary>
    public static Filter<TDocument> Gt(string field, BsonValue value) => Operator(field, "$gt", value);

    /// <summary>Matches documents whose <paramref name="field"/> is greater than or equal to <paramref name="value"/>.</summary>
    public static Filter<TDocument> Gte(string field, BsonValue value) => Operator(field, "$gte", value);

    /// <summary>Matches documents whose <paramref name="field"/> is less than <paramref name="value"/>.</summary>
    public static Filter<TDocument> Lt(string field, BsonValue value) => Operator(field, "$lt", value);

    /// <summary>Matches documents whose <paramref name="field"/> is less than or equal to <paramref name="value"/>.</summary>
    public static Filter<TDocument> Lte(string field, BsonValue value) => Operator(field, "$lte", value);

    /// <summary>Matches documents whose <paramref name="field"/> equals one of <paramref name="values"/>.</summary>
    public static Filter<TDocument> In(string field, IEnumerable<BsonValue> values) => Operator(field, "$in", ToArray(values));

    /// <summary>Matches documents whose <paramref name="field"/> equals one of <paramref name="values"/>.</summary>
    public static Filter<TDocument> In(string field, params ReadOnlySpan<BsonValue> values) => Operator(field, "$in", ToArray(values));

    /// <summary>Matches documents whose <paramref name="field"/> equals none of <paramref name="values"/>.</summary>
    public static Filter<TDocument> Nin(string field, IEnumerable<BsonValue> values) => Operator(field, "$nin", ToArray(values));

    /// <summary>Matches documents whose <paramref name="field"/> equals none of <paramref name="values"/>.</summary>
    public static Filter<TDocument> Nin(string field, params ReadOnlySpan<BsonValue> values) => Operator(field, "$nin", ToArray(values));

    /// <summary>Matches documents that have <paramref name="field"/> (or, with <paramref name="exists"/> false, that lack it).</summary>
    public static Filter<TDocument> Exists(string field, bool exists = true) => Operator(field, "$exists", exists);

    /// <summary>Matches documents whose <paramref name="field"/> has the BSON type <paramref name="type"/>.</summary>
    public static Filter<TDocument> Type(string field, BsonType type) => Operator(field, "$type", TypeAlias(type));

    /// <summary>Matches documents whose <paramref name="field"/> has the type named <paramref name="alias"/>, such as <c>"number"</c>.</summary>
    public static Filter<TDocument> Type(string field, string alias)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        return Operator(field, "$type", alias);
    }

    /// <summary>Matches documents whose string <paramref name="field"/> matches the regular expression <paramref name="pattern"/> (PCRE; <paramref name="options"/> such as <c>"i"</c>).</summary>
    public static Filter<TDocument> Regex(string field, string pattern, string options = "")
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(options);
        var condition = new BsonDocument("$regex", pattern);
        if (options.Length > 0)
        {
            condition.Add("$options", options);
        }

        return Condition(field, condition);
    }

    /// <summary>Matches documents whose string <paramref name="field"/> matches <paramref name="regex"/>.</summary>
    public static Filter<TDocument> Regex(string field, BsonRegularExpression regex)
    {
        ArgumentNullException.ThrowIfNull(regex);
        return Regex(field, regex.Pattern, regex.Options);
    }

    /// <summary>Matches documents whose array <paramref name="field"/> has an element that matches every condition of <paramref name="criteria"/>.</summary>
    public static Filter<TDocument> ElemMatch(string field, BsonDocument criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        return Operator(field, "$elemMatch", criteria);
    }

    /// <summary>Matches documents whose array <paramref name="field"/> has an element that matches <paramref name="filter"/>.</summary>
    public static Filter<TDocument> ElemMatch<TItem>(string field, Filter<TItem> filter) => Operator(field, "$elemMatch", filter.Render());

    /// <summary>Matches documents whose array <paramref name="field"/> has exactly <paramref name="size"/> elements.</summary>
    public static Filter<TDocument> Size(string field, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return Operator(field, "$size", size);
    }

    /// <summary>Matches documents whose array <paramref name="field"/> holds every one of <paramref name="values"/>.</summary>
    public static Filter<TDocument> All(string field, IEnumerable<BsonValue> values) => Operator(field, "$all", ToArray(values));

    /// <summary>Matches documents whose array <paramref name="field"/> holds every one of <paramref name="values"/>.</summary>
    public static Filter<TDocument> All(string field, params ReadOnlySpan<BsonValue> values) => Operator(field, "$all", ToArray(values));

    /// <summary>Matches documents that match every one of <paramref name="filters"/>; nested <c>$and</c>s are flattened and empty filters dropped.</summary>
    public static Filter<TDocument> And(params ReadOnlySpan<Filter<TDocument>> filters)
    {
        var clauses = new BsonArray(filters.Length);
        foreach (var filter in filters)
        {
            AddClauses(clauses, filter, "$and");
        }

        return clauses.Count switch
        {
            0 => Empty,
            1 => new(clauses[0].AsBsonDocument),
            _ => new(new BsonDocument("$and", clauses)),
        };
    }

    /// <summary>Matches documents that match every one of <paramref name="filters"/>; nested <c>$and</c>s are flattened and empty filters dropped.</summary>
    public static Filter<TDocument> And(IEnumerable<Filter<TDocument>> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        return And([.. filters]);
    }

    /// <summary>Matches documents that match at least one of <paramref name="filters"/>; nested <c>$or</c>s are flattened.</summary>
    /// <exception cref="ArgumentException">No filter is given (the result would match nothing, which is rarely meant).</exception>
    public static Filter<TDocument> Or(params ReadOnlySpan<Filter<TDocument>> filters)
    {
        if (filters.IsEmpty)
        {
            throw new ArgumentException("Or needs at least one filter.", nameof(filters));
        }

        var clauses = new BsonArray(filters.Length);
        foreach (var filter in filters)
        {
            if (filter.IsEmpty)
            {
                // Something or everything is everything.
                return Empty;
            }

            AddClauses(clauses, filter, "$or");
        }

        return clauses.Count == 1 ? new(clauses[0].AsBsonDocument) : new(new BsonDocument("$or", clauses));
    }

    /// <summary>Matches documents that match at least one of <paramref name="filters"/>; nested <c>$or</c>s are flattened.</summary>
    public static Filter<TDocument> Or(IEnumerable<Filter<TDocument>> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        return Or([.. filters]);
    }

    /// <summary>Matches documents that match none of <paramref name="filters"/>.</summary>
    public static Filter<TDocument> Nor(params ReadOnlySpan<Filter<TDocument>> filters)
    {
        if (filters.IsEmpty)
        {
            throw new ArgumentException("Nor needs at least one filter.", nameof(filters));
        }

        var clauses = new BsonArray(filters.Length);
        foreach (var filter in filters)
        {
            clauses.Add(filter.Render());
        }

        return new(new BsonDocument("$nor", clauses));
    }

    /// <summary>Matches documents that do not match <paramref name="filter"/> (<c>{ $nor: [filter] }</c>; negating twice gives the filter back).</summary>
    public static Filter<TDocument> Not(Filter<TDocument> filter)
    {
        var document = filter.Document;
        if (document is { ElementCount: 1 } && document.GetElement(0) is { Name: "$nor", Value: BsonArray { Count: 1 } negated } && negated[0] is BsonDocument inner)
        {
            return new(inner);
        }

        return new(new BsonDocument("$nor", new BsonArray { filter.Render() }));
    }

    /// <summary>Matches documents for which the aggregation <paramref name="expression"/> is true (<c>$expr</c>).</summary>
    public static Filter<TDocument> Expr(BsonValue expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new(new BsonDocument("$expr", expression));
    }

    /// <summary>Matches documents whose text index matches <paramref name="search"/> (<c>$text</c>; the collection needs a text index).</summary>
    public static Filter<TDocument> Text(string search, string? language = null, bool? caseSensitive = null, bool? diacriticSensitive = null)
    {
        ArgumentNullException.ThrowIfNull(search);
        var text = new BsonDocument("$search", search);
        if (language is not null)
        {
            text.Add("$language", language);
        }

        if (caseSensitive is { } c)
        {
            text.Add("$caseSensitive", c);
        }

        if (diacriticSensitive is { } d)
        {
            text.Add("$diacriticSensitive", d);
        }

        return new(new BsonDocument("$text", text));
    }

    /// <summary>The filter document the server expects. It may be shared with this filter: do not change it.</summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public BsonDocument Render() => Document ?? new BsonDocument();

    /// <summary>The filter as relaxed Extended JSON, for logs and debugging.</summary>
    public override string ToString() => Render().ToJson();

    /// <summary>Wraps a filter document, such as <c>{ status: "published" }</c>, without copying it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null; use <see cref="Empty"/> to match everything.</exception>
    public static implicit operator Filter<TDocument>(BsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new(document);
    }

    /// <summary>Both filters must match; see <see cref="And(ReadOnlySpan{Filter{TDocument}})"/>.</summary>
    public static Filter<TDocument> operator &(Filter<TDocument> left, Filter<TDocument> right) => And(left, right);

    /// <summary>Either filter must match; see <see cref="Or(ReadOnlySpan{Filter{TDocument}})"/>.</summary>
    public static Filter<TDocument> operator |(Filter<TDocument> left, Filter<TDocument> right) => Or(left, right);

    /// <summary>The filter must not match; see <see cref="Not"/>.</summary>
    public static Filter<TDocument> operator !(Filter<TDocument> filter) => Not(filter);

    private static Filter<TDocument> Operator(string field, string op, BsonValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Condition(field, new BsonDocument(op, value));
    }

    private static Filter<TDocument> Condition(string field, BsonDocument condition)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        return new(new BsonDocument(field, condition));
    }

    private static void AddClauses(BsonArray clauses, Filter<TDocument> filter, string combinator)
    {
        if (filter.IsEmpty)
        {
            return;
        }

        var document = filter.Document!;
        if (document.ElementCount == 1 && document.GetElement(0) is { } only && only.Name == combinator && only.Value is BsonArray nested)
        {
            foreach (var clause in nested)
            {
                clauses.Add(clause);
            }
        }
        else
        {
            clauses.Add(document);
        }
    }

    private static BsonArray ToArray(IEnumerable<BsonValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new BsonArray(values);
    }

    private static BsonArray ToArray(ReadOnlySpan<BsonValue> values)
    {
        var array = new BsonArray(values.Length);
        foreach (var value in values)
        {
            array.Add(value);
        }

        return array;
    }

    private static string TypeAlias(BsonType type) => type switch
    {
        BsonType.Double => "double",
        BsonType.String => "string",
        BsonType.Document => "object",
        BsonType.Array => "array",
        BsonType.Binary => "binData",
        BsonType.Undefined => "undefined",
        BsonType.ObjectId => "objectId",
        BsonType.Boolean => "bool",
        BsonType.DateTime => "date",
        BsonType.Null => "null",
        BsonType.RegularExpression => "regex",
        BsonValueBytes.DBPointer => "dbPointer",
        BsonType.JavaScript => "javascript",
        BsonType.Symbol => "symbol",
        BsonType.JavaScriptWithScope => "javascriptWithScope",
        BsonType.Int32 => "int",
        BsonType.Timestamp => "timestamp",
        BsonType.Int64 => "long",
        BsonType.Decimal128 => "decimal",
        BsonType.MinKey => "minKey",
        BsonType.MaxKey => "maxKey",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a BSON type a field can have."),
    };
}

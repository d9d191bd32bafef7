using MongoDB.Bson;

namespace OpenQuizz.Typed;

// The overloads on field descriptors: each renders what the string overload renders with the field's path and the
// value encoded through the member's codec, so an enum stored as a string or a Guid in its representation is right.
public readonly partial struct Filter<TDocument>
{
    /// <summary>Matches documents whose <paramref name="field"/> equals <paramref name="value"/> (or, for an array, holds it).</summary>
    public static Filter<TDocument> Eq<TValue>(Field<TDocument, TValue> field, TValue value) => Eq(PathOf(field), field.Encode(value));

    /// <summary>Matches documents whose <paramref name="field"/> does not equal <paramref name="value"/> (including those without it).</summary>
    public static Filter<TDocument> Ne<TValue>(Field<TDocument, TValue> field, TValue value) => Ne(PathOf(field), field.Encode(value));

    /// <summary>Matches documents whose <paramref name="field"/> is greater than <paramref name="value"/>.</summary>
    public static Filter<TDocument> Gt<TValue>(Field<TDocument, TValue> field, TValue value) => Gt(PathOf(field), field.Encode(value));

    /// <summary>Matches documents whose <paramref name="field"/> is greater than or equal to <paramref name="value"/>.</summary>
    public static Filter<TDocument> Gte<TValue>(Field<TDocument, TValue> field, TValue value) => Gte(PathOf(field), field.Encode(value));

    /// <summary>Matches documents whose <paramref name="field"/> is less than <paramref name="value"/>.</summary>
    public static Filter<TDocument> Lt<TValue>(Field<TDocument, TValue> field, TValue value) => Lt(PathOf(field), field.Encode(value));

    /// <summary>Matches documents whose <paramref name="field"/> is less than or equal to <paramref name="value"/>.</summary>
    public static Filter<TDocument> Lte<TValue>(Field<TDocument, TValue> field, TValue value) => Lte(PathOf(field), field.Encode(value));

    /// <summary>Matches documents whose <paramref name="field"/> equals one of <paramref name="values"/>.</summary>
    public static Filter<TDocument> In<TValue>(Field<TDocument, TValue> field, IEnumerable<TValue> values) => Operator(PathOf(field), "$in", EncodeAll(field, values));

    /// <summary>Matches documents whose <paramref name="field"/> equals one of <paramref name="values"/>.</summary>
    public static Filter<TDocument> In<TValue>(Field<TDocument, TValue> field, params ReadOnlySpan<TValue> values) => Operator(PathOf(field), "$in", EncodeAll(field, values));

    /// <summary>Matches documents whose <paramref name="field"/> equals none of <paramref name="values"/>.</summary>
    public static Filter<TDocument> Nin<TValue>(Field<TDocument, TValue> field, IEnumerable<TValue> values) => Operator(PathOf(field), "$nin", EncodeAll(field, values));

    /// <summary>Matches documents whose <paramref name="field"/> equals none of <paramref name="values"/>.</summary>
    public static Filter<TDocument> Nin<TValue>(Field<TDocument, TValue> field, params ReadOnlySpan<TValue> values) => Operator(PathOf(field), "$nin", EncodeAll(field, values));

    /// <summary>Matches documents that have <paramref name="field"/> (or, with <paramref name="exists"/> false, that lack it).</summary>
    public static Filter<TDocument> Exists<TValue>(Field<TDocument, TValue> field, bool exists = true) => Exists(PathOf(field), exists);

    /// <summary>Matches documents whose <paramref name="field"/> has the BSON type <paramref name="type"/>.</summary>
    public static Filter<TDocument> Type<TValue>(Field<TDocument, TValue> field, BsonType type) => Type(PathOf(field), type);

    /// <summary>Matches documents whose <paramref name="field"/> has the type named <paramref name="alias"/>, such as <c>"number"</c>.</summary>
    public static Filter<TDocument> Type<TValue>(Field<TDocument, TValue> field, string alias) => Type(PathOf(field), alias);

    /// <summary>Matches documents whose string <paramref name="field"/> matches the regular expression <paramref name="pattern"/> (PCRE; <paramref name="options"/> such as <c>"i"</c>).</summary>
    /// <remarks>The constraint admits <see cref="string"/> (nullable or not) and keeps the other field types out.</remarks>
    public static Filter<TDocument> Regex<TString>(Field<TDocument, TString> field, string pattern, string options = "")
        where TString : IEquatable<string>? => Regex(PathOf(field), pattern, options);

    /// <summary>Matches documents whose string <paramref name="field"/> matches <paramref name="regex"/>.</summary>
    public static Filter<TDocument> Regex<TString>(Field<TDocument, TString> field, BsonRegularExpression regex)
        where TString : IEquatable<string>? => Regex(PathOf(field), regex);

    /// <summary>Matches documents whose array of strings <paramref name="field"/> has an element that matches <paramref name="pattern"/>.</summary>
    public static Filter<TDocument> Regex<TValue, TString>(ArrayField<TDocument, TValue, TString> field, string pattern, string options = "")
        where TString : IEquatable<string>? => Regex(PathOf(field), pattern, options);

    /// <summary>Matches documents whose array of strings <paramref name="field"/> has an element that matches <paramref name="regex"/>.</summary>
    public static Filter<TDocument> Regex<TValue, TString>(ArrayField<TDocument, TValue, TString> field, BsonRegularExpression regex)
        where TString : IEquatable<string>? => Regex(PathOf(field), regex);

    /// <summary>Matches documents whose array <paramref name="field"/> has an element that matches every condition of <paramref name="filter"/>.</summary>
    public static Filter<TDocument> ElemMatch<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, Filter<TItem> filter) => ElemMatch(PathOf(field), filter);

    /// <summary>Matches documents whose array <paramref name="field"/> has exactly <paramref name="size"/> elements.</summary>
    public static Filter<TDocument> Size<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, int size) => Size(PathOf(field), size);

    /// <summary>Matches documents whose array <paramref name="field"/> holds every one of <paramref name="items"/>.</summary>
    public static Filter<TDocument> All<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, IEnumerable<TItem> items) => Operator(PathOf(field), "$all", EncodeItems(field, items));

    /// <summary>Matches documents whose array <paramref name="field"/> holds every one of <paramref name="items"/>.</summary>
    public static Filter<TDocument> All<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, params ReadOnlySpan<TItem> items) => Operator(PathOf(field), "$all", EncodeItems(field, items));

    /// <summary>Matches documents whose array <paramref name="field"/> holds <paramref name="item"/> (<c>{ tags: "x" }</c>).</summary>
    public static Filter<TDocument> AnyEq<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, TItem item) => Eq(PathOf(field), field.EncodeItem(item));

    /// <summary>Matches documents whose array <paramref name="field"/> holds at least one of <paramref name="items"/>.</summary>
    public static Filter<TDocument> AnyIn<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, IEnumerable<TItem> items) => Operator(PathOf(field), "$in", EncodeItems(field, items));

    /// <summary>Matches documents whose array <paramref name="field"/> holds at least one of <paramref name="items"/>.</summary>
    public static Filter<TDocument> AnyIn<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, params ReadOnlySpan<TItem> items) => Operator(PathOf(field), "$in", EncodeItems(field, items));

    /// <summary>Matches documents whose array <paramref name="field"/> holds none of <paramref name="items"/> (or that lack it).</summary>
    public static Filter<TDocument> NoneIn<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, IEnumerable<TItem> items) => Operator(PathOf(field), "$nin", EncodeItems(field, items));

    /// <summary>Matches documents whose array <paramref name="field"/> holds none of <paramref name="items"/> (or that lack it).</summary>
    public static Filter<TDocument> NoneIn<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, params ReadOnlySpan<TItem> items) => Operator(PathOf(field), "$nin", EncodeItems(field, items));

    /// <summary>Matches documents whose array <paramref name="field"/> has an element greater than <paramref name="item"/>.</summary>
    public static Filter<TDocument> AnyGt<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, TItem item) => Gt(PathOf(field), field.EncodeItem(item));

    /// <summary>Matches documents whose array <paramref name="field"/> has an element greater than or equal to <paramref name="item"/>.</summary>
    public static Filter<TDocument> AnyGte<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, TItem item) => Gte(PathOf(field), field.EncodeItem(item));

    /// <summary>Matches documents whose array <paramref name="field"/> has an element less than <paramref name="item"/>.</summary>
    public static Filter<TDocument> AnyLt<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, TItem item) => Lt(PathOf(field), field.EncodeItem(item));

    /// <summary>Matches documents whose array <paramref name="field"/> has an element less than or equal to <paramref name="item"/>.</summary>
    public static Filter<TDocument> AnyLte<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, TItem item) => Lte(PathOf(field), field.EncodeItem(item));

    private static string PathOf<TValue>(Field<TDocument, TValue> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Path;
    }

    private static BsonArray EncodeAll<TValue>(Field<TDocument, TValue> field, IEnumerable<TValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var array = values is ICollection<TValue> collection ? new BsonArray(collection.Count) : new BsonArray();
        foreach (var value in values)
        {
            array.Add(field.Encode(value));
        }

        return array;
    }

    private static BsonArray EncodeAll<TValue>(Field<TDocument, TValue> field, ReadOnlySpan<TValue> values)
    {
        var array = new BsonArray(values.Length);
        foreach (var value in values)
        {
            array.Add(field.Encode(value));
        }

        return array;
    }

    private static BsonArray EncodeItems<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, IEnumerable<TItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items is ICollection<TItem> collection ? new BsonArray(collection.Count) : new BsonArray();
        foreach (var item in items)
        {
            array.Add(field.EncodeItem(item));
        }

        return array;
    }

    private static BsonArray EncodeItems<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, ReadOnlySpan<TItem> items)
    {
        var array = new BsonArray(items.Length);
        foreach (var item in items)
        {
            array.Add(field.EncodeItem(item));
        }

        return array;
    }
}

using MongoDB.Bson;

namespace OpenQuizz.Typed;

// The overloads on field descriptors: each renders what the string overload renders with the field's path.
public readonly partial struct Projection<TDocument>
{
    /// <summary>Returns <paramref name="field"/> (and <c>_id</c>, unless excluded); <c>Include(QuizFields.Questions.FirstMatching)</c> returns the matched element only.</summary>
    public static Projection<TDocument> Include<TValue>(Field<TDocument, TValue> field) => default(Projection<TDocument>).Add(PathOf(field), 1);

    /// <summary>Leaves out <paramref name="field"/>.</summary>
    public static Projection<TDocument> Exclude<TValue>(Field<TDocument, TValue> field) => default(Projection<TDocument>).Add(PathOf(field), 0);

    /// <summary>Returns the first <paramref name="limit"/> elements of the array <paramref name="field"/> (negative: the last ones).</summary>
    public static Projection<TDocument> Slice<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, int limit) => default(Projection<TDocument>).Add(PathOf(field), new BsonDocument("$slice", limit));

    /// <summary>Returns <paramref name="limit"/> elements of the array <paramref name="field"/> after skipping <paramref name="skip"/> (negative: from the end).</summary>
    public static Projection<TDocument> Slice<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, int skip, int limit) => default(Projection<TDocument>).Add(PathOf(field), SliceValue(skip, limit));

    /// <summary>Returns only the first element of the array <paramref name="field"/> that matches <paramref name="filter"/>.</summary>
    public static Projection<TDocument> ElemMatch<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, Filter<TItem> filter) => default(Projection<TDocument>).Add(PathOf(field), ElemMatchValue(filter.Render()));

    internal static string PathOf<TValue>(Field<TDocument, TValue> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Path;
    }
}

public static partial class ProjectionChaining
{
    extension<TDocument>(Projection<TDocument> projection)
    {
        /// <summary>Also returns <paramref name="field"/>.</summary>
        public Projection<TDocument> Include<TValue>(Field<TDocument, TValue> field) => projection.Add(Projection<TDocument>.PathOf(field), 1);

        /// <summary>Also leaves out <paramref name="field"/>.</summary>
        public Projection<TDocument> Exclude<TValue>(Field<TDocument, TValue> field) => projection.Add(Projection<TDocument>.PathOf(field), 0);

        /// <summary>Also returns the first <paramref name="limit"/> elements of the array <paramref name="field"/>.</summary>
        public Projection<TDocument> Slice<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, int limit) => projection.Add(Projection<TDocument>.PathOf(field), new BsonDocument("$slice", limit));

        /// <summary>Also returns <paramref name="limit"/> elements of the array <paramref name="field"/> after <paramref name="skip"/>.</summary>
        public Projection<TDocument> Slice<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, int skip, int limit) => projection.Add(Projection<TDocument>.PathOf(field), Projection<TDocument>.SliceValue(skip, limit));

        /// <summary>Also returns the first element of the array <paramref name="field"/> that matches <paramref name="filter"/>.</summary>
        public Projection<TDocument> ElemMatch<TValue, TItem>(ArrayField<TDocument, TValue, TItem> field, Filter<TItem> filter) => projection.Add(Projection<TDocument>.PathOf(field), Projection<TDocument>.ElemMatchValue(filter.Render()));
    }
}

using MongoDB.Bson;
using System.ComponentModel;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// Which fields of documents of type <typeparamref name="TDocument"/> a query returns:
/// <c>Projection&lt;Quiz&gt;.Include("title").Exclude("_id")</c>. Immutable; <c>default</c> returns whole documents.
/// </summary>
/// <remarks>The server refuses mixing inclusions and exclusions, except excluding <c>_id</c>.</remarks>
public readonly partial struct Projection<TDocument>
{
    private const string Builder = "projection";
    private readonly BsonDocument? _start;
    private readonly ElementChain? _tail;

    private Projection(BsonDocument? start, ElementChain? tail)
    {
        _start = start;
        _tail = tail;
    }

    /// <summary>Whether this projection has no field (whole documents are returned).</summary>
    public bool IsEmpty => ElementChain.IsEmpty(_start, _tail);

    /// <summary>Returns <paramref name="field"/> (and <c>_id</c>, unless excluded).</summary>
    public static Projection<TDocument> Include(string field) => default(Projection<TDocument>).Add(field, 1);

    /// <summary>Leaves out <paramref name="field"/>.</summary>
    public static Projection<TDocument> Exclude(string field) => default(Projection<TDocument>).Add(field, 0);

    /// <summary>Returns the first <paramref name="limit"/> elements of the array <paramref name="field"/> (negative: the last ones).</summary>
    public static Projection<TDocument> Slice(string field, int limit) => default(Projection<TDocument>).Add(field, new BsonDocument("$slice", limit));

    /// <summary>Returns <paramref name="limit"/> elements of the array <paramref name="field"/> after skipping <paramref name="skip"/> (negative: from the end).</summary>
    public static Projection<TDocument> Slice(string field, int skip, int limit) => default(Projection<TDocument>).Add(field, SliceValue(skip, limit));

    /// <summary>Returns only the first element of the array <paramref name="field"/> that matches <paramref name="criteria"/>.</summary>
    public static Projection<TDocument> ElemMatch(string field, BsonDocument criteria) => default(Projection<TDocument>).Add(field, ElemMatchValue(criteria));

    /// <summary>Returns the text-search relevance as <paramref name="field"/> (<c>{ $meta: "textScore" }</c>).</summary>
    public static Projection<TDocument> MetaTextScore(string field) => default(Projection<TDocument>).Add(field, new BsonDocument("$meta", "textScore"));

    /// <summary>The projection document the server expects. It may be shared with this projection: do not change it.</summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public BsonDocument Render() => ElementChain.Render(_start, _tail);

    /// <summary>The projection as relaxed Extended JSON.</summary>
    public override string ToString() => Render().ToJson();

    /// <summary>Takes a projection document, such as <c>{ title: 1, _id: 0 }</c>, without copying it.</summary>
    public static implicit operator Projection<TDocument>(BsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new(document, null);
    }

    internal Projection<TDocument> Add(string field, BsonValue value) => new(_start, ElementChain.Append(_start, _tail, field, value, Builder));

    internal static BsonDocument SliceValue(int skip, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return new BsonDocument("$slice", new BsonArray { skip, limit });
    }

    internal static BsonDocument ElemMatchValue(BsonDocument criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        return new BsonDocument("$elemMatch", criteria);
    }
}

/// <summary>The chained forms of the <see cref="Projection{TDocument}"/> methods.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class ProjectionChaining
{
    extension<TDocument>(Projection<TDocument> projection)
    {
        /// <summary>Also returns <paramref name="field"/>.</summary>
        public Projection<TDocument> Include(string field) => projection.Add(field, 1);

        /// <summary>Also leaves out <paramref name="field"/>.</summary>
        public Projection<TDocument> Exclude(string field) => projection.Add(field, 0);

        /// <summary>Also returns the first <paramref name="limit"/> elements of the array <paramref name="field"/>.</summary>
        public Projection<TDocument> Slice(string field, int limit) => projection.Add(field, new BsonDocument("$slice", limit));

        /// <summary>Also returns <paramref name="limit"/> elements of the array <paramref name="field"/> after <paramref name="skip"/>.</summary>
        public Projection<TDocument> Slice(string field, int skip, int limit) => projection.Add(field, Projection<TDocument>.SliceValue(skip, limit));

        /// <summary>Also returns the first matching element of the array <paramref name="field"/>.</summary>
        public Projection<TDocument> ElemMatch(string field, BsonDocument criteria) => projection.Add(field, Projection<TDocument>.ElemMatchValue(criteria));

        /// <summary>Also returns the text-search relevance as <paramref name="field"/>.</summary>
        public Projection<TDocument> MetaTextScore(string field) => projection.Add(field, new BsonDocument("$meta", "textScore"));
    }
}

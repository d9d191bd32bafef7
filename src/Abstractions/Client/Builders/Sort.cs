using MongoDB.Bson;
using System.ComponentModel;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// The order of query results on documents of type <typeparamref name="TDocument"/>:
/// <c>Sort&lt;Quiz&gt;.Descending("createdAt").Ascending("title")</c>. Immutable; <c>default</c> is no sort.
/// </summary>
public readonly partial struct Sort<TDocument>
{
    private const string Builder = "sort";
    private readonly BsonDocument? _start;
    private readonly ElementChain? _tail;

    private Sort(BsonDocument? start, ElementChain? tail)
    {
        _start = start;
        _tail = tail;
    }

    /// <summary>Whether this sort has no field (the server's natural order).</summary>
    public bool IsEmpty => ElementChain.IsEmpty(_start, _tail);

    /// <summary>Sorts by <paramref name="field"/>, smallest first.</summary>
    public static Sort<TDocument> Ascending(string field) => default(Sort<TDocument>).Add(field, 1);

    /// <summary>Sorts by <paramref name="field"/>, largest first.</summary>
    public static Sort<TDocument> Descending(string field) => default(Sort<TDocument>).Add(field, -1);

    /// <summary>Sorts by text-search relevance, best first (<c>{ field: { $meta: "textScore" } }</c>).</summary>
    public static Sort<TDocument> MetaTextScore(string field) => default(Sort<TDocument>).Add(field, new BsonDocument("$meta", "textScore"));

    /// <summary>The sort document the server expects. It may be shared with this sort: do not change it.</summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public BsonDocument Render() => ElementChain.Render(_start, _tail);

    /// <summary>The sort as relaxed Extended JSON.</summary>
    public override string ToString() => Render().ToJson();

    /// <summary>Takes a sort document, such as <c>{ createdAt: -1 }</c>, without copying it.</summary>
    public static implicit operator Sort<TDocument>(BsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new(document, null);
    }

    internal Sort<TDocument> Add(string field, BsonValue value) => new(_start, ElementChain.Append(_start, _tail, field, value, Builder));
}

/// <summary>The chained forms of the <see cref="Sort{TDocument}"/> methods.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class SortChaining
{
    extension<TDocument>(Sort<TDocument> sort)
    {
        /// <summary>Then by <paramref name="field"/>, smallest first.</summary>
        public Sort<TDocument> Ascending(string field) => sort.Add(field, 1);

        /// <summary>Then by <paramref name="field"/>, largest first.</summary>
        public Sort<TDocument> Descending(string field) => sort.Add(field, -1);

        /// <summary>Then by text-search relevance.</summary>
        public Sort<TDocument> MetaTextScore(string field) => sort.Add(field, new BsonDocument("$meta", "textScore"));
    }
}

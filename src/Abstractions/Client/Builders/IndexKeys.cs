using MongoDB.Bson;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// The keys of an index on documents of type <typeparamref name="TDocument"/>:
/// <c>IndexKeys&lt;Quiz&gt;.Ascending("status").Descending("createdAt")</c>. Immutable; the order of the keys matters.
/// </summary>
public readonly partial struct IndexKeys<TDocument>
{
    private const string Builder = "index";
    private readonly BsonDocument? _start;
    private readonly ElementChain? _tail;

    private IndexKeys(BsonDocument? start, ElementChain? tail)
    {
        _start = start;
        _tail = tail;
    }

    /// <summary>Whether there is no key; creating such an index fails.</summary>
    public bool IsEmpty => ElementChain.IsEmpty(_start, _tail);

    /// <summary>Indexes <paramref name="field"/> in ascending order (1).</summary>
    public static IndexKeys<TDocument> Ascending(string field) => default(IndexKeys<TDocument>).Add(field, 1);

    /// <summary>Indexes <paramref name="field"/> in descending order (-1).</summary>
    public static IndexKeys<TDocument> Descending(string field) => default(IndexKeys<TDocument>).Add(field, -1);

    /// <summary>Indexes the hash of <paramref name="field"/> (<c>"hashed"</c>), for hashed sharding and equality lookups.</summary>
    public static IndexKeys<TDocument> Hashed(string field) => default(IndexKeys<TDocument>).Add(field, "hashed");

    /// <summary>Indexes the words of the string <paramref name="field"/> for <c>$text</c> (<c>"text"</c>).</summary>
    public static IndexKeys<TDocument> Text(string field) => default(IndexKeys<TDocument>).Add(field, "text");

    /// <summary>Indexes the GeoJSON <paramref name="field"/> on a sphere (<c>"2dsphere"</c>).</summary>
    public static IndexKeys<TDocument> Geo2DSphere(string field) => default(IndexKeys<TDocument>).Add(field, "2dsphere");

    /// <summary>Indexes the legacy coordinate pair <paramref name="field"/> on a plane (<c>"2d"</c>).</summary>
    public static IndexKeys<TDocument> Geo2D(string field) => default(IndexKeys<TDocument>).Add(field, "2d");

    /// <summary>The key document the server expects. It may be shared with these keys: do not change it.</summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public BsonDocument Render() => ElementChain.Render(_start, _tail);

    /// <summary>The name the server and PyMongo give an index of these keys when none is given, such as <c>status_1_createdAt_-1</c>.</summary>
    public string GetDefaultName()
    {
        var name = new StringBuilder();
        foreach (var key in Render())
        {
            if (name.Length > 0)
            {
                name.Append('_');
            }

            name.Append(key.Name).Append('_');
            name.Append(key.Value switch
            {
                BsonString s => s.Value,
                { IsNumeric: true } n => n.ToDouble().ToString(CultureInfo.InvariantCulture),
                var other => other.ToJson(),
            });
        }

        return name.ToString();
    }

    /// <summary>The keys as relaxed Extended JSON.</summary>
    public override string ToString() => Render().ToJson();

    /// <summary>Takes a key document, such as <c>{ status: 1, createdAt: -1 }</c>, without copying it.</summary>
    public static implicit operator IndexKeys<TDocument>(BsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new(document, null);
    }

    internal IndexKeys<TDocument> Add(string field, BsonValue value) => new(_start, ElementChain.Append(_start, _tail, field, value, Builder));
}

/// <summary>The chained forms of the <see cref="IndexKeys{TDocument}"/> methods.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class IndexKeysChaining
{
    extension<TDocument>(IndexKeys<TDocument> keys)
    {
        /// <summary>Then <paramref name="field"/>, ascending.</summary>
        public IndexKeys<TDocument> Ascending(string field) => keys.Add(field, 1);

        /// <summary>Then <paramref name="field"/>, descending.</summary>
        public IndexKeys<TDocument> Descending(string field) => keys.Add(field, -1);

        /// <summary>Then the hash of <paramref name="field"/>.</summary>
        public IndexKeys<TDocument> Hashed(string field) => keys.Add(field, "hashed");

        /// <summary>Then the words of <paramref name="field"/>.</summary>
        public IndexKeys<TDocument> Text(string field) => keys.Add(field, "text");

        /// <summary>Then the GeoJSON <paramref name="field"/> on a sphere.</summary>
        public IndexKeys<TDocument> Geo2DSphere(string field) => keys.Add(field, "2dsphere");

        /// <summary>Then the coordinate pair <paramref name="field"/> on a plane.</summary>
        public IndexKeys<TDocument> Geo2D(string field) => keys.Add(field, "2d");
    }
}

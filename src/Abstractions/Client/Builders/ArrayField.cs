using MongoDB.Bson;
using OpenQuizz.Typed.Bson.Codecs;

namespace OpenQuizz.Typed;

/// <summary>
/// A stored array (a collection member) of <typeparamref name="TDocument"/>: a <typeparamref name="TValue"/> such as
/// <c>List&lt;Question&gt;</c> whose elements are <typeparamref name="TItem"/>s. Beyond a <see cref="Field{TDocument, TValue}"/>
/// it encodes single elements for the array operators (<c>$push</c>, <c>$pull</c>, <c>$all</c>…), reaches into the
/// elements (<see cref="ThenItem{TInner, TNext}(Field{TInner, TNext})"/>) and gives the positional paths of updates.
/// </summary>
public sealed class ArrayField<TDocument, TValue, TItem> : Field<TDocument, TValue>
{
    private readonly Func<TItem, BsonValue> _encodeItem;
    private Field<TDocument, TItem>? _firstMatching;
    private Field<TDocument, TItem>? _allElements;

    /// <summary>An array field at <paramref name="path"/>.</summary>
    /// <param name="path">The dotted element path, such as <c>"questions"</c>.</param>
    /// <param name="encode">Encodes a whole non-null array as the member's codec stores it.</param>
    /// <param name="encodeItem">Encodes one non-null element as the member's codec stores its elements.</param>
    /// <param name="decode">Optionally reads a whole array as the member's codec does.</param>
    /// <param name="decodeItem">Optionally reads one element as the member's codec does (distinct values are elements).</param>
    public ArrayField(string path, Func<TValue, BsonValue> encode, Func<TItem, BsonValue> encodeItem, BsonValueReader<TValue>? decode = null, BsonValueReader<TItem>? decodeItem = null)
        : base(path, encode, decode)
    {
        ArgumentNullException.ThrowIfNull(encodeItem);
        _encodeItem = encodeItem;
        ItemDecoder = decodeItem;
    }

    /// <summary>
    /// A array field at <paramref name="path"/> encoded through span writers (as generated codecs write them):
    /// <paramref name="write"/> for the whole value, <paramref name="writeItem"/> for one element.
    /// </summary>
    public ArrayField(string path, BsonValueWriter<TValue> write, BsonValueWriter<TItem> writeItem, BsonValueReader<TValue>? decode = null, BsonValueReader<TItem>? decodeItem = null)
        : this(path, EncoderOf(write, nameof(write)), EncoderOf(writeItem, nameof(writeItem)), decode, decodeItem)
    {
    }

    /// <summary>Reads one element as the member's codec does, when the descriptor was given one.</summary>
    public BsonValueReader<TItem>? ItemDecoder { get; }

    /// <summary>
    /// The element the query matched, for updates (<c>questions.$</c>): the filter of the update must match the array.
    /// </summary>
    public Field<TDocument, TItem> FirstMatching => _firstMatching ??= Element("$");

    /// <summary>Every element of the array, for updates (<c>questions.$[]</c>).</summary>
    public Field<TDocument, TItem> AllElements => _allElements ??= Element("$[]");

    /// <summary>Encodes one element as the member's codec stores it; null is <see cref="BsonNull"/>.</summary>
    /// <exception cref="InvalidOperationException">The encoder returned null.</exception>
    public BsonValue EncodeItem(TItem item) =>
        item is null ? BsonNull.Value : _encodeItem(item) ?? throw new InvalidOperationException($"The element encoder of the field \"{Path}\" returned null; it must return a BsonValue (BsonNull for null).");

    /// <summary>
    /// The elements that match the array filter named <paramref name="identifier"/>, for updates (<c>questions.$[id]</c>);
    /// give the filter in the update's <c>ArrayFilters</c>, built with <see cref="ArrayFilter.For{TItem}(string, Filter{TItem})"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="identifier"/> does not start with a lowercase letter or is not alphanumeric.</exception>
    public Field<TDocument, TItem> Filtered(string identifier) => Element("$[" + ArrayFilter.CheckIdentifier(identifier, nameof(identifier)) + "]");

    /// <summary>The element at <paramref name="index"/> (<c>questions.2</c>), in filters and updates.</summary>
    public Field<TDocument, TItem> At(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Element(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The field <paramref name="next"/> of the elements (<c>questions.text</c>): in a filter it matches when any
    /// element matches (implicit array traversal); for all elements together use <c>$elemMatch</c>.
    /// </summary>
    public Field<TDocument, TNext> ThenItem<TInner, TNext>(Field<TInner, TNext> next)
        where TInner : TItem
    {
        ArgumentNullException.ThrowIfNull(next);
        return new Field<TDocument, TNext>(Combine(Path, next.Path), next.Encoder, next.Decoder);
    }

    /// <summary>The array field <paramref name="next"/> of the elements, still an array for the array operators.</summary>
    public ArrayField<TDocument, TNext, TNextItem> ThenItem<TInner, TNext, TNextItem>(ArrayField<TInner, TNext, TNextItem> next)
        where TInner : TItem
    {
        ArgumentNullException.ThrowIfNull(next);
        return next.Rebase<TDocument>(Path);
    }

    internal Func<TItem, BsonValue> ItemEncoder => _encodeItem;

    internal ArrayField<TRoot, TValue, TItem> Rebase<TRoot>(string prefix) =>
        new(Combine(prefix, Path), Encoder, _encodeItem, Decoder, ItemDecoder);

    private Field<TDocument, TItem> Element(string segment) => new(Combine(Path, segment), _encodeItem, ItemDecoder);
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson.Codecs;

namespace OpenQuizz.Typed;

/// <summary>
/// A stored dictionary (string keys, stored as a document) of <typeparamref name="TDocument"/>: a
/// <typeparamref name="TValue"/> such as <c>Dictionary&lt;string, int&gt;</c> whose values are
/// <typeparamref name="TItem"/>s. <see cref="Key"/> gives the field of one entry (<c>extra.level</c>).
/// </summary>
public sealed class DictionaryField<TDocument, TValue, TItem> : Field<TDocument, TValue>
{
    private readonly Func<TItem, BsonValue> _encodeItem;

    /// <summary>A dictionary field at <paramref name="path"/>.</summary>
    /// <param name="path">The dotted element path, such as <c>"extra"</c>.</param>
    /// <param name="encode">Encodes a whole non-null dictionary as the member's codec stores it.</param>
    /// <param name="encodeItem">Encodes one non-null entry value as the member's codec stores it.</param>
    /// <param name="decode">Optionally reads a whole dictionary as the member's codec does.</param>
    /// <param name="decodeItem">Optionally reads one entry value as the member's codec does.</param>
    public DictionaryField(string path, Func<TValue, BsonValue> encode, Func<TItem, BsonValue> encodeItem, BsonValueReader<TValue>? decode = null, BsonValueReader<TItem>? decodeItem = null)
        : base(path, encode, decode)
    {
        ArgumentNullException.ThrowIfNull(encodeItem);
        _encodeItem = encodeItem;
        ItemDecoder = decodeItem;
    }

    /// <summary>
    /// A dictionary field at <paramref name="path"/> encoded through span writers (as generated codecs write them):
    /// <paramref name="write"/> for the whole value, <paramref name="writeItem"/> for one entry value.
    /// </summary>
    public DictionaryField(string path, BsonValueWriter<TValue> write, BsonValueWriter<TItem> writeItem, BsonValueReader<TValue>? decode = null, BsonValueReader<TItem>? decodeItem = null)
        : this(path, EncoderOf(write, nameof(write)), EncoderOf(writeItem, nameof(writeItem)), decode, decodeItem)
    {
    }

    /// <summary>Reads one entry value as the member's codec does, when the descriptor was given one.</summary>
    public BsonValueReader<TItem>? ItemDecoder { get; }

    /// <summary>Encodes one entry value as the member's codec stores it; null is <see cref="BsonNull"/>.</summary>
    /// <exception cref="InvalidOperationException">The encoder returned null.</exception>
    public BsonValue EncodeItem(TItem item) =>
        item is null ? BsonNull.Value : _encodeItem(item) ?? throw new InvalidOperationException($"The entry encoder of the field \"{Path}\" returned null; it must return a BsonValue (BsonNull for null).");

    /// <summary>The entry of <paramref name="key"/> (<c>extra.&lt;key&gt;</c>), in filters, updates, sorts and projections.</summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty, holds a '.' or a NUL, or starts with '$': it could not name one entry.</exception>
    public Field<TDocument, TItem> Key(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Contains('.', StringComparison.Ordinal) || key.Contains('\0', StringComparison.Ordinal) || key[0] == '$')
        {
            throw new ArgumentException($"The dictionary key \"{key}\" cannot be used in a field path: a key must not contain '.' or NUL nor start with '$'.", nameof(key));
        }

        return new Field<TDocument, TItem>(Combine(Path, key), _encodeItem, ItemDecoder);
    }

    internal DictionaryField<TRoot, TValue, TItem> Rebase<TRoot>(string prefix) =>
        new(Combine(prefix, Path), Encoder, _encodeItem, Decoder, ItemDecoder);
}

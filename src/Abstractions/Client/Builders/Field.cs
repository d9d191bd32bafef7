using MongoDB.Bson;
using OpenQuizz.Typed.Bson.Codecs;

namespace OpenQuizz.Typed;

/// <summary>
/// A stored element of <typeparamref name="TDocument"/> holding a <typeparamref name="TValue"/>: its element path
/// (naming convention and <c>[BsonElement]</c> applied) and the member's encoder. Generated code declares one per
/// stored member (<c>QuizFields.Status</c>); the typed builder overloads (<c>Filter&lt;Quiz&gt;.Eq(QuizFields.Status,
/// QuizStatus.Draft)</c>) render exactly what the string overloads render with <see cref="Path"/> and
/// <see cref="Encode"/>. Immutable and thread-safe.
/// </summary>
public class Field<TDocument, TValue>
{
    private readonly Func<TValue, BsonValue> _encode;

    /// <summary>A field at <paramref name="path"/> whose values <paramref name="encode"/> turns into BSON.</summary>
    /// <param name="path">The dotted element path, such as <c>"author.name"</c>.</param>
    /// <param name="encode">Encodes a non-null value as the member's codec stores it (null is always BSON null).</param>
    /// <param name="decode">Optionally reads a value as the member's codec does, for results such as distinct values.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or has an empty segment.</exception>
    public Field(string path, Func<TValue, BsonValue> encode, BsonValueReader<TValue>? decode = null)
    {
        Path = CheckPath(path, nameof(path));
        ArgumentNullException.ThrowIfNull(encode);
        _encode = encode;
        Decoder = decode;
    }

    /// <summary>
    /// A field at <paramref name="path"/> whose values <paramref name="write"/> (the member's span encoder, as generated
    /// codecs write it) turns into BSON through <see cref="GeneratedCodecHelpers.ToBsonValue{T}(T, BsonValueWriter{T})"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or has an empty segment.</exception>
    public Field(string path, BsonValueWriter<TValue> write, BsonValueReader<TValue>? decode = null)
        : this(path, EncoderOf(write, nameof(write)), decode)
    {
    }

    /// <summary>The dotted element path, such as <c>"author.name"</c>.</summary>
    public string Path { get; }

    /// <summary>Reads a value as the member's codec does, when the descriptor was given one.</summary>
    public BsonValueReader<TValue>? Decoder { get; }

    /// <summary>The encoder of the values, as given to the constructor.</summary>
    internal Func<TValue, BsonValue> Encoder => _encode;

    /// <summary>Encodes <paramref name="value"/> as the member's codec stores it; null is <see cref="BsonNull"/>.</summary>
    /// <exception cref="InvalidOperationException">The encoder returned null.</exception>
    public BsonValue Encode(TValue value) =>
        value is null ? BsonNull.Value : _encode(value) ?? throw new InvalidOperationException($"The encoder of the field \"{Path}\" returned null; it must return a BsonValue (BsonNull for null).");

    /// <summary>
    /// The field <paramref name="next"/> inside this one: <c>author</c> then <c>name</c> is <c>author.name</c>, encoded
    /// by <paramref name="next"/>'s encoder.
    /// </summary>
    /// <remarks>
    /// <typeparamref name="TInner"/> is this field's type or one derived from it, which lets a field declared
    /// <c>Author?</c> lead into the fields of <c>Author</c> without a nullability warning (and a field of a base type
    /// into a derived type's fields).
    /// </remarks>
    public Field<TDocument, TNext> Then<TInner, TNext>(Field<TInner, TNext> next)
        where TInner : TValue
    {
        ArgumentNullException.ThrowIfNull(next);
        return new Field<TDocument, TNext>(Combine(Path, next.Path), next._encode, next.Decoder);
    }

    /// <summary>The array field <paramref name="next"/> inside this one, still an array for the array operators.</summary>
    public ArrayField<TDocument, TNext, TNextItem> Then<TInner, TNext, TNextItem>(ArrayField<TInner, TNext, TNextItem> next)
        where TInner : TValue
    {
        ArgumentNullException.ThrowIfNull(next);
        return next.Rebase<TDocument>(Path);
    }

    /// <summary>The dictionary field <paramref name="next"/> inside this one, still a dictionary for <c>Key</c>.</summary>
    public DictionaryField<TDocument, TNext, TNextItem> Then<TInner, TNext, TNextItem>(DictionaryField<TInner, TNext, TNextItem> next)
        where TInner : TValue
    {
        ArgumentNullException.ThrowIfNull(next);
        return next.Rebase<TDocument>(Path);
    }

    /// <summary>The path, such as <c>author.name</c>.</summary>
    public override string ToString() => Path;

    /// <summary>An encoder that writes through <paramref name="write"/> and reads the value back as a <see cref="BsonValue"/>.</summary>
    internal static Func<T, BsonValue> EncoderOf<T>(BsonValueWriter<T> write, string parameter)
    {
        ArgumentNullException.ThrowIfNull(write, parameter);
        return value => GeneratedCodecHelpers.ToBsonValue(value, write);
    }

    internal static string Combine(string prefix, string path) => string.Concat(prefix, ".", path);

    internal static string CheckPath(string path, string parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(path, parameter);
        if (path[0] == '.' || path[^1] == '.' || path.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The field path \"{path}\" has an empty segment.", parameter);
        }

        return path;
    }
}

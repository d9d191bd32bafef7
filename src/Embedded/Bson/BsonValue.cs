using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>
/// A BSON value of any type: the base of the document object model. Values compare by type and content
/// (<c>1</c> as Int32 is not equal to <c>1</c> as Int64); <see cref="ToString"/> is relaxed Extended JSON.
/// </summary>
internal abstract class BsonValue : IEquatable<BsonValue>
{
    private protected BsonValue()
    {
    }

    /// <summary>The BSON type of this value.</summary>
    public abstract BsonType BsonType { get; }

    public bool IsDocument => BsonType == BsonType.Document;
    public bool IsArray => BsonType == BsonType.Array;
    public bool IsString => BsonType == BsonType.String;
    public bool IsInt32 => BsonType == BsonType.Int32;
    public bool IsInt64 => BsonType == BsonType.Int64;
    public bool IsDouble => BsonType == BsonType.Double;
    public bool IsDecimal128 => BsonType == BsonType.Decimal128;
    public bool IsBoolean => BsonType == BsonType.Boolean;
    public bool IsObjectId => BsonType == BsonType.ObjectId;
    public bool IsDateTime => BsonType == BsonType.DateTime;
    public bool IsBinary => BsonType == BsonType.Binary;
    public bool IsNull => BsonType == BsonType.Null;

    /// <summary>Whether this is an Int32, Int64, Double or Decimal128.</summary>
    public bool IsNumeric => BsonType is BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128;

    public BsonDocument AsBsonDocument => As<BsonDocument>(BsonType.Document);
    public BsonArray AsBsonArray => As<BsonArray>(BsonType.Array);
    public BsonBinaryData AsBsonBinaryData => As<BsonBinaryData>(BsonType.Binary);
    public BsonDateTime AsBsonDateTime => As<BsonDateTime>(BsonType.DateTime);
    public string AsString => As<BsonString>(BsonType.String).Value;
    public int AsInt32 => As<BsonInt32>(BsonType.Int32).Value;
    public long AsInt64 => As<BsonInt64>(BsonType.Int64).Value;
    public double AsDouble => As<BsonDouble>(BsonType.Double).Value;
    public Decimal128 AsDecimal128 => As<BsonDecimal128>(BsonType.Decimal128).Value;
    public bool AsBoolean => As<BsonBoolean>(BsonType.Boolean).Value;
    public ObjectId AsObjectId => As<BsonObjectId>(BsonType.ObjectId).Value;

    /// <summary>The value of the named element of a document.</summary>
    /// <exception cref="InvalidOperationException">This value is not a document.</exception>
    public virtual BsonValue this[string name]
    {
        get => throw new InvalidOperationException($"A {BsonType} value has no named elements.");
        set => throw new InvalidOperationException($"A {BsonType} value has no named elements.");
    }

    /// <summary>The element at <paramref name="index"/> of an array or document.</summary>
    /// <exception cref="InvalidOperationException">This value is neither an array nor a document.</exception>
    public virtual BsonValue this[int index]
    {
        get => throw new InvalidOperationException($"A {BsonType} value has no indexed elements.");
        set => throw new InvalidOperationException($"A {BsonType} value has no indexed elements.");
    }

    /// <summary>Converts any numeric value to a double (Int64 and Decimal128 may lose precision).</summary>
    public double ToDouble() => this switch
    {
        BsonInt32 i => i.Value,
        BsonInt64 l => l.Value,
        BsonDouble d => d.Value,
        BsonDecimal128 m => (double)m.Value,
        _ => throw NotNumeric(),
    };

    /// <summary>Converts any numeric value to an Int64, truncating fractions.</summary>
    /// <exception cref="OverflowException">The value is outside Int64's range.</exception>
    public long ToInt64() => this switch
    {
        BsonInt32 i => i.Value,
        BsonInt64 l => l.Value,
        BsonDouble d => checked((long)d.Value),
        BsonDecimal128 m => checked((long)(decimal)m.Value),
        _ => throw NotNumeric(),
    };

    /// <summary>Converts any numeric value to an Int32, truncating fractions.</summary>
    /// <exception cref="OverflowException">The value is outside Int32's range.</exception>
    public int ToInt32() => checked((int)ToInt64());

    /// <summary>Writes this value as the next value of <paramref name="writer"/>: after a pending name, as an array element, or (for a document) as a top-level document.</summary>
    public virtual void WriteTo(ref BsonWriter writer) => BsonDom.WriteValue(ref writer, this);

    /// <summary>A deep copy; immutable values return themselves.</summary>
    public virtual BsonValue DeepClone() => this;

    /// <summary>This value as Extended JSON.</summary>
    public string ToJson(JsonOutputMode mode = JsonOutputMode.Relaxed) => ExtendedJson.Serialize(this, mode);

    /// <summary>Relaxed Extended JSON.</summary>
    public override string ToString() => ToJson(JsonOutputMode.Relaxed);

    public abstract bool Equals([NotNullWhen(true)] BsonValue? other);

    public sealed override bool Equals(object? obj) => obj is BsonValue other && Equals(other);

    public abstract override int GetHashCode();

    public static bool operator ==(BsonValue? left, BsonValue? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(BsonValue? left, BsonValue? right) => !(left == right);

    public static implicit operator BsonValue(int value) => BsonInt32.Create(value);
    public static implicit operator BsonValue(long value) => new BsonInt64(value);
    public static implicit operator BsonValue(double value) => new BsonDouble(value);
    public static implicit operator BsonValue(bool value) => value ? BsonBoolean.True : BsonBoolean.False;
    public static implicit operator BsonValue(ObjectId value) => new BsonObjectId(value);
    public static implicit operator BsonValue(Decimal128 value) => new BsonDecimal128(value);
    public static implicit operator BsonValue(decimal value) => new BsonDecimal128(new Decimal128(value));
    public static implicit operator BsonValue(DateTime value) => new BsonDateTime(value);

    /// <summary>A string, or <see cref="BsonNull"/> for null.</summary>
    public static implicit operator BsonValue(string? value) => value is null ? BsonNull.Value : new BsonString(value);

    /// <summary>Binary data of subtype 0, or <see cref="BsonNull"/> for null.</summary>
    public static implicit operator BsonValue(byte[]? value) => value is null ? BsonNull.Value : new BsonBinaryData(value);

    private protected T As<T>(BsonType expected)
        where T : BsonValue =>
        this as T ?? throw new InvalidCastException($"The value is {BsonType}, not {expected}.");

    private InvalidCastException NotNumeric() => new($"The value is {BsonType}, not a number.");

    /// <summary>Hashes a value by reference-free content for use in the overrides.</summary>
    private protected static int Hash<T>(BsonType type, T value) => HashCode.Combine(type, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static BsonValue OrNull(BsonValue? value) => value ?? BsonNull.Value;
}

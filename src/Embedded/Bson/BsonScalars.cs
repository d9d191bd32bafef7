using System.Diagnostics.CodeAnalysis;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>A BSON 32-bit integer.</summary>
internal sealed class BsonInt32(int value) : BsonValue
{
    private static readonly BsonInt32[] Small = CreateSmall();

    public int Value { get; } = value;

    public override BsonType BsonType => BsonType.Int32;

    /// <summary>A shared instance for small values, a new one otherwise.</summary>
    public static BsonInt32 Create(int value) => (uint)(value + 1) < (uint)Small.Length ? Small[value + 1] : new BsonInt32(value);

    public override bool Equals([NotNullWhen(true)] BsonValue? other) => other is BsonInt32 i && i.Value == Value;

    public override int GetHashCode() => Hash(BsonType, Value);

    private static BsonInt32[] CreateSmall()
    {
        var values = new BsonInt32[258];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = new BsonInt32(i - 1);
        }

        return values;
    }
}

/// <summary>A BSON 64-bit integer.</summary>
internal sealed class BsonInt64(long value) : BsonValue
{
    public long Value { get; } = value;

    public override BsonType BsonType => BsonType.Int64;

    public override bool Equals([NotNullWhen(true)] BsonValue? other) => other is BsonInt64 i && i.Value == Value;

    public override int GetHashCode() => Hash(BsonType, Value);
}

/// <summary>A BSON double. Equality treats NaN as equal to NaN and -0.0 as equal to 0.0, like <see cref="double.Equals(double)"/>.</summary>
internal sealed class BsonDouble(double value) : BsonValue
{
    public double Value { get; } = value;

    public override BsonType BsonType => BsonType.Double;

    public override bool Equals([NotNullWhen(true)] BsonValue? other) => other is BsonDouble d && d.Value.Equals(Value);

    public override int GetHashCode() => Hash(BsonType, Value);
}

/// <summary>A BSON 128-bit decimal. Equality is by the stored bits, so 1.0 and 1.00 differ.</summary>
internal sealed class BsonDecimal128(Decimal128 value) : BsonValue
{
    public Decimal128 Value { get; } = value;

    public override BsonType BsonType => BsonType.Decimal128;

    public override bool Equals([NotNullWhen(true)] BsonValue? other) => other is BsonDecimal128 d && d.Value.Equals(Value);

    public override int GetHashCode() => Hash(BsonType, Value);
}

/// <summary>A BSON UTF-8 string.</summary>
internal sealed class BsonString : BsonValue
{
    /// <summary>The empty string.</summary>
    public static readonly BsonString Empty = new(string.Empty);

    public BsonString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    public string Value { get; }

    public override BsonType BsonType => BsonType.String;

    public override bool Equals([NotNullWhen(true)] BsonValue? other) => other is BsonString s && string.Equals(s.Value, Value, StringComparison.Ordinal);

    public override int GetHashCode() => Hash(BsonType, Value);
}

/// <summary>A BSON boolean; use the shared <see cref="True"/> and <see cref="False"/>.</summary>
internal sealed class BsonBoolean : BsonValue
{
    public static readonly BsonBoolean True = new(true);
    public static readonly BsonBoolean False = new(false);

    private BsonBoolean(bool value) => Value = value;

    public bool Value { get; }

    public override BsonType BsonType => BsonType.Boolean;

    public static BsonBoolean Create(bool value) => value ? True : False;

    public override bool Equals([NotNullWhen(true)] BsonValue? other) => other is BsonBoolean b && b.Value == Value;

    public override int GetHashCode() => Hash(BsonType, Value);
}

/// <summary>A BSON ObjectId.</summary>
internal sealed class BsonObjectId(ObjectId value) : BsonValue
{
    public ObjectId Value { get; } = value;

    public override BsonType BsonType => BsonType.ObjectId;

    public override bool Equals([NotNullWhen(true)] BsonValue? other) => other is BsonObjectId o && o.Value == Value;

    public override int GetHashCode() => Hash(BsonType, Value);
}

/// <summary>A BSON timestamp (used by replication): seconds in the high 32 bits, an increment in the low 32 bits.</summary>
internal sealed class BsonTimestamp : BsonValue
{
    public BsonTimestamp(ulong value) => Value = value;

    public BsonTimestamp(uint timestamp, uint increment) => Value = ((ulong)timestamp << 32) | increment;

    /// <summary>The 64 bits as stored.</summary>
    public ulong Value { get; }

    /// <summary>Seconds since the Unix epoch.</summary>
    public uint Timestamp => (uint)(Value >> 32);

    public uint Increment => (uint)Value;

    public override BsonType BsonType => BsonType.Timestamp;

    public override bool Equals([NotNullWhen(true)] BsonValue? other) => other is BsonTimestamp t && t.Value == Value;

    public override int GetHashCode() => Hash(BsonType, Value);
}

/// <summary>BSON null.</summary>
internal sealed class BsonNull : BsonValue
{
    public static readonly BsonNull Value = new();

    private BsonNull()
    {
    }

    public override BsonType BsonType => BsonType.Null;

    public override bool Equals([NotNullWhen(true)] BsonValue? other) => other is BsonNull;

    public override int GetHashCode() => (int)BsonType;
}

/// <summary>The deprecated BSON undefined value.</summary>
internal sealed class BsonUndefined : BsonValue
{
    public static readonly BsonUndefined Value = new();

    private BsonUndefined()
    {
    }

    public override BsonType BsonType => BsonType.Undefined;

    public override bool Equals([NotNullWhen(true)] BsonValue? other) => other is BsonUndefined;

    public override int GetHashCode() => (int)BsonType;
}

/// <summary>BSON MinKey, which sorts before every other value.</summary>
internal sealed class BsonMinKey : BsonValue
{
    public static readonly BsonMinKey Value = new();

    private BsonMinKey()
    {
    }

    public override BsonType BsonType => BsonType.MinKey;

    public override bool Equals([NotNullWhen(true)] BsonValue? other) => other is BsonMinKey;

    public override int GetHashCode() => (int)BsonType;
}

/// <summary>BSON MaxKey, which sorts after every other value.</summary>
internal sealed class BsonMaxKey : BsonValue
{
    public static readonly BsonMaxKey Value = new();

    private BsonMaxKey()
    {
    }

    public override BsonType BsonType => BsonType.MaxKey;

    public override bool Equals([NotNullWhen(true)] BsonValue? other) => other is BsonMaxKey;

    public override int GetHashCode() => (int)BsonType;
}

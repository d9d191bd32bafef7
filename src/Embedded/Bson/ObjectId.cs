using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>
/// A 12-byte BSON ObjectId: a 4-byte big-endian timestamp in seconds, 5 random bytes chosen once per process,
/// and a 3-byte big-endian counter that starts at a random value (the ObjectID specification).
/// </summary>
internal readonly struct ObjectId : IEquatable<ObjectId>, IComparable<ObjectId>, IComparable, ISpanFormattable, ISpanParsable<ObjectId>
{
    /// <summary>The number of bytes in an ObjectId.</summary>
    public const int Size = 12;

    // Three big-endian words keep comparison and equality branch-free and allocation-free.
    private readonly uint _a;
    private readonly uint _b;
    private readonly uint _c;

    private static readonly long ProcessRandom = CreateProcessRandom();
    private static int _counter = RandomNumberGenerator.GetInt32(0, 0x1000000);

    /// <summary>The ObjectId whose twelve bytes are zero.</summary>
    public static ObjectId Empty => default;

    private ObjectId(uint a, uint b, uint c)
    {
        _a = a;
        _b = b;
        _c = c;
    }

    /// <summary>Reads an ObjectId from its 12 bytes.</summary>
    public ObjectId(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"An ObjectId is {Size} bytes, not {bytes.Length}.", nameof(bytes));
        }

        _a = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]);
        _c = BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]);
    }

    /// <summary>Builds an ObjectId from its parts; <paramref name="counter"/> keeps its low 24 bits.</summary>
    public ObjectId(int timestamp, long random5Bytes, int counter)
    {
        _a = (uint)timestamp;
        _b = (uint)(random5Bytes >> 8);
        _c = ((uint)(random5Bytes & 0xFF) << 24) | ((uint)counter & 0xFFFFFF);
    }

    /// <summary>A new ObjectId for the current time; unique within this process and, with high probability, across processes.</summary>
    public static ObjectId GenerateNewId() => GenerateNewId(DateTimeOffset.UtcNow);

    /// <summary>A new ObjectId whose timestamp is <paramref name="time"/> (seconds precision).</summary>
    public static ObjectId GenerateNewId(DateTimeOffset time)
    {
        var counter = Interlocked.Increment(ref _counter) & 0xFFFFFF;
        return new ObjectId((int)(uint)time.ToUnixTimeSeconds(), ProcessRandom, counter);
    }

    /// <summary>The seconds since the Unix epoch stored in the first four bytes (unsigned, so it runs to 2106).</summary>
    public uint Timestamp => _a;

    /// <summary>The moment the ObjectId was created, to the second.</summary>
    public DateTimeOffset CreationTime => DateTimeOffset.FromUnixTimeSeconds(_a);

    /// <summary>Writes the 12 bytes into <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"An ObjectId needs {Size} bytes of room.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], _b);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], _c);
    }

    /// <summary>The 12 bytes in a new array.</summary>
    public byte[] ToByteArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Parses 24 hexadecimal digits (either case).</summary>
    /// <exception cref="FormatException">The text is not 24 hexadecimal digits.</exception>
    public static ObjectId Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <summary>Parses 24 hexadecimal digits (either case).</summary>
    /// <exception cref="FormatException">The text is not 24 hexadecimal digits.</exception>
    public static ObjectId Parse(ReadOnlySpan<char> s)
    {
        if (!TryParse(s, out var id))
        {
            throw new FormatException($"'{Truncate(s)}' is not a valid ObjectId: expected 24 hexadecimal digits.");
        }

        return id;
    }

    /// <summary>Parses 24 hexadecimal digits (either case), returning false for anything else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out ObjectId result) => TryParse(s.AsSpan(), out result);

    /// <summary>Parses 24 hexadecimal digits (either case), returning false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out ObjectId result)
    {
        result = default;
        if (s.Length != 2 * Size)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        for (var i = 0; i < Size; i++)
        {
            var hi = HexValue(s[2 * i]);
            var lo = HexValue(s[2 * i + 1]);
            if ((hi | lo) < 0)
            {
                return false;
            }

            bytes[i] = (byte)((hi << 4) | lo);
        }

        result = new ObjectId(bytes);
        return true;
    }

    /// <summary>Parses an ObjectId from a UTF-8 span of 24 hexadecimal digits.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out ObjectId result)
    {
        result = default;
        if (utf8.Length != 2 * Size)
        {
            return false;
        }

        Span<char> chars = stackalloc char[2 * Size];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)utf8[i];
        }

        return TryParse(chars, out result);
    }

    static ObjectId IParsable<ObjectId>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<ObjectId>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ObjectId result) => TryParse(s, out result);

    static ObjectId ISpanParsable<ObjectId>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    static bool ISpanParsable<ObjectId>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out ObjectId result) => TryParse(s, out result);

    /// <summary>The 24 lower-case hexadecimal digits.</summary>
    public override string ToString() => string.Create(2 * Size, this, static (chars, id) => id.TryFormat(chars, out _));

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>Writes the 24 lower-case hexadecimal digits.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        if (destination.Length < 2 * Size)
        {
            charsWritten = 0;
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        const string digits = "0123456789abcdef";
        for (var i = 0; i < Size; i++)
        {
            destination[2 * i] = digits[bytes[i] >> 4];
            destination[2 * i + 1] = digits[bytes[i] & 0xF];
        }

        charsWritten = 2 * Size;
        return true;
    }

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten);

    /// <inheritdoc />
    public bool Equals(ObjectId other) => _a == other._a && _b == other._b && _c == other._c;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ObjectId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c);

    /// <summary>Orders by the bytes as unsigned big-endian values, which is creation order for ObjectIds of one process.</summary>
    public int CompareTo(ObjectId other)
    {
        var c = _a.CompareTo(other._a);
        if (c != 0)
        {
            return c;
        }

        c = _b.CompareTo(other._b);
        return c != 0 ? c : _c.CompareTo(other._c);
    }

    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        ObjectId other => CompareTo(other),
        _ => throw new ArgumentException("Object must be an ObjectId.", nameof(obj)),
    };

    public static bool operator ==(ObjectId left, ObjectId right) => left.Equals(right);

    public static bool operator !=(ObjectId left, ObjectId right) => !left.Equals(right);

    public static bool operator <(ObjectId left, ObjectId right) => left.CompareTo(right) < 0;

    public static bool operator >(ObjectId left, ObjectId right) => left.CompareTo(right) > 0;

    public static bool operator <=(ObjectId left, ObjectId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ObjectId left, ObjectId right) => left.CompareTo(right) >= 0;

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static string Truncate(ReadOnlySpan<char> s) => s.Length <= 40 ? s.ToString() : s[..40].ToString() + "…";

    private static long CreateProcessRandom()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadInt64LittleEndian(bytes) & 0xFF_FFFF_FFFF;
    }
}

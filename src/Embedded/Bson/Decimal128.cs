using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>
/// The BSON Decimal128 type (0x13): an IEEE 754-2008 128-bit decimal floating-point value in the binary integer decimal
/// (BID) encoding. It is an immutable value object that keeps the exact 128 bits it was created from and offers no arithmetic.
/// </summary>
/// <remarks>
/// <para>
/// Equality (<see cref="Equals(Decimal128)"/>, <c>==</c>, <see cref="GetHashCode"/>) is bitwise identity, so
/// <c>1.0</c> and <c>1.00</c> are not equal, nor are <c>0</c> and <c>-0</c>. Ordering (<see cref="CompareTo(Decimal128)"/>)
/// is numeric, with every NaN below negative infinity as in BSON sort order, so <c>1.0</c> and <c>1.00</c> compare as equal.
/// </para>
/// <para>
/// <c>default(Decimal128)</c> is <see cref="Zero"/> (<c>0</c>, exponent 0): the high word is stored exclusive-or'ed with the
/// bits of zero, which is invisible through <see cref="HighBits"/>, <see cref="WriteTo"/> and every other member.
/// </para>
/// </remarks>
[SuppressMessage(
    "Design",
    "CA1036:Override methods on comparable types",
    Justification = "Relational operators would have to choose between IEEE semantics (NaN unordered) and the BSON sort order of CompareTo, and the Decimal128 specification asks for a value object without arithmetic; only == and != are offered.")]
internal readonly partial struct Decimal128 : IEquatable<Decimal128>, IComparable<Decimal128>, IComparable
{
    private const ulong SignMask = 0x8000_0000_0000_0000;

    /// <summary>Bits 62..61: <c>11</c> selects the second BID form (or infinity/NaN).</summary>
    private const ulong SecondFormMask = 0x6000_0000_0000_0000;

    /// <summary>Bits 62..58 all set: NaN (quiet or signalling, bit 57).</summary>
    private const ulong NaNMask = 0x7C00_0000_0000_0000;

    /// <summary>Bits 62..58 equal to <c>11110</c>: infinity.</summary>
    private const ulong InfinityBits = 0x7800_0000_0000_0000;

    private const ulong CoefficientHighMask = (1UL << 49) - 1;
    private const int ExponentBias = 6176;
    private const int MinExponent = -6176;
    private const int MaxExponent = 6111;
    private const int MaxDigits = 34;

    /// <summary>The high word of <c>0E+0</c>; <see cref="_storedHigh"/> holds the high word exclusive-or'ed with it.</summary>
    private const ulong ZeroHighBits = (ulong)ExponentBias << 49;

    /// <summary>10^34 - 1, the largest canonical coefficient.</summary>
    private static readonly UInt128 MaxCoefficient = new(0x0001_ED09_BEAD_87C0, 0x378D_8E63_FFFF_FFFF);

    /// <summary>2^96 - 1, the largest coefficient of <see cref="decimal"/>.</summary>
    private static readonly UInt128 MaxDecimalCoefficient = new(0xFFFF_FFFF, ulong.MaxValue);

    /// <summary>10^0 .. 10^34.</summary>
    private static readonly UInt128[] PowersOfTen = CreatePowersOfTen();

    private readonly ulong _storedHigh;
    private readonly ulong _low;

    private Decimal128(ulong highBits, ulong lowBits)
    {
        _storedHigh = highBits ^ ZeroHighBits;
        _low = lowBits;
    }

    /// <summary>Creates the exact decimal equivalent of <paramref name="value"/>, keeping its scale and sign (<c>1.50m</c> becomes <c>1.50</c>, a negative zero stays <c>-0</c>).</summary>
    /// <param name="value">The value to convert; every <see cref="decimal"/> is representable exactly.</param>
    public Decimal128(decimal value)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(value, parts);
        var coefficient = new UInt128((uint)parts[2], ((ulong)(uint)parts[1] << 32) | (uint)parts[0]);
        int scale = (parts[3] >> 16) & 0xFF;
        this = FromParts(parts[3] < 0, coefficient, -scale);
    }

    /// <summary>Creates the exact integer value <paramref name="value"/> with exponent 0.</summary>
    /// <param name="value">The value to convert.</param>
    public Decimal128(int value)
        : this((long)value)
    {
    }

    /// <summary>Creates the exact integer value <paramref name="value"/> with exponent 0.</summary>
    /// <param name="value">The value to convert.</param>
    public Decimal128(long value)
    {
        ulong magnitude = value < 0 ? (ulong)-(value + 1) + 1 : (ulong)value;
        this = FromParts(value < 0, magnitude, 0);
    }

    /// <summary>The quiet NaN with no payload and a clear sign bit.</summary>
    public static Decimal128 NaN => new(NaNMask, 0);

    /// <summary>Positive infinity.</summary>
    public static Decimal128 PositiveInfinity => new(InfinityBits, 0);

    /// <summary>Negative infinity.</summary>
    public static Decimal128 NegativeInfinity => new(SignMask | InfinityBits, 0);

    /// <summary>Zero with exponent 0 (<c>0</c>); also the value of <c>default(Decimal128)</c>.</summary>
    public static Decimal128 Zero => default;

    /// <summary>One with exponent 0 (<c>1</c>).</summary>
    public static Decimal128 One => new(ZeroHighBits, 1);

    /// <summary>The largest finite value, <c>9.999999999999999999999999999999999E+6144</c> (34 nines with exponent 6111).</summary>
    public static Decimal128 MaxValue => FromParts(false, MaxCoefficient, MaxExponent);

    /// <summary>The smallest (most negative) finite value, <c>-9.999999999999999999999999999999999E+6144</c>.</summary>
    public static Decimal128 MinValue => FromParts(true, MaxCoefficient, MaxExponent);

    /// <summary>The high 64 bits of the IEEE 754 representation (sign, combination field and the top of the coefficient).</summary>
    public ulong HighBits => _storedHigh ^ ZeroHighBits;

    /// <summary>The low 64 bits of the IEEE 754 representation (the bottom of the coefficient).</summary>
    public ulong LowBits => _low;

    /// <summary>Whether the value is a NaN of any kind: quiet or signalling, either sign, with or without a payload.</summary>
    public bool IsNaN => (HighBits & NaNMask) == NaNMask;

    /// <summary>Whether the value is positive or negative infinity.</summary>
    public bool IsInfinity => (HighBits & NaNMask) == InfinityBits;

    /// <summary>Whether the sign bit is set; true for <c>-0</c> and also for a NaN whose sign bit is set.</summary>
    public bool IsNegative => (HighBits & SignMask) != 0;

    /// <summary>Whether the value is a finite zero of any exponent or sign, including non-canonical encodings, which IEEE 754 treats as zero.</summary>
    public bool IsZero => !IsSpecial && GetFiniteCoefficient(out _) == UInt128.Zero;

    private bool IsSpecial => (HighBits & InfinityBits) == InfinityBits;

    /// <summary>Creates a value from the two 64-bit halves of its IEEE 754 BID representation, keeping every bit as given.</summary>
    /// <param name="highBits">The high 64 bits (sign, combination field, top of the coefficient).</param>
    /// <param name="lowBits">The low 64 bits.</param>
    /// <returns>The value with exactly these bits.</returns>
    public static Decimal128 FromIeeeBits(ulong highBits, ulong lowBits) => new(highBits, lowBits);

    /// <summary>Reads a value in the BSON layout: the low 8 bytes then the high 8 bytes, each little-endian.</summary>
    /// <param name="source">At least 16 bytes; only the first 16 are read.</param>
    /// <returns>The value with exactly the bits read.</returns>
    /// <exception cref="ArgumentException"><paramref name="source"/> is shorter than 16 bytes.</exception>
    public static Decimal128 ReadFrom(ReadOnlySpan<byte> source)
    {
        if (source.Length < 16)
        {
            throw new ArgumentException($"A Decimal128 needs 16 bytes but only {source.Length} were given.", nameof(source));
        }

        ulong low = BinaryPrimitives.ReadUInt64LittleEndian(source);
        ulong high = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(8));
        return new Decimal128(high, low);
    }

    /// <summary>Writes the value in the BSON layout: the low 8 bytes then the high 8 bytes, each little-endian.</summary>
    /// <param name="destination">At least 16 bytes; only the first 16 are written.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 16 bytes.</exception>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < 16)
        {
            throw new ArgumentException($"A Decimal128 needs 16 bytes but the destination has only {destination.Length}.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64LittleEndian(destination, _low);
        BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(8), HighBits);
    }

    /// <summary>Converts a <see cref="decimal"/> exactly, keeping its scale and sign.</summary>
    /// <param name="value">The value to convert.</param>
    public static implicit operator Decimal128(decimal value) => new(value);

    /// <summary>Converts an <see cref="int"/> exactly, with exponent 0.</summary>
    /// <param name="value">The value to convert.</param>
    public static implicit operator Decimal128(int value) => new(value);

    /// <summary>Converts a <see cref="long"/> exactly, with exponent 0.</summary>
    /// <param name="value">The value to convert.</param>
    public static implicit operator Decimal128(long value) => new(value);

    /// <summary>Converts to <see cref="decimal"/> as <see cref="ToDecimal"/> does.</summary>
    /// <param name="value">The value to convert.</param>
    /// <exception cref="OverflowException">The value is NaN, infinite, or its magnitude (after rounding) exceeds <see cref="decimal.MaxValue"/>.</exception>
    public static explicit operator decimal(Decimal128 value) => value.ToDecimal();

    /// <summary>Converts to the nearest <see cref="double"/>, as <see cref="ToDouble"/> does.</summary>
    /// <param name="value">The value to convert.</param>
    public static explicit operator double(Decimal128 value) => value.ToDouble();

    /// <summary>Converts to the nearest <see cref="double"/>; magnitudes beyond its range become an infinity or a zero of the same sign, and every NaN becomes <see cref="double.NaN"/>.</summary>
    /// <returns>The nearest <see cref="double"/>.</returns>
    public double ToDouble()
    {
        if (IsNaN)
        {
            return double.NaN;
        }

        if (IsInfinity)
        {
            return IsNegative ? double.NegativeInfinity : double.PositiveInfinity;
        }

        // The exact decimal string, parsed by the correctly rounded double parser.
        Span<char> buffer = stackalloc char[MaxStringLength];
        int length = FormatInvariant(buffer);
        return double.Parse(buffer.Slice(0, length), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Bitwise identity: true when both operands have the same 128 bits.</summary>
    public static bool operator ==(Decimal128 left, Decimal128 right) => left.Equals(right);

    /// <summary>Bitwise difference: true when the operands differ in any of their 128 bits.</summary>
    public static bool operator !=(Decimal128 left, Decimal128 right) => !left.Equals(right);

    /// <summary>Whether <paramref name="other"/> has exactly the same 128 bits, so <c>1.0</c> does not equal <c>1.00</c>; use <see cref="CompareTo(Decimal128)"/> for numeric equality.</summary>
    /// <param name="other">The value to compare with.</param>
    /// <returns>True when the representations are identical.</returns>
    public bool Equals(Decimal128 other) => _storedHigh == other._storedHigh && _low == other._low;

    /// <summary>Whether <paramref name="obj"/> is a <see cref="Decimal128"/> with exactly the same 128 bits.</summary>
    /// <param name="obj">The object to compare with.</param>
    /// <returns>True when <paramref name="obj"/> is an identical <see cref="Decimal128"/>.</returns>
    public override bool Equals(object? obj) => obj is Decimal128 other && Equals(other);

    /// <summary>A hash of the 128 bits, consistent with <see cref="Equals(Decimal128)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(_storedHigh, _low);

    /// <summary>
    /// Numeric comparison: every NaN sorts below negative infinity (all NaNs compare equal), <c>-0</c> equals <c>0</c>, and
    /// different representations of one number (<c>1.0</c>, <c>1.00</c>) compare equal.
    /// </summary>
    /// <param name="other">The value to compare with.</param>
    /// <returns>Negative, zero or positive as this value is below, equal to or above <paramref name="other"/>.</returns>
    public int CompareTo(Decimal128 other)
    {
        int rank = Rank(), otherRank = other.Rank();
        if (rank != otherRank)
        {
            return rank < otherRank ? -1 : 1;
        }

        if (rank is not (1 or -1))
        {
            // Both NaN, both zero, or the same infinity.
            return 0;
        }

        UInt128 a = GetFiniteCoefficient(out int exponentA);
        UInt128 b = other.GetFiniteCoefficient(out int exponentB);
        int magnitude = CompareMagnitudes(a, exponentA, b, exponentB);
        return rank < 0 ? -magnitude : magnitude;
    }

    /// <summary>Numeric comparison with a boxed <see cref="Decimal128"/>; <see langword="null"/> sorts first.</summary>
    /// <param name="obj">A <see cref="Decimal128"/> or <see langword="null"/>.</param>
    /// <returns>Negative, zero or positive as this value is below, equal to or above <paramref name="obj"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is not a <see cref="Decimal128"/>.</exception>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Decimal128 other => CompareTo(other),
        _ => throw new ArgumentException($"Object must be of type {nameof(Decimal128)}.", nameof(obj)),
    };

    /// <summary>
    /// Coarse order class: -3 NaN, -2 negative infinity, -1 negative finite non-zero, 0 zero, 1 positive finite non-zero,
    /// 2 positive infinity. Values in different classes are ordered by class alone.
    /// </summary>
    private int Rank()
    {
        if (IsNaN)
        {
            return -3;
        }

        if (IsInfinity)
        {
            return IsNegative ? -2 : 2;
        }

        if (GetFiniteCoefficient(out _) == UInt128.Zero)
        {
            return 0;
        }

        return IsNegative ? -1 : 1;
    }

    /// <summary>Compares <paramref name="a"/>·10^<paramref name="exponentA"/> with <paramref name="b"/>·10^<paramref name="exponentB"/>; both coefficients are non-zero and canonical.</summary>
    private static int CompareMagnitudes(UInt128 a, int exponentA, UInt128 b, int exponentB)
    {
        int digitsA = CountDigits(a), digitsB = CountDigits(b);
        int adjustedA = exponentA + digitsA - 1, adjustedB = exponentB + digitsB - 1;
        if (adjustedA != adjustedB)
        {
            return adjustedA < adjustedB ? -1 : 1;
        }

        // Same leading-digit position: scaling the coefficient with the larger exponent up by the exponent difference gives
        // it as many digits as the other one (at most 34), so the product fits in 128 bits.
        if (exponentA > exponentB)
        {
            a *= PowersOfTen[exponentA - exponentB];
        }
        else if (exponentB > exponentA)
        {
            b *= PowersOfTen[exponentB - exponentA];
        }

        return a.CompareTo(b);
    }

    /// <summary>
    /// Converts to <see cref="decimal"/>: exactly, keeping the scale, when representable; otherwise rounded half to even to the
    /// most fractional digits (at most 28) at which the rounded coefficient fits in 96 bits, as <see cref="decimal"/> itself
    /// rounds, so magnitudes below its precision become a zero of the same sign.
    /// </summary>
    /// <returns>The converted value.</returns>
    /// <exception cref="OverflowException">The value is NaN, infinite, or its magnitude (after rounding) exceeds <see cref="decimal.MaxValue"/>; the message names the value.</exception>
    public decimal ToDecimal()
    {
        if (IsNaN)
        {
            throw new OverflowException("Decimal128 NaN cannot be converted to System.Decimal because it is not a number.");
        }

        if (IsInfinity)
        {
            throw new OverflowException($"Decimal128 {this} cannot be converted to System.Decimal because it is infinite.");
        }

        bool negative = IsNegative;
        UInt128 coefficient = GetFiniteCoefficient(out int exponent);
        if (coefficient == UInt128.Zero)
        {
            return new decimal(0, 0, 0, negative, (byte)Math.Clamp(-exponent, 0, 28));
        }

        if (exponent > 0)
        {
            // An integer: scale the coefficient up; 10^29 alone already exceeds 2^96.
            if (exponent > 28 || coefficient > MaxDecimalCoefficient / PowersOfTen[exponent])
            {
                throw DecimalOverflow();
            }

            return CreateDecimal(negative, coefficient * PowersOfTen[exponent], 0);
        }

        int scale = -exponent;
        int dropped = Math.Max(0, scale - 28);
        UInt128 rounded;
        while (true)
        {
            if (dropped > scale)
            {
                throw DecimalOverflow();
            }

            rounded = DivideByPowerOfTenRounded(coefficient, dropped);
            if (rounded <= MaxDecimalCoefficient)
            {
                break;
            }

            dropped++;
        }

        return CreateDecimal(negative, rounded, (byte)(scale - dropped));
    }

    private OverflowException DecimalOverflow() =>
        new($"Decimal128 {this} cannot be converted to System.Decimal because it is outside its range of ±79228162514264337593543950335.");

    private static decimal CreateDecimal(bool negative, UInt128 coefficient, byte scale) =>
        new((int)(uint)coefficient, (int)(uint)(coefficient >> 32), (int)(uint)(coefficient >> 64), negative, scale);

    /// <summary><paramref name="value"/> / 10^<paramref name="power"/>, rounded half to even.</summary>
    private static UInt128 DivideByPowerOfTenRounded(UInt128 value, int power)
    {
        if (power == 0)
        {
            return value;
        }

        if (power >= PowersOfTen.Length)
        {
            // value < 10^34 < 10^power / 2: rounds to zero.
            return UInt128.Zero;
        }

        UInt128 divisor = PowersOfTen[power];
        (UInt128 quotient, UInt128 remainder) = UInt128.DivRem(value, divisor);
        UInt128 half = divisor >> 1;
        if (remainder > half || (remainder == half && (quotient & UInt128.One) != UInt128.Zero))
        {
            quotient++;
        }

        return quotient;
    }

    /// <summary>
    /// The coefficient and unbiased exponent of a finite value. A coefficient above 10^34 - 1, which includes every
    /// coefficient of the second (<c>11</c>) BID form, is non-canonical and read as zero, as IEEE 754 requires.
    /// </summary>
    private UInt128 GetFiniteCoefficient(out int exponent)
    {
        ulong high = HighBits;
        if ((high & SecondFormMask) == SecondFormMask)
        {
            // Second form: exponent in bits 60..47; the implied coefficient prefix 100 makes it at least 2^113.
            exponent = (int)((high >> 47) & 0x3FFF) - ExponentBias;
            return UInt128.Zero;
        }

        exponent = (int)((high >> 49) & 0x3FFF) - ExponentBias;
        var coefficient = new UInt128(high & CoefficientHighMask, _low);
        return coefficient > MaxCoefficient ? UInt128.Zero : coefficient;
    }

    /// <summary>The canonical encoding of a finite value; the caller guarantees a coefficient of at most 34 digits and an exponent in range.</summary>
    private static Decimal128 FromParts(bool negative, UInt128 coefficient, int exponent)
    {
        ulong high = (negative ? SignMask : 0)
            | ((ulong)(uint)(exponent + ExponentBias) << 49)
            | (ulong)(coefficient >> 64);
        return new Decimal128(high, (ulong)coefficient);
    }

    /// <summary>The number of decimal digits of a non-zero coefficient below 2^113.</summary>
    private static int CountDigits(UInt128 value)
    {
        int bits = 128 - (int)UInt128.LeadingZeroCount(value);

        // floor(bits * log10(2)) is either the digit count or one less.
        int estimate = (bits * 1233) >> 12;
        return value >= PowersOfTen[estimate] ? estimate + 1 : estimate;
    }

    private static UInt128[] CreatePowersOfTen()
    {
        var powers = new UInt128[MaxDigits + 1];
        UInt128 power = UInt128.One;
        for (int i = 0; i < powers.Length; i++)
        {
            powers[i] = power;
            power *= 10;
        }

        return powers;
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace OpenQuizz.Typed.Embedded.Bson;

internal readonly partial struct Decimal128
{
    /// <summary>Exponent digits stop accumulating here; any exponent this large is out of range whatever the digits compensate.</summary>
    private const long ExponentSaturation = 1_000_000_000_000;

    /// <summary>Longest input echoed in a <see cref="FormatException"/> message.</summary>
    private const int MaxEchoedInputLength = 64;

    private enum ParseStatus
    {
        Success,
        Syntax,
        Inexact,
        Underflow,
        Overflow,
    }

    /// <summary>
    /// Parses a numeric string of the Decimal128 specification: an optional sign, digits with an optional decimal point and
    /// an optional exponent (<c>e</c> or <c>E</c>, optional sign, digits), or <c>Inf</c>, <c>Infinity</c> or <c>NaN</c> in any case.
    /// </summary>
    /// <param name="s">The text to parse; no whitespace is allowed.</param>
    /// <returns>The value, with the exponent clamped into range where that is exact.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="s"/> is not a numeric string, or its value cannot be represented exactly (inexact rounding, overflow or underflow).</exception>
    public static Decimal128 Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <summary>
    /// Parses a numeric string of the Decimal128 specification: an optional sign, digits with an optional decimal point and
    /// an optional exponent (<c>e</c> or <c>E</c>, optional sign, digits), or <c>Inf</c>, <c>Infinity</c> or <c>NaN</c> in any case.
    /// </summary>
    /// <param name="s">The text to parse; no whitespace is allowed.</param>
    /// <returns>The value, with the exponent clamped into range where that is exact.</returns>
    /// <exception cref="FormatException"><paramref name="s"/> is not a numeric string, or its value cannot be represented exactly (inexact rounding, overflow or underflow).</exception>
    public static Decimal128 Parse(ReadOnlySpan<char> s)
    {
        ParseStatus status = TryParseCore(s, out Decimal128 result);
        if (status != ParseStatus.Success)
        {
            throw new FormatException(DescribeParseFailure(s, status));
        }

        return result;
    }

    /// <summary>Parses like <see cref="Parse(ReadOnlySpan{char})"/> but reports failure by returning false.</summary>
    /// <param name="s">The text to parse.</param>
    /// <param name="result">The value on success; <see cref="Zero"/> on failure.</param>
    /// <returns>True when <paramref name="s"/> is a numeric string whose value is exactly representable.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, out Decimal128 result) => TryParseCore(s, out result) == ParseStatus.Success;

    /// <summary>Parses like <see cref="Parse(string)"/> but reports failure, including a <see langword="null"/> input, by returning false.</summary>
    /// <param name="s">The text to parse.</param>
    /// <param name="result">The value on success; <see cref="Zero"/> on failure.</param>
    /// <returns>True when <paramref name="s"/> is a numeric string whose value is exactly representable.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out Decimal128 result)
    {
        if (s is null)
        {
            result = default;
            return false;
        }

        return TryParse(s.AsSpan(), out result);
    }

    private static ParseStatus TryParseCore(ReadOnlySpan<char> s, out Decimal128 result)
    {
        result = default;
        int position = 0;
        bool negative = false;
        if (position < s.Length && s[position] is '+' or '-')
        {
            negative = s[position] == '-';
            position++;
        }

        if (position == s.Length)
        {
            return ParseStatus.Syntax;
        }

        if (char.IsAsciiLetter(s[position]))
        {
            ReadOnlySpan<char> name = s.Slice(position);
            if (Ascii.EqualsIgnoreCase(name, "inf") || Ascii.EqualsIgnoreCase(name, "infinity"))
            {
                result = negative ? NegativeInfinity : PositiveInfinity;
                return ParseStatus.Success;
            }

            if (Ascii.EqualsIgnoreCase(name, "nan"))
            {
                result = new Decimal128(negative ? SignMask | NaNMask : NaNMask, 0);
                return ParseStatus.Success;
            }

            return ParseStatus.Syntax;
        }

        // Significant digits (from the first non-zero one) go into the coefficient up to 34 of them; the rest must be zeros,
        // which are then dropped by raising the exponent.
        UInt128 coefficient = UInt128.Zero;
        int significantDigits = 0;
        long droppedDigits = 0;
        bool droppedNonZero = false;
        long fractionDigits = 0;
        bool sawDigit = false, sawPoint = false;
        for (; position < s.Length; position++)
        {
            char c = s[position];
            if (c == '.')
            {
                if (sawPoint)
                {
                    return ParseStatus.Syntax;
                }

                sawPoint = true;
                continue;
            }

            uint digit = (uint)(c - '0');
            if (digit > 9)
            {
                break;
            }

            sawDigit = true;
            if (sawPoint)
            {
                fractionDigits++;
            }

            if (significantDigits == 0 && digit == 0)
            {
                continue;
            }

            if (significantDigits < MaxDigits)
            {
                coefficient = (coefficient * 10) + digit;
                significantDigits++;
            }
            else
            {
                droppedDigits++;
                droppedNonZero |= digit != 0;
            }
        }

        if (!sawDigit)
        {
            return ParseStatus.Syntax;
        }

        long exponent = 0;
        if (position < s.Length)
        {
            if (s[position] is not ('e' or 'E'))
            {
                return ParseStatus.Syntax;
            }

            position++;
            bool negativeExponent = false;
            if (position < s.Length && s[position] is '+' or '-')
            {
                negativeExponent = s[position] == '-';
                position++;
            }

            if (position == s.Length)
            {
                return ParseStatus.Syntax;
            }

            for (; position < s.Length; position++)
            {
                uint digit = (uint)(s[position] - '0');
                if (digit > 9)
                {
                    return ParseStatus.Syntax;
                }

                if (exponent < ExponentSaturation)
                {
                    exponent = (exponent * 10) + digit;
                }
            }

            if (negativeExponent)
            {
                exponent = -exponent;
            }
        }

        exponent = exponent - fractionDigits + droppedDigits;

        if (significantDigits == 0)
        {
            // Zero: any exponent clamps into range without changing the value.
            result = FromParts(negative, UInt128.Zero, (int)Math.Clamp(exponent, MinExponent, MaxExponent));
            return ParseStatus.Success;
        }

        if (droppedNonZero)
        {
            return ParseStatus.Inexact;
        }

        // Exponent too small: drop trailing zeros of the coefficient; a non-zero digit would have to be rounded away.
        // A non-zero coefficient has a non-zero digit within 34 divisions, so this loop is short.
        while (exponent < MinExponent)
        {
            (UInt128 quotient, UInt128 remainder) = UInt128.DivRem(coefficient, 10);
            if (remainder != UInt128.Zero)
            {
                return ParseStatus.Underflow;
            }

            coefficient = quotient;
            significantDigits--;
            exponent++;
        }

        // Exponent too large: clamp by appending zeros to the coefficient while it has room.
        while (exponent > MaxExponent)
        {
            if (significantDigits >= MaxDigits)
            {
                return ParseStatus.Overflow;
            }

            coefficient *= 10;
            significantDigits++;
            exponent--;
        }

        result = FromParts(negative, coefficient, (int)exponent);
        return ParseStatus.Success;
    }

    private static string DescribeParseFailure(ReadOnlySpan<char> s, ParseStatus status)
    {
        string echoed = s.Length <= MaxEchoedInputLength
            ? s.ToString()
            : string.Concat(s.Slice(0, MaxEchoedInputLength), "...");
        string reason = status switch
        {
            ParseStatus.Inexact => "it has more than 34 significant digits and rounding them would be inexact",
            ParseStatus.Underflow => "its exponent is below -6176 and the digits that clamping would drop are not zeros (inexact rounding)",
            ParseStatus.Overflow => "its magnitude exceeds the largest Decimal128, 9.999999999999999999999999999999999E+6144 (overflow)",
            _ => "it is not a number, an infinity or NaN in the Decimal128 string syntax",
        };
        return $"'{echoed}' is not a valid Decimal128: {reason}.";
    }
}

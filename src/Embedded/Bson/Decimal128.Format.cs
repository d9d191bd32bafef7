using System.Globalization;

namespace OpenQuizz.Typed.Embedded.Bson;

internal readonly partial struct Decimal128 : ISpanFormattable
{
    /// <summary>
    /// An upper bound on the length of the string form: the exponential form has at most 1 + 34 + 1 + 6 characters
    /// (<c>-d.ddd...E-6176</c>) and the plain form at most 1 + 2 + 5 + 34 (<c>-0.00000ddd...</c>).
    /// </summary>
    private const int MaxStringLength = 48;

    /// <summary>
    /// The string form of the Decimal128 specification: plain notation when the exponent is at most 0 and the adjusted
    /// exponent at least -6, otherwise scientific notation (<c>1.23E+5</c>); <c>NaN</c>, <c>Infinity</c> or <c>-Infinity</c> for special values.
    /// </summary>
    /// <returns>The canonical string, as used by Extended JSON's <c>$numberDecimal</c>.</returns>
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[MaxStringLength];
        int length = FormatInvariant(buffer);
        return new string(buffer.Slice(0, length));
    }

    /// <summary>The string form of <see cref="ToString()"/>; the only formats accepted are <see langword="null"/>, empty and <c>G</c>, and the provider is ignored because the form is culture-invariant.</summary>
    /// <param name="format">Null, empty, <c>G</c> or <c>g</c>.</param>
    /// <param name="formatProvider">Ignored.</param>
    /// <returns>The canonical string.</returns>
    /// <exception cref="FormatException"><paramref name="format"/> is not supported.</exception>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        ValidateFormat(format);
        return ToString();
    }

    /// <summary>Writes the string form of <see cref="ToString()"/> into <paramref name="destination"/> without allocating.</summary>
    /// <param name="destination">The buffer to write to.</param>
    /// <param name="charsWritten">The number of characters written, or 0 when the buffer is too small.</param>
    /// <param name="format">Empty, <c>G</c> or <c>g</c>.</param>
    /// <param name="provider">Ignored: the form is culture-invariant.</param>
    /// <returns>False when <paramref name="destination"/> is too small.</returns>
    /// <exception cref="FormatException"><paramref name="format"/> is not supported.</exception>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
    {
        ValidateFormat(format);
        Span<char> buffer = stackalloc char[MaxStringLength];
        int length = FormatInvariant(buffer);
        if (length > destination.Length)
        {
            charsWritten = 0;
            return false;
        }

        buffer.Slice(0, length).CopyTo(destination);
        charsWritten = length;
        return true;
    }

    private static void ValidateFormat(ReadOnlySpan<char> format)
    {
        if (!format.IsEmpty && !(format.Length == 1 && format[0] is 'G' or 'g'))
        {
            throw new FormatException($"The format '{format}' is not supported by Decimal128; use \"G\" or no format.");
        }
    }

    /// <summary>Writes the string form into <paramref name="buffer"/>, which holds at least <see cref="MaxStringLength"/> characters.</summary>
    /// <returns>The number of characters written.</returns>
    private int FormatInvariant(Span<char> buffer)
    {
        if (IsNaN)
        {
            "NaN".CopyTo(buffer);
            return 3;
        }

        bool negative = IsNegative;
        if (IsInfinity)
        {
            ReadOnlySpan<char> text = negative ? "-Infinity" : "Infinity";
            text.CopyTo(buffer);
            return text.Length;
        }

        UInt128 coefficient = GetFiniteCoefficient(out int exponent);
        Span<char> digitBuffer = stackalloc char[MaxDigits];
        ReadOnlySpan<char> digits = WriteDigits(coefficient, digitBuffer);
        int adjustedExponent = exponent + digits.Length - 1;

        int position = 0;
        if (negative)
        {
            buffer[position++] = '-';
        }

        if (exponent > 0 || adjustedExponent < -6)
        {
            buffer[position++] = digits[0];
            if (digits.Length > 1)
            {
                buffer[position++] = '.';
                digits.Slice(1).CopyTo(buffer.Slice(position));
                position += digits.Length - 1;
            }

            buffer[position++] = 'E';
            buffer[position++] = adjustedExponent < 0 ? '-' : '+';
            ((uint)Math.Abs(adjustedExponent)).TryFormat(buffer.Slice(position), out int exponentLength, default, CultureInfo.InvariantCulture);
            position += exponentLength;
        }
        else if (exponent == 0)
        {
            digits.CopyTo(buffer.Slice(position));
            position += digits.Length;
        }
        else
        {
            int integerDigits = digits.Length + exponent;
            if (integerDigits > 0)
            {
                digits.Slice(0, integerDigits).CopyTo(buffer.Slice(position));
                position += integerDigits;
                buffer[position++] = '.';
                digits.Slice(integerDigits).CopyTo(buffer.Slice(position));
                position += digits.Length - integerDigits;
            }
            else
            {
                buffer[position++] = '0';
                buffer[position++] = '.';
                buffer.Slice(position, -integerDigits).Fill('0');
                position += -integerDigits;
                digits.CopyTo(buffer.Slice(position));
                position += digits.Length;
            }
        }

        return position;
    }

    /// <summary>Writes the decimal digits of <paramref name="value"/> (below 10^34) right-aligned in <paramref name="scratch"/> and returns them.</summary>
    private static ReadOnlySpan<char> WriteDigits(UInt128 value, Span<char> scratch)
    {
        int start = scratch.Length;

        // Split into two 64-bit halves of at most 15 and exactly 19 digits so the digit loop runs on ulong.
        (UInt128 highPart, UInt128 lowPart) = UInt128.DivRem(value, PowersOfTen[19]);
        ulong high = (ulong)highPart, low = (ulong)lowPart;
        if (high == 0)
        {
            do
            {
                (low, ulong digit) = Math.DivRem(low, 10);
                scratch[--start] = (char)('0' + digit);
            }
            while (low != 0);
        }
        else
        {
            for (int i = 0; i < 19; i++)
            {
                (low, ulong digit) = Math.DivRem(low, 10);
                scratch[--start] = (char)('0' + digit);
            }

            do
            {
                (high, ulong digit) = Math.DivRem(high, 10);
                scratch[--start] = (char)('0' + digit);
            }
            while (high != 0);
        }

        return scratch.Slice(start);
    }
}

using System.Globalization;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>
/// The textual forms inside Extended JSON type wrappers: strict integers, doubles, RFC 3339 dates, base64, hex and
/// UUIDs. Parsers are strict (no whitespace, no signs or spellings the specification does not show) and return false
/// instead of throwing, so the reader can report the JSON path.
/// </summary>
internal static class ExtendedJsonText
{
    /// <summary>The largest instant written as an ISO-8601 string in relaxed mode: 9999-12-31T23:59:59.999Z.</summary>
    public const long MaxIsoMilliseconds = 253_402_300_799_999;

    /// <summary>Enough for any double in shortest round-trip form, with the <c>.0</c> that may be added.</summary>
    public const int MaxDoubleLength = 32;

    /// <summary><c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    public const int MaxDateLength = 24;

    private const long MillisecondsPerDay = 86_400_000;
    private const string LowerHex = "0123456789abcdef";

    /// <summary>Parses <c>-?[0-9]+</c> into an Int32.</summary>
    public static bool TryParseInt32(string s, out int value)
    {
        value = 0;
        return IsInteger(s) && int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses <c>-?[0-9]+</c> into an Int64.</summary>
    public static bool TryParseInt64(string s, out long value)
    {
        value = 0;
        return IsInteger(s) && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Parses the string of <c>$numberDouble</c>: <c>Infinity</c>, <c>-Infinity</c>, <c>NaN</c>, or a decimal number
    /// (<c>-?digits[.digits][e[+-]digits]</c>, where either side of the point may be empty but not both). A finite
    /// text too large for a double is refused rather than read as infinity.
    /// </summary>
    public static bool TryParseDouble(string s, out double value)
    {
        switch (s)
        {
            case "Infinity":
                value = double.PositiveInfinity;
                return true;
            case "-Infinity":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
        }

        value = 0;
        return IsDecimalNumber(s)
            && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>
    /// Writes the shortest text that reads back as exactly <paramref name="value"/>, always with a fraction or an
    /// exponent for finite values (<c>1.0</c>, <c>-0.0</c>, <c>1.2345678921232E+18</c>), or <c>Infinity</c>,
    /// <c>-Infinity</c>, <c>NaN</c>.
    /// </summary>
    public static int FormatDouble(double value, Span<char> destination)
    {
        if (!double.IsFinite(value))
        {
            var text = double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
            text.CopyTo(destination);
            return text.Length;
        }

        value.TryFormat(destination, out var length, "R", CultureInfo.InvariantCulture);
        if (destination[..length].IndexOfAny('.', 'E') < 0)
        {
            destination[length++] = '.';
            destination[length++] = '0';
        }

        return length;
    }

    /// <summary>
    /// Writes <c>yyyy-MM-ddTHH:mm:ss[.fff]Z</c> for an instant from 1970 to 9999 (the fraction only when it is not
    /// zero, as the specification recommends).
    /// </summary>
    public static int FormatDate(long millisecondsSinceEpoch, Span<char> destination)
    {
        var time = DateTime.UnixEpoch.AddMilliseconds(millisecondsSinceEpoch);
        var format = millisecondsSinceEpoch % 1000 == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        time.TryFormat(destination, out var length, format, CultureInfo.InvariantCulture);
        return length;
    }

    /// <summary>
    /// Parses an RFC 3339 date-time: <c>YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM)</c>, years 0000 to 9999.
    /// Fractions finer than a millisecond are truncated.
    /// </summary>
    public static bool TryParseDate(string s, out long millisecondsSinceEpoch)
    {
        millisecondsSinceEpoch = 0;
        var t = s.AsSpan();
        if (t.Length < 20
            || !TryDigits(t[0..4], out var year) || t[4] != '-'
            || !TryDigits(t[5..7], out var month) || t[7] != '-'
            || !TryDigits(t[8..10], out var day) || t[10] is not ('T' or 't')
            || !TryDigits(t[11..13], out var hour) || t[13] != ':'
            || !TryDigits(t[14..16], out var minute) || t[16] != ':'
            || !TryDigits(t[17..19], out var second))
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var rest = t[19..];
        var millisecond = 0;
        if (rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            {
                if (digits <= 3)
                {
                    millisecond = millisecond * 10 + (rest[digits] - '0');
                }

                digits++;
            }

            if (digits == 1)
            {
                return false;
            }

            for (var i = digits; i <= 3; i++)
            {
                millisecond *= 10;
            }

            rest = rest[digits..];
        }

        if (!TryParseOffset(rest, out var offsetMinutes))
        {
            return false;
        }

        millisecondsSinceEpoch = DaysFromCivil(year, month, day) * MillisecondsPerDay
            + ((hour * 60L + minute - offsetMinutes) * 60 + second) * 1000 + millisecond;
        return true;
    }

    /// <summary>Decodes padded standard base64 (<c>A–Z a–z 0–9 + /</c>, <c>=</c> only as padding, no whitespace).</summary>
    public static bool TryDecodeBase64(string s, out byte[] bytes)
    {
        bytes = [];
        if (s.Length % 4 != 0)
        {
            return false;
        }

        var padding = s.EndsWith("==", StringComparison.Ordinal) ? 2 : s.EndsWith('=') ? 1 : 0;
        for (var i = 0; i < s.Length - padding; i++)
        {
            var c = s[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
            {
                return false;
            }
        }

        try
        {
            bytes = Convert.FromBase64String(s);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Parses a binary subtype: one or two hexadecimal digits, either case.</summary>
    public static bool TryParseSubType(string s, out BsonBinarySubType subType)
    {
        subType = default;
        if (s.Length is < 1 or > 2)
        {
            return false;
        }

        var value = 0;
        foreach (var c in s)
        {
            var digit = HexValue(c);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        subType = (BsonBinarySubType)value;
        return true;
    }

    /// <summary>Writes a subtype as two lower-case hexadecimal digits.</summary>
    public static void FormatSubType(BsonBinarySubType subType, Span<char> destination)
    {
        destination[0] = LowerHex[(byte)subType >> 4];
        destination[1] = LowerHex[(byte)subType & 0xF];
    }

    /// <summary>Parses a UUID as 32 hexadecimal digits, either bare or hyphenated 8-4-4-4-12, into its 16 bytes in text order.</summary>
    public static bool TryParseUuid(string s, out byte[] bytes)
    {
        bytes = [];
        var hyphenated = s.Length == 36;
        if (!hyphenated && s.Length != 32)
        {
            return false;
        }

        var result = new byte[16];
        var nibble = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (hyphenated && i is 8 or 13 or 18 or 23)
            {
                if (s[i] != '-')
                {
                    return false;
                }

                continue;
            }

            var digit = HexValue(s[i]);
            if (digit < 0)
            {
                return false;
            }

            result[nibble >> 1] |= (byte)((nibble & 1) == 0 ? digit << 4 : digit);
            nibble++;
        }

        bytes = result;
        return true;
    }

    private static bool IsInteger(string s)
    {
        var digits = s.AsSpan(s.StartsWith('-') ? 1 : 0);
        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static bool IsDecimalNumber(string s)
    {
        var i = s.StartsWith('-') ? 1 : 0;
        var mantissaDigits = CountDigits(s, ref i);
        if (i < s.Length && s[i] == '.')
        {
            i++;
            mantissaDigits += CountDigits(s, ref i);
        }

        if (mantissaDigits == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-')
            {
                i++;
            }

            if (CountDigits(s, ref i) == 0)
            {
                return false;
            }
        }

        return i == s.Length;
    }

    private static int CountDigits(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return i - start;
    }

    private static bool TryParseOffset(ReadOnlySpan<char> t, out int minutes)
    {
        minutes = 0;
        if (t.Length == 1 && t[0] is 'Z' or 'z')
        {
            return true;
        }

        if (t.Length is not (5 or 6) || t[0] is not ('+' or '-'))
        {
            return false;
        }

        var minuteStart = t.Length == 6 ? 4 : 3;
        if ((t.Length == 6 && t[3] != ':')
            || !TryDigits(t[1..3], out var hours) || hours > 23
            || !TryDigits(t[minuteStart..], out var mins) || mins > 59)
        {
            return false;
        }

        minutes = (t[0] == '-' ? -1 : 1) * (hours * 60 + mins);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>Days from 1970-01-01 to the given proleptic Gregorian date (valid for years 0000 to 9999 and beyond).</summary>
    private static long DaysFromCivil(int year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - era * 400;
        var dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}

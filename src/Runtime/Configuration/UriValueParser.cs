using System.Globalization;

namespace OpenQuizz.Typed.Configuration;

/// <summary>Parses the typed values of connection-string options; each method returns false with a short reason.</summary>
internal static class UriValueParser
{
    /// <summary>Parses "true" or "false" (any case); the legacy spellings (1, yes, t…) are refused.</summary>
    public static bool TryBoolean(string value, out bool result, out string reason)
    {
        reason = "expected \"true\" or \"false\"";
        if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
        {
            result = true;
            return true;
        }

        result = false;
        return string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Parses a 32-bit decimal integer within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static bool TryInt32(string value, int min, int max, out int result, out string reason)
    {
        reason = RangeReason(min, max);
        return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result)
            && result >= min && result <= max;
    }

    /// <summary>Parses a 64-bit decimal integer of at least <paramref name="min"/>.</summary>
    public static bool TryInt64(string value, long min, out long result, out string reason)
    {
        reason = RangeReason(min, long.MaxValue);
        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result) && result >= min;
    }

    /// <summary>Parses milliseconds of at least <paramref name="min"/>; when <paramref name="zeroIsInfinite"/>, 0 becomes <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public static bool TryMilliseconds(string value, long min, bool zeroIsInfinite, out TimeSpan result, out string reason)
    {
        result = default;
        if (!TryInt64(value, min, out var milliseconds, out reason) || milliseconds > (long)TimeSpan.MaxValue.TotalMilliseconds)
        {
            reason = zeroIsInfinite ? $"expected a number of milliseconds ≥ {min}, 0 meaning no limit" : $"expected a number of milliseconds ≥ {min}";
            return false;
        }

        result = milliseconds == 0 && zeroIsInfinite ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    /// <summary>Parses comma-separated <c>key:value</c> pairs; the key ends at the first ':' so values may contain colons.</summary>
    public static bool TryKeyValuePairs(string value, out List<KeyValuePair<string, string>> pairs, out string reason)
    {
        pairs = [];
        reason = "expected comma-separated key:value pairs (a value may not contain ',')";
        if (value.Length == 0)
        {
            return true;
        }

        foreach (var item in value.Split(','))
        {
            var colon = item.IndexOf(':');
            if (colon <= 0)
            {
                return false;
            }

            var key = item[..colon];
            if (pairs.Exists(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)))
            {
                reason = $"the key '{key}' appears twice";
                return false;
            }

            pairs.Add(new(key, item[(colon + 1)..]));
        }

        return true;
    }

    /// <summary>Checks an SRV service name per RFC 6335 §5.1 (letters, digits, inner hyphens, at least one letter), up to 62 characters.</summary>
    public static bool IsValidSrvServiceName(string name) =>
        name.Length is > 0 and <= 62
        && name[0] != '-' && name[^1] != '-'
        && !name.Contains("--", StringComparison.Ordinal)
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
        && name.Any(char.IsAsciiLetter);

    private static string RangeReason(long min, long max) =>
        max == int.MaxValue || max == long.MaxValue ? $"expected an integer ≥ {min}" : $"expected an integer from {min} to {max}";
}

namespace OpenQuizz.Typed.Configuration;

internal sealed partial class ConnectionString
{
    private const int MaxEchoedNameLength = 64;

    private static ParsedOptions ParseOptions(string? query)
    {
        var warnings = new List<string>();
        var values = new UriOptionValues();
        var raw = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(query))
        {
            return new ParsedOptions(raw.AsReadOnly(), values, warnings);
        }

        var pairs = SplitPairs(query, warnings);
        var hasWTimeoutMS = pairs.Exists(p => p.Name == UriOptionNames.WTimeoutMS);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, name, rawValue) in pairs)
        {
            var canonical = name;
            if (canonical is null && string.Equals(key, UriOptionNames.DeprecatedWTimeout, StringComparison.OrdinalIgnoreCase))
            {
                // Connection-string spec, "Deprecated Key Value Pairs": the renamed key wins; alone, the old key still works.
                if (hasWTimeoutMS)
                {
                    warnings.Add("The deprecated option 'wtimeout' is ignored because 'wTimeoutMS' is also given.");
                    continue;
                }

                warnings.Add("The option 'wtimeout' is deprecated; it is applied as 'wTimeoutMS', the name to use instead.");
                canonical = UriOptionNames.WTimeoutMS;
            }

            if (canonical is null)
            {
                warnings.Add($"Unsupported option '{Shorten(key)}' is ignored.");
                continue;
            }

            if (!PercentDecoder.TryDecode(rawValue, out var value))
            {
                warnings.Add($"The value of '{canonical}' is not validly percent-encoded; the option is ignored.");
                continue;
            }

            if (!seen.Add(canonical) && !UriOptionNames.IsList(canonical))
            {
                warnings.Add($"The option '{canonical}' is given more than once; the last valid value is used.");
            }

            if (values.Apply(canonical, value, warnings))
            {
                raw[canonical] = value;
            }
        }

        return new ParsedOptions(raw.AsReadOnly(), values, warnings);
    }

    private static List<(string Key, string? Name, string RawValue)> SplitPairs(string query, List<string> warnings)
    {
        if (query.Contains(';'))
        {
            warnings.Add("';' as an option separator is deprecated; separate options with '&'.");
        }

        var pairs = new List<(string, string?, string)>();
        foreach (var segment in query.Split('&', ';'))
        {
            if (segment.Length == 0)
            {
                warnings.Add("An empty option (two separators in a row, or one at the end) is ignored.");
                continue;
            }

            var equals = segment.IndexOf('=');
            var keyText = equals < 0 ? segment : segment[..equals];
            if (!PercentDecoder.TryDecode(keyText, out var key) || key.Length == 0)
            {
                throw Invalid("an option name is empty or not validly percent-encoded.");
            }

            UriOptionNames.TryGetCanonical(key, out var canonical);
            if (equals < 0)
            {
                // Only a known name is quoted: an unknown fragment may be the tail of a value holding an unescaped '&'.
                throw Invalid(canonical is not null
                    ? $"the option '{canonical}' has no '=' and no value; write it as {canonical}=<value>."
                    : "an option has no '=' and no value; options are written as name=value, and '&' inside a value is written %26.");
            }

            pairs.Add((key, canonical, segment[(equals + 1)..]));
        }

        return pairs;
    }

    private static string Shorten(string name) =>
        name.Length <= MaxEchoedNameLength ? name : name[..MaxEchoedNameLength] + "…";
}

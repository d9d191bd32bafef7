using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace OpenQuizz.Typed.Embedded.Query;

/// <summary>Translates PCRE-style patterns and options to .NET regexes, cached because filters repeat.</summary>
internal static class RegexCache
{
    private const int MaxEntries = 512;
    private const int MaxCachedPatternLength = 1024;

    // A runaway pattern must not pin a connection's thread; mongod's PCRE has a match limit for the same reason.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);
    private static readonly ConcurrentDictionary<(string Pattern, string Options), Regex> Cache = new();

    public static Regex Get(string pattern, string options)
    {
        if (Cache.TryGetValue((pattern, options), out var regex))
        {
            return regex;
        }

        var regexOptions = RegexOptions.CultureInvariant;
        foreach (var option in options)
        {
            regexOptions |= option switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                'u' => RegexOptions.None,
                _ => throw new MongoServerException(51108, $"invalid flag in regex options: {option}"),
            };
        }

        try
        {
            regex = new Regex(pattern, regexOptions, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new MongoServerException(51091, $"Regular expression is invalid: {ex.Message}");
        }

        // Only short patterns are kept: filters repeat those, and a hostile client's megabyte-long patterns would
        // otherwise stay pinned (512 of them) after its requests are gone.
        if (pattern.Length > MaxCachedPatternLength)
        {
            return regex;
        }

        if (Cache.Count >= MaxEntries)
        {
            Cache.Clear();
        }

        Cache[(pattern, options)] = regex;
        return regex;
    }
}

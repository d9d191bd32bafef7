using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>Language-specific rules for comparing strings (the server's <c>collation</c> document); only <see cref="Locale"/> is required.</summary>
public sealed record Collation
{
    /// <summary>Creates a collation for <paramref name="locale"/>, such as <c>"fr"</c> or <c>"simple"</c>.</summary>
    public Collation(string locale)
    {
        ArgumentException.ThrowIfNullOrEmpty(locale);
        Locale = locale;
    }

    /// <summary>The ICU locale, such as <c>"en_US"</c>; <c>"simple"</c> compares binary.</summary>
    public string Locale { get; }

    /// <summary>Whether case is compared at strength 1 and 2 (<c>caseLevel</c>).</summary>
    public bool? CaseLevel { get; init; }

    /// <summary>Whether upper or lower case sorts first at tertiary strength (<c>caseFirst</c>).</summary>
    public CollationCaseFirst? CaseFirst { get; init; }

    /// <summary>How many levels of difference count (<c>strength</c>, 1–5).</summary>
    public CollationStrength? Strength { get; init; }

    /// <summary>Whether digit strings compare as numbers (<c>numericOrdering</c>).</summary>
    public bool? NumericOrdering { get; init; }

    /// <summary>Whether spaces and punctuation are base characters (<c>alternate</c>).</summary>
    public CollationAlternate? Alternate { get; init; }

    /// <summary>Which characters <see cref="CollationAlternate.Shifted"/> ignores (<c>maxVariable</c>).</summary>
    public CollationMaxVariable? MaxVariable { get; init; }

    /// <summary>Whether text is normalized before comparing (<c>normalization</c>).</summary>
    public bool? Normalization { get; init; }

    /// <summary>Whether secondary differences compare from the end of the string, as in some French dictionaries (<c>backwards</c>).</summary>
    public bool? Backwards { get; init; }

    /// <summary>The collation document the server expects, with only the fields that are set.</summary>
    public BsonDocument ToBsonDocument()
    {
        var document = new BsonDocument { { "locale", Locale } };
        if (CaseLevel is { } caseLevel)
        {
            document.Add("caseLevel", caseLevel);
        }

        if (CaseFirst is { } caseFirst)
        {
            document.Add("caseFirst", caseFirst switch { CollationCaseFirst.Upper => "upper", CollationCaseFirst.Lower => "lower", _ => "off" });
        }

        if (Strength is { } strength)
        {
            document.Add("strength", (int)strength);
        }

        if (NumericOrdering is { } numericOrdering)
        {
            document.Add("numericOrdering", numericOrdering);
        }

        if (Alternate is { } alternate)
        {
            document.Add("alternate", alternate == CollationAlternate.Shifted ? "shifted" : "non-ignorable");
        }

        if (MaxVariable is { } maxVariable)
        {
            document.Add("maxVariable", maxVariable == CollationMaxVariable.Space ? "space" : "punct");
        }

        if (Normalization is { } normalization)
        {
            document.Add("normalization", normalization);
        }

        if (Backwards is { } backwards)
        {
            document.Add("backwards", backwards);
        }

        return document;
    }
}

/// <summary>Which case sorts first (<c>caseFirst</c>).</summary>
public enum CollationCaseFirst
{
    /// <summary>The locale's default (<c>"off"</c>).</summary>
    Off,

    /// <summary>Upper case first.</summary>
    Upper,

    /// <summary>Lower case first.</summary>
    Lower,
}

/// <summary>The comparison level (<c>strength</c>); each level also compares the ones before it.</summary>
public enum CollationStrength
{
    /// <summary>Base characters only.</summary>
    Primary = 1,

    /// <summary>Also diacritics.</summary>
    Secondary = 2,

    /// <summary>Also case and letter variants (the default).</summary>
    Tertiary = 3,

    /// <summary>Also punctuation, when <see cref="CollationAlternate.Shifted"/>.</summary>
    Quaternary = 4,

    /// <summary>Breaks every remaining tie.</summary>
    Identical = 5,
}

/// <summary>Whether whitespace and punctuation count as base characters (<c>alternate</c>).</summary>
public enum CollationAlternate
{
    /// <summary>They count (<c>"non-ignorable"</c>, the default).</summary>
    NonIgnorable,

    /// <summary>They are ignored up to <see cref="Collation.MaxVariable"/> (<c>"shifted"</c>).</summary>
    Shifted,
}

/// <summary>Which characters a shifted collation ignores (<c>maxVariable</c>).</summary>
public enum CollationMaxVariable
{
    /// <summary>Whitespace and punctuation (<c>"punct"</c>).</summary>
    Punctuation,

    /// <summary>Whitespace only (<c>"space"</c>).</summary>
    Space,
}

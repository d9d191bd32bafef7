namespace OpenQuizz.Typed.Conformance.BsonCorpus;

/// <summary>
/// Corpus cases where MongoDB.Bson — whose DOM and Extended JSON the client side uses — departs from the corpus, each
/// with the reason. The bytes of these cases still go through our span reader and writer (<see cref="BsonStreamCopy"/>),
/// and the embedded server's own implementation runs them in full (<see cref="EmbeddedBsonCorpusTests"/>).
/// </summary>
internal static class MongoDbBsonJsonDifferences
{
    private const string LenientReader = "MongoDB.Bson 3.14's Extended JSON reader accepts a number where the spec requires a string or document";

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal)
    {
        ["bson-corpus/top.json#parseErrors/7"] = LenientReader + " ($numberInt: 42)",
        ["bson-corpus/top.json#parseErrors/9"] = LenientReader + " ($numberLong: 42)",
        ["bson-corpus/top.json#parseErrors/11"] = LenientReader + " ($numberDouble: 42)",
        ["bson-corpus/top.json#parseErrors/13"] = LenientReader + " ($numberDecimal: 42)",
        ["bson-corpus/top.json#parseErrors/24"] = LenientReader + " ($timestamp: 42)",
        ["bson-corpus/top.json#parseErrors/31"] = LenientReader + " ($date: 42)",
        ["bson-corpus/top.json#parseErrors/39"] = "MongoDB.Bson 3.14's Extended JSON reader keeps an unknown $dbPointer document instead of refusing its extra fields",
        ["bson-corpus/double.json#valid/7"] = "MongoDB.Bson 3.14's Extended JSON reader turns {\"$numberDouble\": \"-0.0\"} into 0.0 (its BsonDouble cache drops the sign)",
        ["bson-corpus/multi-type-deprecated.json#valid/0"] = "MongoDB.Bson has no DBPointer value: our DOM bridge reads one as the DBRef document it stands for",
    };

    /// <summary>Why MongoDB.Bson cannot pass the case's DOM/Extended JSON steps, or null when they run.</summary>
    public static string? Reason(string caseId) => Reasons.GetValueOrDefault(caseId);
}

namespace OpenQuizz.Typed.Conformance.BsonCorpus;

/// <summary>
/// Corpus cases whose DOM and Extended JSON steps are not run on the client side, each with the reason. The bytes of
/// these cases still go through our span reader and writer (<see cref="BsonStreamCopy"/>), and the embedded server's
/// own implementation runs them in full (<see cref="EmbeddedBsonCorpusTests"/>).
/// </summary>
internal static class MongoDbBsonJsonDifferences
{
    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal);

    /// <summary>Why the case's DOM/Extended JSON steps are skipped, or null when they run.</summary>
    public static string? Reason(string description) => Reasons.GetValueOrDefault(description);
}

namespace OpenQuizz.Typed.Conformance.BsonCorpus;

/// <summary>The assertions both corpus runners (client engine and embedded server) share, with messages that show both sides.</summary>
internal static class CorpusAssert
{
    public static T Step<T>(string context, string step, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e)
        {
            Assert.Fail($"{context}: {step} failed: {e}");
            throw;
        }
    }

    public static void AssertBytes(string context, string step, string expectedHex, byte[] actual)
    {
        var actualHex = Convert.ToHexString(actual);
        if (!string.Equals(expectedHex, actualHex, StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"{context}: {step}\n  expected {expectedHex.ToUpperInvariant()}\n  actual   {actualHex}");
        }
    }

    public static void AssertJson(string context, string step, string expected, string actual)
    {
        var expectedNormal = ExtendedJsonNormalizer.Normalize(expected);
        var actualNormal = Step(context, step + " (reading the output as JSON)", () => ExtendedJsonNormalizer.Normalize(actual));
        if (!string.Equals(expectedNormal, actualNormal, StringComparison.Ordinal))
        {
            Assert.Fail($"{context}: {step}\n  expected {expected}\n  actual   {actual}\n  normalized expected {expectedNormal}\n  normalized actual   {actualNormal}");
        }
    }
}

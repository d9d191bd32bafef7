using OpenQuizz.Typed.Conformance.Infrastructure;

namespace OpenQuizz.Typed.Conformance.ConnectionString;

/// <summary>The connection-string spec vectors: one test per case.</summary>
[Trait("Suite", "connection-string")]
public sealed class ConnectionStringSpecTests
{
    /// <summary>Cases not run, with the reason (none at present).</summary>
    private static readonly Dictionary<string, string> Skips = new(StringComparer.Ordinal);

    public static TheoryData<string> Cases => SpecFiles.Cases("connection-string");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string caseId) => UriTestRunner.Run(caseId, Skips);
}

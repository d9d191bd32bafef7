using OpenQuizz.Typed.Conformance.ConnectionString;
using OpenQuizz.Typed.Conformance.Infrastructure;

namespace OpenQuizz.Typed.Conformance.UriOptions;

/// <summary>The uri-options spec vectors: one test per case.</summary>
[Trait("Suite", "uri-options")]
public sealed class UriOptionsSpecTests
{
    /// <summary>Cases not run, with the reason (none at present).</summary>
    private static readonly Dictionary<string, string> Skips = new(StringComparer.Ordinal);

    public static TheoryData<string> Cases => SpecFiles.Cases("uri-options");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string caseId) => UriTestRunner.Run(caseId, Skips);
}

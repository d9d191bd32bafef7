using OpenQuizz.Typed.Conformance.Sdam;
using OpenQuizz.Typed.Conformance.ServerSelection;

namespace OpenQuizz.Typed.Conformance.MaxStaleness;

/// <summary>The max-staleness vectors: server selection with <c>maxStalenessSeconds</c>, including its validation.</summary>
[Trait("Suite", "max-staleness")]
public sealed class MaxStalenessSpecTests
{
    public static TheoryData<string> Files => VectorJson.Files("max-staleness");

    [Theory]
    [MemberData(nameof(Files))]
    public void Selects_servers_within_the_maximum_staleness(string file) =>
        ServerSelectionSpecTests.RunSelectionVector(VectorJson.Load(file), TimeSpan.FromSeconds(10));
}

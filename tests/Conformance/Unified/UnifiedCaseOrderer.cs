using Xunit.Sdk;
using Xunit.v3;

namespace OpenQuizz.Typed.Conformance.Unified;

/// <summary>
/// Runs the unified cases in the vectors' order (file by file, each file's tests by index), as the specification
/// runners do, instead of xunit's stable but arbitrary order: a vector without <c>initialData</c> then sees the data
/// the files before it leave, as it does upstream.
/// </summary>
public sealed class UnifiedCaseOrderer : ITestCaseOrderer
{
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase =>
        [.. testCases.OrderBy(c => Key(c).File, StringComparer.Ordinal).ThenBy(c => Key(c).Index)];

    // The display name is "<suite>/<file>#<index>: <description>".
    private static (string File, int Index) Key(ITestCase testCase)
    {
        var name = testCase.TestCaseDisplayName;
        var end = name.IndexOf(": ", StringComparison.Ordinal);
        var id = end > 0 ? name[..end] : name;
        var hash = id.LastIndexOf('#');
        return hash > 0 && int.TryParse(id[(hash + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? (id[..hash], index)
            : (id, -1);
    }
}

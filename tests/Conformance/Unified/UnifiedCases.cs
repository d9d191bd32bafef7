namespace OpenQuizz.Typed.Conformance.Unified;

/// <summary>
/// The theory rows of a unified suite: one per test of each file under <c>unified/&lt;suite&gt;</c>, identified as
/// <c>&lt;suite&gt;/&lt;file&gt;#&lt;index&gt;</c> and displayed with the test's description.
/// </summary>
public static class UnifiedCases
{
    private const string Root = "unified";

    public static TheoryData<string> Of(string suite)
    {
        var data = new TheoryData<string>();
        var folder = $"{Root}/{suite}";
        if (Infrastructure.SpecFiles.Folder(folder) is null)
        {
            data.Add(new TheoryDataRow<string>(suite + "#missing").WithTestDisplayName($"{suite}: spec folder not found"));
            return data;
        }

        foreach (var file in Infrastructure.SpecFiles.Files(folder))
        {
            UnifiedFile parsed;
            try
            {
                parsed = UnifiedRunner.LoadFile(file);
            }
            catch (InvalidDataException e)
            {
                // One unreadable file fails as one case (naming the file and path) instead of hiding the whole suite.
                var bad = $"{file[(Root.Length + 1)..]}#unreadable";
                data.Add(new TheoryDataRow<string>(bad).WithTestDisplayName($"{bad}: {e.Message}"));
                continue;
            }

            for (var i = 0; i < parsed.Tests.Count; i++)
            {
                var id = $"{file[(Root.Length + 1)..]}#{i}";
                if (UnifiedSkips.IsLeftOut(id))
                {
                    continue;
                }

                data.Add(new TheoryDataRow<string>(id).WithTestDisplayName($"{id}: {parsed.Tests[i].Description}"));
            }
        }

        return data;
    }

    /// <summary>Runs the case <c>suite/file.json#index</c>.</summary>
    public static Task RunAsync(string caseId)
    {
        if (caseId.EndsWith("#missing", StringComparison.Ordinal))
        {
            Assert.Skip($"Spec folder unified/{caseId[..^8]} not found under '{Infrastructure.SpecFiles.Root}'.");
        }

        var hash = caseId.LastIndexOf('#');
        if (caseId.EndsWith("#unreadable", StringComparison.Ordinal))
        {
            UnifiedRunner.LoadFile($"{Root}/{caseId[..hash]}");
        }

        var index = int.Parse(caseId[(hash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return UnifiedRunner.RunAsync($"{Root}/{caseId[..hash]}", index, caseId);
    }
}

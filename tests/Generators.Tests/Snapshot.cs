using System.Runtime.CompilerServices;

namespace OpenQuizz.Typed.Generators.Tests;

/// <summary>
/// Compares generated sources with committed <c>Snapshots/*.verified.cs</c> files. Set
/// <c>OPENQUIZZ_ACCEPT_SNAPSHOTS=1</c> to rewrite them; a mismatch leaves a <c>.received.cs</c> file beside the snapshot.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        var verified = Path.Combine(folder, name + ".verified.cs");
        var received = Path.Combine(folder, name + ".received.cs");
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("OPENQUIZZ_ACCEPT_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        if (expected is null)
        {
            Assert.Fail($"No snapshot {verified}; the output is in {received}. Review it and run with OPENQUIZZ_ACCEPT_SNAPSHOTS=1 to accept.");
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        Assert.Fail($"{name} differs from its snapshot at line {line + 1}:\n  expected: {(line < expectedLines.Length ? expectedLines[line] : "(end)")}\n  actual:   {(line < actualLines.Length ? actualLines[line] : "(end)")}\n" +
            $"The output is in {received}; run with OPENQUIZZ_ACCEPT_SNAPSHOTS=1 to accept it.");
    }
}

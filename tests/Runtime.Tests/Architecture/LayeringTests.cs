using System.Text.RegularExpressions;

namespace OpenQuizz.Typed.Tests.Architecture;

/// <summary>
/// Guards the layering of DESIGN.md mechanically: a Runtime folder (= namespace) may reference only folders of its
/// own tier or earlier ones, and the embedded server never shares the client's code. The check reads the sources,
/// with comments and string literals removed, so it runs without loading or reflecting over anything.
/// </summary>
public partial class LayeringTests
{
    // Tiers from first to last; a folder may use its own tier and those before it.
    private static readonly string[][] Tiers =
    [
        // Event contracts are data and subscriber interfaces that settings name, so they sit with Diagnostics.
        ["Configuration", "Diagnostics", "Compression", "Pooling.Events", "Topology.Events"],
        ["WireProtocol"],
        ["Connections", "Authentication"],
        ["Pooling"],
        ["Topology"],
        ["Selection"],
        ["Sessions", "Transactions"],
        ["Operations"],
        ["Cursors", "ChangeStreams"],
        ["Client"],
        ["DependencyInjection"],
    ];

    // The public client types live in the root namespace (the Client tier); settings belong to Configuration.
    private static readonly string[] ClientTypes = ["MongoClient", "MongoDatabase", "MongoCollection"];

    [Fact]
    public void Runtime_folders_reference_only_their_tier_and_earlier_ones()
    {
        var runtime = Path.Combine(RepositoryRoot(), "src", "Runtime");
        var tierOf = Tiers.SelectMany((names, tier) => names.Select(name => (name, tier))).ToDictionary(p => p.name, p => p.tier);
        var violations = new List<string>();

        foreach (var file in Directory.EnumerateFiles(runtime, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(runtime, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
            {
                continue;
            }

            var layer = LayerOf(relative);
            if (!tierOf.TryGetValue(layer, out var tier))
            {
                violations.Add($"{relative}: the folder '{layer}' is in no tier; add it to {nameof(Tiers)} where it belongs.");
                continue;
            }

            var code = StripCommentsAndStrings(File.ReadAllText(file));
            foreach (Match match in NamespaceReference().Matches(code))
            {
                var target = match.Groups["ns"].Value;
                if (tierOf.TryGetValue(target, out var targetTier) && targetTier > tier)
                {
                    violations.Add($"{relative} ({layer}) references {target}, a later layer.");
                }
            }

            if (tier < tierOf["Client"])
            {
                foreach (var type in ClientTypes)
                {
                    if (Regex.IsMatch(code, $@"\b{type}\b(?!Settings)"))
                    {
                        violations.Add($"{relative} ({layer}) references {type}, a type of the Client layer.");
                    }
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Distinct()));
    }

    [Theory]
    [InlineData("src/Embedded/OpenQuizz.Typed.Embedded.csproj", "Runtime")]
    [InlineData("src/Runtime/OpenQuizz.Typed.Runtime.csproj", "Embedded")]
    [InlineData("src/Abstractions/OpenQuizz.Typed.Abstractions.csproj", "Runtime")]
    [InlineData("src/Abstractions/OpenQuizz.Typed.Abstractions.csproj", "Embedded")]
    public void Projects_do_not_reference_what_the_design_forbids(string project, string forbidden)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), project));
        Assert.DoesNotContain($@"\{forbidden}\", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"/{forbidden}/", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_server_uses_no_client_namespace()
    {
        var embedded = Path.Combine(RepositoryRoot(), "src", "Embedded");
        var clientNamespaces = Tiers.SelectMany(t => t).Where(n => n != "Client").ToHashSet();
        var offenders = Directory.EnumerateFiles(embedded, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Regex.Matches(StripCommentsAndStrings(File.ReadAllText(f)), @"using\s+OpenQuizz\.Typed\.(?<ns>\w+)")
                .Any(m => clientNamespaces.Contains(m.Groups["ns"].Value)))
            .ToList();

        Assert.Empty(offenders);
    }

    private static string LayerOf(string relative)
    {
        var parts = relative.Split(Path.DirectorySeparatorChar);
        if (parts.Length > 2 && parts[1] == "Events")
        {
            return parts[0] + ".Events";
        }

        if (parts.Length > 1)
        {
            return parts[0];
        }

        return Path.GetFileName(relative).StartsWith("MongoClientSettings", StringComparison.Ordinal) ? "Configuration" : "Client";
    }

    private static string StripCommentsAndStrings(string code)
    {
        code = Regex.Replace(code, @"//[^\n]*", string.Empty);
        code = Regex.Replace(code, @"/\*.*?\*/", string.Empty, RegexOptions.Singleline);
        code = Regex.Replace(code, "\"\"\".*?\"\"\"", "\"\"", RegexOptions.Singleline);
        return Regex.Replace(code, @"@?\$?""(?:[^""\\\n]|\\.)*""", "\"\"");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenQuizz.Typed.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (with OpenQuizz.Typed.sln) was not found above the test binaries.");
    }

    // `using OpenQuizz.Typed.X`, `OpenQuizz.Typed.X.` and a bare `X.Type` qualifier (the parent namespace makes it resolve).
    [GeneratedRegex(@"(?:using\s+(?:static\s+)?OpenQuizz\.Typed\.|OpenQuizz\.Typed\.|(?<![\w.])(?=(?:Configuration|Diagnostics|Compression|WireProtocol|Connections|Authentication|Pooling|Topology|Selection|Sessions|Transactions|Operations|Cursors|ChangeStreams|DependencyInjection)\.[A-Z]))(?<ns>[A-Z]\w*(?:\.Events\b)?)")]
    private static partial Regex NamespaceReference();
}

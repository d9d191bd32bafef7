using System.Collections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OpenQuizz.Typed.Generators.Tests;

/// <summary>Edits that leave document and database types alone leave every tracked step cached or unchanged.</summary>
public class IncrementalityTests
{
    private static readonly string[] Steps =
    [
        TrackingNames.Documents, TrackingNames.Databases, TrackingNames.Codecs, TrackingNames.DatabaseModels,
        TrackingNames.Registrations, TrackingNames.Assembly, TrackingNames.Diagnostics, TrackingNames.CodecOutputs,
    ];

    private const string Unrelated = """
        namespace App.Services;
        public class Clock { public int Now() => 1; }
        """;

    [Fact]
    public void Editing_an_unrelated_file_leaves_every_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.Compilation(Sources.Quiz, Sources.Database, Unrelated);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);

        var edited = Replace(compilation, "Source2.cs", Unrelated.Replace("=> 1;", "=> 2; public string Name { get; set; } = \"\";"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in Steps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), "Step not tracked: " + step);
            foreach (var run in result.TrackedSteps[step])
            {
                foreach (var (_, reason) in run.Outputs)
                {
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} output was {reason}");
                }
            }
        }

        foreach (var (_, reason) in result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs))
        {
            Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"an output step was {reason}");
        }
    }

    [Fact]
    public void Editing_a_method_body_inside_a_document_type_does_not_change_the_model()
    {
        var source = Sources.Quiz.Replace("public record Question(string Text, int Points = 1);", "public record Question(string Text, int Points = 1) { public int Twice() => Points * 2; }");
        var compilation = GeneratorHarness.Compilation(source);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var edited = Replace(compilation, "Source0.cs", source.Replace("Points * 2", "Points * 3"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var codecs = result.TrackedSteps[TrackingNames.Codecs].SelectMany(r => r.Outputs).Single();
        Assert.True(codecs.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, codecs.Reason.ToString());
        var documents = result.TrackedSteps[TrackingNames.Documents].SelectMany(r => r.Outputs).Single();
        Assert.Equal(IncrementalStepRunReason.Unchanged, documents.Reason);
    }

    [Fact]
    public void Editing_a_document_type_regenerates_its_codec()
    {
        var compilation = GeneratorHarness.Compilation(Sources.Quiz);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var edited = Replace(compilation, "Source0.cs", Sources.Quiz.Replace("public string? Notes { get; init; }", "public string? Notes { get; init; } public int Views { get; set; }"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var codecs = result.TrackedSteps[TrackingNames.Codecs].SelectMany(r => r.Outputs).Single();
        Assert.Equal(IncrementalStepRunReason.Modified, codecs.Reason);
        Assert.Contains("\"views\"u8", result.GeneratedSources.Single(s => s.HintName == "App.Quiz.BsonCodec.g.cs").SourceText.ToString());
    }

    private const string OtherQueries = """
        using OpenQuizz.Typed;

        namespace App;

        public static class OtherQueries
        {
            public static Filter<Quiz> Hard() => Filter<Quiz>.Where(q => q.Level == Level.Hard);

            public static Filter<Quiz> Tagged(string tag) => Filter<Quiz>.Where(q => q.Tags.Contains(tag));
        }
        """;

    [Fact]
    public void Editing_one_query_leaves_the_queries_of_other_files_cached()
    {
        var compilation = GeneratorHarness.Compilation(Sources.QueryModel, Sources.Queries, OtherQueries);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var edited = Replace(compilation, "Source1.cs", Sources.Queries.Replace("q.Tags.Contains(\"beta\")", "q.Tags.Contains(\"gamma\")"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var outputs = result.TrackedSteps[TrackingNames.Queries].SelectMany(r => r.Outputs).ToList();
        Assert.Equal(14, outputs.Count);
        var others = outputs.Where(o => ((Queries.QuerySpec)o.Value).HintName.StartsWith("OpenQuizzQueries/Source2_", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, others.Count);
        Assert.All(others, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));

        // The edited file's location data changed (the interceptable location hashes the file), so its queries are re-emitted.
        var edit = Assert.Single(outputs, o => ((Queries.QuerySpec)o.Value).Interceptor!.Contains("\"gamma\"", StringComparison.Ordinal));
        Assert.Equal(IncrementalStepRunReason.Modified, edit.Reason);

        foreach (var (value, _) in outputs)
        {
            AssertNoRoslynObjects(value, TrackingNames.Queries, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }

        // Only the queries' own outputs were regenerated: the codecs were not.
        Assert.All(result.TrackedSteps[TrackingNames.CodecOutputs].SelectMany(r => r.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void Editing_a_query_changes_only_the_generated_sources_of_its_file()
    {
        var compilation = GeneratorHarness.Compilation(Sources.QueryModel, Sources.Queries, OtherQueries);
        var before = GeneratorHarness.Run(compilation).Sources;
        var after = GeneratorHarness.Run(Replace(compilation, "Source2.cs", OtherQueries.Replace("Level.Hard", "Level.Easy"))).Sources;
        var changed = before.Keys.Union(after.Keys).Where(k => !before.TryGetValue(k, out var b) || !after.TryGetValue(k, out var a) || a != b).ToList();
        // Both interceptors of the edited file change, names included (their location data hashes the file's text); nothing else does.
        Assert.Equal(2, changed.Count(after.ContainsKey));
        Assert.All(changed, hint => Assert.StartsWith("OpenQuizzQueries/Source2_", hint, StringComparison.Ordinal));
        Assert.Contains(changed, hint => after.TryGetValue(hint, out var code) && code.Contains("__Encode_Level((global::App.Level)(0))", StringComparison.Ordinal));
    }

    [Fact]
    public void Editing_one_document_type_leaves_unrelated_codecs_cached()
    {
        var compilation = GeneratorHarness.Compilation(Sources.Quiz, Sources.Polymorphic);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var edited = Replace(compilation, "Source1.cs", Sources.Polymorphic.Replace("public double Side { get; set; }", "public double Side { get; set; } public int Corners { get; set; }"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var outputs = result.TrackedSteps[TrackingNames.CodecOutputs].SelectMany(r => r.Outputs).ToList();
        string Hint(object value) => ((Model.CodecSpec)value).HintName;
        Assert.Contains(outputs, o => Hint(o.Value) == "App.Quiz.BsonCodec.g.cs");
        foreach (var (value, reason) in outputs)
        {
            if (Hint(value) is "App.Square.BsonCodec.g.cs" or "App.Shape.BsonCodec.g.cs")
            {
                // Square changed; Shape's codec dispatches to its subclasses, so it is regenerated with them.
                continue;
            }

            Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{Hint(value)} was {reason}");
        }

        Assert.Contains(outputs, o => Hint(o.Value) == "App.Square.BsonCodec.g.cs" && o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("\"Corners\"u8", result.GeneratedSources.Single(s => s.HintName == "App.Square.BsonCodec.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_one_document_type_leaves_the_other_codecs_cached()
    {
        var compilation = GeneratorHarness.Compilation(Sources.Quiz);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var edited = Replace(compilation, "Source0.cs", Sources.Quiz.Replace("public string? Notes { get; init; }", "public string? Notes { get; init; } public int Views { get; set; }"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var outputs = result.TrackedSteps[TrackingNames.CodecOutputs].SelectMany(r => r.Outputs).ToList();
        Assert.True(outputs.Count >= 2, "one output per codec");
        Assert.Single(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(outputs.Where(o => o.Reason != IncrementalStepRunReason.Modified), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void Pipeline_models_hold_no_symbols_syntax_or_compilations()
    {
        var compilation = GeneratorHarness.Compilation(Sources.Quiz, Sources.Database, Sources.Polymorphic, Sources.Attributes);
        var result = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult().Results.Single();
        foreach (var step in Steps)
        {
            foreach (var run in result.TrackedSteps[step])
            {
                foreach (var (value, _) in run.Outputs)
                {
                    AssertNoRoslynObjects(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
                }
            }
        }
    }

    private static void AssertNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or Location or Compilation or SemanticModel or SyntaxTree, $"{path} holds a {value.GetType().Name}");
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                AssertNoRoslynObjects(item, $"{path}[{i++}]", seen);
            }

            return;
        }

        var type = value.GetType();
        if (type.Namespace?.StartsWith("Microsoft.CodeAnalysis.Text", StringComparison.Ordinal) == true)
        {
            // TextSpan and LinePositionSpan are plain values.
            return;
        }

        foreach (var property in type.GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            AssertNoRoslynObjects(property.GetValue(value), path + "." + property.Name, seen);
        }
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string source)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: path));
    }
}

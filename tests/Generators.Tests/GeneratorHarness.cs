using MongoDB.Bson;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Generators.Tests;

/// <summary>Compiles small programs in memory, runs the generator over them, and compiles and loads the result.</summary>
internal static class GeneratorHarness
{
    /// <summary>Preview C#, with the generated query interceptors' namespace enabled as the build props enable it.</summary>
    public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Preview)
        .WithFeatures([new("InterceptorsNamespaces", "OpenQuizz.Typed.Generated.Queries")]);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = paths
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(BsonDocument).Assembly.Location));
        references.Add(MetadataReference.CreateFromFile(typeof(BsonCodecRegistry).Assembly.Location));
        return [.. references];
    });

    public static CSharpCompilation Compilation(params string[] sources) => CompilationNamed("Tests.Model", sources);

    public static CSharpCompilation CompilationNamed(string assemblyName, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: false)
                .WithGeneralDiagnosticOption(ReportDiagnostic.Error)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
                {
                    // Missing XML comments on hand-written test types are not what is under test.
                    ["CS1591"] = ReportDiagnostic.Suppress,

                    // Assembly version unification (MongoDB.Bson built against older System.* versions), which the SDK suppresses too.
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));

    public static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create(
            [new OpenQuizzGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns its diagnostics, its sources by hint name, and the compilation with them added.</summary>
    public static GeneratorOutput Run(params string[] sources) => Run(Compilation(sources));

    public static GeneratorOutput Run(CSharpCompilation compilation)
    {
        var driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult().Results.Single();
        var generated = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        return new GeneratorOutput(result.Diagnostics, generated, (CSharpCompilation)output, driver);
    }

    /// <summary>Compiles the output; fails on any compiler diagnostic (every warning is an error here), else loads the assembly.</summary>
    public static Assembly CompileAndLoad(this GeneratorOutput output)
    {
        Assert.Empty(output.Diagnostics);
        using var stream = new MemoryStream();
        var emit = output.Compilation.Emit(stream);
        var problems = emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
        Assert.True(emit.Success && problems.Count == 0, "The generated code does not compile cleanly:\n" + string.Join("\n", problems) +
            "\n\n" + string.Join("\n\n", output.Sources.Select(s => "// " + s.Key + "\n" + s.Value)));
        stream.Position = 0;
        return new AssemblyLoadContext(output.Compilation.AssemblyName, isCollectible: true).LoadFromStream(stream);
    }
}

internal sealed record GeneratorOutput(
    ImmutableArray<Diagnostic> Diagnostics,
    Dictionary<string, string> Sources,
    CSharpCompilation Compilation,
    GeneratorDriver Driver);

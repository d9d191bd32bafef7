using Microsoft.CodeAnalysis;

namespace OpenQuizz.Typed.Generators.Tests;

/// <summary>The per-assembly registration class, and its chaining across referenced assemblies.</summary>
public class RegistrationTests
{
    [Fact]
    public void An_assembly_registers_the_registrations_of_the_assemblies_it_references()
    {
        var library = GeneratorHarness.CompilationNamed("Quizz.Data", Sources.Database);
        var libraryOutput = GeneratorHarness.Run(library);
        libraryOutput.CompileAndLoad();
        var reference = libraryOutput.Compilation.ToMetadataReference();

        var app = GeneratorHarness.CompilationNamed("Quizz.App", "namespace Quizz.App; public static class Program { public static int Main() => 0; }")
            .AddReferences(reference);
        var appOutput = GeneratorHarness.Run(app);
        var registrations = appOutput.Sources["OpenQuizzRegistrations.g.cs"];
        Assert.Contains("global::OpenQuizz.Typed.Generated.OpenQuizzRegistrations_Quizz_Data.Register();", registrations);
        Assert.Contains("public static class OpenQuizzRegistrations_Quizz_App", registrations);
        Assert.Empty(appOutput.Compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void An_assembly_without_documents_databases_or_registered_references_gets_no_registration_class()
    {
        var output = GeneratorHarness.Run("namespace App; public class Plain { }");
        Assert.Empty(output.Sources);
    }

    [Fact]
    public void Generic_definitions_are_not_registered_but_their_closed_uses_are()
    {
        var registrations = GeneratorHarness.Run(Sources.StructsAndGenerics).Sources["OpenQuizzRegistrations.g.cs"];
        Assert.Contains("TryRegister<global::App.Geometry.Page<global::App.Geometry.Range>>(global::App.Geometry.Page<global::App.Geometry.Range>.OpenQuizzBsonCodec.Default);", registrations);
        Assert.DoesNotContain("Page<T>", registrations);
    }
}

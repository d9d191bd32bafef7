namespace OpenQuizz.Typed.Generators.Tests;

/// <summary>The parts of the generated code that matter for speed and correctness, asserted directly.</summary>
public class EmittedCodeTests
{
    private static string Codec(string source, string hint) => GeneratorHarness.Run(source).Sources[hint];

    [Fact]
    public void Element_names_are_utf8_literals_and_dispatch_is_on_name_length_then_bytes()
    {
        var code = Codec(Sources.Quiz, "App.Quiz.BsonCodec.g.cs");
        Assert.Contains("writer.WriteName(\"title\"u8);", code);
        Assert.Contains("switch (name.Length)", code);
        Assert.Contains("if (global::System.MemoryExtensions.SequenceEqual(name, \"title\"u8))", code);
        // Only dictionary keys are decoded to strings (they become the keys); element names never are.
        Assert.Single(code.Split("reader.ReadName()")[1..]);
    }

    [Fact]
    public void Nested_documents_call_the_static_codec_methods_directly()
    {
        var code = Codec(Sources.Quiz, "App.Quiz.BsonCodec.g.cs");
        Assert.Contains("global::OpenQuizz.Typed.Generated.App_Question_BsonCodec.Write(ref writer, v", code);
        Assert.Contains("global::OpenQuizz.Typed.Generated.App_Question_BsonCodec.Read(ref reader, options)", code);
    }

    [Fact]
    public void Generated_code_uses_no_linq_reflection_or_closures()
    {
        foreach (var input in new[] { "Quiz", "Polymorphic", "StructsAndGenerics", "Attributes", "Database" })
        {
            foreach (var (hint, code) in GeneratorHarness.Run(SnapshotTests.Source(input)).Sources)
            {
                Assert.DoesNotContain("System.Linq", code);
                Assert.DoesNotContain("System.Reflection", code);
                Assert.DoesNotContain("Activator", code);
                Assert.DoesNotContain("=> {", code);
                Assert.False(code.Contains(" => new ", StringComparison.Ordinal) && !code.Contains("static client =>", StringComparison.Ordinal) && hint.StartsWith("OpenQuizzRegistrations", StringComparison.Ordinal), hint);
            }
        }
    }

    [Fact]
    public void Missing_required_members_are_checked_before_construction()
    {
        var code = Codec(Sources.Quiz, "App.Quiz.BsonCodec.g.cs");
        var check = code.IndexOf("ThrowMissingElement(TypeName, \"title\", \"Title\")", StringComparison.Ordinal);
        var construct = code.IndexOf("var result = new global::App.Quiz()", StringComparison.Ordinal);
        Assert.True(check > 0 && construct > check);
    }

    [Fact]
    public void Init_only_members_are_set_through_an_unsafe_accessor_only_when_present()
    {
        var code = Codec(Sources.Attributes, "App.Tunable.BsonCodec.g.cs");
        Assert.Contains("[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = \"set_Initialized\")]", code);
        Assert.Contains("__Set_Initialized(result, m", code);
    }

    [Fact]
    public void The_polymorphic_base_dispatches_on_the_discriminator_bytes()
    {
        var code = Codec(Sources.Polymorphic, "App.Shape.BsonCodec.g.cs");
        Assert.Contains("TryPeekDiscriminator(ref reader, \"kind\"u8, TypeName, out var discriminator)", code);
        Assert.Contains("if (global::System.MemoryExtensions.SequenceEqual(discriminator, \"circle\"u8))", code);
        Assert.Contains("case global::App.Circle derived", code);
    }
}

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

    private const string RootClassHierarchy = """
        using MongoDB.Bson.Serialization.Attributes;
        using OpenQuizz.Typed;

        namespace App;

        [MongoDocument, BsonDiscriminator(RootClass = true), BsonKnownTypes(typeof(Truck))]
        public partial class Vehicle { public int Wheels { get; set; } }

        [BsonKnownTypes(typeof(Pickup))]
        public partial class Truck : Vehicle { public double Load { get; set; } }

        [BsonDiscriminator("pickup")]
        public partial class Pickup : Truck { public bool Covered { get; set; } }
        """;

    [Fact]
    public void A_root_class_hierarchy_writes_the_discriminator_path_as_an_array_and_always()
    {
        var code = Codec(RootClassHierarchy, "App.Pickup.BsonCodec.g.cs");
        Assert.Contains("writer.WriteStartArray();\n                    writer.WriteString(\"Vehicle\"u8);\n                    writer.WriteString(\"Truck\"u8);\n                    writer.WriteString(\"pickup\"u8);", code.ReplaceLineEndings("\n"));
        Assert.Contains("=> WriteBody(ref writer, value, options, true);", code);
        Assert.Contains("return global::App.Pickup.OpenQuizzBsonCodec.ReadBody(ref reader, options);", Codec(RootClassHierarchy, "App.Vehicle.BsonCodec.g.cs"));
    }

    [Fact]
    public void A_plain_hierarchy_writes_the_discriminator_only_when_the_nominal_type_is_not_the_actual_one()
    {
        var shape = Codec(Sources.Polymorphic, "App.Shape.BsonCodec.g.cs");
        var circle = Codec(Sources.Polymorphic, "App.Circle.BsonCodec.g.cs");
        Assert.Contains("global::App.Circle.OpenQuizzBsonCodec.WriteBody(ref writer, derived0, options, true);", shape);
        Assert.Contains("=> WriteBody(ref writer, value, options, false);", circle);
        Assert.Contains("if (discriminator)", circle);
    }

    [Fact]
    public void Unknown_elements_are_refused_unless_the_type_says_BsonIgnoreExtraElements()
    {
        const string source = """
            using MongoDB.Bson.Serialization.Attributes;
            using OpenQuizz.Typed;
            namespace App;
            [MongoDocument] public partial class Strict { public int A { get; set; } }
            [MongoDocument, BsonIgnoreExtraElements] public partial class Lenient { public int A { get; set; } }
            """;
        Assert.Contains("ThrowUnknownElement(ref reader, TypeName);", Codec(source, "App.Strict.BsonCodec.g.cs"));
        Assert.DoesNotContain("ThrowUnknownElement", Codec(source, "App.Lenient.BsonCodec.g.cs"));
    }
}

namespace OpenQuizz.Typed.Generators.Tests;

/// <summary>Whole generated files for representative inputs, compared with committed snapshots; each also compiles cleanly.</summary>
public class SnapshotTests
{
    [Theory]
    [InlineData("Quiz", "App.Quiz.BsonCodec.g.cs")]
    [InlineData("Quiz", "App.Question.BsonCodec.g.cs")]
    [InlineData("Polymorphic", "App.Shape.BsonCodec.g.cs")]
    [InlineData("Polymorphic", "App.Circle.BsonCodec.g.cs")]
    [InlineData("StructsAndGenerics", "App.Geometry.Range.BsonCodec.g.cs")]
    [InlineData("StructsAndGenerics", "App.Geometry.Page_1.BsonCodec.g.cs")]
    [InlineData("Attributes", "App.Tunable.BsonCodec.g.cs")]
    [InlineData("Database", "App.Data.AppDb.MongoDatabase.g.cs")]
    [InlineData("Database", "OpenQuizzRegistrations.g.cs")]
    [InlineData("Quiz", "App.Quiz.BsonSerializer.g.cs")]
    [InlineData("Polymorphic", "App.Shape.BsonSerializer.g.cs")]
    [InlineData("Attributes", "App.Tunable.BsonSerializer.g.cs")]
    [InlineData("Database", "App.Data.Note.BsonSerializer.g.cs")]
    public void Generated_source_matches_its_snapshot(string input, string hintName)
    {
        var output = GeneratorHarness.Run(Source(input));
        Assert.True(output.Sources.ContainsKey(hintName), "Generated: " + string.Join(", ", output.Sources.Keys));
        Snapshot.Verify(input + "." + hintName.Replace(".g.cs", string.Empty), output.Sources[hintName]);
    }

    [Theory]
    [InlineData("Quiz")]
    [InlineData("Polymorphic")]
    [InlineData("StructsAndGenerics")]
    [InlineData("Attributes")]
    [InlineData("Database")]
    public void Generated_code_compiles_without_warnings_under_nullable_and_warnings_as_errors(string input)
    {
        GeneratorHarness.Run(Source(input)).CompileAndLoad();
    }

    internal static string Source(string input) => input switch
    {
        "Quiz" => Sources.Quiz,
        "Polymorphic" => Sources.Polymorphic,
        "StructsAndGenerics" => Sources.StructsAndGenerics,
        "Attributes" => Sources.Attributes,
        "Database" => Sources.Database,
        _ => throw new ArgumentOutOfRangeException(nameof(input)),
    };
}

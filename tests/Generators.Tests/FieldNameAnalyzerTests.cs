using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenQuizz.Typed.Generators.Queries;

namespace OpenQuizz.Typed.Generators.Tests;

/// <summary>OQ3009: string field names given to the builders of <c>T</c> are checked against the elements <c>T</c> stores.</summary>
public partial class DiagnosticTests
{
    private const string AnalyzerModel = """
        [MongoDocument(NamingConvention = ElementNamingConvention.CamelCase)]
        public partial record Quiz
        {
            [BsonId] public ObjectId Id { get; init; }
            public string Title { get; init; } = "";
            public Author? Author { get; init; }
            public List<Question> Questions { get; init; } = [];
            public Dictionary<string, int> Scores { get; init; } = new();
            public BsonDocument? Extra { get; init; }
        }
        public record Author(string Name);
        public record Question(string Text, int Points = 1);
        """;

    [Fact]
    public void OQ3009_string_field_name_not_stored() => ExpectAnalyzer(
        "static class Use { static object M() => Filter<Quiz>.Eq([|\"titel\"|], \"x\"); }",
        "\"titel\" is not a stored element of 'Quiz'; stored elements: _id, title, author, questions, scores, extra");

    [Fact]
    public void OQ3009_suggests_the_element_of_a_member_named_differently() => ExpectAnalyzer(
        "static class Use { static object M() => Update<Quiz>.Set(\"title\", \"x\").Set([|\"Title\"|], \"y\"); }",
        "\"Title\" is not a stored element of 'Quiz'; did you mean \"title\" (the element of Title)? Or use a member lambda, which the compiler checks");

    [Fact]
    public void OQ3009_checks_nested_documents_arrays_and_leaves_dictionaries_and_dom_values_alone()
    {
        Assert.Empty(AnalyzerDiagnostics("""
            static class Use
            {
                static object[] M() =>
                [
                    Filter<Quiz>.Eq("author.Name", "a"), Sort<Quiz>.Ascending("questions.Points"), Filter<Quiz>.Exists("questions.0.Text"),
                    Filter<Quiz>.Eq("scores.anything", 1), Filter<Quiz>.Eq("extra.whatever.deep", 1), Update<Quiz>.Inc("questions.$.Points", 1),
                    IndexKeys<Quiz>.Ascending("_id"),
                ];
            }
            """));
        var nested = Assert.Single(AnalyzerDiagnostics("static class Use { static object M() => Projection<Quiz>.Include(\"author.name\"); }"));
        Assert.Equal("OQ3009", nested.Id);
        Assert.Contains("(\"name\" is not an element of 'Author')", nested.GetMessage(), StringComparison.Ordinal);
    }

    private static void ExpectAnalyzer(string markup, string message)
    {
        var start = markup.IndexOf("[|", StringComparison.Ordinal);
        var end = markup.IndexOf("|]", StringComparison.Ordinal);
        var marked = markup[(start + 2)..end];
        var diagnostic = Assert.Single(AnalyzerDiagnostics(markup.Remove(end, 2).Remove(start, 2)));
        Assert.Equal("OQ3009", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Descriptor.DefaultSeverity);
        Assert.Equal(message, diagnostic.GetMessage());
        Assert.Equal(marked, diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    private static ImmutableArray<Diagnostic> AnalyzerDiagnostics(string code)
    {
        var output = GeneratorHarness.Run(Usings + AnalyzerModel + code);
        var analyzers = output.Compilation.WithAnalyzers([new FieldNameAnalyzer()]);
        return analyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }
}

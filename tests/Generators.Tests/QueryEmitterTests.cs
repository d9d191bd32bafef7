using System.Reflection;
using MongoDB.Bson;

namespace OpenQuizz.Typed.Generators.Tests;

/// <summary>
/// The interceptors emitted for query lambdas: whole files against a snapshot, they compile cleanly, and the filter
/// each one builds (run in-process through Filter&lt;T&gt;.Where) is the MQL the translation table promises.
/// </summary>
public class QueryEmitterTests
{
    private static readonly Lazy<(GeneratorOutput Output, Assembly Assembly)> s_compiled = new(() =>
    {
        var output = GeneratorHarness.Run(Sources.QueryModel, Sources.Queries);
        return (output, output.CompileAndLoad());
    });

    private static BsonDocument Render(string method, params object[] arguments)
    {
        var type = s_compiled.Value.Assembly.GetType("App.Queries")!;
        var filter = type.GetMethod(method)!.Invoke(null, arguments)!;
        return (BsonDocument)filter.GetType().GetMethod("Render")!.Invoke(filter, null)!;
    }

    [Fact]
    public void Interceptors_match_their_snapshot()
    {
        var queries = s_compiled.Value.Output.Sources
            .Where(s => s.Key.StartsWith("OpenQuizzQueries/", StringComparison.Ordinal))
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => "// " + s.Key + "\n" + s.Value);
        Assert.Equal(12, queries.Count());
        Snapshot.Verify("Queries.Interceptors", string.Join("\n", queries));
    }

    [Fact]
    public void Constant_queries_are_built_once_and_use_names_representations_and_escaped_regexes()
    {
        var code = s_compiled.Value.Output.Sources.Single(s => s.Value.Contains("Queries.cs(11,", StringComparison.Ordinal) || s.Value.Contains("(a.b)*", StringComparison.Ordinal)).Value;
        Assert.Contains("private static readonly global::OpenQuizz.Typed.Filter<global::App.Quiz> s_filter", code);
        Assert.Equal(
            BsonDocument.Parse("""{ "level": "Hard", "difficulty": { "$ne": 0 }, "questions.3": { "$exists": true }, "t": { "$regularExpression": { "pattern": "^\\(a\\.b\\)\\*", "options": "" } } }"""),
            Render("Constants"));
    }

    [Fact]
    public void Captured_values_are_read_on_each_call_and_encoded_by_the_member()
    {
        var key = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        Assert.Equal(
            new BsonDocument { { "maxAttempts", new BsonDocument("$gte", 4) }, { "t", new BsonDocument("$in", new BsonArray { "a", "b" }) }, { "key", key.ToString() } },
            Render("Captured", 4, new List<string> { "a", "b" }, key));
        Assert.Equal(new BsonDocument("$gte", 7), Render("Captured", 7, new List<string>(), key)["maxAttempts"]);
    }

    [Fact]
    public void Logical_operators_and_remainders()
    {
        Assert.Equal(
            BsonDocument.Parse("""{ "$nor": [{ "maxAttempts": { "$gt": 2 } }, { "author": null }], "author.Reputation": { "$mod": [2, 0] } }"""),
            Render("Logic"));
    }

    [Fact]
    public void Arrays_use_elemMatch_discriminators_and_pushed_down_negations()
    {
        Assert.Equal(
            BsonDocument.Parse("""
                { "$and": [
                    { "questions": { "$elemMatch": { "_t": "mc", "Points": { "$gt": 1 } } } },
                    { "tags": { "$ne": "x" } },
                    { "tags": { "$elemMatch": { "$regex": { "$regularExpression": { "pattern": "y\\z", "options": "" } } } } }] }
                """),
            Render("Arrays"));
    }

    [Fact]
    public void Two_fields_compare_in_expr_and_dictionary_keys_are_paths()
    {
        Assert.Equal(
            BsonDocument.Parse("""
                { "$expr": { "$lt": [{ "$size": { "$ifNull": ["$questions", []] } }, { "$size": { "$ifNull": ["$tags", []] } }] },
                  "scores.math": { "$gt": 3 }, "scores.art": { "$exists": true } }
                """),
            Render("Fields"));
    }

    [Fact]
    public void Patterns_and_string_lengths()
    {
        Assert.Equal(
            BsonDocument.Parse("""
                { "$and": [{ "maxAttempts": { "$gt": 3 } }, { "maxAttempts": { "$lt": 10 } }, { "author": { "$ne": null } }, { "author.Name": "a" },
                  { "t": { "$regularExpression": { "pattern": "^[\\s\\S]{6,}", "options": "" } } }] }
                """),
            Render("Patterns"));
    }

    [Fact]
    public void Type_checks_use_the_discriminator()
    {
        Assert.Equal(
            BsonDocument.Parse("""{ "$or": [{ "_t": "mc", "Choices": { "$size": 3 } }, { "_t": "Open" }] }"""),
            Render("Types"));
    }

    [Fact]
    public void Private_static_members_of_a_static_class_are_read_without_reflection()
    {
        var code = s_compiled.Value.Output.Sources.Single(s => s.Value.Contains("s_words", StringComparison.Ordinal)).Value;
        Assert.Contains("UnsafeAccessor", code, StringComparison.Ordinal);
        Assert.DoesNotContain("CapturedValue", code, StringComparison.Ordinal);
        Assert.Equal(BsonDocument.Parse("""{ "t": { "$in": ["w", "v"] }, "maxAttempts": { "$gt": 2 } }"""), Render("Statics"));
    }
}

using MongoDB.Bson;

namespace OpenQuizz.Typed.Conformance.Unified;

/// <summary>The runner's own rules, without a server: matching, parsing errors and URI options.</summary>
[Trait("Suite", "unified-runner")]
public sealed class UnifiedRunnerSelfTests
{
    private static readonly ValueMatcher Matcher = new(id => id == "saved" ? new BsonInt32(42) : null);

    private static string? Match(string expected, string actual, bool root = true) =>
        Matcher.Match(BsonDocument.Parse(expected), BsonDocument.Parse(actual), root);

    [Fact]
    public void Root_documents_may_have_extra_fields_nested_ones_may_not()
    {
        Assert.Null(Match("{ a: 1 }", "{ a: 1, b: 2 }"));
        Assert.Contains("unexpected field 'c'", Match("{ a: { b: 1 } }", "{ a: { b: 1, c: 2 } }"));
        Assert.Contains("unexpected field 'b'", Match("{ a: 1 }", "{ a: 1, b: 2 }", root: false));
    }

    [Fact]
    public void Numbers_compare_by_value_across_int_long_and_double()
    {
        Assert.Null(Match("{ n: 1 }", "{ n: NumberLong(1) }"));
        Assert.Null(Match("{ n: 1 }", "{ n: 1.0 }"));
        Assert.NotNull(Match("{ n: 1 }", "{ n: 1.5 }"));
        Assert.NotNull(Match("{ n: 1 }", "{ n: '1' }"));
    }

    [Fact]
    public void Operators_exists_type_unsetOrMatches_lte_matchesEntity_and_hex_bytes()
    {
        Assert.Null(Match("{ a: { $$exists: false } }", "{ }"));
        Assert.NotNull(Match("{ a: { $$exists: false } }", "{ a: 1 }"));
        Assert.Null(Match("{ a: { $$type: ['int', 'long'] } }", "{ a: NumberLong(5) }"));
        Assert.NotNull(Match("{ a: { $$type: 'string' } }", "{ a: 5 }"));
        Assert.Null(Match("{ a: { $$unsetOrMatches: 3 } }", "{ }"));
        Assert.NotNull(Match("{ a: { $$unsetOrMatches: 3 } }", "{ a: 4 }"));
        Assert.Null(Match("{ a: { $$lte: 5 } }", "{ a: 5 }"));
        Assert.NotNull(Match("{ a: { $$lte: 5 } }", "{ a: 6 }"));
        Assert.Null(Match("{ a: { $$matchesEntity: 'saved' } }", "{ a: 42 }"));
        Assert.Null(Match("{ a: { $$matchesHexBytes: 'cafe' } }", "{ a: BinData(0, 'yv4=') }"));
    }

    [Fact]
    public void Arrays_match_element_by_element_and_by_length()
    {
        Assert.Null(Matcher.Match(new BsonArray { new BsonDocument("_id", 1) }, new BsonArray { new BsonDocument { { "_id", 1 }, { "x", 2 } } }));
        Assert.NotNull(Matcher.Match(new BsonArray { 1, 2 }, new BsonArray { 1 }));
    }

    [Fact]
    public void Parse_errors_name_the_file_and_the_json_path()
    {
        var error = Assert.Throws<InvalidDataException>(() => UnifiedParser.Parse(
            "unified/x/bad.json",
            """{ "description": "d", "schemaVersion": "1.0", "tests": [ { "description": "t", "operations": [ { "name": "find", "object": 5 } ] } ] }"""));
        Assert.Equal("unified/x/bad.json: $.tests[0].operations[0].object: expected a string, found Int32", error.Message);
    }

    [Theory]
    [InlineData("mongodb://h:1/", "mongodb://h:1/?retryReads=false&appname=a%20b")]
    [InlineData("mongodb://h:1/?replicaSet=rs0", "mongodb://h:1/?replicaSet=rs0&retryReads=false&appname=a%20b")]
    [InlineData("mongodb://h:1", "mongodb://h:1/?retryReads=false&appname=a%20b")]
    public void Uri_options_are_appended_to_the_connection_string(string uri, string expected) =>
        Assert.Equal(expected, EntityMap.AppendOptions(uri, new BsonDocument { { "retryReads", false }, { "appname", "a b" } }));
}

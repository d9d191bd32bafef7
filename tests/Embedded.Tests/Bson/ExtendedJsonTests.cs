using System.Text;
using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Tests.Bson;

/// <summary>Extended JSON behaviour the BSON corpus does not cover (the corpus itself runs in the conformance tests).</summary>
public sealed class ExtendedJsonTests
{
    private static readonly ObjectId SampleId = ObjectId.Parse("57e193d7a9cc81b4027498b5");

    // ----------------------------------------------------------------------------------------------------------------
    // Output format
    // ----------------------------------------------------------------------------------------------------------------

    [Fact]
    public void ToString_is_relaxed_and_ToJson_defaults_to_relaxed()
    {
        var document = new BsonDocument { { "a", 1 }, { "b", 2L }, { "c", 1.5 } };

        Assert.Equal("{\"a\": 1, \"b\": 2, \"c\": 1.5}", document.ToString());
        Assert.Equal(document.ToString(), document.ToJson());
        Assert.Equal(
            "{\"a\": {\"$numberInt\": \"1\"}, \"b\": {\"$numberLong\": \"2\"}, \"c\": {\"$numberDouble\": \"1.5\"}}",
            document.ToJson(JsonOutputMode.Canonical));
    }

    [Theory]
    [MemberData(nameof(SingleValueForms))]
    public void Writes_each_type_in_both_modes(object valueObject, string canonical, string relaxed)
    {
        var value = (BsonValue)valueObject;
        Assert.Equal(canonical, value.ToJson(JsonOutputMode.Canonical));
        Assert.Equal(relaxed, value.ToJson(JsonOutputMode.Relaxed));
    }

    public static TheoryData<object, string, string> SingleValueForms()
    {
        var data = new TheoryData<object, string, string>();
        foreach (var (value, canonical, relaxed) in SingleValueRows())
        {
            data.Add(value, canonical, relaxed);
        }

        return data;
    }

    private static ValueRows SingleValueRows() => new()
    {
        { 42, "{\"$numberInt\": \"42\"}", "42" },
        { 42L, "{\"$numberLong\": \"42\"}", "42" },
        { 1.0, "{\"$numberDouble\": \"1.0\"}", "1.0" },
        { -0.0, "{\"$numberDouble\": \"-0.0\"}", "-0.0" },
        { 1.2345678921232E+18, "{\"$numberDouble\": \"1.2345678921232E+18\"}", "1.2345678921232E+18" },
        { double.NaN, "{\"$numberDouble\": \"NaN\"}", "{\"$numberDouble\": \"NaN\"}" },
        { double.NegativeInfinity, "{\"$numberDouble\": \"-Infinity\"}", "{\"$numberDouble\": \"-Infinity\"}" },
        { new BsonDecimal128(Decimal128.Parse("1.50")), "{\"$numberDecimal\": \"1.50\"}", "{\"$numberDecimal\": \"1.50\"}" },
        { "a\"b\\c\n\u0001é", "\"a\\\"b\\\\c\\n\\u0001é\"", "\"a\\\"b\\\\c\\n\\u0001é\"" },
        { "x\ud800y", "\"x\\ud800y\"", "\"x\\ud800y\"" },
        { SampleId, "{\"$oid\": \"57e193d7a9cc81b4027498b5\"}", "{\"$oid\": \"57e193d7a9cc81b4027498b5\"}" },
        { new BsonBinaryData([1, 2, 3], BsonBinarySubType.UserDefined), "{\"$binary\": {\"base64\": \"AQID\", \"subType\": \"80\"}}", "{\"$binary\": {\"base64\": \"AQID\", \"subType\": \"80\"}}" },
        { new BsonDateTime(0), "{\"$date\": {\"$numberLong\": \"0\"}}", "{\"$date\": \"1970-01-01T00:00:00Z\"}" },
        { new BsonDateTime(1356351330001), "{\"$date\": {\"$numberLong\": \"1356351330001\"}}", "{\"$date\": \"2012-12-24T12:15:30.001Z\"}" },
        { new BsonDateTime(253402300799999), "{\"$date\": {\"$numberLong\": \"253402300799999\"}}", "{\"$date\": \"9999-12-31T23:59:59.999Z\"}" },
        { new BsonDateTime(253402300800000), "{\"$date\": {\"$numberLong\": \"253402300800000\"}}", "{\"$date\": {\"$numberLong\": \"253402300800000\"}}" },
        { new BsonDateTime(-1), "{\"$date\": {\"$numberLong\": \"-1\"}}", "{\"$date\": {\"$numberLong\": \"-1\"}}" },
        { new BsonTimestamp(uint.MaxValue, 1), "{\"$timestamp\": {\"t\": 4294967295, \"i\": 1}}", "{\"$timestamp\": {\"t\": 4294967295, \"i\": 1}}" },
        { new BsonRegularExpression("a/b", "xi"), "{\"$regularExpression\": {\"pattern\": \"a/b\", \"options\": \"ix\"}}", "{\"$regularExpression\": {\"pattern\": \"a/b\", \"options\": \"ix\"}}" },
        { new BsonJavaScript("f()"), "{\"$code\": \"f()\"}", "{\"$code\": \"f()\"}" },
        { new BsonJavaScriptWithScope("f()", new BsonDocument("x", 1)), "{\"$code\": \"f()\", \"$scope\": {\"x\": {\"$numberInt\": \"1\"}}}", "{\"$code\": \"f()\", \"$scope\": {\"x\": 1}}" },
        { new BsonSymbol("s"), "{\"$symbol\": \"s\"}", "{\"$symbol\": \"s\"}" },
        { new BsonDBPointer("db.c", SampleId), "{\"$dbPointer\": {\"$ref\": \"db.c\", \"$id\": {\"$oid\": \"57e193d7a9cc81b4027498b5\"}}}", "{\"$dbPointer\": {\"$ref\": \"db.c\", \"$id\": {\"$oid\": \"57e193d7a9cc81b4027498b5\"}}}" },
        { BsonUndefined.Value, "{\"$undefined\": true}", "{\"$undefined\": true}" },
        { BsonMinKey.Value, "{\"$minKey\": 1}", "{\"$minKey\": 1}" },
        { BsonMaxKey.Value, "{\"$maxKey\": 1}", "{\"$maxKey\": 1}" },
        { BsonNull.Value, "null", "null" },
        { true, "true", "true" },
        { new BsonArray { 1, "a" }, "[{\"$numberInt\": \"1\"}, \"a\"]", "[1, \"a\"]" },
        { new BsonDocument(), "{}", "{}" },
    };

    // ----------------------------------------------------------------------------------------------------------------
    // Round trips
    // ----------------------------------------------------------------------------------------------------------------

    [Fact]
    public void Every_type_round_trips_through_canonical_mode_exactly()
    {
        var document = EveryType();

        var json = document.ToJson(JsonOutputMode.Canonical);
        var parsed = BsonDocument.Parse(json);

        Assert.Equal(document, parsed);
        Assert.Equal(document.ToBytes(), parsed.ToBytes());
        Assert.Equal(json, parsed.ToJson(JsonOutputMode.Canonical));
    }

    [Fact]
    public void Every_type_round_trips_through_relaxed_mode_keeping_values()
    {
        var document = EveryType();

        var json = document.ToJson(JsonOutputMode.Relaxed);
        var parsed = BsonDocument.Parse(json);

        // Relaxed numbers come back as the smallest type that holds them; everything else keeps its type.
        Assert.Equal(json, parsed.ToJson(JsonOutputMode.Relaxed));
        Assert.Equal(BsonType.Int32, parsed["int64Small"].BsonType);
        Assert.Equal(new BsonInt64(long.MaxValue), parsed["int64Large"]);
        Assert.True(double.IsNegative(parsed["negativeZero"].AsDouble));
        foreach (var element in document)
        {
            if (!element.Name.StartsWith("int64Small", StringComparison.Ordinal))
            {
                Assert.Equal(element.Value, parsed[element.Name]);
            }
        }
    }

    [Theory]
    [InlineData("1", BsonType.Int32)]
    [InlineData("-0", BsonType.Int32)]
    [InlineData("-2147483648", BsonType.Int32)]
    [InlineData("2147483648", BsonType.Int64)]
    [InlineData("-9223372036854775808", BsonType.Int64)]
    [InlineData("9223372036854775808", BsonType.Double)]
    [InlineData("1.0", BsonType.Double)]
    [InlineData("1e2", BsonType.Double)]
    [InlineData("-0.0", BsonType.Double)]
    public void Relaxed_numbers_take_the_smallest_type_that_holds_them(string number, object expectedType)
    {
        var expected = (BsonType)expectedType;
        var value = BsonDocument.Parse($"{{\"n\": {number}}}")["n"];

        Assert.Equal(expected, value.BsonType);
    }

    [Fact]
    public void Duplicate_keys_are_kept_in_order()
    {
        var document = BsonDocument.Parse("{\"a\": 1, \"b\": {\"x\": 1, \"x\": 2}, \"a\": 3}");

        Assert.Equal(new[] { "a", "b", "a" }, document.Names);
        Assert.Equal(1, document["a"].AsInt32);
        Assert.Equal(2, document["b"].AsBsonDocument.ElementCount);
        Assert.Equal("{\"a\": 1, \"b\": {\"x\": 1, \"x\": 2}, \"a\": 3}", document.ToString());
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Legacy and lookalike forms
    // ----------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("{\"$binary\": \"AQID\", \"$type\": \"80\"}", "{\"$binary\": {\"base64\": \"AQID\", \"subType\": \"80\"}}")]
    [InlineData("{\"$binary\": {\"subType\": \"5\", \"base64\": \"AQID\"}}", "{\"$binary\": {\"base64\": \"AQID\", \"subType\": \"05\"}}")]
    [InlineData("{\"$uuid\": \"c8edabc3-f738-4ca3-b68d-ab92a91478a3\"}", "{\"$binary\": {\"base64\": \"yO2rw/c4TKO2jauSqRR4ow==\", \"subType\": \"04\"}}")]
    [InlineData("{\"$regex\": \"ab\", \"$options\": \"mi\"}", "{\"$regularExpression\": {\"pattern\": \"ab\", \"options\": \"im\"}}")]
    [InlineData("{\"$date\": \"2012-12-24T12:15:30.501Z\"}", "{\"$date\": {\"$numberLong\": \"1356351330501\"}}")]
    [InlineData("{\"$date\": \"2012-12-24T13:15:30.5012+01:00\"}", "{\"$date\": {\"$numberLong\": \"1356351330501\"}}")]
    [InlineData("{\"$date\": \"2012-12-24T07:15:30.501-0500\"}", "{\"$date\": {\"$numberLong\": \"1356351330501\"}}")]
    [InlineData("{\"$date\": \"1960-12-24T12:15:30.5Z\"}", "{\"$date\": {\"$numberLong\": \"-284643869500\"}}")]
    [InlineData("{\"$date\": \"0000-01-01T00:00:00Z\"}", "{\"$date\": {\"$numberLong\": \"-62167219200000\"}}")]
    [InlineData("{\"$scope\": {}, \"$code\": \"f\"}", "{\"$code\": \"f\", \"$scope\": {}}")]
    [InlineData("{\"$type\": 2}", "{\"$type\": {\"$numberInt\": \"2\"}}")]
    [InlineData("{\"$ref\": 1, \"$id\": 2}", "{\"$ref\": {\"$numberInt\": \"1\"}, \"$id\": {\"$numberInt\": \"2\"}}")]
    [InlineData("{\"$regex\": {\"$regularExpression\": {\"pattern\": \"p\", \"options\": \"\"}}, \"$options\": \"i\"}", "{\"$regex\": {\"$regularExpression\": {\"pattern\": \"p\", \"options\": \"\"}}, \"$options\": \"i\"}")]
    [InlineData("{\"$regex\": \"^a\"}", "{\"$regex\": \"^a\"}")]
    public void Reads_legacy_forms_and_leaves_lookalikes_as_documents(string input, string canonical)
    {
        var value = BsonDocument.Parse($"{{\"v\": {input}}}")["v"];

        Assert.Equal(canonical, value.ToJson(JsonOutputMode.Canonical));
    }

    [Fact]
    public void Top_level_object_is_never_a_type_wrapper()
    {
        var document = BsonDocument.Parse("{\"$oid\": \"57e193d7a9cc81b4027498b5\"}");

        Assert.Equal(BsonType.String, document["$oid"].BsonType);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Errors
    // ----------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("{\"a\": {\"b\": [1, 2, {\"$numberInt\": 42}]}}", "$.a.b[2]", "line 1, position 21")]
    [InlineData("{\n  \"a\": {\n    \"$date\": 42\n  }\n}", "$.a", "line 3, position 5")]
    [InlineData("{\"a b\": {\"$oid\": \"xyz\"}}", "$['a b']", "'xyz' is not an ObjectId")]
    [InlineData("{\"a\": {\"b\\u0000\": 1}}", "$.a['b\\u0000']", "NUL")]
    [InlineData("{\"a\": [1, 2,]}", "$.a[", "line 1")]
    [InlineData("{\"a\": 1} x", "$", "line 1, position 10")]
    [InlineData("[1]", "$", "must be a JSON object")]
    [InlineData("", "$", "line 1")]
    [InlineData("{\"t\": {\"$timestamp\": {\"t\": {\"$numberInt\": \"1\"}, \"i\": 1}}}", "$.t", "t must be an integer")]
    [InlineData("{\"n\": 1e400}", "$.n", "outside the range of a double")]
    [InlineData("{\"s\": \"\\ud800\"}", "$.s", "surrogate")]
    [InlineData("{\"d\": {\"$numberDecimal\": \"1.2.3\"}}", "$.d", "invalid $numberDecimal")]
    public void Errors_name_the_path_and_position(string json, string path, string detail)
    {
        var error = Assert.Throws<BsonFormatException>(() => BsonDocument.Parse(json));

        Assert.Contains($"at {path}", error.Message, StringComparison.Ordinal);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_carry_the_byte_offset_of_the_offending_key()
    {
        var json = "{\"é\": {\"$oid\": 1}}";

        var error = Assert.Throws<BsonFormatException>(() => BsonDocument.Parse(json));

        Assert.Equal(Encoding.UTF8.GetByteCount("{\"é\": {"), error.Offset);
    }

    [Fact]
    public void Every_truncation_of_valid_text_fails_with_BsonFormatException_only()
    {
        var json = EveryType().ToJson(JsonOutputMode.Canonical) + " ";
        for (var length = 0; length < json.Length - 1; length++)
        {
            var prefix = json[..length];
            var error = Record.Exception(() => BsonDocument.Parse(prefix));
            Assert.True(error is BsonFormatException, $"Prefix of length {length} threw {error?.GetType().Name ?? "nothing"}: {prefix}");
        }
    }

    [Fact]
    public void A_lone_surrogate_in_the_text_is_a_format_error()
    {
        Assert.Throws<BsonFormatException>(() => BsonDocument.Parse("{\"a\": \"\ud800\"}"));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Depth
    // ----------------------------------------------------------------------------------------------------------------

    [Fact]
    public void Documents_nest_up_to_the_BSON_limit()
    {
        var document = BsonDocument.Parse(Nested(BsonDefaults.MaxDepth - 1, "{\"$numberLong\": \"1\"}"));

        Assert.Equal(BsonDefaults.MaxDepth - 1, DepthOf(document) - 1);
        Assert.Equal(document, BsonDocument.FromBytes(document.ToBytes()));
    }

    [Fact]
    public void A_type_wrapper_may_sit_one_level_below_the_deepest_document()
    {
        var pointer = "{\"$dbPointer\": {\"$ref\": \"c\", \"$id\": {\"$oid\": \"57e193d7a9cc81b4027498b5\"}}}";

        var document = BsonDocument.Parse(Nested(BsonDefaults.MaxDepth - 1, pointer));

        Assert.Equal(document, BsonDocument.FromBytes(document.ToBytes()));
    }

    [Theory]
    [InlineData(BsonDefaults.MaxDepth)]
    [InlineData(100_000)]
    public void Deeper_nesting_is_a_format_error_not_a_stack_overflow(int levels)
    {
        var error = Assert.Throws<BsonFormatException>(() => BsonDocument.Parse(Nested(levels, "1")));

        Assert.Matches("depth|deeper", error.Message);
    }

    [Fact]
    public void Deeper_arrays_are_a_format_error()
    {
        var json = "{\"a\": " + new string('[', BsonDefaults.MaxDepth) + new string(']', BsonDefaults.MaxDepth) + "}";

        var error = Assert.Throws<BsonFormatException>(() => BsonDocument.Parse(json));

        Assert.Contains($"limit of {BsonDefaults.MaxDepth} levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_a_document_nested_deeper_than_the_limit_fails_cleanly()
    {
        var document = new BsonDocument();
        var innermost = document;
        for (var i = 0; i < 10_000; i++)
        {
            var child = new BsonDocument();
            innermost.Add("a", child);
            innermost = child;
        }

        Assert.Throws<BsonSerializationException>(() => document.ToJson());
    }

    private static BsonDocument EveryType() => new()
    {
        { "double", 1.5 },
        { "negativeZero", -0.0 },
        { "infinity", double.PositiveInfinity },
        { "string", "é\u0000\"\\\u001f\ud83d\ude00" },
        { "document", new BsonDocument { { "x", 1 }, { "$ref", "c" } } },
        { "array", new BsonArray { 1, "two", new BsonDocument() } },
        { "binary", new BsonBinaryData([0xFF, 0xFE], BsonBinarySubType.MD5) },
        { "uuid", BsonBinaryData.FromGuid(Guid.Parse("c8edabc3-f738-4ca3-b68d-ab92a91478a3"), UuidRepresentation.Standard) },
        { "undefined", BsonUndefined.Value },
        { "oid", SampleId },
        { "true", true },
        { "dateIso", new BsonDateTime(1356351330501) },
        { "dateBefore1970", new BsonDateTime(-284643869501) },
        { "dateAfter9999", new BsonDateTime(long.MaxValue) },
        { "null", BsonNull.Value },
        { "regex", new BsonRegularExpression("^a\"b", "smi") },
        { "dbPointer", new BsonDBPointer("db.c", SampleId) },
        { "code", new BsonJavaScript("function() {}") },
        { "symbol", new BsonSymbol("sym") },
        { "codeWithScope", new BsonJavaScriptWithScope("f", new BsonDocument("n", 1L << 40)) },
        { "int32", -7 },
        { "timestamp", new BsonTimestamp(42, 1) },
        { "int64Small", 5L },
        { "int64Large", long.MaxValue },
        { "decimal", new BsonDecimal128(Decimal128.Parse("-1.2E+3000")) },
        { "minKey", BsonMinKey.Value },
        { "maxKey", BsonMaxKey.Value },
    };

    /// <summary><paramref name="levels"/> documents <c>{"a": …}</c> inside the top-level one, around <paramref name="leaf"/>.</summary>
    private static string Nested(int levels, string leaf)
    {
        var builder = new StringBuilder("{\"a\": ");
        for (var i = 0; i < levels; i++)
        {
            builder.Append("{\"a\": ");
        }

        builder.Append(leaf);
        builder.Append('}', levels + 1);
        return builder.ToString();
    }

    private static int DepthOf(BsonValue value) => value is BsonDocument { ElementCount: > 0 } document ? 1 + DepthOf(document[0]) : value is BsonDocument ? 1 : 0;

    private sealed class ValueRows : List<(BsonValue Value, string Canonical, string Relaxed)>
    {
        public void Add(BsonValue value, string canonical, string relaxed) => Add((value, canonical, relaxed));
    }
}

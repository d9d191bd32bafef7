using OpenQuizz.Typed.Embedded.Bson;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Aggregation;

/// <summary>Every expression family, evaluated by <c>$project</c> over one document; a null expectation means "missing".</summary>
public sealed class ExpressionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly DateTime When = new(2024, 3, 5, 14, 7, 9, 123, DateTimeKind.Utc);
    private static readonly ObjectId Oid = ObjectId.Parse("5f1d7f3e0000000000000001");

    private static readonly BsonDocument Doc = D(
        ("_id", 1), ("a", 5), ("b", 2), ("d", 2.5), ("neg", -3), ("s", "Hello World"), ("arr", A(3, 1, 2)),
        ("date", When), ("nul", Null), ("obj", D(("x", 1), ("y", 2))), ("dec", 1.5m), ("oid", Oid),
        ("people", A(D(("n", "b"), ("age", 30)), D(("n", "a"), ("age", 20)))));

    private static BsonDocument Op(string name, BsonValue argument) => D((name, argument));

    private static readonly Dictionary<string, (BsonValue Expression, BsonValue? Expected)> Cases = new()
    {
        // arithmetic
        ["$add ints"] = (Op("$add", A("$a", "$b", 1)), 8),
        ["$add int and double"] = (Op("$add", A("$a", "$d")), 7.5),
        ["$add a date and milliseconds"] = (Op("$add", A("$date", 1000)), When.AddSeconds(1)),
        ["$add with null"] = (Op("$add", A("$a", "$nul")), Null),
        ["$subtract dates gives milliseconds"] = (Op("$subtract", A("$date", Op("$subtract", A("$date", 5000)))), 5000L),
        ["$subtract numbers"] = (Op("$subtract", A("$a", "$b")), 3),
        ["$multiply"] = (Op("$multiply", A("$a", "$b")), 10),
        ["$divide"] = (Op("$divide", A("$a", "$b")), 2.5),
        ["$mod"] = (Op("$mod", A("$a", "$b")), 1),
        ["$abs"] = (Op("$abs", "$neg"), 3),
        ["$ceil"] = (Op("$ceil", "$d"), 3.0),
        ["$floor"] = (Op("$floor", "$d"), 2.0),
        ["$ceil of an int stays an int"] = (Op("$ceil", "$a"), 5),
        ["$round half to even"] = (Op("$round", "$d"), 2.0),
        ["$round to places"] = (Op("$round", A(2.567, 2)), 2.57),
        ["$round to negative places"] = (Op("$round", A(1234, -2)), 1200),
        ["$trunc"] = (Op("$trunc", A(2.567, 1)), 2.5),
        ["$sqrt"] = (Op("$sqrt", 16), 4.0),
        ["$pow of ints"] = (Op("$pow", A(2, 10)), 1024),
        ["$pow negative exponent"] = (Op("$pow", A(2, -1)), 0.5),
        ["$exp"] = (Op("$exp", 0), 1.0),
        ["$ln"] = (Op("$ln", 1), 0.0),
        ["$log"] = (Op("$log", A(100, 10)), 2.0),
        ["$log10"] = (Op("$log10", 1000), 3.0),
        ["$sum of an array"] = (Op("$sum", "$arr"), 6),
        ["$avg of arguments"] = (Op("$avg", A(1, 2)), 1.5),
        ["$max of an array"] = (Op("$max", "$arr"), 3),
        ["$min of arguments"] = (Op("$min", A("$a", "$b", "$nul")), 2),

        // strings
        ["$concat"] = (Op("$concat", A("$s", "!")), "Hello World!"),
        ["$concat with null"] = (Op("$concat", A("$s", "$nul")), Null),
        ["$substrBytes"] = (Op("$substrBytes", A("$s", 0, 5)), "Hello"),
        ["$substr"] = (Op("$substr", A("$s", 6, -1)), "World"),
        ["$substrCP"] = (Op("$substrCP", A("héllo", 1, 3)), "éll"),
        ["$toLower"] = (Op("$toLower", "$s"), "hello world"),
        ["$toUpper"] = (Op("$toUpper", "$s"), "HELLO WORLD"),
        ["$trim"] = (Op("$trim", D(("input", "  hi \n"))), "hi"),
        ["$ltrim with chars"] = (Op("$ltrim", D(("input", "xxhixx"), ("chars", "x"))), "hixx"),
        ["$rtrim with chars"] = (Op("$rtrim", D(("input", "xxhixx"), ("chars", "x"))), "xxhi"),
        ["$split"] = (Op("$split", A("a,b,c", ",")), A("a", "b", "c")),
        ["$strLenBytes"] = (Op("$strLenBytes", "héllo"), 6),
        ["$strLenCP"] = (Op("$strLenCP", "héllo"), 5),
        ["$indexOfBytes"] = (Op("$indexOfBytes", A("$s", "World")), 6),
        ["$indexOfBytes not found"] = (Op("$indexOfBytes", A("$s", "zz")), -1),
        ["$indexOfCP"] = (Op("$indexOfCP", A("héllo", "l")), 2),
        ["$regexMatch"] = (Op("$regexMatch", D(("input", "$s"), ("regex", "^hello"), ("options", "i"))), true),
        ["$regexFind"] = (Op("$regexFind", D(("input", "$s"), ("regex", "(o)(r)"))), D(("match", "or"), ("idx", 7), ("captures", A("o", "r")))),
        ["$regexFind without a match"] = (Op("$regexFind", D(("input", "$s"), ("regex", "zz"))), Null),
        ["$regexFindAll"] = (Op("$regexFindAll", D(("input", "abab"), ("regex", "b"))), A(D(("match", "b"), ("idx", 1), ("captures", A())), D(("match", "b"), ("idx", 3), ("captures", A())))),
        ["$replaceOne"] = (Op("$replaceOne", D(("input", "aaa"), ("find", "a"), ("replacement", "b"))), "baa"),
        ["$replaceAll"] = (Op("$replaceAll", D(("input", "aaa"), ("find", "a"), ("replacement", "b"))), "bbb"),
        ["$strcasecmp"] = (Op("$strcasecmp", A("abc", "ABC")), 0),
        ["$strcasecmp less"] = (Op("$strcasecmp", A("abc", "ABD")), -1),

        // comparison and boolean
        ["$eq across numeric types"] = (Op("$eq", A(1, 1.0)), true),
        ["$ne"] = (Op("$ne", A("$a", "$b")), true),
        ["$gt"] = (Op("$gt", A("$a", "$b")), true),
        ["$gte"] = (Op("$gte", A("$a", 5)), true),
        ["$lt"] = (Op("$lt", A("$a", "$b")), false),
        ["$lte"] = (Op("$lte", A("$nul", 0)), true),
        ["$cmp"] = (Op("$cmp", A("a", "b")), -1),
        ["$and"] = (Op("$and", A(true, 1, "$s")), true),
        ["$or"] = (Op("$or", A(false, 0, "$nul")), false),
        ["$not"] = (Op("$not", A(0)), true),

        // conditionals
        ["$cond object form"] = (Op("$cond", D(("if", Op("$gt", A("$a", 3))), ("then", "big"), ("else", "small"))), "big"),
        ["$cond array form"] = (Op("$cond", A(false, 1, 2)), 2),
        ["$ifNull"] = (Op("$ifNull", A("$nul", "$missing", "x")), "x"),
        ["$switch"] = (Op("$switch", D(("branches", A(D(("case", Op("$eq", A("$a", 1))), ("then", "one")), D(("case", Op("$eq", A("$a", 5))), ("then", "five")))))), "five"),
        ["$switch default"] = (Op("$switch", D(("branches", A(D(("case", false), ("then", 1)))), ("default", "d"))), "d"),

        // arrays
        ["$size"] = (Op("$size", "$arr"), 3),
        ["$arrayElemAt negative"] = (Op("$arrayElemAt", A("$arr", -1)), 2),
        ["$arrayElemAt out of range is missing"] = (Op("$arrayElemAt", A("$arr", 10)), null),
        ["$first"] = (Op("$first", "$arr"), 3),
        ["$last"] = (Op("$last", "$arr"), 2),
        ["$in"] = (Op("$in", A(1, "$arr")), true),
        ["$indexOfArray"] = (Op("$indexOfArray", A("$arr", 2)), 2),
        ["$slice from position"] = (Op("$slice", A("$arr", 1, 2)), A(1, 2)),
        ["$slice from the end"] = (Op("$slice", A("$arr", -2)), A(1, 2)),
        ["$concatArrays"] = (Op("$concatArrays", A("$arr", A(9))), A(3, 1, 2, 9)),
        ["$filter"] = (Op("$filter", D(("input", "$arr"), ("as", "x"), ("cond", Op("$gt", A("$$x", 1))))), A(3, 2)),
        ["$filter with limit"] = (Op("$filter", D(("input", "$arr"), ("cond", true), ("limit", 1))), A(3)),
        ["$map"] = (Op("$map", D(("input", "$arr"), ("in", Op("$multiply", A("$$this", 10))))), A(30, 10, 20)),
        ["$map over documents"] = (Op("$map", D(("input", "$people"), ("as", "p"), ("in", "$$p.n"))), A("b", "a")),
        ["$reduce"] = (Op("$reduce", D(("input", "$arr"), ("initialValue", 0), ("in", Op("$add", A("$$value", "$$this"))))), 6),
        ["$reverseArray"] = (Op("$reverseArray", "$arr"), A(2, 1, 3)),
        ["$range"] = (Op("$range", A(0, 10, 3)), A(0, 3, 6, 9)),
        ["$range downwards"] = (Op("$range", A(3, 0, -1)), A(3, 2, 1)),
        ["$isArray"] = (Op("$isArray", A("$arr")), true),
        ["$sortArray of values"] = (Op("$sortArray", D(("input", "$arr"), ("sortBy", -1))), A(3, 2, 1)),
        ["$sortArray of documents"] = (Op("$sortArray", D(("input", "$people"), ("sortBy", D(("age", 1))))), A(D(("n", "a"), ("age", 20)), D(("n", "b"), ("age", 30)))),
        ["$zip"] = (Op("$zip", D(("inputs", A(A(1, 2), A("a", "b", "c"))))), A(A(1, "a"), A(2, "b"))),
        ["$zip longest with defaults"] = (Op("$zip", D(("inputs", A(A(1), A("a", "b"))), ("useLongestLength", true), ("defaults", A(0, "z")))), A(A(1, "a"), A(0, "b"))),
        ["$setUnion"] = (Op("$setUnion", A(A(1, 2), A(2, 3))), A(1, 2, 3)),
        ["$setIntersection"] = (Op("$setIntersection", A(A(1, 2), A(2, 3))), A(2)),
        ["$setIsSubset"] = (Op("$setIsSubset", A(A(1), A(1, 2))), true),

        // dates
        ["$year"] = (Op("$year", "$date"), 2024),
        ["$month"] = (Op("$month", "$date"), 3),
        ["$dayOfMonth"] = (Op("$dayOfMonth", "$date"), 5),
        ["$hour"] = (Op("$hour", "$date"), 14),
        ["$minute"] = (Op("$minute", "$date"), 7),
        ["$second"] = (Op("$second", "$date"), 9),
        ["$millisecond"] = (Op("$millisecond", "$date"), 123),
        ["$dayOfWeek"] = (Op("$dayOfWeek", "$date"), 3),
        ["$dayOfYear"] = (Op("$dayOfYear", "$date"), 65),
        ["$week"] = (Op("$week", "$date"), 9),
        ["$hour in an offset timezone"] = (Op("$hour", D(("date", "$date"), ("timezone", "+02:00"))), 16),
        ["$hour in an Olson timezone"] = (Op("$hour", D(("date", "$date"), ("timezone", "America/New_York"))), 9),
        ["$year of an ObjectId"] = (Op("$year", "$oid"), 2020),
        ["$dateToString default format"] = (Op("$dateToString", D(("date", "$date"))), "2024-03-05T14:07:09.123Z"),
        ["$dateToString format"] = (Op("$dateToString", D(("date", "$date"), ("format", "%d/%m/%Y %H:%M:%S.%L %j %%"))), "05/03/2024 14:07:09.123 065 %"),
        ["$dateToString onNull"] = (Op("$dateToString", D(("date", "$nul"), ("onNull", "none"))), "none"),
        ["$dateFromString"] = (Op("$dateFromString", D(("dateString", "2024-03-05T14:07:09.123Z"))), When),
        ["$dateFromString with format"] = (Op("$dateFromString", D(("dateString", "05/03/2024"), ("format", "%d/%m/%Y"))), new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Utc)),
        ["$dateFromString onError"] = (Op("$dateFromString", D(("dateString", "nope"), ("onError", "bad"))), "bad"),
        ["$toDate of a string"] = (Op("$toDate", "2024-03-05T14:07:09.123Z"), When),
        ["$toDate of a long"] = (Op("$toDate", 0L), DateTime.UnixEpoch),
        ["$dateAdd"] = (Op("$dateAdd", D(("startDate", "$date"), ("unit", "day"), ("amount", 2))), When.AddDays(2)),

        // conversions
        ["$toInt of a string"] = (Op("$toInt", "42"), 42),
        ["$toInt truncates"] = (Op("$toInt", 2.9), 2),
        ["$toLong"] = (Op("$toLong", "$a"), 5L),
        ["$toDouble of a string"] = (Op("$toDouble", "2.5"), 2.5),
        ["$toDecimal"] = (Op("$toDecimal", "$a"), 5m),
        ["$toString of a double"] = (Op("$toString", "$d"), "2.5"),
        ["$toString of a date"] = (Op("$toString", "$date"), "2024-03-05T14:07:09.123Z"),
        ["$toString of an ObjectId"] = (Op("$toString", "$oid"), "5f1d7f3e0000000000000001"),
        ["$toBool of zero"] = (Op("$toBool", 0), false),
        ["$toBool of an empty string"] = (Op("$toBool", ""), true),
        ["$toObjectId"] = (Op("$toObjectId", "5f1d7f3e0000000000000001"), Oid),
        ["$toInt of null"] = (Op("$toInt", "$nul"), Null),
        ["$convert onError"] = (Op("$convert", D(("input", "abc"), ("to", "int"), ("onError", -1))), -1),
        ["$convert onNull"] = (Op("$convert", D(("input", "$missing"), ("to", "int"), ("onNull", 0))), 0),
        ["$convert by type number"] = (Op("$convert", D(("input", "7"), ("to", 18))), 7L),
        ["$type"] = (Op("$type", "$a"), "int"),
        ["$type of missing"] = (Op("$type", "$missing"), "missing"),
        ["$isNumber"] = (Op("$isNumber", "$dec"), true),

        // objects and variables
        ["$literal"] = (Op("$literal", "$a"), "$a"),
        ["$let"] = (Op("$let", D(("vars", D(("x", 2))), ("in", Op("$multiply", A("$$x", "$a"))))), 10),
        ["$mergeObjects"] = (Op("$mergeObjects", A("$obj", D(("y", 3)), "$nul")), D(("x", 1), ("y", 3))),
        ["$objectToArray"] = (Op("$objectToArray", "$obj"), A(D(("k", "x"), ("v", 1)), D(("k", "y"), ("v", 2)))),
        ["$arrayToObject of pairs"] = (Op("$arrayToObject", A(A(A("p", 1)))), D(("p", 1))),
        ["$arrayToObject of k/v"] = (Op("$arrayToObject", A(A(D(("k", "q"), ("v", 2))))), D(("q", 2))),
        ["$getField"] = (Op("$getField", "a"), 5),
        ["$$REMOVE is missing"] = ("$$REMOVE", null),
        ["$$ROOT path"] = ("$$ROOT.obj.y", 2),
    };

    private static readonly Dictionary<string, (BsonValue Expression, int Code)> ErrorCases = new()
    {
        ["$divide by zero"] = (Op("$divide", A("$a", 0)), 2),
        ["$mod by zero"] = (Op("$mod", A("$a", 0)), 16610),
        ["unknown operator"] = (Op("$bogus", 1), 168),
        ["two operators in one object"] = (D(("$add", A(1)), ("$abs", 1)), 15983),
        ["$add of two dates"] = (Op("$add", A("$date", "$date")), 16612),
        ["$add of a string"] = (Op("$add", A("$a", "$s")), 16554),
        ["$size of a non-array"] = (Op("$size", "$a"), 17124),
        ["$sqrt of a negative"] = (Op("$sqrt", -1), 28714),
        ["$ln of a negative"] = (Op("$ln", -1), 28766),
        ["$log10 of zero"] = (Op("$log10", 0), 28761),
        ["$pow of zero to a negative"] = (Op("$pow", A(0, -1)), 28764),
        ["$concat of a number"] = (Op("$concat", A("$s", 1)), 16702),
        ["$split with an empty separator"] = (Op("$split", A("$s", "")), 40087),
        ["$range with a zero step"] = (Op("$range", A(0, 5, 0)), 34449),
        ["$filter without cond"] = (Op("$filter", D(("input", "$arr"))), 28650),
        ["$toInt of a word"] = (Op("$toInt", "abc"), 241),
        ["$toObjectId of a short string"] = (Op("$toObjectId", "abc"), 241),
        ["$convert to an unknown type"] = (Op("$convert", D(("input", 1), ("to", "nope"))), 2),
        ["$switch without a match"] = (Op("$switch", D(("branches", A(D(("case", false), ("then", 1)))))), 40066),
        ["$objectToArray of a number"] = (Op("$objectToArray", 1), 40390),
        ["$arrayToObject of bad pairs"] = (Op("$arrayToObject", A(A(1))), 40398),
        ["undefined variable"] = ("$$nope", 17276),
        ["$dateToString bad format"] = (Op("$dateToString", D(("date", "$date"), ("format", "%Q"))), 18536),
        ["$year of a string"] = (Op("$year", "$s"), 16006),
        ["$hour with an unknown timezone"] = (Op("$hour", D(("date", "$date"), ("timezone", "Mars/Base"))), 40485),
        ["$mergeObjects of a number"] = (Op("$mergeObjects", A(1)), 40400),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    public static TheoryData<string> ErrorCaseNames => [.. ErrorCases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Expression_evaluates_as_in_mongod(string name)
    {
        var (expression, expected) = Cases[name];
        var collection = await Agg.SeedAsync(fixture, [Doc]);
        var results = await Agg.RunAsync(fixture, collection, A(D(("$project", D(("_id", 0), ("r", expression))))));
        Agg.Equal([expected is null ? D() : D(("r", expected))], results);
    }

    [Theory]
    [MemberData(nameof(ErrorCaseNames))]
    public async Task Invalid_expression_fails_with_mongods_code(string name)
    {
        var (expression, code) = ErrorCases[name];
        var collection = await Agg.SeedAsync(fixture, [Doc]);
        Reply.Error(await fixture.RunAsync(Agg.Command(collection, A(D(("$project", D(("r", expression))))))), code);
    }

    [Fact]
    public async Task Errors_carry_mongods_code_names()
    {
        var collection = await Agg.SeedAsync(fixture, [Doc]);
        Reply.Error(await fixture.RunAsync(Agg.Command(collection, A(D(("$project", D(("r", Op("$bogus", 1)))))))), 168, "InvalidPipelineOperator");
        Reply.Error(await fixture.RunAsync(Agg.Command(collection, A(D(("$project", D(("r", Op("$toInt", "x")))))))), 241, "ConversionFailure");
    }

    [Fact]
    public async Task New_operators_work_in_find_expr()
    {
        var collection = await Agg.SeedAsync(fixture, [D(("_id", 1), ("s", "abc"), ("n", 2.4)), D(("_id", 2), ("s", "xyz"), ("n", 2.6))]);
        var filter = D(("$expr", D(("$and", A(
            Op("$regexMatch", D(("input", "$s"), ("regex", "^x"))),
            Op("$eq", A(Op("$round", "$n"), 3.0)),
            Op("$eq", A(Op("$strLenCP", "$s"), 3)),
            Op("$in", A(Op("$toUpper", "$s"), A("XYZ"))))))));
        var batch = Reply.FirstBatch(await fixture.RunAsync(D(("find", collection), ("filter", filter))));
        Assert.Equal([2], batch.Select(d => d["_id"].AsInt32));
    }
}

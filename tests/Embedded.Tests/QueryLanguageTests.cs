using OpenQuizz.Typed.Embedded.Bson;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests;

public sealed class QueryLanguageTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly BsonDocument[] Data =
    [
        D(("_id", 1), ("a", 1), ("b", "x"), ("tags", A("red", "blue")), ("n", D(("c", 5)))),
        D(("_id", 2), ("a", 2.0), ("b", "y"), ("tags", A("red")), ("n", D(("c", 10))), ("arr", A(D(("k", 1), ("v", "a")), D(("k", 2), ("v", "b"))))),
        D(("_id", 3), ("a", 3L), ("b", "X"), ("tags", A()), ("arr", A(D(("k", 3), ("v", "c")))), ("nul", Null)),
        D(("_id", 4), ("a", "3"), ("b", Null), ("arr", A(D(("k", 1), ("v", "z")), D(("v", "q")))), ("nested", A(A(1, 2), A(3)))),
        D(("_id", 5), ("a", A(1, 5)), ("d", new Decimal128(4.5m)), ("dt", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc))),
        D(("_id", 6)),
    ];

    private static readonly Dictionary<string, (BsonDocument Filter, int[] Ids)> Cases = new()
    {
        ["equality matches every numeric type and array elements"] = (D(("a", 1)), [1, 5]),
        ["equality across int and double"] = (D(("a", 2)), [2]),
        ["equality does not cross numbers and strings"] = (D(("a", 3)), [3]),
        ["string equality"] = (D(("a", "3")), [4]),
        ["$gt brackets types and looks into arrays"] = (D(("a", D(("$gt", 1)))), [2, 3, 5]),
        ["range may be satisfied by different array elements"] = (D(("a", D(("$gte", 1), ("$lt", 3)))), [1, 2, 5]),
        ["$ne excludes array elements"] = (D(("a", D(("$ne", 1)))), [2, 3, 4, 6]),
        ["$in"] = (D(("a", D(("$in", A(2, "3"))))), [2, 4]),
        ["$in with a regex"] = (D(("b", D(("$in", A(Re("^y")))))), [2]),
        ["$nin matches missing"] = (D(("a", D(("$nin", A(1, 2, 3))))), [4, 6]),
        ["null matches null and missing"] = (D(("b", Null)), [4, 5, 6]),
        ["$exists false"] = (D(("b", D(("$exists", false)))), [5, 6]),
        ["$exists true on a null field"] = (D(("nul", D(("$exists", true)))), [3]),
        ["$type alias"] = (D(("b", D(("$type", "string")))), [1, 2, 3]),
        ["$type number"] = (D(("a", D(("$type", "number")))), [1, 2, 3, 5]),
        ["$type code"] = (D(("a", D(("$type", 18)))), [3]),
        ["$type list"] = (D(("a", D(("$type", A("long", "string"))))), [3, 4]),
        ["$type array"] = (D(("a", D(("$type", "array")))), [5]),
        ["array contains"] = (D(("tags", "red")), [1, 2]),
        ["$size"] = (D(("tags", D(("$size", 0)))), [3]),
        ["$all"] = (D(("tags", D(("$all", A("red", "blue"))))), [1]),
        ["empty array equality"] = (D(("tags", A())), [3]),
        ["dotted path into a document"] = (D(("n.c", D(("$gte", 6)))), [2]),
        ["dotted path through an array"] = (D(("arr.k", 1)), [2, 4]),
        ["null through an array matches elements without the field"] = (D(("arr.k", Null)), [1, 4, 5, 6]),
        ["$elemMatch on documents"] = (D(("arr", D(("$elemMatch", D(("k", 1), ("v", "a")))))), [2]),
        ["conditions on different elements without $elemMatch"] = (D(("arr.k", 1), ("arr.v", "b")), [2]),
        ["$elemMatch needs one element"] = (D(("arr", D(("$elemMatch", D(("k", 1), ("v", "b")))))), []),
        ["$elemMatch on values"] = (D(("a", D(("$elemMatch", D(("$gt", 4)))))), [5]),
        ["numeric path component"] = (D(("arr.0.k", 3)), [3]),
        ["nested array element equality"] = (D(("nested", A(3))), [4]),
        ["regex literal with options"] = (D(("b", Re("^x$", "i"))), [1, 3]),
        ["$regex with $options"] = (D(("b", D(("$regex", "^x"), ("$options", "i")))), [1, 3]),
        ["$not regex"] = (D(("b", D(("$not", Re("^x"))))), [2, 3, 4, 5, 6]),
        ["$not operators"] = (D(("a", D(("$not", D(("$gt", 1)))))), [1, 4, 6]),
        ["$mod"] = (D(("a", D(("$mod", A(2, 1))))), [1, 3, 5]),
        ["$or"] = (D(("$or", A(D(("a", 2)), D(("b", "X"))))), [2, 3]),
        ["$and"] = (D(("$and", A(D(("tags", "red")), D(("tags", "blue"))))), [1]),
        ["$nor"] = (D(("$nor", A(D(("a", D(("$exists", true))))))), [6]),
        ["$expr"] = (D(("$expr", D(("$gt", A("$n.c", 6))))), [2]),
        ["$expr with arithmetic"] = (D(("$expr", D(("$eq", A(D(("$add", A("$n.c", 5))), 10))))), [1]),
        ["decimal compared with double"] = (D(("d", 4.5)), [5]),
        ["decimal range"] = (D(("d", D(("$gt", 4)))), [5]),
        ["dates"] = (D(("dt", D(("$gt", new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc))))), [5]),
        ["_id range"] = (D(("_id", D(("$lte", 2)))), [1, 2]),
        ["_id point lookup"] = (D(("_id", 4)), [4]),
        ["_id point lookup with other conditions"] = (D(("_id", 4), ("b", "x")), []),
        ["$lt MaxKey"] = (D(("b", D(("$lt", BsonMaxKey.Value)))), [1, 2, 3, 4]),
        ["empty filter"] = (D(), [1, 2, 3, 4, 5, 6]),
    };

    private static readonly Dictionary<string, (BsonDocument Filter, int Code)> ErrorCases = new()
    {
        ["empty $and"] = (D(("$and", A())), 2),
        ["$or of non-documents"] = (D(("$or", A(1))), 2),
        ["$in without an array"] = (D(("a", D(("$in", 1)))), 2),
        ["negative $size"] = (D(("a", D(("$size", -1)))), 2),
        ["$mod by zero"] = (D(("a", D(("$mod", A(0, 1))))), 2),
        ["unknown $type alias"] = (D(("a", D(("$type", "foo")))), 2),
        ["unknown operator"] = (D(("a", D(("$exists", 1), ("$bogus", 1)))), 2),
        ["unknown top-level operator"] = (D(("$foo", 1)), 2),
        ["invalid regex"] = (D(("a", D(("$regex", "(")))), 51091),
        ["$options without $regex"] = (D(("a", D(("$options", "i")))), 2),
        ["$elemMatch of a non-document"] = (D(("a", D(("$elemMatch", 1)))), 2),
        ["$not of a value"] = (D(("a", D(("$not", 1)))), 2),
        ["unknown expression"] = (D(("$expr", D(("$nope", 1)))), 168),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    public static TheoryData<string> ErrorCaseNames => [.. ErrorCases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Filter_matches_what_mongod_matches(string name)
    {
        var (filter, expected) = Cases[name];
        var collection = await SeedAsync();
        var batch = Reply.FirstBatch(await fixture.RunAsync(D(("find", collection), ("filter", filter), ("sort", D(("_id", 1))))));
        Assert.Equal(expected, batch.Select(d => d["_id"].AsInt32).ToArray());
    }

    [Theory]
    [MemberData(nameof(ErrorCaseNames))]
    public async Task Invalid_filters_fail_with_mongods_code(string name)
    {
        var (filter, code) = ErrorCases[name];
        var collection = await SeedAsync();
        Reply.Error(await fixture.RunAsync(D(("find", collection), ("filter", filter))), code);
    }

    private async Task<string> SeedAsync()
    {
        var collection = "q" + Guid.NewGuid().ToString("N");
        var documents = new BsonArray(Data.Select(d => d.DeepClone()));
        Reply.Ok(await fixture.RunAsync(D(("insert", collection), ("documents", documents))));
        return collection;
    }
}

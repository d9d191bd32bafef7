using OpenQuizz.Typed.Embedded.Bson;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests;

public sealed class UpdateLanguageTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private sealed record Case(BsonDocument Before, BsonDocument Update, BsonDocument After, BsonDocument? Query = null, BsonArray? ArrayFilters = null);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["$set adds a field"] = new(D(("_id", 1), ("a", 1)), D(("$set", D(("b", 2)))), D(("_id", 1), ("a", 1), ("b", 2))),
        ["$set replaces in place"] = new(D(("_id", 1), ("a", 1), ("b", 1)), D(("$set", D(("a", "x")))), D(("_id", 1), ("a", "x"), ("b", 1))),
        ["$set creates embedded documents"] = new(D(("_id", 1)), D(("$set", D(("x.y.z", 1)))), D(("_id", 1), ("x", D(("y", D(("z", 1))))))),
        ["$set an array element"] = new(D(("_id", 1), ("arr", A(1, 2))), D(("$set", D(("arr.1", 5)))), D(("_id", 1), ("arr", A(1, 5)))),
        ["$set past the end pads with null"] = new(D(("_id", 1), ("arr", A(1, 2))), D(("$set", D(("arr.3", 9)))), D(("_id", 1), ("arr", A(1, 2, Null, 9)))),
        ["new fields are added in lexicographic order"] = new(D(("_id", 1), ("a", 1)), D(("$set", D(("z", 1), ("b", 1)))), D(("_id", 1), ("a", 1), ("b", 1), ("z", 1))),
        ["$unset removes"] = new(D(("_id", 1), ("a", 1), ("b", 2)), D(("$unset", D(("a", "")))), D(("_id", 1), ("b", 2))),
        ["$unset of an array element nulls it"] = new(D(("_id", 1), ("arr", A(1, 2))), D(("$unset", D(("arr.0", 1)))), D(("_id", 1), ("arr", A(Null, 2)))),
        ["$unset of a missing field is a no-op"] = new(D(("_id", 1)), D(("$unset", D(("a.b", 1)))), D(("_id", 1))),
        ["$inc overflows int32 into int64"] = new(D(("_id", 1), ("a", int.MaxValue)), D(("$inc", D(("a", 1)))), D(("_id", 1), ("a", (long)int.MaxValue + 1))),
        ["$inc creates the field"] = new(D(("_id", 1)), D(("$inc", D(("c", 2.5)))), D(("_id", 1), ("c", 2.5))),
        ["$inc int by double gives double"] = new(D(("_id", 1), ("a", 1)), D(("$inc", D(("a", 0.5)))), D(("_id", 1), ("a", 1.5))),
        ["$inc decimal"] = new(D(("_id", 1), ("a", 1)), D(("$inc", D(("a", new Decimal128(0.5m))))), D(("_id", 1), ("a", new Decimal128(1.5m)))),
        ["$mul"] = new(D(("_id", 1), ("a", 3)), D(("$mul", D(("a", 2)))), D(("_id", 1), ("a", 6))),
        ["$mul creates zero"] = new(D(("_id", 1)), D(("$mul", D(("z", 2L)))), D(("_id", 1), ("z", 0L))),
        ["$min lowers"] = new(D(("_id", 1), ("a", 5)), D(("$min", D(("a", 3)))), D(("_id", 1), ("a", 3))),
        ["$min keeps"] = new(D(("_id", 1), ("a", 5)), D(("$min", D(("a", 7)))), D(("_id", 1), ("a", 5))),
        ["$max raises across types"] = new(D(("_id", 1), ("a", 5)), D(("$max", D(("a", "s")))), D(("_id", 1), ("a", "s"))),
        ["$rename"] = new(D(("_id", 1), ("a", 1), ("b", 2)), D(("$rename", D(("a", "c.d")))), D(("_id", 1), ("b", 2), ("c", D(("d", 1))))),
        ["$setOnInsert is ignored by updates"] = new(D(("_id", 1)), D(("$setOnInsert", D(("a", 1)))), D(("_id", 1))),
        ["$push appends"] = new(D(("_id", 1), ("arr", A(1))), D(("$push", D(("arr", 2)))), D(("_id", 1), ("arr", A(1, 2)))),
        ["$push creates the array"] = new(D(("_id", 1)), D(("$push", D(("arr", D(("x", 1)))))), D(("_id", 1), ("arr", A(D(("x", 1)))))),
        ["$push $each $position"] = new(D(("_id", 1), ("arr", A(1, 4))), D(("$push", D(("arr", D(("$each", A(2, 3)), ("$position", 1)))))), D(("_id", 1), ("arr", A(1, 2, 3, 4)))),
        ["$push $each $sort $slice"] = new(D(("_id", 1), ("arr", A(5, 1))), D(("$push", D(("arr", D(("$each", A(3, 9)), ("$sort", -1), ("$slice", 3)))))), D(("_id", 1), ("arr", A(9, 5, 3)))),
        ["$push $sort by field and negative $slice"] = new(
            D(("_id", 1), ("arr", A(D(("s", 2)), D(("s", 1))))),
            D(("$push", D(("arr", D(("$each", A(D(("s", 3)))), ("$sort", D(("s", 1))), ("$slice", -2)))))),
            D(("_id", 1), ("arr", A(D(("s", 2)), D(("s", 3)))))),
        ["$pop last"] = new(D(("_id", 1), ("arr", A(1, 2, 3))), D(("$pop", D(("arr", 1)))), D(("_id", 1), ("arr", A(1, 2)))),
        ["$pop first"] = new(D(("_id", 1), ("arr", A(1, 2, 3))), D(("$pop", D(("arr", -1)))), D(("_id", 1), ("arr", A(2, 3)))),
        ["$pull value"] = new(D(("_id", 1), ("arr", A(1, 2, 1))), D(("$pull", D(("arr", 1)))), D(("_id", 1), ("arr", A(2)))),
        ["$pull condition"] = new(D(("_id", 1), ("arr", A(1, 5, 3, 7))), D(("$pull", D(("arr", D(("$gte", 5)))))), D(("_id", 1), ("arr", A(1, 3)))),
        ["$pull document query"] = new(D(("_id", 1), ("arr", A(D(("a", 1), ("b", 1)), D(("a", 2))))), D(("$pull", D(("arr", D(("a", 1)))))), D(("_id", 1), ("arr", A(D(("a", 2)))))),
        ["$pullAll"] = new(D(("_id", 1), ("arr", A(1, 2, 3, 2))), D(("$pullAll", D(("arr", A(2, 3))))), D(("_id", 1), ("arr", A(1)))),
        ["$addToSet"] = new(D(("_id", 1), ("arr", A(1, 2))), D(("$addToSet", D(("arr", 2)))), D(("_id", 1), ("arr", A(1, 2)))),
        ["$addToSet $each"] = new(D(("_id", 1), ("arr", A(1))), D(("$addToSet", D(("arr", D(("$each", A(1, 2, 2, 3))))))), D(("_id", 1), ("arr", A(1, 2, 3)))),
        ["positional $"] = new(D(("_id", 1), ("arr", A(1, 2, 3))), D(("$set", D(("arr.$", 20)))), D(("_id", 1), ("arr", A(1, 20, 3))), D(("arr", 2))),
        ["positional $ into documents"] = new(
            D(("_id", 1), ("g", A(D(("k", "a"), ("s", 1)), D(("k", "b"), ("s", 1))))),
            D(("$inc", D(("g.$.s", 5)))),
            D(("_id", 1), ("g", A(D(("k", "a"), ("s", 1)), D(("k", "b"), ("s", 6))))),
            D(("g.k", "b"))),
        ["all positional $[]"] = new(D(("_id", 1), ("arr", A(1, 2))), D(("$inc", D(("arr.$[]", 10)))), D(("_id", 1), ("arr", A(11, 12)))),
        ["filtered positional $[x]"] = new(D(("_id", 1), ("arr", A(1, 5, 2))), D(("$set", D(("arr.$[x]", 0)))), D(("_id", 1), ("arr", A(1, 0, 2))), null, A(D(("x", D(("$gt", 2)))))),
        ["filtered positional on documents"] = new(
            D(("_id", 1), ("g", A(D(("s", 1)), D(("s", 9))))),
            D(("$set", D(("g.$[e].ok", true)))),
            D(("_id", 1), ("g", A(D(("s", 1)), D(("s", 9), ("ok", true))))),
            null,
            A(D(("e.s", D(("$gte", 5)))))),
        ["setting _id to the same value is allowed"] = new(D(("_id", 1), ("a", 1)), D(("$set", D(("_id", 1), ("a", 2)))), D(("_id", 1), ("a", 2))),
    };

    private static readonly Dictionary<string, (BsonDocument Before, BsonDocument Update, int Code, BsonArray? ArrayFilters)> ErrorCases = new()
    {
        ["$inc of a string field"] = (D(("_id", 1), ("a", "x")), D(("$inc", D(("a", 1)))), 14, null),
        ["$inc by a string"] = (D(("_id", 1)), D(("$inc", D(("a", "x")))), 14, null),
        ["conflicting operators"] = (D(("_id", 1)), D(("$set", D(("a", 1))), ("$inc", D(("a", 1)))), 40, null),
        ["conflicting prefix"] = (D(("_id", 1)), D(("$set", D(("a.b", 1), ("a", 1)))), 40, null),
        ["changing _id"] = (D(("_id", 1)), D(("$set", D(("_id", 2)))), 66, null),
        ["unsetting _id"] = (D(("_id", 1)), D(("$unset", D(("_id", 1)))), 66, null),
        ["$push to a non-array"] = (D(("_id", 1), ("a", 1)), D(("$push", D(("a", 1)))), 2, null),
        ["$pop of a non-array"] = (D(("_id", 1), ("a", 1)), D(("$pop", D(("a", 1)))), 14, null),
        ["$pop with a bad argument"] = (D(("_id", 1)), D(("$pop", D(("a", 2)))), 9, null),
        ["unknown modifier"] = (D(("_id", 1)), D(("$foo", D(("a", 1)))), 9, null),
        ["modifier of a non-document"] = (D(("_id", 1)), D(("$set", 1)), 9, null),
        ["path through a scalar"] = (D(("_id", 1), ("a", 1)), D(("$set", D(("a.b", 1)))), 28, null),
        ["positional without a query match"] = (D(("_id", 1), ("arr", A(1))), D(("$set", D(("arr.$", 1)))), 2, null),
        ["unused array filter"] = (D(("_id", 1), ("arr", A(1))), D(("$set", D(("arr.0", 1)))), 9, A(D(("x", 1)))),
        ["missing array filter"] = (D(("_id", 1), ("arr", A(1))), D(("$set", D(("arr.$[y]", 1)))), 2, null),
        ["empty path"] = (D(("_id", 1)), D(("$set", D(("", 1)))), 56, null),
        ["$rename to itself"] = (D(("_id", 1), ("a", 1)), D(("$rename", D(("a", "a")))), 2, null),
        ["$-prefixed field in a replacement"] = (D(("_id", 1)), D(("a", 1), ("$set", D(("b", 1)))), 52, null),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    public static TheoryData<string> ErrorCaseNames => [.. ErrorCases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Update_produces_what_mongod_produces(string name)
    {
        var test = Cases[name];
        var collection = await SeedAsync(test.Before);
        var statement = D(("q", test.Query ?? D(("_id", 1))), ("u", test.Update));
        if (test.ArrayFilters is not null)
        {
            statement.Add("arrayFilters", test.ArrayFilters);
        }

        var reply = Reply.Ok(await fixture.RunAsync(D(("update", collection), ("updates", A(statement)))));
        Assert.False(reply.Contains("writeErrors"), reply.ToString());
        Assert.Equal(1, reply["n"].AsInt32);
        Assert.Equal(test.After.Equals(test.Before) ? 0 : 1, reply["nModified"].AsInt32);
        var after = Reply.FirstBatch(await fixture.RunAsync(D(("find", collection))))[0];
        Assert.Equal(test.After, after);
    }

    [Theory]
    [MemberData(nameof(ErrorCaseNames))]
    public async Task Invalid_updates_fail_with_mongods_code(string name)
    {
        var (before, update, code, arrayFilters) = ErrorCases[name];
        var collection = await SeedAsync(before);
        var statement = D(("q", D(("_id", 1))), ("u", update));
        if (arrayFilters is not null)
        {
            statement.Add("arrayFilters", arrayFilters);
        }

        var reply = Reply.Ok(await fixture.RunAsync(D(("update", collection), ("updates", A(statement)))));
        var error = reply["writeErrors"][0].AsBsonDocument;
        Assert.True(code == error["code"].AsInt32, error.ToString());
        Assert.Equal(0, error["index"].AsInt32);

        // The document is untouched.
        Assert.Equal(before, Reply.FirstBatch(await fixture.RunAsync(D(("find", collection))))[0]);
    }

    [Fact]
    public async Task Upsert_seeds_from_equality_fields_and_applies_setOnInsert()
    {
        var collection = "upsert" + Guid.NewGuid().ToString("N");
        var query = D(("a", 1), ("b.c", "x"), ("n", D(("$gt", 1))), ("$and", A(D(("e", D(("$eq", 5)))))));
        var update = D(("$set", D(("s", 1))), ("$setOnInsert", D(("created", true))));
        var statement = D(("q", query), ("u", update), ("upsert", true));
        var reply = Reply.Ok(await fixture.RunAsync(D(("update", collection), ("updates", A(statement)))));
        var id = reply["upserted"][0]["_id"];
        Assert.True(id.IsObjectId);
        var document = Reply.FirstBatch(await fixture.RunAsync(D(("find", collection))))[0];
        Assert.Equal(D(("_id", id), ("a", 1), ("b", D(("c", "x"))), ("e", 5), ("created", true), ("s", 1)), document);
    }

    [Fact]
    public async Task Replacement_upsert_takes_the_id_from_the_query()
    {
        var collection = "upsert" + Guid.NewGuid().ToString("N");
        var statement = D(("q", D(("_id", 7), ("x", 1))), ("u", D(("y", 2))), ("upsert", true));
        Reply.Ok(await fixture.RunAsync(D(("update", collection), ("updates", A(statement)))));
        Assert.Equal(D(("_id", 7), ("y", 2)), Reply.FirstBatch(await fixture.RunAsync(D(("find", collection))))[0]);
    }

    [Fact]
    public async Task CurrentDate_sets_a_date_or_a_timestamp()
    {
        var collection = await SeedAsync(D(("_id", 1)));
        var statement = D(("q", D(("_id", 1))), ("u", D(("$currentDate", D(("d", true), ("t", D(("$type", "timestamp"))))))));
        Reply.Ok(await fixture.RunAsync(D(("update", collection), ("updates", A(statement)))));
        var document = Reply.FirstBatch(await fixture.RunAsync(D(("find", collection))))[0];
        Assert.True(document["d"].IsDateTime);
        Assert.Equal(BsonType.Timestamp, document["t"].BsonType);
    }

    [Fact]
    public async Task Multi_replacement_is_refused()
    {
        var collection = await SeedAsync(D(("_id", 1)));
        var statement = D(("q", D()), ("u", D(("a", 1))), ("multi", true));
        var reply = Reply.Ok(await fixture.RunAsync(D(("update", collection), ("updates", A(statement)))));
        Assert.Equal(9, reply["writeErrors"][0]["code"].AsInt32);
    }

    private async Task<string> SeedAsync(BsonDocument document)
    {
        var collection = "u" + Guid.NewGuid().ToString("N");
        Reply.Ok(await fixture.RunAsync(D(("insert", collection), ("documents", A(document.DeepClone())))));
        return collection;
    }
}

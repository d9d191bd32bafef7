using OpenQuizz.Typed.Embedded.Bson;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests;

public sealed class ProjectionAndSortTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly BsonDocument Source = D(
        ("_id", 1),
        ("a", 1),
        ("b", D(("c", 2), ("d", 3))),
        ("arr", A(D(("k", 1), ("v", "x")), D(("k", 2), ("v", "y")), D(("k", 3), ("v", "z")))),
        ("nums", A(1, 2, 3, 4, 5)));

    private static readonly Dictionary<string, (BsonDocument Projection, BsonDocument Expected, BsonDocument? Filter)> Cases = new()
    {
        ["inclusion keeps _id"] = (D(("a", 1)), D(("_id", 1), ("a", 1)), null),
        ["inclusion without _id"] = (D(("a", 1), ("_id", 0)), D(("a", 1)), null),
        ["exclusion"] = (D(("arr", 0), ("nums", 0), ("b", 0)), D(("_id", 1), ("a", 1)), null),
        ["only _id excluded"] = (D(("_id", 0), ("arr", 0), ("nums", 0)), D(("a", 1), ("b", D(("c", 2), ("d", 3)))), null),
        ["dotted inclusion"] = (D(("b.c", 1)), D(("_id", 1), ("b", D(("c", 2)))), null),
        ["dotted inclusion through an array"] = (D(("arr.k", 1), ("_id", 0)), D(("arr", A(D(("k", 1)), D(("k", 2)), D(("k", 3))))), null),
        ["dotted exclusion"] = (D(("b.d", 0), ("arr", 0), ("nums", 0)), D(("_id", 1), ("a", 1), ("b", D(("c", 2)))), null),
        ["$slice count"] = (D(("nums", D(("$slice", 2))), ("arr", 0)), D(("_id", 1), ("a", 1), ("b", D(("c", 2), ("d", 3))), ("nums", A(1, 2))), null),
        ["$slice negative"] = (D(("nums", D(("$slice", -2))), ("a", 1), ("_id", 0)), D(("a", 1), ("nums", A(4, 5))), null),
        ["$slice skip and limit"] = (D(("nums", D(("$slice", A(1, 2)))), ("_id", 0), ("a", 1)), D(("a", 1), ("nums", A(2, 3))), null),
        ["$elemMatch"] = (D(("arr", D(("$elemMatch", D(("k", D(("$gte", 2))))))), ("_id", 0)), D(("arr", A(D(("k", 2), ("v", "y"))))), null),
        ["positional $"] = (D(("arr.$", 1), ("_id", 0)), D(("arr", A(D(("k", 3), ("v", "z"))))), D(("arr.k", 3))),
        ["computed field"] = (D(("a", 1), ("twice", D(("$multiply", A("$a", 2)))), ("_id", 0)), D(("a", 1), ("twice", 2)), null),
        ["literal field"] = (D(("x", D(("$literal", 1))), ("_id", 0)), D(("x", 1)), null),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Projection_shapes_documents_like_mongod(string name)
    {
        var (projection, expected, filter) = Cases[name];
        var collection = "p" + Guid.NewGuid().ToString("N");
        Reply.Ok(await fixture.RunAsync(D(("insert", collection), ("documents", A(Source.DeepClone())))));
        var find = D(("find", collection), ("projection", projection));
        if (filter is not null)
        {
            find.Add("filter", filter);
        }

        Assert.Equal(expected, Reply.FirstBatch(await fixture.RunAsync(find))[0]);
    }

    [Fact]
    public async Task Mixed_projection_and_collisions_are_errors()
    {
        Reply.Error(await fixture.RunAsync(D(("find", "x"), ("projection", D(("a", 0), ("b", 1))))), 31253);
        Reply.Error(await fixture.RunAsync(D(("find", "x"), ("projection", D(("a", 1), ("a.b", 1))))), 31250);
    }

    [Fact]
    public async Task Sort_orders_across_types_and_arrays()
    {
        var collection = "s" + Guid.NewGuid().ToString("N");
        var documents = A(
            D(("_id", 1), ("v", "str")),
            D(("_id", 2), ("v", 10)),
            D(("_id", 3), ("v", Null)),
            D(("_id", 4)),
            D(("_id", 5), ("v", D(("x", 1)))),
            D(("_id", 6), ("v", 2.5)),
            D(("_id", 7), ("v", true)),
            D(("_id", 8), ("v", new BsonObjectId(ObjectId.Parse("000000000000000000000001")))),
            D(("_id", 9), ("v", A(0, 100))),
            D(("_id", 10), ("v", BsonMinKey.Value)),
            D(("_id", 11), ("v", new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc))),
            D(("_id", 12), ("v", 3L)));
        Reply.Ok(await fixture.RunAsync(D(("insert", collection), ("documents", documents))));

        var ascending = Reply.FirstBatch(await fixture.RunAsync(D(("find", collection), ("sort", D(("v", 1), ("_id", 1))))));
        Assert.Equal([10, 3, 4, 9, 6, 12, 2, 1, 5, 8, 7, 11], ascending.Select(d => d["_id"].AsInt32).ToArray());

        var descending = Reply.FirstBatch(await fixture.RunAsync(D(("find", collection), ("sort", D(("v", -1), ("_id", 1))))));
        Assert.Equal([11, 7, 8, 5, 1, 9, 2, 12, 6, 3, 4, 10], descending.Select(d => d["_id"].AsInt32).ToArray());
    }
}

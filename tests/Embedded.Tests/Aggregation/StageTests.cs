using OpenQuizz.Typed.Embedded.Bson;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Aggregation;

public sealed class StageTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly DateTime Jan15 = new(2024, 1, 15, 10, 30, 0, DateTimeKind.Utc);

    private static readonly BsonDocument[] Sales =
    [
        D(("_id", 1), ("item", "a"), ("price", 10), ("qty", 2), ("tags", A("x", "y")), ("date", Jan15)),
        D(("_id", 2), ("item", "b"), ("price", 20), ("qty", 1), ("tags", A("y"))),
        D(("_id", 3), ("item", "a"), ("price", 5), ("qty", 10), ("tags", A())),
        D(("_id", 4), ("item", "c"), ("price", 7.5), ("qty", 4)),
        D(("_id", 5), ("item", "b"), ("price", 20), ("qty", Null), ("tags", "z")),
    ];

    private static BsonDocument Id(int id) => D(("_id", id));

    private static readonly Dictionary<string, (BsonArray Pipeline, BsonDocument[] Expected)> Cases = new()
    {
        ["$match"] = (A(D(("$match", D(("item", "a")))), D(("$project", D(("_id", 1))))), [Id(1), Id(3)]),
        ["$match with $expr"] = (
            A(D(("$match", D(("$expr", D(("$gt", A(D(("$multiply", A("$price", "$qty"))), 30))))))), D(("$project", D(("_id", 1))))),
            [Id(3)]),
        ["$project inclusion keeps _id and document order"] = (
            A(D(("$match", D(("_id", 1)))), D(("$project", D(("qty", 1), ("item", 1))))),
            [D(("_id", 1), ("item", "a"), ("qty", 2))]),
        ["$project exclusion"] = (
            A(D(("$match", D(("_id", 4)))), D(("$project", D(("price", 0))))),
            [D(("_id", 4), ("item", "c"), ("qty", 4))]),
        ["$project computed with _id excluded"] = (
            A(D(("$match", D(("_id", 1)))), D(("$project", D(("_id", 0), ("item", 1), ("total", D(("$multiply", A("$price", "$qty")))))))),
            [D(("item", "a"), ("total", 20))]),
        ["$project dotted computed path"] = (
            A(D(("$match", D(("_id", 1)))), D(("$project", D(("d.t", "$item"), ("d.q", D(("$literal", 1))))))),
            [D(("_id", 1), ("d", D(("t", "a"), ("q", 1))))]),
        ["$project nested spec"] = (
            A(D(("$match", D(("_id", 2)))), D(("$project", D(("_id", 0), ("x", D(("p", "$price"), ("i", "$item"))))))),
            [D(("x", D(("p", 20), ("i", "b"))))]),
        ["$addFields replaces in place and appends"] = (
            A(D(("$match", D(("_id", 2)))), D(("$addFields", D(("price", D(("$add", A("$price", 1)))), ("x", 1)))), D(("$project", D(("tags", 0))))),
            [D(("_id", 2), ("item", "b"), ("price", 21), ("qty", 1), ("x", 1))]),
        ["$set with $$REMOVE removes"] = (
            A(D(("$match", D(("_id", 2)))), D(("$set", D(("price", "$$REMOVE")))), D(("$project", D(("tags", 0))))),
            [D(("_id", 2), ("item", "b"), ("qty", 1))]),
        ["$set dotted path creates sub-document"] = (
            A(D(("$match", D(("_id", 2)))), D(("$set", D(("m.n", "$qty")))), D(("$project", D(("m", 1))))),
            [D(("_id", 2), ("m", D(("n", 1))))]),
        ["$unset"] = (
            A(D(("$match", D(("_id", 2)))), D(("$unset", A("price", "tags")))),
            [D(("_id", 2), ("item", "b"), ("qty", 1))]),
        ["$unset string form"] = (
            A(D(("$match", D(("_id", 4)))), D(("$unset", "price"))),
            [D(("_id", 4), ("item", "c"), ("qty", 4))]),
        ["$group with numeric accumulators"] = (
            A(
                D(("$group", D(
                    ("_id", "$item"),
                    ("total", D(("$sum", "$price"))),
                    ("n", D(("$count", D()))),
                    ("avg", D(("$avg", "$price"))),
                    ("lo", D(("$min", "$qty"))),
                    ("hi", D(("$max", "$qty")))))),
                D(("$sort", D(("_id", 1))))),
            [
                D(("_id", "a"), ("total", 15), ("n", 1 + 1), ("avg", 7.5), ("lo", 2), ("hi", 10)),
                D(("_id", "b"), ("total", 40), ("n", 2), ("avg", 20.0), ("lo", 1), ("hi", 1)),
                D(("_id", "c"), ("total", 7.5), ("n", 1), ("avg", 7.5), ("lo", 4), ("hi", 4)),
            ]),
        ["$group with first, last, push and addToSet"] = (
            A(
                D(("$sort", D(("_id", 1)))),
                D(("$group", D(
                    ("_id", "$item"),
                    ("first", D(("$first", "$_id"))),
                    ("last", D(("$last", "$_id"))),
                    ("qtys", D(("$push", "$qty"))),
                    ("prices", D(("$addToSet", "$price")))))),
                D(("$sort", D(("_id", 1))))),
            [
                D(("_id", "a"), ("first", 1), ("last", 3), ("qtys", A(2, 10)), ("prices", A(10, 5))),
                D(("_id", "b"), ("first", 2), ("last", 5), ("qtys", A(1, Null)), ("prices", A(20))),
                D(("_id", "c"), ("first", 4), ("last", 4), ("qtys", A(4)), ("prices", A(7.5))),
            ]),
        ["$group by null"] = (A(D(("$group", D(("_id", Null), ("n", D(("$sum", 1))))))), [D(("_id", Null), ("n", 5))]),
        ["$group by a document of expressions"] = (
            A(D(("$group", D(("_id", D(("i", "$item"), ("p", "$price"))), ("n", D(("$sum", 1)))))), D(("$sort", D(("_id.i", 1), ("_id.p", 1))))),
            [
                D(("_id", D(("i", "a"), ("p", 5))), ("n", 1)),
                D(("_id", D(("i", "a"), ("p", 10))), ("n", 1)),
                D(("_id", D(("i", "b"), ("p", 20))), ("n", 2)),
                D(("_id", D(("i", "c"), ("p", 7.5))), ("n", 1)),
            ]),
        ["$group with $mergeObjects and an _id expression"] = (
            A(D(("$match", D(("item", "a")))), D(("$group", D(("_id", D(("$toUpper", "$item"))), ("m", D(("$mergeObjects", D(("$arrayToObject", A(A(A("$item", "$qty")))))))))))),
            [D(("_id", "A"), ("m", D(("a", 10))))]),
        ["$sort is stable for ties"] = (A(D(("$sort", D(("item", -1)))), D(("$project", D(("_id", 1))))), [Id(4), Id(2), Id(5), Id(1), Id(3)]),
        ["$sort across types puts null first"] = (A(D(("$sort", D(("qty", 1)))), D(("$project", D(("_id", 1))))), [Id(5), Id(2), Id(1), Id(4), Id(3)]),
        ["$skip and $limit"] = (A(D(("$sort", D(("_id", 1)))), D(("$skip", 1)), D(("$limit", 2)), D(("$project", D(("_id", 1))))), [Id(2), Id(3)]),
        ["$skip past the end"] = (A(D(("$skip", 50))), []),
        ["$unwind string form"] = (
            A(D(("$unwind", "$tags")), D(("$project", D(("tags", 1))))),
            [D(("_id", 1), ("tags", "x")), D(("_id", 1), ("tags", "y")), D(("_id", 2), ("tags", "y")), D(("_id", 5), ("tags", "z"))]),
        ["$unwind keeping null and empty arrays with an index"] = (
            A(D(("$unwind", D(("path", "$tags"), ("includeArrayIndex", "i"), ("preserveNullAndEmptyArrays", true)))), D(("$project", D(("tags", 1), ("i", 1))))),
            [
                D(("_id", 1), ("tags", "x"), ("i", 0L)),
                D(("_id", 1), ("tags", "y"), ("i", 1L)),
                D(("_id", 2), ("tags", "y"), ("i", 0L)),
                D(("_id", 3), ("i", Null)),
                D(("_id", 4), ("i", Null)),
                D(("_id", 5), ("tags", "z"), ("i", Null)),
            ]),
        ["$count"] = (A(D(("$match", D(("item", "b")))), D(("$count", "n"))), [D(("n", 2))]),
        ["$count of nothing outputs nothing"] = (A(D(("$match", D(("item", "zz")))), D(("$count", "n"))), []),
        ["$replaceRoot"] = (
            A(D(("$match", D(("_id", 1)))), D(("$replaceRoot", D(("newRoot", D(("item", "$item"), ("q", "$qty"))))))),
            [D(("item", "a"), ("q", 2))]),
        ["$replaceWith"] = (
            A(D(("$match", D(("_id", 1)))), D(("$replaceWith", D(("$mergeObjects", A(D(("z", 0)), D(("item", "$item")))))))),
            [D(("z", 0), ("item", "a"))]),
        ["$sortByCount"] = (A(D(("$sortByCount", "$item"))), [D(("_id", "a"), ("count", 2)), D(("_id", "b"), ("count", 2)), D(("_id", "c"), ("count", 1))]),
        ["$facet"] = (
            A(D(("$facet", D(
                ("byItem", A(D(("$sortByCount", "$item")), D(("$limit", 1)))),
                ("top", A(D(("$sort", D(("price", -1), ("_id", -1)))), D(("$limit", 1)), D(("$project", D(("_id", 1)))))),
                ("none", A(D(("$match", D(("item", "zz")))))))))),
            [D(("byItem", A(D(("_id", "a"), ("count", 2)))), ("top", A(Id(5))), ("none", A()))]),
        ["$$ROOT and $$CURRENT"] = (
            A(D(("$match", D(("_id", 4)))), D(("$project", D(("_id", 0), ("r", "$$ROOT.item"), ("c", "$$CURRENT.qty"))))),
            [D(("r", "c"), ("c", 4))]),
        ["$documents feeds a nested $lookup"] = (
            A(D(("$match", D(("_id", 1)))), D(("$lookup", D(("pipeline", A(D(("$documents", A(D(("v", 1)), D(("v", 2))))))), ("as", "docs")))), D(("$project", D(("docs", 1))))),
            [D(("_id", 1), ("docs", A(D(("v", 1)), D(("v", 2)))))]),
    };

    private static readonly Dictionary<string, (BsonArray Pipeline, int Code)> ErrorCases = new()
    {
        ["unknown stage"] = (A(D(("$bogus", 1))), 40324),
        ["stage with two fields"] = (A(D(("$match", D()), ("$limit", 1))), 40323),
        ["stage that is not an object"] = (A(1), 14),
        ["$match of a non-object"] = (A(D(("$match", 1))), 15959),
        ["$group without _id"] = (A(D(("$group", D(("n", D(("$sum", 1))))))), 15955),
        ["$group unknown accumulator"] = (A(D(("$group", D(("_id", 1), ("n", D(("$bogus", 1))))))), 15952),
        ["$group field not an accumulator"] = (A(D(("$group", D(("_id", 1), ("n", 1))))), 40234),
        ["$group dotted field"] = (A(D(("$group", D(("_id", 1), ("a.b", D(("$sum", 1))))))), 40235),
        ["$group two accumulators in one field"] = (A(D(("$group", D(("_id", 1), ("n", D(("$sum", 1), ("$max", 1))))))), 40238),
        ["$group of a non-object"] = (A(D(("$group", 1))), 15947),
        ["$sort bad direction"] = (A(D(("$sort", D(("a", 2))))), 15975),
        ["$sort of a non-object"] = (A(D(("$sort", 1))), 15973),
        ["$sort without keys"] = (A(D(("$sort", D()))), 15976),
        ["$limit zero"] = (A(D(("$limit", 0))), 15958),
        ["$unwind without $"] = (A(D(("$unwind", "tags"))), 28818),
        ["$unwind of a number"] = (A(D(("$unwind", 1))), 15981),
        ["$unwind without path"] = (A(D(("$unwind", D(("preserveNullAndEmptyArrays", true))))), 28812),
        ["$unwind unknown option"] = (A(D(("$unwind", D(("path", "$a"), ("x", 1))))), 28811),
        ["$count empty name"] = (A(D(("$count", ""))), 40156),
        ["$count $-prefixed"] = (A(D(("$count", "$n"))), 40158),
        ["$count dotted"] = (A(D(("$count", "a.b"))), 40160),
        ["$project mixing inclusion and exclusion"] = (A(D(("$project", D(("a", 1), ("b", 0))))), 31254),
        ["$project empty"] = (A(D(("$project", D()))), 51272),
        ["$project $-prefixed field"] = (A(D(("$project", D(("$a", 1))))), 16410),
        ["$project path collision"] = (A(D(("$project", D(("a", 1), ("a.b", 1))))), 31249),
        ["$unset of a number"] = (A(D(("$unset", 1))), 31002),
        ["$replaceRoot to a non-object"] = (A(D(("$replaceRoot", D(("newRoot", "$item"))))), 40228),
        ["$replaceRoot without newRoot"] = (A(D(("$replaceRoot", D()))), 40414),
        ["$facet empty"] = (A(D(("$facet", D()))), 40169),
        ["$facet of a non-array"] = (A(D(("$facet", D(("a", 1))))), 40170),
        ["$facet inside $facet"] = (A(D(("$facet", D(("a", A(D(("$facet", D(("b", A())))))))))), 40600),
        ["$sortByCount of a plain string"] = (A(D(("$sortByCount", "item"))), 40147),
        ["$sample without size"] = (A(D(("$sample", D()))), 28749),
        ["$sample negative"] = (A(D(("$sample", D(("size", -1))))), 28747),
        ["$documents not first"] = (A(D(("$match", D())), D(("$documents", A()))), 40602),
        ["unknown expression in a stage"] = (A(D(("$project", D(("a", D(("$bogus", 1))))))), 168),
        ["$divide by zero while running"] = (A(D(("$project", D(("a", D(("$divide", A("$price", 0)))))))), 2),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    public static TheoryData<string> ErrorCaseNames => [.. ErrorCases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Stage_produces_what_mongod_produces(string name)
    {
        var (pipeline, expected) = Cases[name];
        var collection = await Agg.SeedAsync(fixture, Sales);
        Agg.Equal(expected, await Agg.RunAsync(fixture, collection, pipeline));
    }

    [Theory]
    [MemberData(nameof(ErrorCaseNames))]
    public async Task Invalid_stage_fails_with_mongods_code(string name)
    {
        var (pipeline, code) = ErrorCases[name];
        var collection = await Agg.SeedAsync(fixture, Sales);
        Reply.Error(await fixture.RunAsync(Agg.Command(collection, pipeline)), code);
    }

    [Fact]
    public async Task Sample_returns_distinct_documents_of_the_requested_size()
    {
        var collection = await Agg.SeedAsync(fixture, Sales);
        var sample = await Agg.RunAsync(fixture, collection, A(D(("$sample", D(("size", 3))))));
        Assert.Equal(3, sample.Select(d => d["_id"].AsInt32).Distinct().Count());
        var all = await Agg.RunAsync(fixture, collection, A(D(("$sample", D(("size", 50))))));
        Assert.Equal([1, 2, 3, 4, 5], all.Select(d => d["_id"].AsInt32).Order());
    }

    [Fact]
    public async Task Stages_do_not_change_stored_documents()
    {
        var collection = await Agg.SeedAsync(fixture, Sales);
        await Agg.RunAsync(fixture, collection, A(D(("$set", D(("tags.k", 1), ("item", "zz")))), D(("$unwind", "$tags")), D(("$unset", "price"))));
        var stored = Reply.FirstBatch(await fixture.RunAsync(D(("find", collection), ("sort", D(("_id", 1))))));
        Agg.Equal(Sales, stored.Select(d => d.AsBsonDocument).ToList());
    }

    [Fact]
    public async Task Missing_collection_aggregates_to_nothing()
    {
        Assert.Empty(await Agg.RunAsync(fixture, "nope" + Guid.NewGuid().ToString("N"), A(D(("$match", D())))));
    }
}

/// <summary>Two servers started with the same <see cref="EmbeddedServerOptions.RandomSeed"/> sample the same documents.</summary>
public sealed class SeededSampleTests
{
    [Fact]
    public async Task Sample_with_a_seeded_server_is_repeatable()
    {
        var picks = new List<int[]>();
        for (var run = 0; run < 2; run++)
        {
            await using var server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { RandomSeed = 7 });
            await using var client = await Wire.WireClient.ConnectAsync(server.EndPoint);
            var documents = new BsonArray(Enumerable.Range(1, 20).Select(i => (BsonValue)D(("_id", i))));
            Reply.Ok(await client.RunAsync(D(("insert", "s"), ("documents", documents))));
            var reply = await client.RunAsync(Agg.Command("s", A(D(("$sample", D(("size", 5)))))));
            picks.Add(Reply.FirstBatch(reply).Select(d => d["_id"].AsInt32).ToArray());
        }

        Assert.Equal(5, picks[0].Distinct().Count());
        Assert.Equal(picks[0], picks[1]);
    }
}

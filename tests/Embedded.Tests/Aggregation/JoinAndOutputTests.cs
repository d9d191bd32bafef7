using OpenQuizz.Typed.Embedded.Bson;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Aggregation;

/// <summary><c>$lookup</c> (all forms), <c>$unionWith</c>, <c>$out</c> and <c>$merge</c>.</summary>
public sealed class JoinAndOutputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly BsonDocument[] Orders =
    [
        D(("_id", 1), ("item", "pen"), ("qty", 2)),
        D(("_id", 2), ("item", A("pen", "ink")), ("qty", 1)),
        D(("_id", 3), ("qty", 5)),
    ];

    private static readonly BsonDocument[] Stock =
    [
        D(("_id", 10), ("sku", "pen"), ("instock", 3)),
        D(("_id", 11), ("sku", "ink"), ("instock", 0)),
        D(("_id", 12), ("instock", 9)),
    ];

    private async Task<(string Orders, string Stock)> SeedAsync() =>
        (await Agg.SeedAsync(fixture, Orders), await Agg.SeedAsync(fixture, Stock));

    private static int[] Ids(BsonDocument document, string field) => document[field].AsBsonArray.Select(d => d["_id"].AsInt32).ToArray();

    [Fact]
    public async Task Lookup_by_equality_matches_arrays_and_null_with_missing()
    {
        var (orders, stock) = await SeedAsync();
        var results = await Agg.RunAsync(fixture, orders, A(
            D(("$lookup", D(("from", stock), ("localField", "item"), ("foreignField", "sku"), ("as", "found")))),
            D(("$sort", D(("_id", 1))))));
        Assert.Equal([10], Ids(results[0], "found"));
        Assert.Equal([10, 11], Ids(results[1], "found"));
        Assert.Equal([12], Ids(results[2], "found"));
        Assert.Equal(Orders[0]["qty"], results[0]["qty"]);
    }

    [Fact]
    public async Task Lookup_with_let_and_pipeline_sees_the_variables()
    {
        var (orders, stock) = await SeedAsync();
        var results = await Agg.RunAsync(fixture, orders, A(
            D(("$match", D(("_id", 1)))),
            D(("$lookup", D(
                ("from", stock),
                ("let", D(("wanted", "$qty"))),
                ("pipeline", A(
                    D(("$match", D(("$expr", D(("$gte", A("$instock", "$$wanted"))))))),
                    D(("$project", D(("_id", 1), ("short", D(("$subtract", A("$instock", "$$wanted"))))))))),
                ("as", "enough"))))));
        Agg.Equal([D(("_id", 1), ("item", "pen"), ("qty", 2), ("enough", A(D(("_id", 10), ("short", 1)), D(("_id", 12), ("short", 7)))))], results);
    }

    [Fact]
    public async Task Lookup_combined_form_filters_by_equality_then_runs_the_pipeline()
    {
        var (orders, stock) = await SeedAsync();
        var results = await Agg.RunAsync(fixture, orders, A(
            D(("$match", D(("_id", 2)))),
            D(("$lookup", D(
                ("from", stock),
                ("localField", "item"),
                ("foreignField", "sku"),
                ("let", D(("q", "$qty"))),
                ("pipeline", A(D(("$match", D(("$expr", D(("$gte", A("$instock", "$$q"))))))))),
                ("as", "ok"))))));
        Assert.Equal([10], Ids(results[0], "ok"));
    }

    [Fact]
    public async Task Lookup_of_a_missing_collection_gives_empty_arrays()
    {
        var (orders, _) = await SeedAsync();
        var results = await Agg.RunAsync(fixture, orders, A(D(("$lookup", D(("from", "none"), ("localField", "item"), ("foreignField", "sku"), ("as", "x"))))));
        Assert.All(results, r => Assert.Empty(r["x"].AsBsonArray));
    }

    [Theory]
    [InlineData("no as", 9)]
    [InlineData("local without foreign", 9)]
    [InlineData("unknown option", 9)]
    [InlineData("$out inside", 51047)]
    public async Task Invalid_lookup_fails(string name, int code)
    {
        var spec = name switch
        {
            "no as" => D(("from", "x"), ("localField", "a"), ("foreignField", "b")),
            "local without foreign" => D(("from", "x"), ("localField", "a"), ("as", "y")),
            "unknown option" => D(("from", "x"), ("pipeline", A()), ("as", "y"), ("bogus", 1)),
            _ => D(("from", "x"), ("pipeline", A(D(("$out", "z")))), ("as", "y")),
        };
        Reply.Error(await fixture.RunAsync(Agg.Command("c", A(D(("$lookup", spec))))), code);
    }

    [Fact]
    public async Task UnionWith_appends_another_collection()
    {
        var (orders, stock) = await SeedAsync();
        var results = await Agg.RunAsync(fixture, orders, A(
            D(("$project", D(("_id", 1)))),
            D(("$unionWith", D(("coll", stock), ("pipeline", A(D(("$project", D(("_id", 1)))))))))));
        Assert.Equal([1, 2, 3, 10, 11, 12], results.Select(d => d["_id"].AsInt32));
    }

    [Fact]
    public async Task Out_replaces_the_target_and_returns_an_empty_cursor()
    {
        var (orders, _) = await SeedAsync();
        var target = await Agg.SeedAsync(fixture, [D(("_id", 99), ("old", true))]);
        var reply = Reply.Ok(await fixture.RunAsync(Agg.Command(orders, A(D(("$match", D(("qty", D(("$gte", 2)))))), D(("$out", target))))));
        Assert.Empty(reply["cursor"]["firstBatch"].AsBsonArray);
        Assert.Equal(0L, reply["cursor"]["id"].ToInt64());
        var stored = Reply.FirstBatch(await fixture.RunAsync(D(("find", target), ("sort", D(("_id", 1))))));
        Assert.Equal([1, 3], stored.Select(d => d["_id"].AsInt32));
        var names = Reply.FirstBatch(await fixture.RunAsync(D(("listCollections", 1)))).Select(d => d["name"].AsString);
        Assert.DoesNotContain(names, n => n.StartsWith("tmp.agg_out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Out_to_another_database_with_generated_ids()
    {
        var (orders, _) = await SeedAsync();
        Reply.Ok(await fixture.RunAsync(Agg.Command(orders, A(D(("$project", D(("_id", 0), ("q", "$qty")))), D(("$out", D(("db", "outdb"), ("coll", "copy"))))))));
        var stored = Reply.FirstBatch(await fixture.RunAsync(D(("find", "copy")), "outdb"));
        Assert.Equal(3, stored.Count);
        Assert.All(stored, d => Assert.IsType<BsonObjectId>(d["_id"]));
    }

    [Fact]
    public async Task Out_failure_leaves_the_target_unchanged()
    {
        var (orders, _) = await SeedAsync();
        var target = await Agg.SeedAsync(fixture, [D(("_id", 99))]);
        Reply.Error(await fixture.RunAsync(Agg.Command(orders, A(D(("$project", D(("_id", D(("$literal", 1)))))), D(("$out", target))))), 11000);
        var stored = Reply.FirstBatch(await fixture.RunAsync(D(("find", target))));
        Assert.Equal([99], stored.Select(d => d["_id"].AsInt32));
    }

    [Theory]
    [InlineData("not last", 40601)]
    [InlineData("in facet", 40600)]
    [InlineData("dollar name", 73)]
    [InlineData("system collection", 17385)]
    [InlineData("number", 31278)]
    public async Task Invalid_out_fails(string name, int code)
    {
        var pipeline = name switch
        {
            "not last" => A(D(("$out", "x")), D(("$match", D()))),
            "in facet" => A(D(("$facet", D(("a", A(D(("$out", "x")))))))),
            "dollar name" => A(D(("$out", "a$b"))),
            "system collection" => A(D(("$out", "system.x"))),
            _ => A(D(("$out", 1))),
        };
        Reply.Error(await fixture.RunAsync(Agg.Command("c", pipeline)), code);
    }

    [Fact]
    public async Task Merge_upserts_merges_and_keeps_other_documents()
    {
        var (orders, _) = await SeedAsync();
        var target = await Agg.SeedAsync(fixture, [D(("_id", 1), ("keep", true)), D(("_id", 50))]);
        Reply.Ok(await fixture.RunAsync(Agg.Command(orders, A(D(("$project", D(("qty", 1)))), D(("$merge", D(("into", target), ("whenMatched", "merge"), ("whenNotMatched", "insert"))))))));
        var stored = Reply.FirstBatch(await fixture.RunAsync(D(("find", target), ("sort", D(("_id", 1))))));
        Agg.Equal(
            [D(("_id", 1), ("keep", true), ("qty", 2)), D(("_id", 2), ("qty", 1)), D(("_id", 3), ("qty", 5)), D(("_id", 50))],
            stored.Select(d => d.AsBsonDocument).ToList());
    }

    [Fact]
    public async Task Merge_with_a_pipeline_and_discard()
    {
        var (orders, _) = await SeedAsync();
        var target = await Agg.SeedAsync(fixture, [D(("_id", 1), ("total", 10))]);
        var whenMatched = A(D(("$set", D(("total", D(("$add", A("$total", "$$new.qty"))))))));
        Reply.Ok(await fixture.RunAsync(Agg.Command(orders, A(D(("$merge", D(("into", target), ("whenMatched", whenMatched), ("whenNotMatched", "discard"))))))));
        var stored = Reply.FirstBatch(await fixture.RunAsync(D(("find", target))));
        Agg.Equal([D(("_id", 1), ("total", 12))], stored.Select(d => d.AsBsonDocument).ToList());
    }
}

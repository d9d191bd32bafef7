using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Aggregation;

/// <summary><c>$graphLookup</c> with mongod 7.0's options and limits, and the <c>$collStats</c>/<c>$indexStats</c> sources.</summary>
public sealed class GraphLookupAndStatsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static BsonDocument Op(string name, BsonValue argument) => D((name, argument));

    // A reports to B, B to C and D (an array), D back to A (a cycle); E is on its own.
    private static readonly BsonDocument[] People =
    [
        D(("_id", "A"), ("boss", "B"), ("active", true)),
        D(("_id", "B"), ("boss", A("C", "D")), ("active", true)),
        D(("_id", "C"), ("active", false)),
        D(("_id", "D"), ("boss", "A"), ("active", true)),
        D(("_id", "E"), ("boss", Null), ("active", true)),
    ];

    private static BsonDocument Graph(string from, params (string Name, BsonValue Value)[] extra)
    {
        var spec = D(("from", from), ("startWith", "$boss"), ("connectFromField", "boss"), ("connectToField", "_id"), ("as", "chain"));
        foreach (var (name, value) in extra)
        {
            spec.Add(name, value);
        }

        return Op("$graphLookup", spec);
    }

    private static List<string> Ids(BsonValue chain) => [.. chain.AsBsonArray.Select(d => d["_id"].AsString).Order()];

    [Fact]
    public async Task GraphLookup_follows_links_through_arrays_and_cycles_visiting_each_document_once()
    {
        var name = await Agg.SeedAsync(fixture, People);

        var results = await Agg.RunAsync(fixture, name, A(Op("$match", D(("_id", "A"))), Graph(name, ("depthField", "hops"))));

        var chain = results.Single()["chain"].AsBsonArray;
        Assert.Equal(["A", "B", "C", "D"], Ids(chain));
        var hops = chain.ToDictionary(d => d["_id"].AsString, d => d["hops"]);
        Assert.Equal(new BsonInt64(0), hops["B"]);
        Assert.Equal(new BsonInt64(1), hops["C"]);
        Assert.Equal(new BsonInt64(1), hops["D"]);
        Assert.Equal(new BsonInt64(2), hops["A"]);
    }

    [Fact]
    public async Task GraphLookup_stops_at_maxDepth_and_searches_only_within_restrictSearchWithMatch()
    {
        var name = await Agg.SeedAsync(fixture, People);

        var shallow = await Agg.RunAsync(fixture, name, A(Op("$match", D(("_id", "A"))), Graph(name, ("maxDepth", 0))));
        var restricted = await Agg.RunAsync(fixture, name, A(Op("$match", D(("_id", "A"))), Graph(name, ("restrictSearchWithMatch", D(("active", true))))));
        var alone = await Agg.RunAsync(fixture, name, A(Op("$match", D(("_id", "E"))), Graph(name)));

        Assert.Equal(["B"], Ids(shallow.Single()["chain"]));
        Assert.Equal(["A", "B", "D"], Ids(restricted.Single()["chain"]));
        Assert.Empty(alone.Single()["chain"].AsBsonArray); // null starts a search that finds no _id: null
    }

    [Theory]
    [InlineData("""{"from": "p", "startWith": "$x", "connectFromField": "a", "connectToField": "b"}""", 40105)]
    [InlineData("""{"from": "p", "startWith": "$x", "connectFromField": "a", "connectToField": "b", "as": 1}""", 40103)]
    [InlineData("""{"from": "p", "startWith": "$x", "connectFromField": "a", "connectToField": "b", "as": "c", "maxDepth": -1}""", 40101)]
    [InlineData("""{"from": "p", "startWith": "$x", "connectFromField": "a", "connectToField": "b", "as": "c", "maxDepth": 1.5}""", 40102)]
    [InlineData("""{"from": "p", "startWith": "$x", "connectFromField": "a", "connectToField": "b", "as": "c", "restrictSearchWithMatch": 1}""", 40185)]
    [InlineData("""{"from": "p", "startWith": "$x", "connectFromField": "a", "connectToField": "b", "as": "c", "other": 1}""", 40104)]
    public async Task GraphLookup_refuses_malformed_specifications_with_mongods_codes(string spec, int code)
    {
        var reply = await fixture.RunAsync(Agg.Command("p", A(Op("$graphLookup", BsonDocument.Parse(spec)))));
        Reply.Error(reply, code);
    }

    [Fact]
    public async Task GraphLookup_is_held_to_the_stage_memory_limit_with_40099()
    {
        await using var server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { MaxMemoryPerStageBytes = 1024 * 1024 });
        await using var client = await WireClient.ConnectAsync(server.EndPoint);
        var chain = A(Enumerable.Range(0, 40).Select(i => (BsonValue)D(("_id", i), ("next", i + 1), ("pad", new string('x', 50_000)))).ToArray());
        Reply.Ok(await client.RunAsync(D(("insert", "chain"), ("documents", chain))));
        var walk = Op("$graphLookup", D(("from", "chain"), ("startWith", "$next"), ("connectFromField", "next"), ("connectToField", "_id"), ("as", "rest")));

        Reply.Error(await client.RunAsync(Agg.Command("chain", A(Op("$match", D(("_id", 0))), walk))), 40099);

        var bounded = Op("$graphLookup", D(("from", "chain"), ("startWith", "$next"), ("connectFromField", "next"), ("connectToField", "_id"), ("as", "rest"), ("maxDepth", 5)));
        var reply = Reply.FirstBatch(await client.RunAsync(Agg.Command("chain", A(Op("$match", D(("_id", 0))), bounded))));
        Assert.Equal(6, reply[0]["rest"].AsBsonArray.Count);
    }

    [Fact]
    public async Task CollStats_and_indexStats_describe_the_collection_and_must_come_first()
    {
        var name = await Agg.SeedAsync(fixture, People);
        Reply.Ok(await fixture.RunAsync(D(("createIndexes", name), ("indexes", A(D(("key", D(("boss", 1))), ("name", "boss_1")))))));
        await Agg.RunAsync(fixture, name, A(Op("$match", D(("boss", "A")))));

        var stats = (await Agg.RunAsync(fixture, name, A(Op("$collStats", D(("storageStats", D()), ("count", D())))))).Single();
        Assert.Equal("test." + name, stats["ns"].AsString);
        Assert.Equal(5, stats["count"].ToInt64());
        Assert.Equal(5, stats["storageStats"]["count"].ToInt64());
        Assert.Equal(2, stats["storageStats"]["nindexes"].ToInt32());

        var indexes = await Agg.RunAsync(fixture, name, A(Op("$indexStats", D())));
        Assert.Equal(["_id_", "boss_1"], indexes.Select(i => i["name"].AsString).Order());
        var boss = indexes.Single(i => i["name"].AsString == "boss_1");
        Assert.Equal(D(("boss", 1)), boss["key"]);
        Assert.True(boss["accesses"]["ops"].ToInt64() >= 1);

        Reply.Error(await fixture.RunAsync(Agg.Command(name, A(Op("$match", D()), Op("$collStats", D())))), 40602);
        Reply.Error(await fixture.RunAsync(Agg.Command(name, A(Op("$facet", D(("s", A(Op("$indexStats", D())))))))), 40600);
        Reply.Error(await fixture.RunAsync(Agg.Command("absent" + name, A(Op("$collStats", D(("count", D())))))), 26, "NamespaceNotFound");
        Reply.Error(await fixture.RunAsync(Agg.Command(name, A(Op("$collStats", D(("bogus", D())))))), 40415);
    }
}

using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Aggregation;

/// <summary><c>$bucket</c>, <c>$bucketAuto</c> and <c>$setWindowFields</c>: mongod's results, parse errors and memory limits.</summary>
public sealed class BucketAndWindowTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static BsonDocument Op(string name, BsonValue argument) => D((name, argument));

    private static readonly BsonDocument[] Scores =
    [
        D(("_id", 1), ("team", "a"), ("day", 1), ("score", 10)),
        D(("_id", 2), ("team", "a"), ("day", 2), ("score", 30)),
        D(("_id", 3), ("team", "b"), ("day", 1), ("score", 20)),
        D(("_id", 4), ("team", "a"), ("day", 3), ("score", 30)),
        D(("_id", 5), ("team", "b"), ("day", 5), ("score", 5)),
        D(("_id", 6), ("team", "b"), ("day", 6), ("score", Null)),
    ];

    [Fact]
    public async Task Bucket_groups_by_boundaries_sorts_by_bucket_and_sends_the_rest_to_default()
    {
        var name = await Agg.SeedAsync(fixture, Scores);
        var bucket = Op("$bucket", D(("groupBy", "$score"), ("boundaries", A(0, 15, 40)), ("default", "other"), ("output", D(("n", Op("$sum", 1)), ("ids", Op("$push", "$_id"))))));

        var results = await Agg.RunAsync(fixture, name, A(bucket));

        Agg.Equal(
            [
                D(("_id", 0), ("n", 2), ("ids", A(1, 5))),
                D(("_id", 15), ("n", 3), ("ids", A(2, 3, 4))),
                D(("_id", "other"), ("n", 1), ("ids", A(6))),
            ],
            results);
        var counted = await Agg.RunAsync(fixture, name, A(Op("$match", D(("score", Op("$gte", 0)))), Op("$bucket", D(("groupBy", "$score"), ("boundaries", A(0, 15, 40))))));
        Agg.Equal([D(("_id", 0), ("count", 2)), D(("_id", 15), ("count", 3))], counted);
    }

    [Theory]
    [InlineData("""{"groupBy": "score", "boundaries": [0, 1]}""", 40202)]
    [InlineData("""{"groupBy": "$score", "boundaries": [0]}""", 40192)]
    [InlineData("""{"groupBy": "$score", "boundaries": [0, "a"]}""", 40193)]
    [InlineData("""{"groupBy": "$score", "boundaries": [5, 1]}""", 40194)]
    [InlineData("""{"groupBy": "$score", "boundaries": [0, 10], "default": 5}""", 40199)]
    [InlineData("""{"groupBy": "$score"}""", 40198)]
    [InlineData("""{"groupBy": "$score", "boundaries": [0, 10], "x": 1}""", 40197)]
    public async Task Bucket_refuses_malformed_specifications_with_mongods_codes(string spec, int code)
    {
        var name = await Agg.SeedAsync(fixture, Scores);
        var reply = await fixture.RunAsync(Agg.Command(name, A(Op("$bucket", BsonDocument.Parse(spec)))));
        Reply.Error(reply, code);
    }

    [Fact]
    public async Task A_value_outside_the_boundaries_without_a_default_fails_the_switch()
    {
        var name = await Agg.SeedAsync(fixture, Scores);
        var reply = await fixture.RunAsync(Agg.Command(name, A(Op("$bucket", D(("groupBy", "$score"), ("boundaries", A(0, 15)))))));
        Reply.Error(reply, 40066);
    }

    [Fact]
    public async Task BucketAuto_cuts_sorted_values_into_even_buckets_without_splitting_equal_values()
    {
        var documents = Enumerable.Range(1, 10).Select(i => D(("_id", i), ("v", i <= 4 ? 1 : i))).ToArray();
        var name = await Agg.SeedAsync(fixture, documents);

        var results = await Agg.RunAsync(fixture, name, A(Op("$bucketAuto", D(("groupBy", "$v"), ("buckets", 3), ("output", D(("n", Op("$sum", 1)), ("top", Op("$max", "$_id"))))))));

        // Four 1s stay together; each bucket's max is the next one's min, the last one's is inclusive.
        Agg.Equal(
            [
                D(("_id", D(("min", 1), ("max", 5))), ("n", 4), ("top", 4)),
                D(("_id", D(("min", 5), ("max", 8))), ("n", 3), ("top", 7)),
                D(("_id", D(("min", 8), ("max", 10))), ("n", 3), ("top", 10)),
            ],
            results);
        Reply.Error(await fixture.RunAsync(Agg.Command(name, A(Op("$bucketAuto", D(("groupBy", "$v"), ("buckets", 0)))))), 40243);
        Reply.Error(await fixture.RunAsync(Agg.Command(name, A(Op("$bucketAuto", D(("groupBy", "$v")))))), 40246);
        Reply.Error(await fixture.RunAsync(Agg.Command(name, A(Op("$bucketAuto", D(("groupBy", "v"), ("buckets", 2)))))), 40239);
    }

    [Fact]
    public async Task SetWindowFields_computes_running_sliding_and_ranked_values_per_partition()
    {
        var name = await Agg.SeedAsync(fixture, Scores);
        var stage = Op("$setWindowFields", D(
            ("partitionBy", "$team"),
            ("sortBy", D(("day", 1))),
            ("output", D(
                ("running", D(("$sum", "$score"), ("window", D(("documents", A("unbounded", "current")))))),
                ("pair", D(("$push", "$_id"), ("window", D(("documents", A(-1, 0)))))),
                ("nearby", D(("$sum", 1), ("window", D(("range", A(-1, 1)))))),
                ("rank", D(("$rank", new BsonDocument()))),
                ("next", D(("$shift", D(("output", "$_id"), ("by", 1), ("default", 0))))),
                ("filled", D(("$locf", "$score"))),
                ("total", D(("$sum", "$score")))))));

        var results = await Agg.RunAsync(fixture, name, A(stage, Op("$project", D(("team", 0), ("day", 0), ("score", 0)))));

        Agg.Equal(
            [
                D(("_id", 1), ("running", 10), ("pair", A(1)), ("nearby", 2), ("rank", 1), ("next", 2), ("filled", 10), ("total", 70)),
                D(("_id", 2), ("running", 40), ("pair", A(1, 2)), ("nearby", 3), ("rank", 2), ("next", 4), ("filled", 30), ("total", 70)),
                D(("_id", 4), ("running", 70), ("pair", A(2, 4)), ("nearby", 2), ("rank", 3), ("next", 0), ("filled", 30), ("total", 70)),
                D(("_id", 3), ("running", 20), ("pair", A(3)), ("nearby", 1), ("rank", 1), ("next", 5), ("filled", 20), ("total", 25)),
                D(("_id", 5), ("running", 25), ("pair", A(3, 5)), ("nearby", 2), ("rank", 2), ("next", 6), ("filled", 5), ("total", 25)),
                D(("_id", 6), ("running", 25), ("pair", A(5, 6)), ("nearby", 2), ("rank", 3), ("next", 0), ("filled", 5), ("total", 25)),
            ],
            results);
    }

    [Fact]
    public async Task SetWindowFields_refuses_unknown_functions_and_bounds_without_a_sort()
    {
        var name = await Agg.SeedAsync(fixture, Scores);
        async Task Refused(BsonDocument spec, int code) =>
            Reply.Error(await fixture.RunAsync(Agg.Command(name, A(Op("$setWindowFields", spec)))), code);

        await Refused(D(("output", D(("x", Op("$summ", "$score"))))), 9);
        await Refused(D(("output", D(("x", D(("$sum", 1), ("window", D(("documents", A(-1, 0))))))))), 5339901);
        await Refused(D(("output", D(("x", Op("$rank", new BsonDocument()))))), 5371602);
        await Refused(D(("x", 1)), 40415);
    }

    [Fact]
    public async Task Bucket_bucketAuto_and_setWindowFields_are_held_to_the_configured_memory_limit()
    {
        await using var server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { MaxMemoryPerStageBytes = 1024 * 1024 });
        await using var client = await WireClient.ConnectAsync(server.EndPoint);
        var big = A(Enumerable.Range(0, 40).Select(i => (BsonValue)D(("_id", i), ("s", new string('x', 50_000) + i))).ToArray());
        Reply.Ok(await client.RunAsync(D(("insert", "big"), ("documents", big))));

        var bucket = Op("$bucket", D(("groupBy", "$_id"), ("boundaries", A(0, 100)), ("output", D(("all", Op("$push", "$s"))))));
        var bucketAuto = Op("$bucketAuto", D(("groupBy", "$s"), ("buckets", 2)));
        var partition = Op("$setWindowFields", D(("output", D(("n", Op("$count", new BsonDocument()))))));
        var sorted = Op("$setWindowFields", D(("sortBy", D(("s", 1))), ("output", D(("n", Op("$count", new BsonDocument()))))));

        Reply.Error(await client.RunAsync(Agg.Command("big", A(bucket))), 146, "ExceededMemoryLimit");
        Reply.Error(await client.RunAsync(Agg.Command("big", A(bucketAuto))), 292, "QueryExceededMemoryLimitNoDiskUseAllowed");
        Reply.Error(await client.RunAsync(Agg.Command("big", A(partition))), 5414201);
        Reply.Error(await client.RunAsync(Agg.Command("big", A(sorted))), 292);

        // Under the limit the same stages answer.
        var few = Op("$match", D(("_id", Op("$lt", 5))));
        Assert.Equal(2, Reply.FirstBatch(await client.RunAsync(Agg.Command("big", A(few, bucketAuto)))).Count);
        Assert.Equal(5, Reply.FirstBatch(await client.RunAsync(Agg.Command("big", A(few, partition))))[0]["n"].ToInt32());
    }
}

using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;
using static OpenQuizz.Typed.Embedded.Tests.Limits.Hostile;

namespace OpenQuizz.Typed.Embedded.Tests.Limits;

/// <summary>Attacks on what the server sends: a reply it cannot encode fails its command and the connection stays usable.</summary>
[Collection(nameof(RunsAlone))]
public sealed class ReplyLimitTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task An_aggregation_result_nested_past_200_levels_fails_the_command_not_the_connection()
    {
        var client = await fixture.ConnectAsync();
        Reply.Ok(await client.RunAsync(D(("insert", "nest"), ("documents", A(D(("_id", 1), ("x", Deep(150))))))));
        var wrap = Enumerable.Range(0, 60).Select(_ => (BsonValue)D(("$set", D(("x", D(("w", "$x"))))))).ToArray();

        var reply = await client.RunAsync(D(("aggregate", "nest"), ("pipeline", A(wrap)), ("cursor", new BsonDocument())));

        Reply.Error(reply, 15, "Overflow");
        Reply.Ok(await client.RunAsync(D(("ping", 1))));
    }

    [Fact]
    public async Task An_aggregation_result_over_16_MiB_fails_with_BSONObjectTooLarge_and_the_connection_stays()
    {
        var client = await fixture.ConnectAsync();
        foreach (var id in new[] { 1, 2 })
        {
            Reply.Ok(await client.RunAsync(D(("insert", "huge"), ("documents", A(D(("_id", id), ("s", Text(12 * 1024 * 1024)))))), options: new WireOptions { Sequences = ["documents"] }));
        }

        var reply = await client.RunAsync(D(("aggregate", "huge"), ("pipeline", A(D(("$group", D(("_id", Null), ("all", D(("$push", "$s")))))))), ("cursor", new BsonDocument())));

        Reply.Error(reply, ErrorCodes.BsonObjectTooLarge, "BSONObjectTooLarge");
        Reply.Ok(await client.RunAsync(D(("ping", 1))));
        Assert.Equal(2, Reply.Ok(await client.RunAsync(D(("count", "huge"))))["n"].ToInt32());
    }

    [Fact]
    public async Task A_reduce_that_nests_a_value_100000_levels_deep_fails_the_command_instead_of_the_process()
    {
        var client = await fixture.ConnectAsync();
        var nest = D(("input", D(("$range", A(0, 100_000)))), ("initialValue", new BsonDocument()), ("in", D(("a", "$$value"))));
        var document = D(("r", D(("$reduce", nest))));
        var reply = await client.RunAsync(D(("aggregate", 1), ("pipeline", A(D(("$documents", A(document))))), ("cursor", new BsonDocument())));

        Reply.Error(reply, 15, "Overflow");
        Reply.Ok(await client.RunAsync(D(("ping", 1))));
    }

    [Fact]
    public async Task Cursors_past_the_server_and_session_limits_are_refused_and_the_others_keep_working()
    {
        await using var server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { MaxOpenCursors = 3, MaxOpenCursorsPerSession = 2 });
        await using var client = await WireClient.ConnectAsync(server.EndPoint);
        Reply.Ok(await client.RunAsync(D(("insert", "c"), ("documents", A(D(("_id", 1)), D(("_id", 2)), D(("_id", 3)))))));
        var session = D(("id", new BsonBinaryData(new byte[16], BsonBinarySubType.UuidStandard)));
        BsonDocument Find(bool inSession) => inSession
            ? D(("find", "c"), ("batchSize", 1), ("lsid", session))
            : D(("find", "c"), ("batchSize", 1));

        var first = Reply.FirstBatch(await client.RunAsync(Find(true)));
        Reply.Ok(await client.RunAsync(Find(true)));
        Reply.Error(await client.RunAsync(Find(true)), 146);
        Reply.Ok(await client.RunAsync(Find(false)));
        Reply.Error(await client.RunAsync(Find(false)), 146);

        Assert.Single(first);
        Assert.Equal(3, server.Context.Cursors.Count);
    }
}

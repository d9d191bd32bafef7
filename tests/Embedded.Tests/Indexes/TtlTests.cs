using OpenQuizz.Typed.Embedded.Bson;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Indexes;

public sealed class TtlTests
{
    [Fact]
    public async Task Expired_documents_are_removed_when_the_monitor_runs()
    {
        var clock = new ManualTimeProvider();
        await using var server = await EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { TimeProvider = clock, TtlMonitorInterval = TimeSpan.FromSeconds(60) });
        await using var client = await Wire.WireClient.ConnectAsync(server.EndPoint);
        var now = clock.GetUtcNow();
        Reply.Ok(await client.RunAsync(D(("createIndexes", "sessions"), ("indexes", A(D(("key", D(("at", 1))), ("expireAfterSeconds", 3600)))))));
        Reply.Ok(await client.RunAsync(D(
            ("insert", "sessions"),
            ("documents", A(
                D(("_id", "old"), ("at", new BsonDateTime(now.AddHours(-2)))),
                D(("_id", "fresh"), ("at", new BsonDateTime(now.AddMinutes(-30)))),
                D(("_id", "array"), ("at", A(new BsonDateTime(now.AddDays(1)), new BsonDateTime(now.AddHours(-3))))),
                D(("_id", "not-a-date"), ("at", "yesterday")),
                D(("_id", "missing")))))));

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(5, await Count(client));

        clock.Advance(TimeSpan.FromSeconds(1)); // first pass: "old" and "array" (its earliest date) have expired
        Assert.Equal(["fresh", "missing", "not-a-date"], await Ids(client));

        clock.Advance(TimeSpan.FromMinutes(31)); // "fresh" passes its hour
        Assert.Equal(["missing", "not-a-date"], await Ids(client));
        Assert.True(server.Context.Ttl.Passes >= 2);
        Assert.Equal(3, server.Context.Ttl.DeletedDocuments);
    }

    private static async Task<int> Count(Wire.WireClient client) => (await Ids(client)).Length;

    private static async Task<string[]> Ids(Wire.WireClient client) =>
        [.. Reply.FirstBatch(await client.RunAsync(D(("find", "sessions"), ("sort", D(("_id", 1)))))).Select(d => d["_id"].AsString)];
}

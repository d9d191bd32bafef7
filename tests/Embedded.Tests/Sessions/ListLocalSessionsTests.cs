using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;

namespace OpenQuizz.Typed.Embedded.Tests.Sessions;

/// <summary>$listLocalSessions lists the sessions in the server's cache, as mongod does.</summary>
public sealed class ListLocalSessionsTests
{
    [Fact]
    public async Task Lists_the_sessions_the_server_holds_with_their_last_use()
    {
        await using var server = await EmbeddedMongoServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var client = await WireClient.ConnectAsync(server.EndPoint);
        var id = Guid.NewGuid();
        var lsid = new BsonDocument("id", BsonBinaryData.FromGuid(id, UuidRepresentation.Standard));
        Reply.Ok(await client.RunAsync(new BsonDocument { { "insert", "c" }, { "documents", new BsonArray { new BsonDocument("x", 1) } }, { "lsid", lsid } }, "test"));

        var pipeline = new BsonArray { new BsonDocument("$listLocalSessions", new BsonDocument()), new BsonDocument("$match", new BsonDocument("_id.id", lsid["id"])) };
        var sessions = Reply.FirstBatch(await client.RunAsync(new BsonDocument { { "aggregate", 1 }, { "pipeline", pipeline }, { "cursor", new BsonDocument() } }, "admin"));
        var session = Assert.Single(sessions).AsBsonDocument;
        Assert.True(session["_id"]["uid"] is BsonBinaryData);
        Assert.True(session["lastUse"].IsDateTime);

        var all = Reply.FirstBatch(await client.RunAsync(new BsonDocument { { "aggregate", 1 }, { "pipeline", new BsonArray { new BsonDocument("$listLocalSessions", new BsonDocument("allUsers", true)) } }, { "cursor", new BsonDocument() } }, "admin"));
        Assert.Contains(all, s => s["_id"]["id"].Equals(lsid["id"]));

        Reply.Error(await client.RunAsync(new BsonDocument { { "aggregate", "c" }, { "pipeline", new BsonArray { new BsonDocument("$listLocalSessions", new BsonDocument()) } }, { "cursor", new BsonDocument() } }, "test"), 73);
    }
}

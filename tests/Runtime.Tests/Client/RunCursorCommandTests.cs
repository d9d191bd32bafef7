using MongoDB.Bson;

namespace OpenQuizz.Typed.Tests.Client;

/// <summary><c>RunCursorCommand</c> (run-command spec): a command given as a document whose cursor is iterated with getMore.</summary>
public sealed class RunCursorCommandTests(ReplicaSetServerFixture server) : IClassFixture<ReplicaSetServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_find_given_as_a_document_is_iterated_to_its_end_and_a_command_without_a_cursor_is_refused()
    {
        var log = new Infrastructure.CommandLog();
        await using var client = new MongoClient(server.CreateSettings(s => s.CommandEventSubscriber = log));
        var database = client.GetDatabase("cursorcommands");
        var collection = database.GetCollection<BsonDocument>("c");
        await collection.DropAsync(cancellationToken: Token);
        await collection.InsertManyAsync(Enumerable.Range(1, 5).Select(i => new BsonDocument("_id", i)), cancellationToken: Token);

        var cursor = await database.RunCursorCommandAsync(new BsonDocument { { "find", "c" }, { "batchSize", 2 } }, new RunCursorCommandOptions { BatchSize = 2 }, Token);
        var ids = new List<int>();
        await foreach (var document in cursor.WithCancellation(Token))
        {
            ids.Add(document["_id"].AsInt32);
        }

        Assert.Equal([1, 2, 3, 4, 5], ids);
        Assert.Equal(2, log.StartedOf("getMore").Count);
        Assert.All(log.StartedOf("getMore"), e => Assert.Equal(2, e.Command["batchSize"].AsInt32));
        await Assert.ThrowsAsync<InvalidOperationException>(() => database.RunCursorCommandAsync(new BsonDocument("ping", 1), cancellationToken: Token));
    }
}

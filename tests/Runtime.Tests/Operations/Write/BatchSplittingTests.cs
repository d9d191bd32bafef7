using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Operations.Write;

namespace OpenQuizz.Typed.Tests.Operations.Write;

/// <summary>Batches split at maxWriteBatchSize and at maxMessageSizeBytes, computed from the connection's handshake.</summary>
public sealed class BatchSplittingTests
{
    private static BsonDocument Ok(SentMessage _, int count) => new() { { "ok", 1 }, { "n", count } };

    [Theory]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(20, 2)]
    [InlineData(21, 3)]
    public async Task Inserts_split_at_exactly_maxWriteBatchSize(int documents, int batches)
    {
        var executor = new WriteWire.ScriptedExecutor(WriteWire.Context(maxWriteBatchSize: 10), Ok);
        var runner = BulkWriteRunner<BsonDocument>.ForDocuments("db", "c", BsonDocumentCodec.Instance, Enumerable.Range(0, documents).Select(i => new BsonDocument("_id", i)), WriteCommandSettings.Default);

        var result = await runner.ExecuteAsync(async: true, executor, CancellationToken.None);

        Assert.Equal(batches, executor.Sent.Count);
        Assert.All(executor.Sent.SkipLast(1), m => Assert.Equal(10, m.Sequences["documents"].Count));
        Assert.Equal(documents, executor.Sent.Sum(m => m.Sequences["documents"].Count));
        Assert.Equal(documents, result.InsertedCount);
        Assert.Equal(Enumerable.Range(0, documents).Select(i => (BsonValue)i), runner.InsertedIds);
    }

    [Fact]
    public async Task Inserts_split_when_the_next_document_would_pass_maxMessageSizeBytes()
    {
        const int maxMessage = 4096;
        var documents = Enumerable.Range(0, 10).Select(i => new BsonDocument { { "_id", i }, { "pad", new string('x', 1000) } }).ToList();
        var executor = new WriteWire.ScriptedExecutor(WriteWire.Context(maxMessageSize: maxMessage), Ok);
        var runner = BulkWriteRunner<BsonDocument>.ForDocuments("db", "c", BsonDocumentCodec.Instance, documents, WriteCommandSettings.Default);

        await runner.ExecuteAsync(async: false, executor, CancellationToken.None);

        Assert.True(executor.Sent.Count >= 3);
        Assert.All(executor.Sent, m => Assert.True(m.Length <= maxMessage - 4, $"a message of {m.Length} bytes"));
        // Each batch but the last was full: one more document would not have fitted.
        var size = documents[0].GetEncodedSize();
        Assert.All(executor.Sent.SkipLast(1), m => Assert.True(m.Length + size > maxMessage - 4));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (BsonValue)i), executor.Sent.SelectMany(m => m.Sequences["documents"]).Select(d => BsonDocument.FromBytes(d)["_id"]));
    }

    [Fact]
    public async Task Updates_split_by_count_too()
    {
        var requests = Enumerable.Range(0, 5).Select(i => (WriteModel<BsonDocument>)new UpdateOneModel<BsonDocument>(Filter<BsonDocument>.Eq("_id", i), Update<BsonDocument>.Set("x", i))).ToList();
        var executor = new WriteWire.ScriptedExecutor(WriteWire.Context(maxWriteBatchSize: 2), (m, count) => new BsonDocument { { "ok", 1 }, { "n", count }, { "nModified", count } });

        var result = await BulkWriteRunner<BsonDocument>.ForRequests("db", "c", BsonDocumentCodec.Instance, requests, WriteCommandSettings.Default).ExecuteAsync(true, executor, CancellationToken.None);

        Assert.Equal([2, 2, 1], executor.Sent.Select(m => m.Sequences["updates"].Count));
        Assert.Equal(5, result.MatchedCount);
        Assert.Equal(5, result.ModifiedCount);
    }

    [Fact]
    public async Task A_document_over_maxBsonObjectSize_is_refused_before_it_is_sent()
    {
        var documents = new List<BsonDocument> { new("_id", 0), new() { { "_id", 1 }, { "pad", new string('x', 2000) } } };
        var executor = new WriteWire.ScriptedExecutor(WriteWire.Context(maxBsonObjectSize: 1024), Ok);
        var runner = BulkWriteRunner<BsonDocument>.ForDocuments("db", "c", BsonDocumentCodec.Instance, documents, WriteCommandSettings.Default);

        var error = await Assert.ThrowsAsync<MongoMessageTooLargeException>(() => runner.ExecuteAsync(true, executor, CancellationToken.None).AsTask());

        Assert.Contains("index 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(1024, error.Maximum);
        // The document before it went alone in the first batch; the oversize one was never sent.
        Assert.Single(executor.Sent);
        Assert.Single(executor.Sent[0].Sequences["documents"]);
    }
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Operations.Write;

namespace OpenQuizz.Typed.Tests.Operations.Write;

/// <summary>How a bulk write groups its requests and maps errors back to positions in the caller's list.</summary>
public sealed class BulkWriteRunnerTests
{
    private static readonly List<WriteModel<BsonDocument>> Mixed =
    [
        new InsertOneModel<BsonDocument>(new BsonDocument("_id", 0)),
        new DeleteOneModel<BsonDocument>(Filter<BsonDocument>.Eq("_id", 9)),
        new InsertOneModel<BsonDocument>(new BsonDocument("_id", 1)),
        new InsertOneModel<BsonDocument>(new BsonDocument("_id", 2)),
        new UpdateOneModel<BsonDocument>(Filter<BsonDocument>.Eq("_id", 5), Update<BsonDocument>.Set("a", 1)) { IsUpsert = true },
        new InsertOneModel<BsonDocument>(new BsonDocument("_id", 3)),
    ];

    [Fact]
    public void Ordered_groups_consecutive_runs_and_unordered_groups_by_kind()
    {
        Assert.Equal(5, BulkWriteRunner<BsonDocument>.ForRequests("db", "c", BsonDocumentCodec.Instance, Mixed, new WriteCommandSettings(IsOrdered: true)).RunCount);
        Assert.Equal(3, BulkWriteRunner<BsonDocument>.ForRequests("db", "c", BsonDocumentCodec.Instance, Mixed, new WriteCommandSettings(IsOrdered: false)).RunCount);
    }

    [Fact]
    public async Task Unordered_reports_every_error_at_its_index_in_the_callers_list()
    {
        // The unordered insert command holds requests 0, 2, 3, 5; its batch indexes 1 and 3 fail.
        var executor = new WriteWire.ScriptedExecutor(WriteWire.Context(), (m, count) => m.Body.GetElement(0).Name switch
        {
            "insert" => Json.Doc("{ ok: 1, n: 2, writeErrors: [{ index: 1, code: 11000, errmsg: 'dup' }, { index: 3, code: 11000, errmsg: 'dup' }] }"),
            "update" => Json.Doc("{ ok: 1, n: 1, nModified: 0, upserted: [{ index: 0, _id: 5 }] }"),
            _ => Json.Doc("{ ok: 1, n: 0 }"),
        });

        var runner = BulkWriteRunner<BsonDocument>.ForRequests("db", "c", BsonDocumentCodec.Instance, Mixed, new WriteCommandSettings(IsOrdered: false));
        var error = await Assert.ThrowsAsync<MongoBulkWriteException<BsonDocument>>(() => runner.ExecuteAsync(true, executor, CancellationToken.None).AsTask());

        Assert.Equal([2, 5], error.WriteErrors.Select(e => e.Index));
        Assert.All(error.WriteErrors, e => Assert.Equal(WriteErrorCategory.DuplicateKey, e.Category));
        Assert.Equal(3, executor.Sent.Count);
        Assert.Empty(error.UnprocessedRequests);
        Assert.Equal(2, error.PartialResult.InsertedCount);
        Assert.Equal(new BulkWriteUpsert(4, 5), Assert.Single(error.PartialResult.Upserts));
        Assert.Equal(0, error.PartialResult.MatchedCount);
    }

    [Fact]
    public async Task Ordered_stops_at_the_first_error_and_returns_what_was_not_sent()
    {
        // Run 3 (inserts 2 and 3) fails at its batch index 1, which is request 3.
        var executor = new WriteWire.ScriptedExecutor(WriteWire.Context(), (m, count) =>
            m.Body.GetElement(0).Name == "insert" && count == 2
                ? Json.Doc("{ ok: 1, n: 1, writeErrors: [{ index: 1, code: 11000, codeName: 'DuplicateKey', errmsg: 'dup' }] }")
                : new BsonDocument { { "ok", 1 }, { "n", m.Body.GetElement(0).Name == "delete" ? 0 : count } });

        var runner = BulkWriteRunner<BsonDocument>.ForRequests("db", "c", BsonDocumentCodec.Instance, Mixed, new WriteCommandSettings(IsOrdered: true));
        var error = await Assert.ThrowsAsync<MongoBulkWriteException<BsonDocument>>(() => runner.ExecuteAsync(false, executor, CancellationToken.None).AsTask());

        var writeError = Assert.Single(error.WriteErrors);
        Assert.Equal(3, writeError.Index);
        Assert.Equal(3, executor.Sent.Count);
        Assert.Equal([Mixed[4], Mixed[5]], error.UnprocessedRequests);
        Assert.Equal(2, error.PartialResult.InsertedCount);
        Assert.Equal(4, error.PartialResult.RequestCount);
    }

    [Fact]
    public async Task A_write_concern_error_does_not_stop_an_ordered_bulk_but_is_raised_at_the_end()
    {
        var executor = new WriteWire.ScriptedExecutor(WriteWire.Context(), (m, count) => m.Body.GetElement(0).Name == "delete"
            ? Json.Doc("{ ok: 1, n: 0, writeConcernError: { code: 64, errmsg: 'waiting for replication timed out' } }")
            : new BsonDocument { { "ok", 1 }, { "n", count } });

        var runner = BulkWriteRunner<BsonDocument>.ForRequests("db", "c", BsonDocumentCodec.Instance, Mixed, new WriteCommandSettings(IsOrdered: true));
        var error = await Assert.ThrowsAsync<MongoBulkWriteException<BsonDocument>>(() => runner.ExecuteAsync(true, executor, CancellationToken.None).AsTask());

        Assert.Equal(5, executor.Sent.Count);
        Assert.Empty(error.WriteErrors);
        Assert.Equal(64, error.WriteConcernError!.Code);
        Assert.Equal(4, error.PartialResult.InsertedCount);
    }

    [Fact]
    public void Requests_are_checked_before_anything_is_sent()
    {
        Assert.Throws<ArgumentException>(() => BulkWriteRunner<BsonDocument>.ForRequests("db", "c", BsonDocumentCodec.Instance, [], WriteCommandSettings.Default));
        Assert.Throws<ArgumentException>(() => BulkWriteRunner<BsonDocument>.ForRequests("db", "c", BsonDocumentCodec.Instance,
            [new ReplaceOneModel<BsonDocument>(Filter<BsonDocument>.Empty, Json.Doc("{ $inc: { a: 1 } }"))], WriteCommandSettings.Default));
    }
}

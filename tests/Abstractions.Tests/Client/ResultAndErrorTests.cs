using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Tests.Client;

public class ResultAndErrorTests
{
    [Fact]
    public void Unacknowledged_results_have_no_counts()
    {
        var update = UpdateResult.Unacknowledged;
        Assert.False(update.IsAcknowledged);
        Assert.Throws<InvalidOperationException>(() => update.MatchedCount);
        Assert.Throws<InvalidOperationException>(() => update.ModifiedCount);
        Assert.Throws<InvalidOperationException>(() => update.UpsertedId);
        Assert.Throws<InvalidOperationException>(() => DeleteResult.Unacknowledged.DeletedCount);
        var bulk = BulkWriteResult.Unacknowledged(3);
        Assert.Equal(3, bulk.RequestCount);
        Assert.Throws<InvalidOperationException>(() => bulk.InsertedCount);
        Assert.Throws<InvalidOperationException>(() => bulk.Upserts);
        Assert.Throws<InvalidOperationException>(() => bulk.UpsertedCount);
    }

    [Fact]
    public void Acknowledged_results_carry_their_counts()
    {
        var update = UpdateResult.Acknowledged(2, 1, null);
        Assert.Equal(2, update.MatchedCount);
        Assert.Equal(1, update.ModifiedCount);
        Assert.Null(update.UpsertedId);
        Assert.Equal(4, DeleteResult.Acknowledged(4).DeletedCount);
        var bulk = BulkWriteResult.Acknowledged(5, 1, 2, 1, 1, [new BulkWriteUpsert(4, 7)]);
        Assert.Equal(1, bulk.UpsertedCount);
        Assert.Equal(new BulkWriteUpsert(4, 7), Assert.Single(bulk.Upserts));
        var insert = new InsertOneResult(ObjectId.GenerateNewId(), isAcknowledged: false);
        Assert.True(insert.InsertedId.IsObjectId);
    }

    [Theory]
    [InlineData(11000, WriteErrorCategory.DuplicateKey)]
    [InlineData(11001, WriteErrorCategory.DuplicateKey)]
    [InlineData(12582, WriteErrorCategory.DuplicateKey)]
    [InlineData(50, WriteErrorCategory.ExecutionTimeout)]
    [InlineData(121, WriteErrorCategory.Uncategorized)]
    [InlineData(0, WriteErrorCategory.Uncategorized)]
    public void Write_errors_are_categorized_by_code(int code, WriteErrorCategory category)
    {
        Assert.Equal(category, new WriteError(0, code, null, "m", null).Category);
    }

    [Fact]
    public void Write_exceptions_carry_errors_and_labels()
    {
        var concern = new WriteConcernError(64, "WriteConcernFailed", "waiting for replication timed out", new BsonDocument("wtimeout", true), ["RetryableWriteError"]);
        var single = new MongoWriteException(null, new WriteError(0, 11000, "DuplicateKey", "E11000 duplicate key", null), concern, ["Other"]);
        Assert.Equal(WriteErrorCategory.DuplicateKey, single.WriteError!.Category);
        Assert.True(single.HasErrorLabel("RetryableWriteError"));
        Assert.Equal(["Other", "RetryableWriteError"], single.ErrorLabels);
        Assert.Contains("E11000", single.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<MongoException>(single);
        Assert.Throws<ArgumentException>(() => new MongoWriteException(null, null, null));

        var errors = new[] { new WriteError(1, 11000, null, "dup", null), new WriteError(3, 121, "DocumentValidationFailure", "invalid", new BsonDocument("failingDocumentId", 3)) };
        var unprocessed = new WriteModel<Quiz>[] { new InsertOneModel<Quiz>(new Quiz("late")) };
        var bulk = new MongoBulkWriteException<Quiz>(null, errors, null, BulkWriteResult.Acknowledged(2, 1, 0, 0, 0, []), unprocessed);
        Assert.Equal([1, 3], bulk.WriteErrors.Select(e => e.Index));
        Assert.Single(bulk.UnprocessedRequests);
        Assert.Equal(1, bulk.PartialResult.InsertedCount);
        MongoBulkWriteException untyped = bulk;
        Assert.Null(untyped.WriteConcernError);

        var commandConcern = new MongoWriteConcernException(null, "findAndModify", concern, new BsonDocument("ok", 1));
        Assert.True(commandConcern.HasErrorLabel("RetryableWriteError"));
        commandConcern.AddErrorLabel("TransientTransactionError");
        Assert.Equal(2, commandConcern.ErrorLabels.Count);
    }

    [Fact]
    public void Write_models_hold_their_requests()
    {
        var update = new UpdateOneModel<Quiz>(Filter<Quiz>.Eq("_id", 1), Update<Quiz>.Set("a", 1)) { IsUpsert = true };
        Assert.True(update.IsUpsert);
        Assert.Throws<ArgumentNullException>(() => new InsertOneModel<Quiz>(null!));
        WriteModel<Quiz>[] models = [update, new DeleteManyModel<Quiz>(Filter<Quiz>.Empty), new ReplaceOneModel<Quiz>(Filter<Quiz>.Empty, new Quiz("x"))];
        Assert.Equal(3, models.Length);
    }

    [Fact]
    public void Options_default_to_ordered_writes_and_inherit_everything_else()
    {
        Assert.True(new InsertManyOptions().IsOrdered);
        Assert.True(new BulkWriteOptions().IsOrdered);
        var options = new UpdateOptions { IsUpsert = true, WriteConcern = WriteConcern.WMajority };
        Assert.Null(options.Session);
        Assert.Equal(WriteConcern.WMajority, options.WriteConcern);
        Assert.True((options with { IsUpsert = false }).WriteConcern == WriteConcern.WMajority);
        Assert.True(new FindOptions<Quiz>().Sort.IsEmpty);
    }
}

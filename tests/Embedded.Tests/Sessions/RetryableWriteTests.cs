using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.ReplicaSet;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Sessions;

/// <summary>
/// Retryable writes on the wire, as the attacks and bugs they stop: a write that reuses a session's txnNumber is a
/// retry only for the statements (stmtIds) already executed; everything else is applied or refused, never acknowledged unseen.
/// </summary>
public sealed class RetryableWriteTests(ReplicaSetFixture fixture) : IClassFixture<ReplicaSetFixture>
{
    private static BsonDocument NewLsid() => D(("id", BsonBinaryData.FromGuid(Guid.NewGuid(), UuidRepresentation.Standard)));

    private static BsonDocument Clone(BsonDocument command) => (BsonDocument)command.DeepClone();

    private async Task<BsonArray> FindAll(string collection) =>
        Reply.FirstBatch(await fixture.RunAsync(D(("find", collection), ("sort", D(("_id", 1))))));

    [Fact]
    public async Task The_same_statement_sent_again_is_applied_once_and_answered_as_a_retry()
    {
        Reply.Ok(await fixture.RunAsync(D(("insert", "inc"), ("documents", A(D(("_id", 1), ("n", 0)))))));
        var command = D(
            ("update", "inc"),
            ("updates", A(D(("q", D(("_id", 1))), ("u", D(("$inc", D(("n", 1)))))))),
            ("lsid", NewLsid()),
            ("txnNumber", 1L));

        var first = Reply.Ok(await fixture.RunAsync(Clone(command)));
        var retry = Reply.Ok(await fixture.RunAsync(Clone(command)));

        Assert.False(first.Contains("retriedStmtIds"));
        Assert.Equal(first["n"], retry["n"]);
        Assert.Equal(first["nModified"], retry["nModified"]);
        Assert.Equal(A(0), retry["retriedStmtIds"]);
        Assert.Equal(1, (await FindAll("inc"))[0]["n"].AsInt32);
    }

    [Fact]
    public async Task Statements_of_a_batch_that_did_not_run_are_applied_on_the_retry()
    {
        // The first attempt stops at a duplicate key; once the blocker is gone, the retry must insert what was left,
        // not answer the first attempt's reply (which lost the second document for good).
        Reply.Ok(await fixture.RunAsync(D(("insert", "partial"), ("documents", A(D(("_id", 2), ("blocker", true)))))));
        var command = D(("insert", "partial"), ("documents", A(D(("_id", 1)), D(("_id", 2)))), ("lsid", NewLsid()), ("txnNumber", 7L));

        var first = Reply.Ok(await fixture.RunAsync(Clone(command)));
        Assert.Equal(1, first["n"].AsInt32);
        Assert.Equal(11000, first["writeErrors"][0]["code"].AsInt32);
        Reply.Ok(await fixture.RunAsync(D(("delete", "partial"), ("deletes", A(D(("q", D(("_id", 2))), ("limit", 1)))))));

        var retry = Reply.Ok(await fixture.RunAsync(Clone(command)));
        Assert.Equal(2, retry["n"].AsInt32);
        Assert.False(retry.Contains("writeErrors"));
        Assert.Equal(A(0), retry["retriedStmtIds"]);
        var documents = await FindAll("partial");
        Assert.Equal(2, documents.Count);
        Assert.False(documents[1].AsBsonDocument.Contains("blocker"));
    }

    [Fact]
    public async Task A_new_write_reusing_the_txnNumber_with_new_stmtIds_is_applied_not_swallowed()
    {
        var lsid = NewLsid();
        Reply.Ok(await fixture.RunAsync(D(("insert", "reuse"), ("documents", A(D(("_id", 1)))), ("lsid", lsid), ("txnNumber", 3L))));
        var second = Reply.Ok(await fixture.RunAsync(D(("insert", "reuse"), ("documents", A(D(("_id", 2)))), ("lsid", lsid), ("txnNumber", 3L), ("stmtIds", A(1)))));

        Assert.Equal(1, second["n"].AsInt32);
        Assert.False(second.Contains("retriedStmtIds"));
        Assert.Equal(2, (await FindAll("reuse")).Count);
    }

    [Fact]
    public async Task A_recorded_stmtId_reused_by_another_kind_of_write_or_namespace_is_an_error()
    {
        var lsid = NewLsid();
        Reply.Ok(await fixture.RunAsync(D(("insert", "kinds"), ("documents", A(D(("_id", 1), ("n", 0)))), ("lsid", lsid), ("txnNumber", 1L))));

        var update = await fixture.RunAsync(D(
            ("update", "kinds"), ("updates", A(D(("q", D(("_id", 1))), ("u", D(("$inc", D(("n", 1)))))))), ("lsid", lsid), ("txnNumber", 1L)));
        Assert.Equal(40638, Reply.Ok(update)["writeErrors"][0]["code"].AsInt32);
        var elsewhere = await fixture.RunAsync(D(("insert", "otherKinds"), ("documents", A(D(("_id", 1)))), ("lsid", lsid), ("txnNumber", 1L)));
        Assert.Equal(217, Reply.Ok(elsewhere)["writeErrors"][0]["code"].AsInt32);
        var findAndModify = await fixture.RunAsync(D(("findAndModify", "kinds"), ("query", D(("_id", 1))), ("remove", true), ("lsid", lsid), ("txnNumber", 1L)));
        Reply.Error(findAndModify, 40606);

        Assert.Equal(0, (await FindAll("kinds"))[0]["n"].AsInt32);
        Assert.Empty(await FindAll("otherKinds"));
    }

    [Fact]
    public async Task A_different_write_sent_under_a_recorded_stmtId_is_an_error_not_an_acknowledgement()
    {
        // mongod would answer this from the record (it trusts the stmtId); a client reusing its numbers by mistake
        // would then believe _id 9 was stored. The statement's fingerprint tells the two writes apart.
        var lsid = NewLsid();
        Reply.Ok(await fixture.RunAsync(D(("insert", "fingerprint"), ("documents", A(D(("_id", 1)))), ("lsid", lsid), ("txnNumber", 1L))));
        var other = Reply.Ok(await fixture.RunAsync(D(("insert", "fingerprint"), ("documents", A(D(("_id", 9)))), ("lsid", lsid), ("txnNumber", 1L))));
        Assert.Equal(0, other["n"].AsInt32);
        Assert.Equal(217, other["writeErrors"][0]["code"].AsInt32);

        var statement = D(("q", D(("_id", 1))), ("u", D(("$set", D(("v", 1))))));
        var update = D(("update", "fingerprint"), ("updates", A(statement)), ("lsid", lsid), ("txnNumber", 2L));
        Reply.Ok(await fixture.RunAsync(Clone(update)));
        update["updates"][0]["u"] = D(("$set", D(("v", 2))));
        Assert.Equal(40638, Reply.Ok(await fixture.RunAsync(update))["writeErrors"][0]["code"].AsInt32);

        var documents = await FindAll("fingerprint");
        Assert.Equal(A(D(("_id", 1), ("v", 1))), documents);
    }

    [Fact]
    public async Task A_retried_findAndModify_is_recognised_whatever_its_envelope()
    {
        Reply.Ok(await fixture.RunAsync(D(("insert", "envelope"), ("documents", A(D(("_id", 1), ("n", 0)))))));
        var lsid = NewLsid();
        BsonDocument Command(int maxTimeMS) => D(
            ("findAndModify", "envelope"), ("query", D(("_id", 1))), ("update", D(("$inc", D(("n", 1))))), ("maxTimeMS", maxTimeMS), ("lsid", lsid), ("txnNumber", 1L));

        Reply.Ok(await fixture.RunAsync(Command(1000)));
        Assert.Equal(0, Reply.Ok(await fixture.RunAsync(Command(2000)))["retriedStmtId"].AsInt32);
        Assert.Equal(1, (await FindAll("envelope"))[0]["n"].AsInt32);
    }

    [Fact]
    public async Task An_older_txnNumber_is_refused_with_TransactionTooOld()
    {
        var lsid = NewLsid();
        Reply.Ok(await fixture.RunAsync(D(("insert", "old"), ("documents", A(D(("_id", 1)))), ("lsid", lsid), ("txnNumber", 5L))));
        var reply = await fixture.RunAsync(D(("insert", "old"), ("documents", A(D(("_id", 2)))), ("lsid", lsid), ("txnNumber", 4L)));

        Reply.Error(reply, 225, "TransactionTooOld");
        Assert.Single(await FindAll("old"));
    }

    [Fact]
    public async Task A_retried_findAndModify_returns_the_first_image_without_modifying_again()
    {
        Reply.Ok(await fixture.RunAsync(D(("insert", "fam"), ("documents", A(D(("_id", 1), ("n", 0)))))));
        var command = D(("findAndModify", "fam"), ("query", D(("_id", 1))), ("update", D(("$inc", D(("n", 1))))), ("new", true), ("lsid", NewLsid()), ("txnNumber", 1L));

        var first = Reply.Ok(await fixture.RunAsync(Clone(command)));
        var retry = Reply.Ok(await fixture.RunAsync(Clone(command)));

        Assert.Equal(first["value"], retry["value"]);
        Assert.Equal(0, retry["retriedStmtId"].AsInt32);
        Assert.Equal(1, (await FindAll("fam"))[0]["n"].AsInt32);
    }

    [Fact]
    public async Task Transaction_fields_are_refused_and_nothing_is_written()
    {
        var lsid = NewLsid();
        var start = await fixture.RunAsync(D(
            ("insert", "txn"), ("documents", A(D(("_id", 1)))), ("lsid", lsid), ("txnNumber", 1L), ("autocommit", false), ("startTransaction", true)));
        Reply.Error(start, 20, "IllegalOperation");
        Reply.Error(await fixture.RunAsync(D(("insert", "txn"), ("documents", A(D(("_id", 2)))), ("lsid", lsid), ("txnNumber", 1L), ("autocommit", false))), 20);
        Reply.Error(await fixture.RunAsync(D(("commitTransaction", 1), ("lsid", lsid), ("txnNumber", 1L), ("autocommit", false)), "admin"), 20);
        Reply.Error(await fixture.RunAsync(D(("abortTransaction", 1), ("lsid", lsid)), "admin"), 20);
        Reply.Error(await fixture.RunAsync(D(("commitTransaction", 1)), "admin"), 20);

        // Malformed transaction fields get mongod's InvalidOptions.
        Reply.Error(await fixture.RunAsync(D(("insert", "txn"), ("documents", A(D(("_id", 3)))), ("lsid", lsid), ("autocommit", false))), 72, "InvalidOptions");
        Reply.Error(await fixture.RunAsync(D(("insert", "txn"), ("documents", A(D(("_id", 3)))), ("txnNumber", 2L))), 72);
        Reply.Error(await fixture.RunAsync(D(("insert", "txn"), ("documents", A(D(("_id", 3)))), ("lsid", lsid), ("txnNumber", 2L), ("autocommit", true))), 72);
        Reply.Error(await fixture.RunAsync(D(("insert", "txn"), ("documents", A(D(("_id", 3)))), ("lsid", lsid), ("txnNumber", -1L))), 2);

        Assert.Empty(await FindAll("txn"));
    }

    [Fact]
    public async Task A_txnNumber_on_a_command_that_is_not_a_retryable_write_is_refused()
    {
        var reply = await fixture.RunAsync(D(("find", "anything"), ("lsid", NewLsid()), ("txnNumber", 1L)));
        Reply.Error(reply, 50768);
    }

    [Fact]
    public async Task Malformed_stmtIds_are_refused_before_anything_is_written()
    {
        var lsid = NewLsid();
        Reply.Error(await fixture.RunAsync(D(("insert", "stmts"), ("documents", A(D(("_id", 1)), D(("_id", 2)))), ("lsid", lsid), ("txnNumber", 1L), ("stmtIds", A(0)))), 342);
        Reply.Error(await fixture.RunAsync(D(("insert", "stmts"), ("documents", A(D(("_id", 1)), D(("_id", 2)))), ("lsid", lsid), ("txnNumber", 1L), ("stmtIds", A(4, 4)))), 2);
        Reply.Error(await fixture.RunAsync(D(("insert", "stmts"), ("documents", A(D(("_id", 1)))), ("lsid", D(("id", 1))), ("txnNumber", 1L))), 14);
        Assert.Empty(await FindAll("stmts"));
    }

    [Fact]
    public async Task Multi_document_statements_are_refused_in_a_retryable_write_and_the_others_applied()
    {
        Reply.Ok(await fixture.RunAsync(D(("insert", "multi"), ("documents", A(D(("_id", 1), ("n", 0)), D(("_id", 2), ("n", 0)))))));
        var lsid = NewLsid();
        var update = Reply.Ok(await fixture.RunAsync(D(
            ("update", "multi"),
            ("updates", A(D(("q", D(("_id", 1))), ("u", D(("$inc", D(("n", 1)))))), D(("q", D()), ("u", D(("$inc", D(("n", 10))))), ("multi", true)))),
            ("ordered", false),
            ("lsid", lsid),
            ("txnNumber", 1L))));
        Assert.Equal(1, update["nModified"].AsInt32);
        Assert.Equal(1, update["writeErrors"][0]["index"].AsInt32);
        Assert.Equal(72, update["writeErrors"][0]["code"].AsInt32);

        var delete = Reply.Ok(await fixture.RunAsync(D(("delete", "multi"), ("deletes", A(D(("q", D()), ("limit", 0)))), ("lsid", lsid), ("txnNumber", 2L))));
        Assert.Equal(72, delete["writeErrors"][0]["code"].AsInt32);
        Assert.Equal(new[] { 1, 0 }, (await FindAll("multi")).Select(d => d["n"].AsInt32));
    }
}

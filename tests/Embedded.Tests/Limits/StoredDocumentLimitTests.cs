using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;
using static OpenQuizz.Typed.Embedded.Tests.Limits.Hostile;

namespace OpenQuizz.Typed.Embedded.Tests.Limits;

/// <summary>
/// Attacks on what the server stores: documents too deep or too large for the replies that would return them, and
/// <c>_id</c> values mongod refuses. Each is refused with mongod's code and the collection stays readable.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class StoredDocumentLimitTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Overflow = 15;

    private async Task<BsonArray> ReadAll(WireClient client, string collection) =>
        Reply.FirstBatch(await client.RunAsync(D(("find", collection), ("sort", D(("_id", 1))))));

    [Fact]
    public async Task A_document_deeper_than_mongods_180_levels_is_refused_and_the_collection_stays_readable()
    {
        var client = await fixture.ConnectAsync();

        // 197 levels fit in an insert command (200 with its envelope) but not in a find reply: it used to be stored and
        // then close every connection that read the collection.
        var reply = Reply.Ok(await client.RunAsync(D(
            ("insert", "deep"),
            ("documents", A(D(("_id", 1), ("x", Deep(179))), D(("_id", 2), ("x", Deep(196))), D(("_id", 3)))),
            ("ordered", false))));

        Assert.Equal(2, reply["n"].ToInt32());
        var error = Assert.Single(reply["writeErrors"].AsBsonArray).AsBsonDocument;
        Assert.Equal(1, error["index"].ToInt32());
        Assert.Equal(Overflow, error["code"].ToInt32());

        var stored = await ReadAll(client, "deep");
        Assert.Equal([1, 3], stored.Select(d => d["_id"].ToInt32()));
        Assert.Equal(D(("_id", 1), ("x", Deep(179))), stored[0]);
    }

    [Fact]
    public async Task Empty_documents_and_arrays_do_not_count_toward_the_depth_as_in_mongod()
    {
        var client = await fixture.ConnectAsync();
        var atLimit = Deep(179);
        var innermost = atLimit;
        for (var i = 1; i < 179; i++)
        {
            innermost = innermost["a"].AsBsonDocument;
        }

        innermost.Set("empty", new BsonDocument()).Set("none", new BsonArray());
        Reply.Ok(await client.RunAsync(D(("insert", "emptydepth"), ("documents", A(D(("_id", 1), ("x", atLimit)))))));
        Assert.Equal(D(("_id", 1), ("x", atLimit)), Assert.Single(await ReadAll(client, "emptydepth")));
    }

    [Fact]
    public async Task A_deep_document_in_a_document_sequence_is_refused_and_never_kept()
    {
        var client = await fixture.ConnectAsync();

        // In a kind-1 section the document is parsed on its own, so 199 levels pass the parser's 200.
        var reply = Reply.Ok(await client.RunAsync(
            D(("insert", "sequence"), ("documents", A(D(("_id", 1)), D(("_id", 2), ("x", Deep(198))), D(("_id", 3)))), ("ordered", true)),
            options: new WireOptions { Sequences = ["documents"] }));

        Assert.Equal(1, reply["n"].ToInt32());
        var error = Assert.Single(reply["writeErrors"].AsBsonArray).AsBsonDocument;
        Assert.Equal(1, error["index"].ToInt32());
        Assert.Equal(Overflow, error["code"].ToInt32());
        Assert.Equal([1], (await ReadAll(client, "sequence")).Select(d => d["_id"].ToInt32()));
        Assert.Equal(1, Reply.Ok(await client.RunAsync(D(("count", "sequence"))))["n"].ToInt32());
    }

    [Fact]
    public async Task Updates_that_would_nest_too_deep_are_refused_whatever_their_form()
    {
        var client = await fixture.ConnectAsync();
        Reply.Ok(await client.RunAsync(D(("insert", "deepupdate"), ("documents", A(D(("_id", 1), ("x", Deep(170))))))));
        var path = string.Join('.', Enumerable.Repeat("b", 300));

        var viaSet = Reply.Ok(await client.RunAsync(D(("update", "deepupdate"), ("updates", A(D(("q", D(("_id", 1))), ("u", D(("$set", D((path, 1)))))))))));
        var viaReplacement = Reply.Ok(await client.RunAsync(D(("update", "deepupdate"), ("updates", A(D(("q", D(("_id", 1))), ("u", D(("y", Deep(185))))))))));
        var pipeline = A(Enumerable.Range(0, 15).Select(_ => (BsonValue)D(("$set", D(("x", D(("w", "$x"))))))).ToArray());
        var viaPipeline = Reply.Ok(await client.RunAsync(D(("update", "deepupdate"), ("updates", A(D(("q", D(("_id", 1))), ("u", pipeline)))))));
        var viaUpsert = Reply.Ok(await client.RunAsync(D(("update", "deepupdate"), ("updates", A(D(("q", D(("_id", 2))), ("u", D(("$set", D((path, 1))))), ("upsert", true)))))));
        var viaFindAndModify = await client.RunAsync(D(("findAndModify", "deepupdate"), ("query", D(("_id", 1))), ("update", D(("y", Deep(185))))));

        foreach (var reply in new[] { viaSet, viaReplacement, viaPipeline, viaUpsert })
        {
            Assert.Equal(Overflow, reply["writeErrors"][0]["code"].ToInt32());
        }

        Reply.Error(viaFindAndModify, Overflow);
        Assert.Equal(D(("_id", 1), ("x", Deep(170))), Assert.Single(await ReadAll(client, "deepupdate")));
    }

    [Fact]
    public async Task Documents_over_16_MiB_are_refused_on_insert_and_after_update()
    {
        var client = await fixture.ConnectAsync();
        var tooLarge = Reply.Ok(await client.RunAsync(D(("insert", "large"), ("documents", A(D(("_id", 1), ("s", Text(16 * 1024 * 1024)))))), options: new WireOptions { Sequences = ["documents"] }));
        Assert.Equal(ErrorCodes.BsonObjectTooLarge, tooLarge["writeErrors"][0]["code"].ToInt32());

        Reply.Ok(await client.RunAsync(D(("insert", "large"), ("documents", A(D(("_id", 2), ("s", Text(9 * 1024 * 1024)))))), options: new WireOptions { Sequences = ["documents"] }));
        var grown = Reply.Ok(await client.RunAsync(D(("update", "large"), ("updates", A(D(("q", D(("_id", 2))), ("u", A(D(("$set", D(("t", "$s"))))))))))));
        Assert.Equal(17419, grown["writeErrors"][0]["code"].ToInt32());
        var ids = Reply.FirstBatch(await client.RunAsync(D(("find", "large"), ("projection", D(("s", 0))))));
        Assert.Equal(D(("_id", 2)), Assert.Single(ids));
    }

    [Theory]
    [InlineData("array", 53)]
    [InlineData("regex", 53)]
    [InlineData("dollar", 52)]
    [InlineData("nestedDollar", 52)]
    public async Task Ids_mongod_refuses_are_refused_on_insert_and_upsert(string kind, int code)
    {
        BsonValue id = kind switch
        {
            "array" => A(1, 2),
            "regex" => Re("a"),
            "dollar" => D(("$a", 1)),
            _ => D(("a", D(("$b", 1)))),
        };
        var client = await fixture.ConnectAsync();
        var collection = "ids_" + kind;
        var insert = Reply.Ok(await client.RunAsync(D(("insert", collection), ("documents", A(D(("_id", id)))))));
        Assert.Equal(code, insert["writeErrors"][0]["code"].ToInt32());
        var upsert = Reply.Ok(await client.RunAsync(D(("update", collection), ("updates", A(D(("q", D(("k", 1))), ("u", D(("$set", D(("_id", id))))), ("upsert", true)))))));
        Assert.Equal(code, upsert["writeErrors"][0]["code"].ToInt32());
        Assert.Empty(await ReadAll(client, collection));
    }

    [Fact]
    public async Task Top_level_dollar_fields_are_stored_on_insert_as_mongod_7_does()
    {
        var client = await fixture.ConnectAsync();
        var document = D(("_id", 1), ("$valid", 1), ("a", D(("$b", 1))));
        Reply.Ok(await client.RunAsync(D(("insert", "dollars"), ("documents", A(document)))));
        Assert.Equal(document, Assert.Single(await ReadAll(client, "dollars")));
    }

    [Fact]
    public async Task Out_and_merge_refuse_documents_too_deep_to_store()
    {
        var client = await fixture.ConnectAsync();
        Reply.Ok(await client.RunAsync(D(("insert", "outsource"), ("documents", A(D(("_id", 1), ("x", Deep(175))))))));
        var wrap = Enumerable.Range(0, 10).Select(_ => (BsonValue)D(("$set", D(("x", D(("w", "$x"))))))).ToList();
        var outReply = await client.RunAsync(D(("aggregate", "outsource"), ("pipeline", A([.. wrap, D(("$out", "outtarget"))])), ("cursor", new BsonDocument())));
        var mergeReply = await client.RunAsync(D(("aggregate", "outsource"), ("pipeline", A([.. wrap, D(("$merge", "mergetarget"))])), ("cursor", new BsonDocument())));
        Reply.Error(outReply, Overflow);
        Reply.Error(mergeReply, Overflow);
        Assert.Empty(await ReadAll(client, "outtarget"));
        Assert.Empty(await ReadAll(client, "mergetarget"));
    }
}

using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Tests;

public sealed class CrudTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static BsonArray Docs(params BsonDocument[] documents) => new(documents);

    [Fact]
    public async Task Insert_generates_an_ObjectId_placed_first()
    {
        Reply.Ok(await fixture.RunAsync(new BsonDocument { { "insert", "gen" }, { "documents", Docs(new BsonDocument { { "a", 1 }, { "b", 2 } }) } }));
        var found = Reply.FirstBatch(await fixture.RunAsync(new BsonDocument("find", "gen")));
        var document = found.Single().AsBsonDocument;
        Assert.Equal("_id", document.GetElement(0).Name);
        Assert.True(document["_id"].IsObjectId);
    }

    [Fact]
    public async Task Insert_moves_an_existing_id_first()
    {
        Reply.Ok(await fixture.RunAsync(new BsonDocument { { "insert", "idfirst" }, { "documents", Docs(new BsonDocument { { "a", 1 }, { "_id", 5 } }) } }));
        var document = Reply.FirstBatch(await fixture.RunAsync(new BsonDocument("find", "idfirst")))[0].AsBsonDocument;
        Assert.Equal(new BsonDocument { { "_id", 5 }, { "a", 1 } }, document);
    }

    [Fact]
    public async Task Duplicate_ids_are_write_errors_with_key_pattern_and_value()
    {
        var reply = Reply.Ok(await fixture.RunAsync(new BsonDocument
        {
            { "insert", "dups" },
            { "documents", Docs(new BsonDocument("_id", 1), new BsonDocument("_id", 1.0), new BsonDocument("_id", 2)) },
        }));
        Assert.Equal(1, reply["n"].AsInt32);
        var error = reply["writeErrors"].AsBsonArray.Single().AsBsonDocument;
        Assert.Equal(1, error["index"].AsInt32);
        Assert.Equal(11000, error["code"].AsInt32);
        Assert.Contains("E11000 duplicate key error collection: test.dups index: _id_", error["errmsg"].AsString);
        Assert.Equal(new BsonDocument("_id", 1), error["keyPattern"]);
        Assert.Equal(new BsonDocument("_id", 1.0), error["keyValue"]);
    }

    [Fact]
    public async Task Unordered_inserts_continue_after_an_error()
    {
        var reply = Reply.Ok(await fixture.RunAsync(new BsonDocument
        {
            { "insert", "unordered" },
            { "documents", Docs(new BsonDocument("_id", 1), new BsonDocument("_id", 1), new BsonDocument("_id", 2)) },
            { "ordered", false },
        }));
        Assert.Equal(2, reply["n"].AsInt32);
        Assert.Single(reply["writeErrors"].AsBsonArray);
    }

    [Fact]
    public async Task Array_ids_are_refused()
    {
        var reply = Reply.Ok(await fixture.RunAsync(new BsonDocument { { "insert", "badid" }, { "documents", Docs(new BsonDocument("_id", new BsonArray { 1 })) } }));
        Assert.Equal(53, reply["writeErrors"][0]["code"].AsInt32);
    }

    [Fact]
    public async Task Documents_over_16_MiB_are_refused_with_BSONObjectTooLarge()
    {
        var big = new BsonDocument { { "_id", 1 }, { "blob", new BsonBinaryData(new byte[16 * 1024 * 1024]) } };
        var reply = Reply.Ok(await fixture.RunAsync(new BsonDocument { { "insert", "big" }, { "documents", Docs(big) } }));
        Assert.Equal(10334, reply["writeErrors"][0]["code"].AsInt32);
    }

    [Fact]
    public async Task Update_reports_matched_modified_and_upserted()
    {
        Reply.Ok(await fixture.RunAsync(new BsonDocument { { "insert", "upd" }, { "documents", Docs(new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument { { "_id", 2 }, { "a", 1 } }) } }));
        var reply = Reply.Ok(await fixture.RunAsync(new BsonDocument
        {
            { "update", "upd" },
            {
                "updates", Docs(
                    new BsonDocument { { "q", new BsonDocument("a", 1) }, { "u", new BsonDocument("$set", new BsonDocument("b", 2)) }, { "multi", true } },
                    new BsonDocument { { "q", new BsonDocument("_id", 1) }, { "u", new BsonDocument("$set", new BsonDocument("b", 2)) } },
                    new BsonDocument { { "q", new BsonDocument { { "_id", 3 }, { "k", "v" } } }, { "u", new BsonDocument("$inc", new BsonDocument("n", 1)) }, { "upsert", true } })
            },
        }));
        Assert.Equal(4, reply["n"].AsInt32);
        Assert.Equal(2, reply["nModified"].AsInt32);
        Assert.Equal(new BsonArray { new BsonDocument { { "index", 2 }, { "_id", 3 } } }, reply["upserted"]);
        var upserted = Reply.FirstBatch(await fixture.RunAsync(new BsonDocument { { "find", "upd" }, { "filter", new BsonDocument("_id", 3) } }))[0];
        Assert.Equal(new BsonDocument { { "_id", 3 }, { "k", "v" }, { "n", 1 } }, upserted);
    }

    [Fact]
    public async Task Replacement_keeps_the_id_and_refuses_to_change_it()
    {
        Reply.Ok(await fixture.RunAsync(new BsonDocument { { "insert", "repl" }, { "documents", Docs(new BsonDocument { { "_id", 1 }, { "a", 1 } }) } }));
        Reply.Ok(await fixture.RunAsync(new BsonDocument { { "update", "repl" }, { "updates", Docs(new BsonDocument { { "q", new BsonDocument("_id", 1) }, { "u", new BsonDocument("b", 2) } }) } }));
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "b", 2 } }, Reply.FirstBatch(await fixture.RunAsync(new BsonDocument("find", "repl")))[0]);

        var reply = Reply.Ok(await fixture.RunAsync(new BsonDocument { { "update", "repl" }, { "updates", Docs(new BsonDocument { { "q", new BsonDocument("_id", 1) }, { "u", new BsonDocument("_id", 2) } }) } }));
        Assert.Equal(66, reply["writeErrors"][0]["code"].AsInt32);
    }

    [Fact]
    public async Task Delete_honours_limit()
    {
        Reply.Ok(await fixture.RunAsync(new BsonDocument { { "insert", "del" }, { "documents", Docs(new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument { { "_id", 2 }, { "a", 1 } }, new BsonDocument { { "_id", 3 }, { "a", 2 } }) } }));
        var one = Reply.Ok(await fixture.RunAsync(new BsonDocument { { "delete", "del" }, { "deletes", Docs(new BsonDocument { { "q", new BsonDocument("a", 1) }, { "limit", 1 } }) } }));
        Assert.Equal(1, one["n"].AsInt32);
        var all = Reply.Ok(await fixture.RunAsync(new BsonDocument { { "delete", "del" }, { "deletes", Docs(new BsonDocument { { "q", new BsonDocument() }, { "limit", 0 } }) } }));
        Assert.Equal(2, all["n"].AsInt32);
        var bad = Reply.Ok(await fixture.RunAsync(new BsonDocument { { "delete", "del" }, { "deletes", Docs(new BsonDocument { { "q", new BsonDocument() }, { "limit", 2 } }) } }));
        Assert.Equal(9, bad["writeErrors"][0]["code"].AsInt32);
    }

    [Fact]
    public async Task FindAndModify_returns_old_or_new_and_upserts()
    {
        Reply.Ok(await fixture.RunAsync(new BsonDocument { { "insert", "fam" }, { "documents", Docs(new BsonDocument { { "_id", 1 }, { "n", 1 } }, new BsonDocument { { "_id", 2 }, { "n", 5 } }) } }));
        var old = Reply.Ok(await fixture.RunAsync(new BsonDocument { { "findAndModify", "fam" }, { "query", new BsonDocument() }, { "sort", new BsonDocument("n", -1) }, { "update", new BsonDocument("$inc", new BsonDocument("n", 1)) } }));
        Assert.Equal(new BsonDocument { { "_id", 2 }, { "n", 5 } }, old["value"]);
        Assert.Equal(new BsonDocument { { "n", 1 }, { "updatedExisting", true } }, old["lastErrorObject"]);

        var updated = Reply.Ok(await fixture.RunAsync(new BsonDocument { { "findAndModify", "fam" }, { "query", new BsonDocument("_id", 1) }, { "update", new BsonDocument("$inc", new BsonDocument("n", 1)) }, { "new", true }, { "fields", new BsonDocument("_id", 0) } }));
        Assert.Equal(new BsonDocument("n", 2), updated["value"]);

        var upserted = Reply.Ok(await fixture.RunAsync(new BsonDocument { { "findAndModify", "fam" }, { "query", new BsonDocument("_id", 9) }, { "update", new BsonDocument("$set", new BsonDocument("x", 1)) }, { "upsert", true }, { "new", true } }));
        Assert.Equal(new BsonDocument { { "_id", 9 }, { "x", 1 } }, upserted["value"]);
        Assert.Equal(9, upserted["lastErrorObject"]["upserted"].AsInt32);

        var removed = Reply.Ok(await fixture.RunAsync(new BsonDocument { { "findAndModify", "fam" }, { "query", new BsonDocument("_id", 9) }, { "remove", true } }));
        Assert.Equal(new BsonDocument { { "_id", 9 }, { "x", 1 } }, removed["value"]);

        var none = Reply.Ok(await fixture.RunAsync(new BsonDocument { { "findAndModify", "fam" }, { "query", new BsonDocument("_id", 99) }, { "remove", true } }));
        Assert.True(none["value"].IsNull);

        Reply.Error(await fixture.RunAsync(new BsonDocument { { "findAndModify", "fam" }, { "query", new BsonDocument() } }), 9);
        Reply.Error(await fixture.RunAsync(new BsonDocument { { "findAndModify", "fam" }, { "remove", true }, { "new", true } }), 9);
    }

    [Fact]
    public async Task Count_and_distinct()
    {
        Reply.Ok(await fixture.RunAsync(new BsonDocument
        {
            { "insert", "cd" },
            { "documents", Docs(new BsonDocument { { "_id", 1 }, { "t", new BsonArray { "a", "b" } } }, new BsonDocument { { "_id", 2 }, { "t", "a" } }, new BsonDocument { { "_id", 3 }, { "t", 1 } }, new BsonDocument("_id", 4)) },
        }));
        Assert.Equal(4, Reply.Ok(await fixture.RunAsync(new BsonDocument("count", "cd")))["n"].AsInt32);
        Assert.Equal(2, Reply.Ok(await fixture.RunAsync(new BsonDocument { { "count", "cd" }, { "query", new BsonDocument("t", "a") } }))["n"].AsInt32);
        Assert.Equal(1, Reply.Ok(await fixture.RunAsync(new BsonDocument { { "count", "cd" }, { "skip", 1 }, { "limit", 1 } }))["n"].AsInt32);
        Assert.Equal(0, Reply.Ok(await fixture.RunAsync(new BsonDocument("count", "missing")))["n"].AsInt32);
        var distinct = Reply.Ok(await fixture.RunAsync(new BsonDocument { { "distinct", "cd" }, { "key", "t" } }));
        Assert.Equal(new BsonArray { "a", "b", 1 }, distinct["values"]);
    }

    [Fact]
    public async Task Find_on_a_missing_collection_returns_an_empty_exhausted_cursor()
    {
        var reply = Reply.Ok(await fixture.RunAsync(new BsonDocument("find", "nothing_here")));
        Assert.Empty(reply["cursor"]["firstBatch"].AsBsonArray);
        Assert.Equal(0L, reply["cursor"]["id"].AsInt64);
        Assert.Equal("test.nothing_here", reply["cursor"]["ns"].AsString);
    }

    [Fact]
    public async Task Find_options_are_validated()
    {
        Reply.Error(await fixture.RunAsync(new BsonDocument { { "find", "c" }, { "skip", -1 } }), 51024);
        Reply.Error(await fixture.RunAsync(new BsonDocument { { "find", "c" }, { "limit", -1 } }), 51024);
        Reply.Error(await fixture.RunAsync(new BsonDocument { { "find", "c" }, { "filter", "x" } }), 14);
        Reply.Error(await fixture.RunAsync(new BsonDocument { { "find", "c" }, { "filter", new BsonDocument("$foo", 1) } }), 2);
        Reply.Error(await fixture.RunAsync(new BsonDocument { { "find", "c" }, { "sort", new BsonDocument("a", 2) } }), 15975);
        Reply.Error(await fixture.RunAsync(new BsonDocument { { "find", "c" }, { "projection", new BsonDocument { { "a", 1 }, { "b", 0 } } } }), 31254);
    }

    [Fact]
    public async Task Find_with_skip_limit_sort_and_single_batch()
    {
        var documents = new BsonArray();
        for (var i = 0; i < 10; i++)
        {
            documents.Add(new BsonDocument { { "_id", i }, { "v", 9 - i } });
        }

        Reply.Ok(await fixture.RunAsync(new BsonDocument { { "insert", "paging" }, { "documents", documents } }));
        var batch = Reply.FirstBatch(await fixture.RunAsync(new BsonDocument { { "find", "paging" }, { "sort", new BsonDocument("v", 1) }, { "skip", 2 }, { "limit", 3 } }));
        Assert.Equal(new BsonArray { 7, 6, 5 }, new BsonArray(batch.Select(d => d["_id"])));

        var single = Reply.Ok(await fixture.RunAsync(new BsonDocument { { "find", "paging" }, { "batchSize", 2 }, { "singleBatch", true } }));
        Assert.Equal(2, single["cursor"]["firstBatch"].AsBsonArray.Count);
        Assert.Equal(0L, single["cursor"]["id"].AsInt64);
    }
}

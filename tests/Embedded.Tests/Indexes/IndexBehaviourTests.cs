using OpenQuizz.Typed.Embedded.Bson;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Indexes;

public sealed class IndexBehaviourTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private Task<BsonDocument> Run(BsonDocument command) => fixture.RunAsync(command);

    private Task<BsonDocument> Index(string collection, BsonDocument spec) =>
        Run(D(("createIndexes", collection), ("indexes", A(spec))));

    private Task<BsonDocument> Insert(string collection, params BsonDocument[] documents) =>
        Run(D(("insert", collection), ("documents", new BsonArray(documents))));

    private async Task<BsonArray> Find(string collection, BsonDocument filter) =>
        Reply.FirstBatch(await Run(D(("find", collection), ("filter", filter), ("sort", D(("_id", 1))))));

    [Fact]
    public async Task Unique_index_reports_duplicates_like_mongod()
    {
        Reply.Ok(await Index("u_name", D(("key", D(("name", 1))), ("unique", true))));
        Reply.Ok(await Insert("u_name", D(("_id", 1), ("name", "x"))));
        var reply = Reply.Ok(await Insert("u_name", D(("_id", 2), ("name", "x"))));
        var error = reply["writeErrors"][0].AsBsonDocument;
        Assert.Equal(11000, error["code"].AsInt32);
        Assert.Equal("E11000 duplicate key error collection: test.u_name index: name_1 dup key: { name: \"x\" }", error["errmsg"].AsString);
        Assert.Equal(D(("name", 1)), error["keyPattern"]);
        Assert.Equal(D(("name", "x")), error["keyValue"]);
        Assert.Single(await Find("u_name", D()));
    }

    [Fact]
    public async Task Unique_index_treats_equal_numbers_of_different_types_as_one_key()
    {
        Reply.Ok(await Index("u_num", D(("key", D(("n", 1))), ("unique", true))));
        Reply.Ok(await Insert("u_num", D(("_id", 1), ("n", 1))));
        Assert.Equal(11000, Reply.Ok(await Insert("u_num", D(("_id", 2), ("n", 1.0))))["writeErrors"][0]["code"].AsInt32);
    }

    [Fact]
    public async Task Unique_index_treats_missing_as_null_unless_sparse()
    {
        Reply.Ok(await Index("u_missing", D(("key", D(("m", 1))), ("unique", true))));
        Reply.Ok(await Insert("u_missing", D(("_id", 1))));
        Assert.True(Reply.Ok(await Insert("u_missing", D(("_id", 2)))).Contains("writeErrors"));

        Reply.Ok(await Index("u_sparse", D(("key", D(("m", 1))), ("unique", true), ("sparse", true))));
        Reply.Ok(await Insert("u_sparse", D(("_id", 1)), D(("_id", 2))));
        Assert.Equal(2, (await Find("u_sparse", D())).Count);
        Assert.True(Reply.Ok(await Insert("u_sparse", D(("_id", 3), ("m", 1)), D(("_id", 4), ("m", 1))))["writeErrors"].AsBsonArray.Count == 1);
    }

    [Fact]
    public async Task Compound_unique_index_checks_the_whole_key()
    {
        Reply.Ok(await Index("u_comp", D(("key", D(("a", 1), ("b", -1))), ("unique", true))));
        var reply = Reply.Ok(await Insert("u_comp", D(("_id", 1), ("a", 1), ("b", 1)), D(("_id", 2), ("a", 1), ("b", 2)), D(("_id", 3), ("a", 1), ("b", 1))));
        Assert.Equal(2, reply["n"].AsInt32);
        var error = reply["writeErrors"][0].AsBsonDocument;
        Assert.Equal(2, error["index"].AsInt32);
        Assert.Equal(D(("a", 1), ("b", -1)), error["keyPattern"]);
        Assert.Equal(D(("a", 1), ("b", 1)), error["keyValue"]);
        Assert.Contains("index: a_1_b_-1 dup key: { a: 1, b: 1 }", error["errmsg"].AsString);
    }

    [Fact]
    public async Task Partial_unique_index_only_constrains_matching_documents()
    {
        Reply.Ok(await Index("u_partial", D(("key", D(("email", 1))), ("unique", true), ("partialFilterExpression", D(("active", true))))));
        Reply.Ok(await Insert("u_partial", D(("_id", 1), ("email", "a"), ("active", false)), D(("_id", 2), ("email", "a"), ("active", false))));
        Reply.Ok(await Insert("u_partial", D(("_id", 3), ("email", "a"), ("active", true))));
        Assert.True(Reply.Ok(await Insert("u_partial", D(("_id", 4), ("email", "a"), ("active", true)))).Contains("writeErrors"));
        Assert.Equal(3, (await Find("u_partial", D(("email", "a")))).Count);
    }

    [Fact]
    public async Task Update_into_a_duplicate_fails_and_leaves_the_document_unchanged()
    {
        Reply.Ok(await Index("u_update", D(("key", D(("k", 1))), ("unique", true))));
        Reply.Ok(await Insert("u_update", D(("_id", 1), ("k", 1)), D(("_id", 2), ("k", 2))));
        var reply = Reply.Ok(await Run(D(("update", "u_update"), ("updates", A(D(("q", D(("_id", 2))), ("u", D(("$set", D(("k", 1)))))))))));
        var error = reply["writeErrors"][0].AsBsonDocument;
        Assert.Equal(11000, error["code"].AsInt32);
        Assert.Equal(D(("k", 1)), error["keyValue"]);
        Assert.Equal(D(("_id", 2), ("k", 2)), (await Find("u_update", D(("_id", 2))))[0]);

        // The old key is free again once the document moves off it.
        Reply.Ok(await Run(D(("update", "u_update"), ("updates", A(D(("q", D(("_id", 2))), ("u", D(("$set", D(("k", 3)))))))))));
        Assert.False(Reply.Ok(await Insert("u_update", D(("_id", 3), ("k", 2)))).Contains("writeErrors"));
    }

    [Fact]
    public async Task FindAndModify_duplicate_is_a_command_error_with_key_details()
    {
        Reply.Ok(await Index("u_fam", D(("key", D(("k", 1))), ("unique", true))));
        Reply.Ok(await Insert("u_fam", D(("_id", 1), ("k", 1)), D(("_id", 2), ("k", 2))));
        var reply = await Run(D(("findAndModify", "u_fam"), ("query", D(("_id", 2))), ("update", D(("$set", D(("k", 1)))))));
        Reply.Error(reply, 11000, "DuplicateKey");
        Assert.Equal(D(("k", 1)), reply["keyValue"]);
    }

    [Fact]
    public async Task Deleting_frees_a_unique_key()
    {
        Reply.Ok(await Index("u_delete", D(("key", D(("k", 1))), ("unique", true))));
        Reply.Ok(await Insert("u_delete", D(("_id", 1), ("k", 1))));
        Reply.Ok(await Run(D(("delete", "u_delete"), ("deletes", A(D(("q", D(("_id", 1))), ("limit", 1)))))));
        Assert.False(Reply.Ok(await Insert("u_delete", D(("_id", 2), ("k", 1)))).Contains("writeErrors"));
    }

    [Fact]
    public async Task Multikey_index_indexes_each_element()
    {
        Reply.Ok(await Index("mk", D(("key", D(("tags", 1))), ("unique", true))));
        Reply.Ok(await Insert("mk", D(("_id", 1), ("tags", A("a", "b", "b")))));
        var reply = Reply.Ok(await Insert("mk", D(("_id", 2), ("tags", A("c", "b")))));
        Assert.Equal(D(("tags", "b")), reply["writeErrors"][0]["keyValue"]);
        Reply.Ok(await Insert("mk", D(("_id", 3), ("tags", A("c", "d")))));
        Assert.Equal([1], (await Find("mk", D(("tags", "a")))).Select(d => d["_id"].AsInt32));
        Assert.Equal([1, 3], (await Find("mk", D(("tags", D(("$in", A("b", "d"))))))).Select(d => d["_id"].AsInt32));
    }

    [Fact]
    public async Task Multikey_ranges_are_not_intersected()
    {
        Reply.Ok(await Index("mk_range", D(("key", D(("v", 1))))));
        Reply.Ok(await Insert("mk_range", D(("_id", 1), ("v", A(1, 10))), D(("_id", 2), ("v", 5)), D(("_id", 3), ("v", 20))));
        // [1, 10] matches: 10 > 3 and 1 < 7, from different elements.
        Assert.Equal([1, 2], (await Find("mk_range", D(("v", D(("$gt", 3), ("$lt", 7)))))).Select(d => d["_id"].AsInt32));
    }

    [Fact]
    public async Task Compound_index_on_two_arrays_is_CannotIndexParallelArrays()
    {
        Reply.Ok(await Index("mk_par", D(("key", D(("a", 1), ("b", 1))))));
        var reply = Reply.Ok(await Insert("mk_par", D(("_id", 1), ("a", A(1, 2)), ("b", A(3, 4)))));
        Assert.Equal(171, reply["writeErrors"][0]["code"].AsInt32);
        Reply.Ok(await Insert("mk_par", D(("_id", 2), ("a", A(1, 2)), ("b", 3))));
        Assert.Single(await Find("mk_par", D()));

        Reply.Ok(await Insert("mk_par2", D(("_id", 1), ("a", A(1, 2)), ("b", A(3, 4)))));
        Reply.Error(await Index("mk_par2", D(("key", D(("a", 1), ("b", 1))))), 171, "CannotIndexParallelArrays");
    }

    [Fact]
    public async Task Dotted_paths_through_arrays_of_documents_are_indexed()
    {
        Reply.Ok(await Index("mk_dot", D(("key", D(("items.sku", 1))))));
        Reply.Ok(await Insert("mk_dot", D(("_id", 1), ("items", A(D(("sku", "x")), D(("sku", "y"))))), D(("_id", 2), ("items", A(D(("sku", "z")))))));
        Assert.Equal([1], (await Find("mk_dot", D(("items.sku", "y")))).Select(d => d["_id"].AsInt32));
    }

    [Fact]
    public async Task Queries_through_indexes_agree_with_scans()
    {
        var documents = new List<BsonDocument>();
        BsonValue[] values = [1, 2.5, 3L, "a", "b", Null, true, new BsonDateTime(1000), A(2, "a"), D(("x", 1))];
        for (var i = 0; i < 40; i++)
        {
            var document = D(("_id", i), ("v", values[i % values.Length]));
            if (i % 7 == 0)
            {
                document.Remove("v");
            }

            documents.Add(document);
        }

        Reply.Ok(await Insert("agree_scan", [.. documents]));
        Reply.Ok(await Insert("agree_idx", [.. documents]));
        Reply.Ok(await Index("agree_idx", D(("key", D(("v", -1))))));
        BsonDocument[] filters =
        [
            D(("v", 1)), D(("v", 2)), D(("v", "a")), D(("v", Null)), D(("v", D(("x", 1)))), D(("v", D(("$in", A(1, "b", 3.0))))),
            D(("v", D(("$gt", 1)))), D(("v", D(("$gte", 1), ("$lt", 3)))), D(("v", D(("$lte", "a")))), D(("v", D(("$gt", 1), ("$lt", "z")))),
            D(("v", D(("$lt", new BsonDateTime(2000))))), D(("v", D(("$gte", 2.5), ("$gt", 2)))), D(("$and", A(D(("v", D(("$gt", 0)))), D(("_id", D(("$lt", 20))))))),
        ];
        foreach (var filter in filters)
        {
            Assert.Equal(await Find("agree_scan", filter), await Find("agree_idx", filter));
        }
    }
}

using OpenQuizz.Typed.Embedded.Bson;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Indexes;

public sealed class IndexCommandTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private Task<BsonDocument> Run(BsonDocument command) => fixture.RunAsync(command);

    private static BsonDocument CreateIndexes(string collection, params BsonDocument[] specs) =>
        D(("createIndexes", collection), ("indexes", new BsonArray(specs)));

    private async Task<BsonArray> ListIndexes(string collection) => Reply.FirstBatch(await Run(D(("listIndexes", collection))));

    [Fact]
    public async Task CreateIndexes_creates_the_collection_and_counts_indexes()
    {
        var reply = Reply.Ok(await Run(CreateIndexes("ci_new", D(("key", D(("a", 1), ("b", -1)))))));
        Assert.True(reply["createdCollectionAutomatically"].AsBoolean);
        Assert.Equal(1, reply["numIndexesBefore"].AsInt32);
        Assert.Equal(2, reply["numIndexesAfter"].AsInt32);

        var indexes = await ListIndexes("ci_new");
        Assert.Equal(2, indexes.Count);
        Assert.Equal(D(("v", 2), ("key", D(("_id", 1))), ("name", "_id_")), indexes[0]);
        Assert.Equal(D(("v", 2), ("key", D(("a", 1), ("b", -1))), ("name", "a_1_b_-1")), indexes[1]);
    }

    [Fact]
    public async Task An_identical_index_is_a_noop_with_a_note()
    {
        Reply.Ok(await Run(CreateIndexes("ci_same", D(("key", D(("a", 1))), ("name", "a_1")))));
        var reply = Reply.Ok(await Run(CreateIndexes("ci_same", D(("key", D(("a", 1))), ("name", "a_1")))));
        Assert.False(reply["createdCollectionAutomatically"].AsBoolean);
        Assert.Equal(2, reply["numIndexesBefore"].AsInt32);
        Assert.Equal(2, reply["numIndexesAfter"].AsInt32);
        Assert.Equal("all indexes already exist", reply["note"].AsString);
    }

    [Fact]
    public async Task ListIndexes_shows_every_option()
    {
        Reply.Ok(await Run(CreateIndexes(
            "ci_opts",
            D(("key", D(("u", 1))), ("name", "u"), ("unique", true)),
            D(("key", D(("s", 1))), ("name", "s"), ("sparse", true)),
            D(("key", D(("p", 1))), ("name", "p"), ("partialFilterExpression", D(("p", D(("$gt", 5)))))),
            D(("key", D(("t", 1))), ("name", "t"), ("expireAfterSeconds", 3600)))));
        var indexes = (await ListIndexes("ci_opts")).Select(i => i.AsBsonDocument).ToDictionary(i => i["name"].AsString);
        Assert.True(indexes["u"]["unique"].AsBoolean);
        Assert.True(indexes["s"]["sparse"].AsBoolean);
        Assert.Equal(D(("p", D(("$gt", 5)))), indexes["p"]["partialFilterExpression"]);
        Assert.Equal(3600, indexes["t"]["expireAfterSeconds"].AsInt32);
        Assert.Equal(2, indexes["u"]["v"].AsInt32);
    }

    [Fact]
    public async Task Same_name_with_another_key_is_IndexKeySpecsConflict()
    {
        Reply.Ok(await Run(CreateIndexes("ci_conf1", D(("key", D(("a", 1))), ("name", "idx")))));
        Reply.Error(await Run(CreateIndexes("ci_conf1", D(("key", D(("b", 1))), ("name", "idx")))), 86, "IndexKeySpecsConflict");
    }

    [Fact]
    public async Task Same_key_with_another_name_or_options_is_IndexOptionsConflict()
    {
        Reply.Ok(await Run(CreateIndexes("ci_conf2", D(("key", D(("a", 1))), ("name", "a_1")))));
        var reply = await Run(CreateIndexes("ci_conf2", D(("key", D(("a", 1))), ("name", "other"))));
        Reply.Error(reply, 85, "IndexOptionsConflict");
        Assert.Contains("Index already exists with a different name: a_1", reply["errmsg"].AsString);
        Reply.Error(await Run(CreateIndexes("ci_conf2", D(("key", D(("a", 1))), ("name", "a_1"), ("unique", true)))), 85, "IndexOptionsConflict");
    }

    [Fact]
    public async Task Invalid_specs_are_refused()
    {
        Reply.Error(await Run(D(("createIndexes", "ci_bad"), ("indexes", A()))), 2);
        Reply.Error(await Run(CreateIndexes("ci_bad", D(("key", D())))), 67, "CannotCreateIndex");
        Reply.Error(await Run(CreateIndexes("ci_bad", D(("key", D(("a", 0)))))), 67);
        Reply.Error(await Run(CreateIndexes("ci_bad", D(("key", D(("a", 1))), ("bogus", 1)))), 197, "InvalidIndexSpecificationOption");
        Reply.Error(await Run(CreateIndexes("ci_bad", D(("key", D(("a", 1))), ("sparse", true), ("partialFilterExpression", D(("a", 1)))))), 67);
        Reply.Error(await Run(CreateIndexes("ci_bad", D(("key", D(("a", 1), ("b", 1))), ("expireAfterSeconds", 10)))), 67);
    }

    [Fact]
    public async Task A_failed_request_creates_none_of_its_indexes()
    {
        Reply.Ok(await Run(D(("insert", "ci_atomic"), ("documents", A(D(("_id", 1), ("a", 1)), D(("_id", 2), ("a", 1)))))));
        var reply = await Run(CreateIndexes("ci_atomic", D(("key", D(("b", 1)))), D(("key", D(("a", 1))), ("unique", true))));
        Reply.Error(reply, 11000);
        Assert.Contains("E11000 duplicate key error collection: test.ci_atomic index: a_1 dup key: { a: 1 }", reply["errmsg"].AsString);
        Assert.Single(await ListIndexes("ci_atomic"));
    }

    [Fact]
    public async Task ListIndexes_of_a_missing_collection_is_NamespaceNotFound() =>
        Reply.Error(await Run(D(("listIndexes", "ci_missing"))), 26, "NamespaceNotFound");

    [Fact]
    public async Task DropIndexes_by_name_key_list_and_star()
    {
        Reply.Ok(await Run(CreateIndexes(
            "di_all",
            D(("key", D(("a", 1)))),
            D(("key", D(("b", 1)))),
            D(("key", D(("c", 1)))),
            D(("key", D(("d", 1)))),
            D(("key", D(("e", 1)))))));
        var reply = Reply.Ok(await Run(D(("dropIndexes", "di_all"), ("index", "a_1"))));
        Assert.Equal(6, reply["nIndexesWas"].AsInt32);
        Reply.Ok(await Run(D(("dropIndexes", "di_all"), ("index", D(("b", 1))))));
        Reply.Ok(await Run(D(("dropIndexes", "di_all"), ("index", A("c_1", "d_1")))));
        Assert.Equal(["_id_", "e_1"], (await ListIndexes("di_all")).Select(i => i["name"].AsString));
        reply = Reply.Ok(await Run(D(("dropIndexes", "di_all"), ("index", "*"))));
        Assert.Equal(2, reply["nIndexesWas"].AsInt32);
        Assert.Equal("non-_id indexes dropped for collection", reply["msg"].AsString);
        Assert.Single(await ListIndexes("di_all"));
    }

    [Fact]
    public async Task DropIndexes_errors()
    {
        Reply.Ok(await Run(CreateIndexes("di_err", D(("key", D(("a", 1)))))));
        Reply.Error(await Run(D(("dropIndexes", "di_err"), ("index", "_id_"))), 72, "InvalidOptions");
        Reply.Error(await Run(D(("dropIndexes", "di_err"), ("index", D(("_id", 1))))), 72);
        Reply.Error(await Run(D(("dropIndexes", "di_err"), ("index", "nope"))), 27, "IndexNotFound");
        Reply.Error(await Run(D(("dropIndexes", "di_err"), ("index", D(("z", 1))))), 27);
        Reply.Error(await Run(D(("dropIndexes", "di_err"), ("index", A("a_1", "nope")))), 27);
        Assert.Equal(2, (await ListIndexes("di_err")).Count); // the list was refused as a whole
        Reply.Error(await Run(D(("dropIndexes", "di_missing"), ("index", "*"))), 26);
    }

    [Fact]
    public async Task Indexes_follow_a_renamed_collection_and_go_with_a_dropped_one()
    {
        Reply.Ok(await Run(CreateIndexes("ci_ren", D(("key", D(("a", 1))), ("unique", true)))));
        Reply.Ok(await fixture.RunAsync(D(("renameCollection", "test.ci_ren"), ("to", "test.ci_ren2")), "admin"));
        Assert.Equal(["_id_", "a_1"], (await ListIndexes("ci_ren2")).Select(i => i["name"].AsString));
        var stats = Reply.Ok(await Run(D(("collStats", "ci_ren2"))));
        Assert.Equal(2, stats["nindexes"].AsInt32);
        Assert.Equal(2, Reply.Ok(await Run(D(("drop", "ci_ren2"))))["nIndexesWas"].AsInt32);
        Reply.Ok(await Run(D(("insert", "ci_ren2"), ("documents", A(D(("a", 1)), D(("a", 1)))))));
        Assert.Single(await ListIndexes("ci_ren2"));
    }

    [Fact]
    public async Task The_id_index_can_be_requested_but_not_changed()
    {
        var reply = Reply.Ok(await Run(CreateIndexes("ci_id", D(("key", D(("_id", 1))), ("name", "_id_")))));
        Assert.Equal(1, reply["numIndexesAfter"].AsInt32);
        Reply.Error(await Run(CreateIndexes("ci_id", D(("key", D(("a", 1))), ("name", "_id_")))), 2);
    }
}

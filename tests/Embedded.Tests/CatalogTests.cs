using OpenQuizz.Typed.Embedded.Bson;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests;

public sealed class CatalogTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static string NewDatabase() => "db" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Create_list_and_drop_collections()
    {
        var db = NewDatabase();
        Reply.Ok(await fixture.RunAsync(D(("create", "one")), db));
        Reply.Error(await fixture.RunAsync(D(("create", "one")), db), 48, "NamespaceExists");
        Reply.Ok(await fixture.RunAsync(D(("insert", "two"), ("documents", A(D(("_id", 1))))), db));

        var all = Reply.FirstBatch(await fixture.RunAsync(D(("listCollections", 1)), db));
        Assert.Equal(["one", "two"], all.Select(c => c["name"].AsString).ToArray());
        Assert.Equal("collection", all[0]["type"].AsString);
        Assert.True(all[0]["info"]["uuid"].IsBinary);
        Assert.Equal("_id_", all[0]["idIndex"]["name"].AsString);

        var filtered = Reply.FirstBatch(await fixture.RunAsync(D(("listCollections", 1), ("filter", D(("name", "two"))), ("nameOnly", true)), db));
        Assert.Equal(D(("name", "two"), ("type", "collection")), filtered.Single());

        var dropped = Reply.Ok(await fixture.RunAsync(D(("drop", "one")), db));
        Assert.Equal(db + ".one", dropped["ns"].AsString);
        Reply.Ok(await fixture.RunAsync(D(("drop", "one")), db));
        Assert.Single(Reply.FirstBatch(await fixture.RunAsync(D(("listCollections", 1)), db)));
    }

    [Fact]
    public async Task Invalid_names_are_refused()
    {
        Reply.Error(await fixture.RunAsync(D(("create", "a$b"))), 73, "InvalidNamespace");
        Reply.Error(await fixture.RunAsync(D(("create", "x")), "bad.db"), 73);
        Reply.Error(await fixture.RunAsync(D(("insert", 5), ("documents", A(D())))), 73);
    }

    [Fact]
    public async Task ListDatabases_and_dropDatabase()
    {
        var db = NewDatabase();
        Reply.Ok(await fixture.RunAsync(D(("insert", "c"), ("documents", A(D(("_id", 1), ("s", "hello"))))), db));
        var list = Reply.Ok(await fixture.RunAsync(D(("listDatabases", 1)), "admin"));
        var entry = list["databases"].AsBsonArray.Single(d => d["name"].AsString == db);
        Assert.True(entry["sizeOnDisk"].AsInt64 > 0);
        Assert.False(entry["empty"].AsBoolean);
        Assert.True(list.Contains("totalSize"));

        var names = Reply.Ok(await fixture.RunAsync(D(("listDatabases", 1), ("nameOnly", true), ("filter", D(("name", db)))), "admin"));
        Assert.Equal(A(D(("name", db))), names["databases"]);

        Reply.Error(await fixture.RunAsync(D(("listDatabases", 1)), db), 13);

        Assert.Equal(db, Reply.Ok(await fixture.RunAsync(D(("dropDatabase", 1)), db))["dropped"].AsString);
        var after = Reply.Ok(await fixture.RunAsync(D(("listDatabases", 1), ("nameOnly", true)), "admin"));
        Assert.DoesNotContain(after["databases"].AsBsonArray, d => d["name"].AsString == db);
    }

    [Fact]
    public async Task RenameCollection_moves_documents()
    {
        var db = NewDatabase();
        Reply.Ok(await fixture.RunAsync(D(("insert", "from"), ("documents", A(D(("_id", 1))))), db));
        Reply.Ok(await fixture.RunAsync(D(("insert", "taken"), ("documents", A(D(("_id", 2))))), db));
        Reply.Error(await fixture.RunAsync(D(("renameCollection", db + ".from"), ("to", db + ".to")), db), 13);
        Reply.Error(await fixture.RunAsync(D(("renameCollection", db + ".missing"), ("to", db + ".to")), "admin"), 26, "NamespaceNotFound");
        Reply.Error(await fixture.RunAsync(D(("renameCollection", db + ".from"), ("to", db + ".taken")), "admin"), 48);

        Reply.Ok(await fixture.RunAsync(D(("renameCollection", db + ".from"), ("to", db + ".to")), "admin"));
        Assert.Equal(A(D(("_id", 1))), Reply.FirstBatch(await fixture.RunAsync(D(("find", "to")), db)));
        Assert.Empty(Reply.FirstBatch(await fixture.RunAsync(D(("find", "from")), db)));

        Reply.Ok(await fixture.RunAsync(D(("renameCollection", db + ".to"), ("to", db + ".taken"), ("dropTarget", true)), "admin"));
        Assert.Equal(A(D(("_id", 1))), Reply.FirstBatch(await fixture.RunAsync(D(("find", "taken")), db)));
    }

    [Fact]
    public async Task CollStats_and_dbStats()
    {
        var db = NewDatabase();
        Reply.Ok(await fixture.RunAsync(D(("insert", "c"), ("documents", A(D(("_id", 1)), D(("_id", 2))))), db));
        var coll = Reply.Ok(await fixture.RunAsync(D(("collStats", "c")), db));
        Assert.Equal(2, coll["count"].AsInt32);
        Assert.Equal(db + ".c", coll["ns"].AsString);
        Assert.True(coll["size"].AsInt64 > 0);
        Reply.Error(await fixture.RunAsync(D(("collStats", "nope")), db), 26);

        var stats = Reply.Ok(await fixture.RunAsync(D(("dbStats", 1)), db));
        Assert.Equal(1, stats["collections"].AsInt32);
        Assert.Equal(2L, stats["objects"].AsInt64);
    }

    [Fact]
    public async Task ListIndexes_reports_the_id_index()
    {
        Reply.Ok(await fixture.RunAsync(D(("insert", "idx"), ("documents", A(D(("_id", 1)))))));
        var indexes = Reply.FirstBatch(await fixture.RunAsync(D(("listIndexes", "idx"))));
        Assert.Equal("_id_", indexes.Single()["name"].AsString);
        Reply.Error(await fixture.RunAsync(D(("listIndexes", "none"))), 26);
    }

    [Theory]
    [InlineData("capped", true)]
    [InlineData("validator", false)]
    [InlineData("timeseries", false)]
    public async Task Create_refuses_options_whose_write_rules_are_not_built(string option, bool boolean)
    {
        BsonValue value = boolean ? true : new BsonDocument("x", new BsonDocument("$type", "string"));
        if (option == "timeseries")
        {
            value = new BsonDocument("timeField", "t");
        }

        var reply = await fixture.RunAsync(new BsonDocument { { "create", "refused_" + option }, { option, value }, { "size", 4096 } });
        Reply.Error(reply, 238, "NotImplemented");
        var list = Reply.FirstBatch(await fixture.RunAsync(new BsonDocument { { "listCollections", 1 }, { "filter", new BsonDocument("name", "refused_" + option) } }));
        Assert.Empty(list);
    }
}

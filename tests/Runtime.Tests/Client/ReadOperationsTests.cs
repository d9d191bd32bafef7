using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Tests.Infrastructure;

namespace OpenQuizz.Typed.Tests.Client;

/// <summary>The read operations end to end through the real client, against the embedded server (or OPENQUIZZ_MONGODB_URI).</summary>
public sealed class ReadOperationsTests(TestServerFixture server) : IClassFixture<TestServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<MongoCollection<BsonDocument>> SeedAsync(MongoClient client, string name, int count)
    {
        var database = client.GetDatabase("reads");
        await database.RunCommandAsync(new BsonDocument("drop", name), cancellationToken: Token).ContinueWith(_ => { }, Token);
        var documents = new BsonArray();
        for (var i = 0; i < count; i++)
        {
            documents.Add(new BsonDocument { { "_id", i }, { "n", i }, { "group", i % 3 }, { "name", $"item{i:000}" }, { "tags", new BsonArray { "t" + (i % 2), "all" } } });
        }

        if (count > 0)
        {
            await database.RunCommandAsync(new BsonDocument { { "insert", name }, { "documents", documents } }, cancellationToken: Token);
        }

        return database.GetCollection<BsonDocument>(name);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Find_applies_filter_sort_skip_limit_and_projection(SyncOrAsync mode)
    {
        var log = new CommandLog();
        await using var client = new MongoClient(server.CreateSettings(s => s.CommandEventSubscriber = log));
        var collection = await SeedAsync(client, "find_" + mode, 20);
        var query = collection.Find(Filter<BsonDocument>.Gte("n", 5), new FindOptions<BsonDocument> { Comment = "hello", MaxTime = TimeSpan.FromSeconds(5), AllowDiskUse = true })
            .Sort(Sort<BsonDocument>.Descending("n")).Skip(2).Limit(3).BatchSize(2)
            .Project(Projection<BsonDocument>.Include("n").Exclude("_id"));

        var results = mode == SyncOrAsync.Async ? await query.ToListAsync(Token) : query.ToList(Token);

        Assert.Equal([17, 16, 15], results.Select(d => d["n"].ToInt32()));
        Assert.All(results, d => Assert.Equal(["n"], d.Names));
        var find = Assert.Single(log.StartedOf("find")).Command;
        Assert.Equal(BsonDocument.Parse("{ \"n\": { \"$gte\": 5 } }"), find["filter"]);
        Assert.Equal(BsonDocument.Parse("{ \"n\": -1 }"), find["sort"]);
        Assert.Equal(2L, find["skip"].ToInt64());
        Assert.Equal(3L, find["limit"].ToInt64());
        Assert.Equal(2, find["batchSize"].ToInt32());
        Assert.Equal("hello", find["comment"].AsString);
        Assert.Equal(5000L, find["maxTimeMS"].ToInt64());
        Assert.True(find["allowDiskUse"].AsBoolean);
        Assert.True(find.Contains("lsid"), "find runs in an implicit session");
    }

    [Fact]
    public async Task Find_sorts_by_field_descriptors()
    {
        var log = new CommandLog();
        await using var client = new MongoClient(server.CreateSettings(s => s.CommandEventSubscriber = log));
        var collection = await SeedAsync(client, "find_typed_sort", 9);
        var group = new Field<BsonDocument, int>("group", v => v);
        var n = new Field<BsonDocument, int>("n", v => v);

        var results = await collection.Find(Filter<BsonDocument>.Empty).SortByDescending(group).ThenBy(n).Limit(4).ToListAsync(Token);
        var replaced = await collection.Find(Filter<BsonDocument>.Empty).SortBy(group).SortBy(n).ThenByDescending(group).Limit(2).ToListAsync(Token);

        Assert.Equal([2, 5, 8, 1], results.Select(d => d["n"].ToInt32()));
        Assert.Equal([0, 1], replaced.Select(d => d["n"].ToInt32()));
        var finds = log.StartedOf("find");
        Assert.Equal(BsonDocument.Parse("""{ "group": -1, "n": 1 }"""), finds[0].Command["sort"]);
        Assert.Equal(BsonDocument.Parse("""{ "n": 1, "group": -1 }"""), finds[1].Command["sort"]);
        var e = Assert.Throws<InvalidOperationException>(() => collection.Find(Filter<BsonDocument>.Empty).ThenBy(n));
        Assert.Contains("SortBy", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_sends_a_batch_size_equal_to_the_limit_as_limit_plus_one()
    {
        var log = new CommandLog();
        await using var client = new MongoClient(server.CreateSettings(s => s.CommandEventSubscriber = log));
        var collection = await SeedAsync(client, "find_batch_equal_limit", 10);

        var results = await collection.Find(Filter<BsonDocument>.Gt("n", 1)).Sort(Sort<BsonDocument>.Ascending("n")).Limit(4).BatchSize(4).ToListAsync(Token);

        Assert.Equal([2, 3, 4, 5], results.Select(d => d["n"].ToInt32()));
        var find = Assert.Single(log.StartedOf("find")).Command;
        Assert.Equal(4L, find["limit"].ToInt64());
        Assert.Equal(5, find["batchSize"].ToInt32());
        Assert.Empty(log.StartedOf("getMore"));
    }

    [Fact]
    public async Task GetMore_carries_the_declared_stable_api_like_the_find_that_opened_the_cursor()
    {
        var log = new CommandLog();
        await using var client = new MongoClient(server.CreateSettings(s =>
        {
            s.CommandEventSubscriber = log;
            s.ServerApi = new ServerApi(ServerApiVersion.V1, strict: true);
        }));
        var collection = await SeedAsync(client, "getmore_stable_api", 5);

        var results = await collection.Find(Filter<BsonDocument>.Empty).BatchSize(2).ToListAsync(Token);

        Assert.Equal(5, results.Count);
        Assert.NotEmpty(log.StartedOf("getMore"));
        foreach (var command in log.StartedOf("find").Concat(log.StartedOf("getMore")).Select(e => e.Command))
        {
            Assert.Equal("1", command["apiVersion"].AsString);
            Assert.True(command["apiStrict"].AsBoolean);
        }
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task FirstOrDefault_asks_for_one_document_in_one_batch_and_SingleOrDefault_for_two(SyncOrAsync mode)
    {
        var log = new CommandLog();
        await using var client = new MongoClient(server.CreateSettings(s => s.CommandEventSubscriber = log));
        var collection = await SeedAsync(client, "first_" + mode, 5);
        var async = mode == SyncOrAsync.Async;

        var first = async ? await collection.Find(Filter<BsonDocument>.Eq("n", 3)).FirstOrDefaultAsync(Token) : collection.Find(Filter<BsonDocument>.Eq("n", 3)).FirstOrDefault(Token);
        var none = async ? await collection.Find(Filter<BsonDocument>.Eq("n", 99)).SingleOrDefaultAsync(Token) : collection.Find(Filter<BsonDocument>.Eq("n", 99)).SingleOrDefault(Token);
        var many = collection.Find(Filter<BsonDocument>.Empty);
        var error = async
            ? await Assert.ThrowsAsync<InvalidOperationException>(() => many.SingleOrDefaultAsync(Token))
            : Assert.Throws<InvalidOperationException>(() => many.SingleOrDefault(Token));

        Assert.Equal(3, first!["n"].ToInt32());
        Assert.Null(none);
        Assert.Contains("more than one", error.Message);
        var finds = log.StartedOf("find");
        Assert.Equal(1L, finds[0].Command["limit"].ToInt64());
        Assert.True(finds[0].Command["singleBatch"].AsBoolean);
        Assert.Equal(2L, finds[2].Command["limit"].ToInt64());
        Assert.Empty(log.StartedOf("getMore"));
        Assert.Empty(log.StartedOf("killCursors"));
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Counts_and_distinct_are_typed(SyncOrAsync mode)
    {
        await using var client = new MongoClient(server.CreateSettings());
        var collection = await SeedAsync(client, "count_" + mode, 10);
        var async = mode == SyncOrAsync.Async;
        var filter = Filter<BsonDocument>.Lt("n", 7);

        var count = async ? await collection.CountDocumentsAsync(filter, new CountOptions { Skip = 1, Limit = 4 }, Token) : collection.CountDocuments(filter, new CountOptions { Skip = 1, Limit = 4 }, Token);
        var all = async ? await collection.CountDocumentsAsync(filter, cancellationToken: Token) : collection.CountDocuments(filter, cancellationToken: Token);
        var estimated = async ? await collection.EstimatedDocumentCountAsync(cancellationToken: Token) : collection.EstimatedDocumentCount(cancellationToken: Token);
        var fluent = async ? await collection.Find(filter).Skip(5).CountDocumentsAsync(Token) : collection.Find(filter).Skip(5).CountDocuments(Token);
        var groups = async ? await collection.DistinctAsync<int>("group", cancellationToken: Token) : collection.Distinct<int>("group", cancellationToken: Token);
        var tags = async ? await collection.DistinctAsync<string>("tags", filter, cancellationToken: Token) : collection.Distinct<string>("tags", filter, cancellationToken: Token);
        var empty = async ? await collection.CountDocumentsAsync(Filter<BsonDocument>.Eq("n", -1), cancellationToken: Token) : collection.CountDocuments(Filter<BsonDocument>.Eq("n", -1), cancellationToken: Token);

        Assert.Equal(4, count);
        Assert.Equal(7, all);
        Assert.Equal(10, estimated);
        Assert.Equal(2, fluent);
        Assert.Equal([0, 1, 2], groups.Order());
        Assert.Equal(["all", "t0", "t1"], tags.Order());
        Assert.Equal(0, empty);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Distinct_by_field_descriptor_decodes_through_the_field(SyncOrAsync mode)
    {
        var log = new CommandLog();
        await using var client = new MongoClient(server.CreateSettings(s => s.CommandEventSubscriber = log));
        var collection = await SeedAsync(client, "distinct_typed_" + mode, 10);
        IMongoCollection<BsonDocument> viaInterface = collection;
        var async = mode == SyncOrAsync.Async;

        // Decoders that leave a mark, to show the values went through them rather than the default conversions.
        var group = new Field<BsonDocument, int>("group", v => v, static (ref BsonSpanReader r) => r.ReadInt32() * 100);
        var plainGroup = new Field<BsonDocument, int>("group", v => v);
        var tags = new ArrayField<BsonDocument, List<string>, string>("tags", v => new BsonArray(v), t => t, decodeItem: static (ref BsonSpanReader r) => r.ReadString().ToUpperInvariant());
        var plainTags = new ArrayField<BsonDocument, List<string>, string>("tags", v => new BsonArray(v), t => t);
        var filter = Filter<BsonDocument>.Lt(new Field<BsonDocument, int>("n", v => v), 4);

        var groups = async ? await collection.DistinctAsync(group, cancellationToken: Token) : collection.Distinct(group, cancellationToken: Token);
        var plainGroups = async ? await viaInterface.DistinctAsync(plainGroup, filter, cancellationToken: Token) : viaInterface.Distinct(plainGroup, filter, cancellationToken: Token);
        var tagValues = async ? await viaInterface.DistinctAsync(tags, filter, cancellationToken: Token) : viaInterface.Distinct(tags, filter, cancellationToken: Token);
        var plainTagValues = async ? await collection.DistinctAsync(plainTags, cancellationToken: Token) : collection.Distinct(plainTags, cancellationToken: Token);

        Assert.Equal([0, 100, 200], groups.Order());
        Assert.Equal([0, 1, 2], plainGroups.Order());
        Assert.Equal(["ALL", "T0", "T1"], tagValues.Order());
        Assert.Equal(["all", "t0", "t1"], plainTagValues.Order());
        var commands = log.StartedOf("distinct");
        Assert.Equal(["group", "group", "tags", "tags"], commands.Select(c => c.Command["key"].AsString));
        Assert.Equal(BsonDocument.Parse("""{ "n": { "$lt": 4 } }"""), commands[1].Command["query"]);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Aggregate_runs_a_typed_pipeline_and_infers_its_result_type(SyncOrAsync mode)
    {
        await using var client = new MongoClient(server.CreateSettings());
        var collection = await SeedAsync(client, "agg_typed_" + mode, 12);
        IMongoCollection<BsonDocument> viaInterface = collection;
        var n = new Field<BsonDocument, int>("n", v => v);
        var group = new Field<BsonDocument, int>("group", v => v);
        var total = new Field<BsonDocument, int>("total", v => v);
        var pipeline = Pipeline.For<BsonDocument>()
            .Match(Filter<BsonDocument>.Gte(n, 3))
            .Group(group, Accumulator<BsonDocument>.Sum(total, n))
            .Sort(Sort<BsonDocument>.Ascending(new Field<BsonDocument, int>("_id", v => v)));

        var cursor = mode == SyncOrAsync.Async ? await collection.AggregateAsync(pipeline, cancellationToken: Token) : viaInterface.Aggregate(pipeline, cancellationToken: Token);
        var results = mode == SyncOrAsync.Async ? await cursor.ToListAsync(Token) : cursor.ToList();

        // n from 3 to 11, grouped by n % 3.
        Assert.Equal([3 + 6 + 9, 4 + 7 + 10, 5 + 8 + 11], results.Select(d => d["total"].ToInt32()));
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Aggregate_returns_typed_results_across_batches(SyncOrAsync mode)
    {
        await using var client = new MongoClient(server.CreateSettings());
        var collection = await SeedAsync(client, "agg_" + mode, 30);
        var pipeline = Pipeline.Match(Filter<BsonDocument>.Gte("n", 10)).Sort(Sort<BsonDocument>.Ascending("n"));
        var options = new AggregateOptions { BatchSize = 4 };

        var cursor = mode == SyncOrAsync.Async ? await collection.AggregateAsync<BsonDocument>(pipeline, options, Token) : collection.Aggregate<BsonDocument>(pipeline, options, Token);
        var results = mode == SyncOrAsync.Async ? await cursor.ToListAsync(Token) : cursor.ToList();

        Assert.Equal(Enumerable.Range(10, 20), results.Select(d => d["n"].ToInt32()));
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Databases_and_collections_are_listed(SyncOrAsync mode)
    {
        await using var client = new MongoClient(server.CreateSettings());
        var collection = await SeedAsync(client, "listed_" + mode, 1);
        var database = client.GetDatabase("reads");
        var async = mode == SyncOrAsync.Async;

        var databaseNames = async ? await client.ListDatabaseNamesAsync(cancellationToken: Token) : client.ListDatabaseNames(cancellationToken: Token);
        var databases = async ? await (await client.ListDatabasesAsync(cancellationToken: Token)).ToListAsync(Token) : client.ListDatabases(cancellationToken: Token).ToList();
        var names = async ? await database.ListCollectionNamesAsync(cancellationToken: Token) : database.ListCollectionNames(cancellationToken: Token);
        var filtered = async
            ? await (await database.ListCollectionsAsync(new ListCollectionsOptions { Filter = new BsonDocument("name", collection.Name) }, Token)).ToListAsync(Token)
            : database.ListCollections(new ListCollectionsOptions { Filter = new BsonDocument("name", collection.Name) }, Token).ToList();
        var indexes = async ? await (await ((IMongoCollection<BsonDocument>)collection).Indexes.ListAsync(cancellationToken: Token)).ToListAsync(Token) : ((IMongoCollection<BsonDocument>)collection).Indexes.List(cancellationToken: Token).ToList();

        Assert.Contains("reads", databaseNames);
        Assert.Contains(databases, d => d["name"].AsString == "reads");
        Assert.Contains(collection.Name, names);
        Assert.Equal(collection.Name, Assert.Single(filtered)["name"].AsString);
        Assert.Equal("_id_", Assert.Single(indexes)["name"].AsString);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task RunCommand_and_server_info_go_to_the_primary(SyncOrAsync mode)
    {
        var log = new CommandLog();
        await using var client = new MongoClient(server.CreateSettings(s => s.CommandEventSubscriber = log));
        var database = client.GetDatabase("admin");
        var async = mode == SyncOrAsync.Async;

        var ping = async ? await database.RunCommandAsync(new BsonDocument("ping", 1), cancellationToken: Token) : database.RunCommand(new BsonDocument("ping", 1), cancellationToken: Token);
        var info = async ? await client.GetServerInfoAsync(Token) : client.GetServerInfo(Token);
        var error = async
            ? await Assert.ThrowsAsync<MongoCommandException>(() => database.RunCommandAsync(new BsonDocument("noSuchCommand", 1), cancellationToken: Token))
            : Assert.Throws<MongoCommandException>(() => database.RunCommand(new BsonDocument("noSuchCommand", 1), cancellationToken: Token));

        Assert.Equal(1, ping["ok"].ToInt32());
        Assert.True(info.Contains("version"));
        Assert.Equal(59, error.Code);
        Assert.All(log.Started.Where(e => e.CommandName is "ping" or "buildInfo"), e => Assert.True(e.Command.Contains("lsid")));
    }

    [Fact]
    public async Task Options_resolve_operation_over_collection_over_database_over_client()
    {
        await using var client = new MongoClient(server.CreateSettings(s => s.ReadConcern = ReadConcern.Local));
        var database = client.GetDatabase("reads", new DatabaseOptions { ReadPreference = ReadPreference.SecondaryPreferred, WriteConcern = WriteConcern.WMajority });
        var collection = database.GetCollection<BsonDocument>("opts", new CollectionOptions { ReadPreference = ReadPreference.Nearest });
        var again = collection.WithOptions(new CollectionOptions { ReadConcern = ReadConcern.Majority });

        Assert.Equal(ReadPreference.Nearest, collection.Options.ReadPreference);
        Assert.Equal(WriteConcern.WMajority, collection.Options.WriteConcern);
        Assert.Equal(ReadConcern.Local, collection.Options.ReadConcern);
        Assert.Equal(ReadPreference.Nearest, again.Options.ReadPreference);
        Assert.Equal(ReadConcern.Majority, again.Options.ReadConcern);
        Assert.Equal(ReadPreference.SecondaryPreferred, database.Options.ReadPreference);
        Assert.Equal(ReadPreference.Primary, database.WithOptions(new DatabaseOptions { ReadPreference = ReadPreference.Primary }).Options.ReadPreference);
        Assert.Equal(ReadPreference.Secondary, collection.ReadSettings(new FindOptions<BsonDocument> { ReadPreference = ReadPreference.Secondary }).ReadPreference);
    }
}

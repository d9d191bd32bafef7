using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Tests.Infrastructure;
using OpenQuizz.Typed.Tests.Operations.Write;

namespace OpenQuizz.Typed.Tests.Client;

/// <summary>The write API end to end through the real client, against the embedded server (or OPENQUIZZ_MONGODB_URI).</summary>
public sealed class WriteIntegrationTests(TestServerFixture server) : IClassFixture<TestServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<T> Run<T>(SyncOrAsync mode, Func<Task<T>> async, Func<T> sync) =>
        mode == SyncOrAsync.Async ? await async() : await Task.Run(sync, Token);

    private static async Task<List<BsonDocument>> All(IMongoCollection<BsonDocument> collection) =>
        await collection.Find(Filter<BsonDocument>.Empty).Sort(Sort<BsonDocument>.Ascending("_id")).ToListAsync(Token);

    private async Task<(MongoClient Client, MongoCollection<BsonDocument> Collection)> FreshAsync(string name, CommandLog? log = null, Action<MongoClientSettings>? configure = null)
    {
        var client = new MongoClient(server.CreateSettings(s =>
        {
            s.CommandEventSubscriber = log;
            configure?.Invoke(s);
        }));
        var collection = client.GetDatabase("writes").GetCollection<BsonDocument>(name);
        await collection.DropAsync(cancellationToken: Token);
        return (client, collection);
    }

    [Fact]
    public async Task A_write_with_an_unset_filter_is_refused_and_Empty_matches_every_document()
    {
        var (client, c) = await FreshAsync("unset_filter");
        await using var _ = client;
        await c.InsertManyAsync([new BsonDocument("_id", 1), new BsonDocument("_id", 2)], cancellationToken: Token);

        // default(Filter<T>) is what a forgotten filter looks like: every kind of write refuses it before sending.
        Filter<BsonDocument> unset = default;
        Assert.False(unset.IsSet);
        await Assert.ThrowsAsync<ArgumentException>(() => c.DeleteManyAsync(unset, cancellationToken: Token));
        await Assert.ThrowsAsync<ArgumentException>(() => c.DeleteOneAsync(unset, cancellationToken: Token));
        await Assert.ThrowsAsync<ArgumentException>(() => c.UpdateManyAsync(unset, Update<BsonDocument>.Set("x", 1), cancellationToken: Token));
        await Assert.ThrowsAsync<ArgumentException>(() => c.ReplaceOneAsync(unset, new BsonDocument("x", 1), cancellationToken: Token));
        await Assert.ThrowsAsync<ArgumentException>(() => c.FindOneAndDeleteAsync(unset, cancellationToken: Token));
        Assert.Equal(2, (await All(c)).Count);
        Assert.DoesNotContain(await All(c), d => d.Contains("x"));

        Assert.True(Filter<BsonDocument>.Empty.IsSet);
        Assert.Equal(2, (await c.DeleteManyAsync(Filter<BsonDocument>.Empty, cancellationToken: Token)).DeletedCount);
        Assert.Empty(await All(c));
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Insert_update_replace_delete_round_trip(SyncOrAsync mode)
    {
        var (client, c) = await FreshAsync($"crud_{mode}");
        await using var _ = client;

        var document = new BsonDocument("name", "a");
        var inserted = await Run(mode, () => c.InsertOneAsync(document, cancellationToken: Token), () => c.InsertOne(document, cancellationToken: Token));
        Assert.True(inserted.IsAcknowledged);
        Assert.Equal(document["_id"], inserted.InsertedId);
        Assert.Equal("_id", document.GetElement(0).Name);

        var many = await Run(mode, () => c.InsertManyAsync([new BsonDocument("_id", 1), new BsonDocument("_id", 2)], cancellationToken: Token), () => c.InsertMany([new BsonDocument("_id", 1), new BsonDocument("_id", 2)], cancellationToken: Token));
        Assert.Equal([new BsonInt32(1), new BsonInt32(2)], many.InsertedIds);

        var updated = await Run(mode, () => c.UpdateManyAsync(Filter<BsonDocument>.In("_id", 1, 2), Update<BsonDocument>.Inc("n", 1), cancellationToken: Token), () => c.UpdateMany(Filter<BsonDocument>.In("_id", 1, 2), Update<BsonDocument>.Inc("n", 1), cancellationToken: Token));
        Assert.Equal((2L, 2L, (BsonValue?)null), (updated.MatchedCount, updated.ModifiedCount, updated.UpsertedId));

        var upserted = await Run(mode, () => c.UpdateOneAsync(Filter<BsonDocument>.Eq("_id", 3), Update<BsonDocument>.Set("x", 1), new UpdateOptions { IsUpsert = true }, Token), () => c.UpdateOne(Filter<BsonDocument>.Eq("_id", 3), Update<BsonDocument>.Set("x", 1), new UpdateOptions { IsUpsert = true }, Token));
        Assert.Equal((0L, new BsonInt32(3)), (upserted.MatchedCount, upserted.UpsertedId));

        var replaced = await Run(mode, () => c.ReplaceOneAsync(Filter<BsonDocument>.Eq("_id", 1), new BsonDocument("r", true), cancellationToken: Token), () => c.ReplaceOne(Filter<BsonDocument>.Eq("_id", 1), new BsonDocument("r", true), cancellationToken: Token));
        Assert.Equal(1, replaced.ModifiedCount);

        var deleted = await Run(mode, () => c.DeleteManyAsync(Filter<BsonDocument>.Gte("_id", 2), cancellationToken: Token), () => c.DeleteMany(Filter<BsonDocument>.Gte("_id", 2), cancellationToken: Token));
        Assert.Equal(2, deleted.DeletedCount);

        var left = await All(c);
        Assert.Equal(2, left.Count);
        Assert.Contains(left, d => d == Json.Doc("{ _id: 1, r: true }"));
    }

    [Fact]
    public async Task Typed_documents_without_an_id_get_the_one_the_result_reports()
    {
        await using var client = new MongoClient(server.CreateSettings());
        var notes = client.GetDatabase("writes").GetCollection("typed_notes", NoteCodec.Instance);
        await notes.DropAsync(cancellationToken: Token);

        var one = await notes.InsertOneAsync(new Note("first", 1), cancellationToken: Token);
        var many = await notes.InsertManyAsync([new Note("second"), new Note("third")], cancellationToken: Token);

        var raw = await All(client.GetDatabase("writes").GetCollection<BsonDocument>("typed_notes"));
        Assert.Equal([one.InsertedId, .. many.InsertedIds], raw.Select(d => d["_id"]).OrderBy(id => id.AsObjectId));
        Assert.All(raw, d => Assert.True(d["_id"].IsObjectId));
    }

    [Fact]
    public async Task Typed_updates_with_positional_paths_and_array_filters_apply_on_the_server()
    {
        var (client, c) = await FreshAsync("typed_updates");
        await using var _ = client;
        await c.InsertOneAsync(Json.Doc("{ _id: 1, status: 'Draft', n: 1, tags: ['a'], questions: [{ text: 'q1', points: 0, choices: [] }, { text: 'q2', points: 5, choices: ['x'] }] }"), cancellationToken: Token);
        var id = new Field<BsonDocument, int>("_id", v => v);
        var status = new Field<BsonDocument, DayOfWeek>("status", v => v.ToString());
        var n = new Field<BsonDocument, int>("n", v => v);
        var tags = new ArrayField<BsonDocument, List<string>, string>("tags", v => new BsonArray(v), t => t);
        var questions = new ArrayField<BsonDocument, BsonArray, BsonDocument>("questions", v => v, q => q);
        var text = new Field<BsonDocument, string>("text", v => v);
        var points = new Field<BsonDocument, int>("points", v => v);
        var choices = new ArrayField<BsonDocument, List<string>, string>("choices", v => new BsonArray(v), ch => ch);

        var update = Update<BsonDocument>.Set(status, DayOfWeek.Friday)
            .Inc(n, 2)
            .AddToSetEach(tags, ["a", "b"])
            .Set(questions.Filtered("low").Then(points), 1)
            .Push(questions.AllElements.Then(choices), "y");
        var result = await c.UpdateOneAsync(
            Filter<BsonDocument>.Eq(id, 1) & Filter<BsonDocument>.ElemMatch(questions, Filter<BsonDocument>.Eq(text, "q2")),
            update,
            new UpdateOptions { ArrayFilters = [ArrayFilter.For("low", Filter<BsonDocument>.Lt(points, 1))] },
            Token);
        await c.UpdateOneAsync(Filter<BsonDocument>.Eq(questions.ThenItem(text), "q2"), Update<BsonDocument>.Set(questions.FirstMatching.Then(text), "second"), cancellationToken: Token);

        Assert.Equal(1, result.ModifiedCount);
        var stored = Assert.Single(await All(c));
        Assert.Equal(
            Json.Doc("{ _id: 1, status: 'Friday', n: 3, tags: ['a', 'b'], questions: [{ text: 'q1', points: 1, choices: ['y'] }, { text: 'second', points: 5, choices: ['x', 'y'] }] }"),
            stored);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Array_filters_and_find_one_and_modify_before_and_after(SyncOrAsync mode)
    {
        var (client, c) = await FreshAsync($"fam_{mode}");
        await using var _ = client;
        await c.InsertOneAsync(Json.Doc("{ _id: 1, n: 1, grades: [80, 95, 100] }"), cancellationToken: Token);

        await c.UpdateOneAsync(Filter<BsonDocument>.Eq("_id", 1), Update<BsonDocument>.Set("grades.$[g]", 0), new UpdateOptions { ArrayFilters = [Json.Doc("{ g: { $gte: 95 } }")] }, Token);

        var before = await Run(mode, () => c.FindOneAndUpdateAsync(Filter<BsonDocument>.Eq("_id", 1), Update<BsonDocument>.Inc("n", 1), cancellationToken: Token), () => c.FindOneAndUpdate(Filter<BsonDocument>.Eq("_id", 1), Update<BsonDocument>.Inc("n", 1), cancellationToken: Token));
        Assert.Equal(1, before!["n"].ToInt32());
        Assert.Equal(new BsonArray { 80, 0, 0 }, before["grades"]);

        var after = await Run(mode, () => c.FindOneAndUpdateAsync(Filter<BsonDocument>.Eq("_id", 1), Update<BsonDocument>.Inc("n", 1), new FindOneAndUpdateOptions<BsonDocument> { ReturnDocument = ReturnDocument.After }, Token), () => c.FindOneAndUpdate(Filter<BsonDocument>.Eq("_id", 1), Update<BsonDocument>.Inc("n", 1), new FindOneAndUpdateOptions<BsonDocument> { ReturnDocument = ReturnDocument.After }, Token));
        Assert.Equal(3, after!["n"].ToInt32());

        var upserted = await Run(mode, () => c.FindOneAndReplaceAsync(Filter<BsonDocument>.Eq("_id", 2), new BsonDocument("v", 2), new FindOneAndReplaceOptions<BsonDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After }, Token), () => c.FindOneAndReplace(Filter<BsonDocument>.Eq("_id", 2), new BsonDocument("v", 2), new FindOneAndReplaceOptions<BsonDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After }, Token));
        Assert.Equal(Json.Doc("{ _id: 2, v: 2 }"), upserted);

        var removed = await Run(mode, () => c.FindOneAndDeleteAsync(Filter<BsonDocument>.Eq("_id", 2), cancellationToken: Token), () => c.FindOneAndDelete(Filter<BsonDocument>.Eq("_id", 2), cancellationToken: Token));
        Assert.Equal(2, removed!["v"].ToInt32());
        Assert.Null(await c.FindOneAndDeleteAsync(Filter<BsonDocument>.Eq("_id", 2), cancellationToken: Token));
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Duplicate_keys_in_ordered_and_unordered_bulks(SyncOrAsync mode)
    {
        var (client, c) = await FreshAsync($"bulk_dup_{mode}");
        await using var _ = client;
        List<WriteModel<BsonDocument>> requests =
        [
            new InsertOneModel<BsonDocument>(new BsonDocument("_id", 1)),
            new InsertOneModel<BsonDocument>(new BsonDocument("_id", 1)),
            new UpdateOneModel<BsonDocument>(Filter<BsonDocument>.Eq("_id", 1), Update<BsonDocument>.Set("u", 1)),
            new InsertOneModel<BsonDocument>(new BsonDocument("_id", 2)),
        ];

        var ordered = await Assert.ThrowsAsync<MongoBulkWriteException<BsonDocument>>(() => Run(mode, () => c.BulkWriteAsync(requests, cancellationToken: Token), () => c.BulkWrite(requests, cancellationToken: Token)));
        var error = Assert.Single(ordered.WriteErrors);
        Assert.Equal((1, WriteErrorCategory.DuplicateKey, 11000), (error.Index, error.Category, error.Code));
        Assert.Equal(requests[2..], ordered.UnprocessedRequests);
        Assert.Equal(1, ordered.PartialResult.InsertedCount);

        await c.DeleteManyAsync(Filter<BsonDocument>.Empty, cancellationToken: Token);
        var unordered = await Assert.ThrowsAsync<MongoBulkWriteException<BsonDocument>>(() => Run(mode, () => c.BulkWriteAsync(requests, new BulkWriteOptions { IsOrdered = false }, Token), () => c.BulkWrite(requests, new BulkWriteOptions { IsOrdered = false }, Token)));
        Assert.Equal(1, Assert.Single(unordered.WriteErrors).Index);
        Assert.Empty(unordered.UnprocessedRequests);
        Assert.Equal((2L, 1L), (unordered.PartialResult.InsertedCount, unordered.PartialResult.ModifiedCount));

        var single = await Assert.ThrowsAsync<MongoWriteException>(() => Run(mode, () => c.InsertOneAsync(new BsonDocument("_id", 2), cancellationToken: Token), () => c.InsertOne(new BsonDocument("_id", 2), cancellationToken: Token)));
        Assert.Equal(WriteErrorCategory.DuplicateKey, single.WriteError!.Category);
    }

    [Fact]
    public async Task A_bulk_of_100001_inserts_goes_in_two_batches()
    {
        var log = new CommandLog();
        var (client, c) = await FreshAsync("bulk_big", log);
        await using var _ = client;

        var result = await c.InsertManyAsync(Enumerable.Range(0, 100_001).Select(i => new BsonDocument("_id", i)), cancellationToken: Token);

        Assert.Equal(100_001, result.InsertedIds.Count);
        var inserts = log.StartedOf("insert");
        Assert.Equal(2, inserts.Count);
        Assert.Equal([100_000, 1], inserts.Select(e => e.Command["documents"].AsBsonArray.Count));
        Assert.Equal(100_001, await c.CountDocumentsAsync(Filter<BsonDocument>.Empty, cancellationToken: Token));
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Documents_of_a_mebibyte_split_by_message_size(SyncOrAsync mode)
    {
        var log = new CommandLog();
        var (client, c) = await FreshAsync($"bulk_size_{mode}", log);
        await using var _ = client;
        var pad = new string('x', 1024 * 1024);
        var documents = Enumerable.Range(0, 50).Select(i => new BsonDocument { { "_id", i }, { "pad", pad } }).ToList();

        var result = await Run(mode, () => c.InsertManyAsync(documents, cancellationToken: Token), () => c.InsertMany(documents, cancellationToken: Token));

        Assert.Equal(50, result.InsertedIds.Count);
        var batches = log.StartedOf("insert").Select(e => e.Command["documents"].AsBsonArray.Count).ToList();
        Assert.True(batches.Count >= 2, $"{batches.Count} batch(es)");
        Assert.Equal(50, batches.Sum());
    }

    [Fact]
    public async Task An_oversize_document_is_refused_before_it_is_sent()
    {
        var log = new CommandLog();
        var (client, c) = await FreshAsync("oversize", log);
        await using var _ = client;

        await Assert.ThrowsAsync<MongoMessageTooLargeException>(() => c.InsertOneAsync(new BsonDocument("pad", new string('x', 17 * 1024 * 1024)), cancellationToken: Token));
        Assert.Empty(log.StartedOf("insert"));
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Write_concern_errors_are_raised_with_the_write_applied(SyncOrAsync mode)
    {
        server.RequireEmbedded();
        var (client, c) = await FreshAsync($"wce_{mode}");
        await using var _ = client;
        await FailPoint(client, "insert", new BsonDocument("times", 1), Json.Doc("{ writeConcernError: { code: 64, codeName: 'WriteConcernFailed', errmsg: 'waiting for replication timed out', errInfo: { wtimeout: true } } }"));

        var error = await Assert.ThrowsAsync<MongoWriteException>(() => Run(mode, () => c.InsertOneAsync(new BsonDocument("_id", 1), cancellationToken: Token), () => c.InsertOne(new BsonDocument("_id", 1), cancellationToken: Token)));
        Assert.Null(error.WriteError);
        Assert.Equal((64, "WriteConcernFailed"), (error.WriteConcernError!.Code, error.WriteConcernError.CodeName));
        Assert.Equal(Json.Doc("{ wtimeout: true }"), error.WriteConcernError.Details);
        Assert.Single(await All(c));

        await FailPoint(client, "insert", new BsonDocument("times", 1), Json.Doc("{ writeConcernError: { code: 64, errmsg: 'wc' } }"));
        var bulk = await Assert.ThrowsAsync<MongoBulkWriteException<BsonDocument>>(() => c.InsertManyAsync([new BsonDocument("_id", 2)], cancellationToken: Token));
        Assert.Equal(64, bulk.WriteConcernError!.Code);
        Assert.Equal(1, bulk.PartialResult.InsertedCount);
    }

    [Fact]
    public async Task Unacknowledged_writes_return_results_without_counts()
    {
        // One pooled connection: the unacknowledged writes and the acknowledged count that follows all travel on it,
        // and a server (mongod as the embedded one) runs a connection's messages one at a time in order, so the count
        // runs after both writes are applied and one read asserts them, with no waiting.
        var (client, c) = await FreshAsync("w0", configure: s => s.MaxPoolSize = 1);
        await using var _ = client;
        var options = new InsertOneOptions { WriteConcern = WriteConcern.Unacknowledged };

        var result = await c.InsertOneAsync(new BsonDocument("_id", 5), options, Token);
        var update = c.UpdateOne(Filter<BsonDocument>.Eq("_id", 5), Update<BsonDocument>.Set("a", 1), new UpdateOptions { WriteConcern = WriteConcern.Unacknowledged }, Token);

        Assert.False(result.IsAcknowledged);
        Assert.Equal(new BsonInt32(5), result.InsertedId);
        Assert.False(update.IsAcknowledged);
        Assert.Throws<InvalidOperationException>(() => update.MatchedCount);
        Assert.Equal(1, c.CountDocuments(Filter<BsonDocument>.Eq("a", 1), cancellationToken: Token));
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Indexes_are_created_listed_and_dropped(SyncOrAsync mode)
    {
        var (client, c) = await FreshAsync($"indexes_{mode}");
        await using var _ = client;
        var indexes = c.Indexes;

        var name = await Run(mode, () => indexes.CreateOneAsync(IndexKeys<BsonDocument>.Ascending("a"), new CreateIndexOptions { Unique = true }, cancellationToken: Token), () => indexes.CreateOne(IndexKeys<BsonDocument>.Ascending("a"), new CreateIndexOptions { Unique = true }, cancellationToken: Token));
        Assert.Equal("a_1", name);
        var names = await Run(mode, () => indexes.CreateManyAsync([new CreateIndexModel<BsonDocument>(IndexKeys<BsonDocument>.Descending("b")), new CreateIndexModel<BsonDocument>(IndexKeys<BsonDocument>.Ascending("c"), new CreateIndexOptions { Name = "by_c" })], cancellationToken: Token), () => indexes.CreateMany([new CreateIndexModel<BsonDocument>(IndexKeys<BsonDocument>.Descending("b")), new CreateIndexModel<BsonDocument>(IndexKeys<BsonDocument>.Ascending("c"), new CreateIndexOptions { Name = "by_c" })], cancellationToken: Token));
        Assert.Equal(["b_-1", "by_c"], names);

        var listed = await (await indexes.ListAsync(cancellationToken: Token)).ToListAsync(Token);
        Assert.Equal(["_id_", "a_1", "b_-1", "by_c"], listed.Select(i => i["name"].AsString).Order());
        Assert.True(listed.Single(i => i["name"] == "a_1")["unique"].AsBoolean);

        await c.InsertOneAsync(new BsonDocument("a", 1), cancellationToken: Token);
        var duplicate = await Assert.ThrowsAsync<MongoWriteException>(() => c.InsertOneAsync(new BsonDocument("a", 1), cancellationToken: Token));
        Assert.Equal(WriteErrorCategory.DuplicateKey, duplicate.WriteError!.Category);

        if (mode == SyncOrAsync.Async)
        {
            await indexes.DropOneAsync("a_1", cancellationToken: Token);
            await indexes.DropOneAsync(IndexKeys<BsonDocument>.Descending("b"), cancellationToken: Token);
        }
        else
        {
            indexes.DropOne("a_1", cancellationToken: Token);
            indexes.DropOne(IndexKeys<BsonDocument>.Descending("b"), cancellationToken: Token);
        }

        Assert.Equal(["_id_", "by_c"], (await (await indexes.ListAsync(cancellationToken: Token)).ToListAsync(Token)).Select(i => i["name"].AsString).Order());
        await indexes.DropAllAsync(cancellationToken: Token);
        Assert.Equal(["_id_"], (await (await indexes.ListAsync(cancellationToken: Token)).ToListAsync(Token)).Select(i => i["name"].AsString));
        var missing = await Assert.ThrowsAsync<MongoCommandException>(() => indexes.DropOneAsync("nope", cancellationToken: Token));
        Assert.Equal(27, missing.Code);
    }

    [Theory]
    [MemberData(nameof(SyncOrAsyncData.Both), MemberType = typeof(SyncOrAsyncData))]
    public async Task Collections_are_created_renamed_and_dropped_and_databases_dropped(SyncOrAsync mode)
    {
        await using var client = new MongoClient(server.CreateSettings());
        var dbName = $"admin_writes_{mode}";
        await client.DropDatabaseAsync(dbName, cancellationToken: Token);
        var db = client.GetDatabase(dbName);

        if (mode == SyncOrAsync.Async)
        {
            await db.CreateCollectionAsync("made", cancellationToken: Token);
            await db.RenameCollectionAsync("made", "renamed", cancellationToken: Token);
        }
        else
        {
            await Task.Run(() => db.CreateCollection("made", cancellationToken: Token), Token);
            await Task.Run(() => db.RenameCollection("made", "renamed", cancellationToken: Token), Token);
        }

        Assert.Equal(["renamed"], await db.ListCollectionNamesAsync(cancellationToken: Token));
        var exists = await Assert.ThrowsAsync<MongoCommandException>(() => db.CreateCollectionAsync("renamed", cancellationToken: Token));
        Assert.Equal(48, exists.Code);

        // The embedded server refuses the options whose write rules it has not built, rather than ignore them.
        var capped = await Assert.ThrowsAsync<MongoCommandException>(() => db.CreateCollectionAsync("capped", new CreateCollectionOptions { Capped = true, Size = 4096 }, Token));
        Assert.Equal(238, capped.Code);

        await db.GetCollection<BsonDocument>("other").InsertOneAsync(new BsonDocument("x", 1), cancellationToken: Token);
        await db.RenameCollectionAsync("other", "renamed", new RenameCollectionOptions { DropTarget = true }, Token);
        Assert.Equal(["renamed"], await db.ListCollectionNamesAsync(cancellationToken: Token));

        await db.DropCollectionAsync("renamed", cancellationToken: Token);
        db.DropCollection("never_existed", cancellationToken: Token);
        Assert.Empty(await db.ListCollectionNamesAsync(cancellationToken: Token));

        await db.GetCollection<BsonDocument>("again").InsertOneAsync(new BsonDocument("x", 1), cancellationToken: Token);
        if (mode == SyncOrAsync.Async)
        {
            await client.DropDatabaseAsync(db, cancellationToken: Token);
        }
        else
        {
            client.DropDatabase(dbName, cancellationToken: Token);
        }

        Assert.DoesNotContain(dbName, await client.ListDatabaseNamesAsync(cancellationToken: Token));
    }

    internal static Task FailPoint(MongoClient client, string command, BsonValue mode, BsonDocument data) =>
        client.GetDatabase("admin").RunCommandAsync(new BsonDocument
        {
            { "configureFailPoint", "failCommand" },
            { "mode", mode },
            { "data", new BsonDocument(data) { { "failCommands", new BsonArray { command } } } },
        }, cancellationToken: Token);
}

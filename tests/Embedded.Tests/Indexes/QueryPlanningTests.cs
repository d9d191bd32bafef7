using System.Diagnostics;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Indexes;
using OpenQuizz.Typed.Embedded.Storage;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Indexes;

public sealed class QueryPlanningTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private Task<BsonDocument> Run(BsonDocument command) => fixture.RunAsync(command);

    private CollectionStore Store(string name) => fixture.Server.Context.Storage.TryGetCollection("test", name)!;

    /// <summary>Runs a find and returns the matching ids and how many documents it examined.</summary>
    private async Task<(int[] Ids, long Examined)> FindExamined(string collection, BsonDocument filter)
    {
        var store = Store(collection);
        long before;
        lock (store.SyncRoot)
        {
            before = store.DocumentsExamined;
        }

        var batch = Reply.FirstBatch(await Run(D(("find", collection), ("filter", filter), ("batchSize", 1000))));
        lock (store.SyncRoot)
        {
            return ([.. batch.Select(d => d["_id"].AsInt32).Order()], store.DocumentsExamined - before);
        }
    }

    private async Task Expect(string collection, BsonDocument filter, int[] ids, long examined)
    {
        var (actualIds, actualExamined) = await FindExamined(collection, filter);
        Assert.Equal(ids, actualIds);
        Assert.Equal(examined, actualExamined);
    }

    private async Task Seed(string collection, int count)
    {
        var documents = new BsonArray();
        for (var i = 0; i < count; i++)
        {
            documents.Add(D(("_id", i), ("n", i), ("s", "k" + (i % 10)), ("g", i % 3)));
        }

        Reply.Ok(await Run(D(("insert", collection), ("documents", documents))));
    }

    [Fact]
    public async Task Equality_in_and_ranges_on_an_indexed_field_examine_only_candidates()
    {
        await Seed("plan", 500);
        Assert.Equal(500, (await FindExamined("plan", D(("n", 42)))).Examined); // no index yet: a scan
        Reply.Ok(await Run(D(("createIndexes", "plan"), ("indexes", A(D(("key", D(("n", 1)))), D(("key", D(("s", 1), ("g", 1)))))))));

        await Expect("plan", D(("n", 42)), [42], 1);
        await Expect("plan", D(("n", D(("$eq", 42.0)))), [42], 1);
        await Expect("plan", D(("n", D(("$in", A(9, 3, 7, 1000))))), [3, 7, 9], 3);
        await Expect("plan", D(("n", D(("$gte", 10), ("$lt", 13)))), [10, 11, 12], 3);
        await Expect("plan", D(("n", D(("$gt", 497)))), [498, 499], 2);
        await Expect("plan", D(("n", D(("$lte", 1)))), [0, 1], 2);
        await Expect("plan", D(("n", D(("$gt", "a")))), [], 0);
        await Expect("plan", D(("$and", A(D(("n", D(("$lt", 3)))), D(("n", D(("$gt", 1))))))), [2], 1);

        // Leading field of a compound index; the rest of the filter is checked on the candidates.
        var (ids, examined) = await FindExamined("plan", D(("s", "k5"), ("g", 0)));
        Assert.Equal(50, examined);
        Assert.All(ids, id => Assert.True(id % 10 == 5 && id % 3 == 0));

        // A predicate the index cannot answer still scans.
        Assert.Equal(500, (await FindExamined("plan", D(("n", D(("$ne", 1)))))).Examined);
    }

    [Fact]
    public async Task Updates_and_deletes_use_the_index_too()
    {
        await Seed("plan_write", 300);
        Reply.Ok(await Run(D(("createIndexes", "plan_write"), ("indexes", A(D(("key", D(("n", 1)))))))));
        var store = Store("plan_write");
        long before;
        lock (store.SyncRoot)
        {
            before = store.DocumentsExamined;
        }

        Reply.Ok(await Run(D(("update", "plan_write"), ("updates", A(D(("q", D(("n", 5))), ("u", D(("$set", D(("x", 1)))))))))));
        Assert.Equal(1, Reply.Ok(await Run(D(("delete", "plan_write"), ("deletes", A(D(("q", D(("n", 6))), ("limit", 0)))))))["n"].AsInt32);
        lock (store.SyncRoot)
        {
            Assert.Equal(2, store.DocumentsExamined - before);
        }

        await Expect("plan_write", D(("n", 6)), [], 0);
    }

    [Fact]
    public async Task A_point_lookup_in_a_million_documents_does_not_scan()
    {
        const int Count = 1_000_000;
        var store = fixture.Server.Context.Storage.GetOrCreateCollection("test", "million", out _);
        lock (store.SyncRoot)
        {
            for (var i = 0; i < Count; i++)
            {
                var document = new BsonDocument { { "_id", i }, { "k", Count - i } };
                store.Insert(document, 26);
            }

            store.Indexes.Add(IndexCatalog.Build(IndexSpec.Parse(D(("key", D(("k", 1))))), Storage.Persistence.JournalReplay.Documents(store), store.FullName));
        }

        var (ids, examined) = await FindExamined("million", D(("k", 123_456)));
        Assert.Equal([Count - 123_456], ids);
        Assert.Equal(1, examined);
        (ids, examined) = await FindExamined("million", D(("k", D(("$gt", Count - 3)))));
        Assert.Equal([0, 1, 2], ids);
        Assert.Equal(3, examined);
        // The proof is the examined counts, never a duration: timing belongs in the benchmarks.
        fixture.Server.Context.Storage.DropCollection("test", "million");
    }
}

using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Persistence;

/// <summary>Each test owns a temporary data directory, deleted afterwards.</summary>
public sealed class PersistenceTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "oq-dbpath-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task<EmbeddedMongoServer> Start(long compactionThreshold = 64L * 1024 * 1024) =>
        EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions { DataDirectory = _directory, JournalCompactionThreshold = compactionThreshold });

    private static async Task<BsonDocument> Run(EmbeddedMongoServer server, BsonDocument command, string database = "app")
    {
        await using var client = await WireClient.ConnectAsync(server.EndPoint);
        return await client.RunAsync(command, database);
    }

    private static async Task<BsonArray> FindAll(EmbeddedMongoServer server, string collection, string database = "app") =>
        Reply.FirstBatch(await Run(server, D(("find", collection), ("sort", D(("_id", 1))), ("batchSize", 10000)), database));

    private string JournalPath => Directory.GetFiles(_directory, "journal-*.bson").Single();

    [Fact]
    public async Task Data_catalog_and_indexes_survive_a_restart()
    {
        await using (var server = await Start())
        {
            Reply.Ok(await Run(server, D(("create", "capped_like"), ("validationLevel", "off"))));
            Reply.Ok(await Run(server, D(("insert", "people"), ("documents", A(D(("_id", 1), ("name", "ann")), D(("_id", 2), ("name", "bob")), D(("_id", 3), ("name", "cy")))))));
            Reply.Ok(await Run(server, D(("update", "people"), ("updates", A(D(("q", D(("_id", 2))), ("u", D(("$set", D(("age", 40)))))))))));
            Reply.Ok(await Run(server, D(("delete", "people"), ("deletes", A(D(("q", D(("_id", 3))), ("limit", 1)))))));
            Reply.Ok(await Run(server, D(("createIndexes", "people"), ("indexes", A(D(("key", D(("name", 1))), ("unique", true)), D(("key", D(("x", 1)))))))));
            Reply.Ok(await Run(server, D(("dropIndexes", "people"), ("index", "x_1"))));
            Reply.Ok(await Run(server, D(("insert", "old"), ("documents", A(D(("_id", 1)))))));
            Reply.Ok(await Run(server, D(("renameCollection", "app.old"), ("to", "app.renamed")), "admin"));
            Reply.Ok(await Run(server, D(("insert", "gone"), ("documents", A(D(("_id", 1)))))));
            Reply.Ok(await Run(server, D(("drop", "gone"))));
            Reply.Ok(await Run(server, D(("insert", "t"), ("documents", A(D(("_id", 1))))), "scratch"));
            Reply.Ok(await Run(server, D(("dropDatabase", 1)), "scratch"));
            Reply.Ok(await Run(server, D(("insert", "people"), ("documents", A(D(("_id", 4), ("name", "dee")))), ("writeConcern", D(("j", true))))));
        }

        await using (var server = await Start())
        {
            Assert.Equal(
                A(D(("_id", 1), ("name", "ann")), D(("_id", 2), ("name", "bob"), ("age", 40)), D(("_id", 4), ("name", "dee"))),
                await FindAll(server, "people"));
            var names = Reply.FirstBatch(await Run(server, D(("listCollections", 1), ("nameOnly", true)))).Select(c => c["name"].AsString).Order();
            Assert.Equal(["capped_like", "people", "renamed"], names);
            var indexes = Reply.FirstBatch(await Run(server, D(("listIndexes", "people"))));
            Assert.Equal(["_id_", "name_1"], indexes.Select(i => i["name"].AsString));
            Assert.True(indexes[1]["unique"].AsBoolean);
            Assert.Equal(11000, Reply.Ok(await Run(server, D(("insert", "people"), ("documents", A(D(("_id", 9), ("name", "ann")))))))["writeErrors"][0]["code"].AsInt32);
            var databases = Reply.Ok(await Run(server, D(("listDatabases", 1), ("nameOnly", true)), "admin"))["databases"].AsBsonArray;
            Assert.DoesNotContain(databases, d => d["name"].AsString == "scratch");
        }
    }

    [Fact]
    public async Task A_torn_last_record_is_ignored_and_the_journal_stays_usable()
    {
        await using (var server = await Start())
        {
            Reply.Ok(await Run(server, D(("insert", "c"), ("documents", A(D(("_id", 1)), D(("_id", 2)))))));
            Reply.Ok(await Run(server, D(("insert", "c"), ("documents", A(D(("_id", 3), ("pad", new string('x', 200))))))));
        }

        // Simulate a crash in the middle of the last append: cut the file inside the final record.
        var length = new FileInfo(JournalPath).Length;
        using (var journal = new FileStream(JournalPath, FileMode.Open))
        {
            journal.SetLength(length - 100);
        }

        await using (var server = await Start())
        {
            Assert.Equal(A(D(("_id", 1)), D(("_id", 2))), await FindAll(server, "c"));
            Reply.Ok(await Run(server, D(("insert", "c"), ("documents", A(D(("_id", 4)))), ("writeConcern", D(("j", true))))));
        }

        await using (var server = await Start())
        {
            Assert.Equal([1, 2, 4], (await FindAll(server, "c")).Select(d => d["_id"].AsInt32));
        }
    }

    [Fact]
    public async Task A_corrupted_record_ends_replay_at_the_last_good_one()
    {
        await using (var server = await Start())
        {
            Reply.Ok(await Run(server, D(("insert", "c"), ("documents", A(D(("_id", 1)))))));
            Reply.Ok(await Run(server, D(("insert", "c"), ("documents", A(D(("_id", 2)))))));
        }

        var bytes = await File.ReadAllBytesAsync(JournalPath, TestContext.Current.CancellationToken);
        bytes[^3] ^= 0xFF; // inside the last record: its CRC-32C no longer matches
        await File.WriteAllBytesAsync(JournalPath, bytes, TestContext.Current.CancellationToken);
        await using (var server = await Start())
        {
            Assert.Equal(A(D(("_id", 1))), await FindAll(server, "c"));
        }
    }

    [Fact]
    public async Task A_large_journal_is_compacted_into_a_snapshot()
    {
        await using (var server = await Start(compactionThreshold: 4096))
        {
            Reply.Ok(await Run(server, D(("createIndexes", "big"), ("indexes", A(D(("key", D(("n", 1))), ("unique", true)))))));
            for (var batch = 0; batch < 10; batch++)
            {
                var documents = new BsonArray();
                for (var i = 0; i < 20; i++)
                {
                    documents.Add(D(("_id", batch * 20 + i), ("n", batch * 20 + i), ("pad", new string('p', 50))));
                }

                Reply.Ok(await Run(server, D(("insert", "big"), ("documents", documents))));
            }

            Reply.Ok(await Run(server, D(("delete", "big"), ("deletes", A(D(("q", D(("n", D(("$gte", 100))))), ("limit", 0)))))));
        }

        Assert.True(File.Exists(Path.Combine(_directory, "snapshot.bson")));
        Assert.True(new FileInfo(JournalPath).Length < 4096 + 2048);
        Assert.DoesNotContain(Directory.GetFiles(_directory), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        await using (var server = await Start(compactionThreshold: 4096))
        {
            Assert.Equal(Enumerable.Range(0, 100), (await FindAll(server, "big")).Select(d => d["_id"].AsInt32));
            Assert.Equal(2, Reply.FirstBatch(await Run(server, D(("listIndexes", "big")))).Count);
            Assert.True(Reply.Ok(await Run(server, D(("insert", "big"), ("documents", A(D(("_id", 1000), ("n", 5))))))).Contains("writeErrors"));
        }
    }

    [Fact]
    public async Task Two_servers_cannot_share_a_directory()
    {
        await using var first = await Start();
        await Assert.ThrowsAnyAsync<IOException>(() => Start());
    }

    [Fact]
    public async Task TTL_deletions_are_journaled()
    {
        var clock = new ManualTimeProvider();
        var options = new EmbeddedServerOptions { DataDirectory = _directory, TimeProvider = clock };
        await using (var server = await EmbeddedMongoServer.StartAsync(options))
        {
            Reply.Ok(await Run(server, D(("createIndexes", "ttl"), ("indexes", A(D(("key", D(("at", 1))), ("expireAfterSeconds", 0)))))));
            Reply.Ok(await Run(server, D(("insert", "ttl"), ("documents", A(D(("_id", 1), ("at", new BsonDateTime(clock.GetUtcNow().AddSeconds(-1)))), D(("_id", 2)))))));
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        await using (var server = await EmbeddedMongoServer.StartAsync(options))
        {
            Assert.Equal(A(D(("_id", 2))), await FindAll(server, "ttl"));
        }
    }

    [Fact]
    public async Task Collection_uuids_stay_the_same_across_restarts_and_compactions()
    {
        BsonValue uuidBefore;
        await using (var server = await Start())
        {
            Reply.Ok(await Run(server, D(("insert", "people"), ("documents", A(D(("_id", 1)))))));
            uuidBefore = await Uuid(server, "people");
        }

        await using (var server = await Start(compactionThreshold: 1))
        {
            Assert.Equal(uuidBefore, await Uuid(server, "people"));
            Reply.Ok(await Run(server, D(("insert", "people"), ("documents", A(D(("_id", 2))))))); // compacts into a snapshot
        }

        await using (var server = await Start())
        {
            Assert.Equal(uuidBefore, await Uuid(server, "people"));
        }
    }

    [Fact]
    public async Task A_failed_compaction_is_logged_and_the_server_keeps_serving_and_journaling()
    {
        var log = new List<string>();
        var options = new EmbeddedServerOptions
        {
            DataDirectory = _directory,
            JournalCompactionThreshold = 1,
            Log = line => { lock (log) { log.Add(line); } },
        };
        await using (var server = await EmbeddedMongoServer.StartAsync(options))
        {
            // A directory where the snapshot's temporary file goes makes every compaction fail.
            Directory.CreateDirectory(Path.Combine(_directory, "snapshot.bson.tmp"));
            var journaled = D(("j", true));
            Reply.Ok(await Run(server, D(("insert", "kept"), ("documents", A(D(("_id", 1)))), ("writeConcern", journaled))));
            Reply.Ok(await Run(server, D(("insert", "kept"), ("documents", A(D(("_id", 2)))))));
            Assert.Equal(A(D(("_id", 1)), D(("_id", 2))), await FindAll(server, "kept"));
            lock (log)
            {
                Assert.Contains(log, line => line.StartsWith("journal compaction failed", StringComparison.Ordinal));
            }

            Directory.Delete(Path.Combine(_directory, "snapshot.bson.tmp"));
        }

        await using (var server = await Start())
        {
            Assert.Equal(A(D(("_id", 1)), D(("_id", 2))), await FindAll(server, "kept"));
        }
    }

    private static async Task<BsonValue> Uuid(EmbeddedMongoServer server, string collection)
    {
        var filter = D(("name", collection));
        var collections = Reply.FirstBatch(await Run(server, D(("listCollections", 1), ("filter", filter))));
        return Assert.Single(collections)["info"]["uuid"];
    }
}

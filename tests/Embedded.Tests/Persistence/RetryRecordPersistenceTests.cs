using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Tests.Wire;
using static OpenQuizz.Typed.Embedded.Tests.Dsl;

namespace OpenQuizz.Typed.Embedded.Tests.Persistence;

/// <summary>
/// Exactly-once across restarts: a retryable write's retry record is journaled in the same journal record as the
/// write, replayed (and snapshotted) with the data, and expires with its session. Each test owns a data directory.
/// </summary>
public sealed class RetryRecordPersistenceTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "oq-retry-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly ManualTimeProvider _clock = new();
    private readonly BsonBinaryData _lsid = BsonBinaryData.FromGuid(Guid.NewGuid(), UuidRepresentation.Standard);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task<EmbeddedMongoServer> Start(long compactionThreshold = 64L * 1024 * 1024) =>
        EmbeddedMongoServer.StartAsync(new EmbeddedServerOptions
        {
            DataDirectory = _directory,
            ReplicaSetName = "rs0",
            JournalCompactionThreshold = compactionThreshold,
            TimeProvider = _clock,
        });

    private static async Task<BsonDocument> Run(EmbeddedMongoServer server, BsonDocument command)
    {
        await using var client = await WireClient.ConnectAsync(server.EndPoint);
        return await client.RunAsync(command, "app");
    }

    private BsonDocument Increment() => D(
        ("update", "counters"),
        ("updates", A(D(("q", D(("_id", 1))), ("u", D(("$inc", D(("n", 1))))), ("upsert", true)))),
        ("lsid", D(("id", _lsid))),
        ("txnNumber", 4L),
        ("writeConcern", D(("j", true))));

    private static async Task<int> Counter(EmbeddedMongoServer server) =>
        Reply.FirstBatch(await Run(server, D(("find", "counters"))))[0]["n"].AsInt32;

    [Theory]
    [InlineData(64L * 1024 * 1024)] // replayed from the journal
    [InlineData(1L)] // compacted after every command: replayed from the snapshot
    public async Task A_retry_after_a_restart_is_answered_from_the_record(long compactionThreshold)
    {
        BsonDocument first;
        await using (var server = await Start(compactionThreshold))
        {
            first = Reply.Ok(await Run(server, Increment()));
            Assert.Single(first["upserted"].AsBsonArray);
        }

        await using (var server = await Start(compactionThreshold))
        {
            var retry = Reply.Ok(await Run(server, Increment()));
            Assert.Equal(A(0), retry["retriedStmtIds"]);
            Assert.Equal(first["upserted"], retry["upserted"]);
            Assert.Equal(1, await Counter(server));
        }
    }

    [Fact]
    public async Task A_write_and_its_record_are_lost_together_when_the_group_is_torn()
    {
        await using (var server = await Start())
        {
            Reply.Ok(await Run(server, D(("insert", "counters"), ("documents", A(D(("_id", 1), ("n", 0)))))));
            Reply.Ok(await Run(server, Increment()));
        }

        // Cut the last journal record (the write with its retry record) short, as a crash in mid-append would.
        var journal = Directory.GetFiles(_directory, "journal-*.bson").Single();
        using (var stream = new FileStream(journal, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(stream.Length - 3);
        }

        await using (var server = await Start())
        {
            Assert.Equal(0, await Counter(server)); // neither the write…
            var again = Reply.Ok(await Run(server, Increment()));
            Assert.False(again.Contains("retriedStmtIds")); // …nor its record survived: the resend applies it, once
            Assert.Equal(1, await Counter(server));
        }

        // The torn group was cut off at its start, so what came after the restart is replayed normally.
        await using (var server = await Start())
        {
            Assert.Equal(1, await Counter(server));
            Assert.Equal(A(0), Reply.Ok(await Run(server, Increment()))["retriedStmtIds"]);
        }
    }

    [Fact]
    public async Task A_group_torn_after_its_first_frames_is_dropped_whole()
    {
        await using (var server = await Start())
        {
            Reply.Ok(await Run(server, D(("insert", "counters"), ("documents", A(D(("_id", 1), ("n", 0)))))));
        }

        var journal = Directory.GetFiles(_directory, "journal-*.bson").Single();
        var before = new FileInfo(journal).Length;
        await using (var server = await Start())
        {
            Reply.Ok(await Run(server, D(
                ("insert", "counters"),
                ("documents", A(D(("_id", 2)), D(("_id", 3)), D(("_id", 4)))),
                ("lsid", D(("id", _lsid))),
                ("txnNumber", 1L))));
        }

        // Keep the group's start and first document only, as a crash while appending it would.
        using (var stream = new FileStream(journal, FileMode.Open, FileAccess.ReadWrite))
        {
            var bytes = new byte[stream.Length - before];
            stream.Position = before;
            stream.ReadExactly(bytes);
            var firstTwoFrames = FrameLength(bytes, 0) + FrameLength(bytes, FrameLength(bytes, 0));
            stream.SetLength(before + firstTwoFrames);
        }

        await using (var server = await Start())
        {
            Assert.Single(Reply.FirstBatch(await Run(server, D(("find", "counters")))));
        }

        static int FrameLength(byte[] bytes, int at) => 8 + BitConverter.ToInt32(bytes, at);
    }

    [Fact]
    public async Task Records_of_sessions_expired_before_the_restart_are_not_loaded()
    {
        await using (var server = await Start())
        {
            Reply.Ok(await Run(server, Increment()));
        }

        _clock.Advance(TimeSpan.FromMinutes(31));
        await using (var server = await Start())
        {
            var again = Reply.Ok(await Run(server, Increment()));
            Assert.False(again.Contains("retriedStmtIds"));
            Assert.Equal(2, await Counter(server));
        }
    }

    [Fact]
    public async Task Concurrent_retryable_writes_through_compactions_keep_every_record_with_its_data()
    {
        const int Sessions = 6;
        const int WritesEach = 40;
        var lsids = Enumerable.Range(0, Sessions).Select(_ => D(("id", BsonBinaryData.FromGuid(Guid.NewGuid(), UuidRepresentation.Standard)))).ToArray();
        BsonDocument Write(int session, long txnNumber) => D(
            ("update", "shared"),
            ("updates", A(
                D(("q", D(("_id", session))), ("u", D(("$inc", D(("n", 1))))), ("upsert", true)),
                D(("q", D(("_id", "all"))), ("u", D(("$inc", D(("n", 1))))), ("upsert", true)))),
            ("lsid", lsids[session]),
            ("txnNumber", txnNumber));

        // A tiny threshold compacts after nearly every command, racing the journal groups of the other connections.
        await using (var server = await Start(compactionThreshold: 2048))
        {
            await Task.WhenAll(Enumerable.Range(0, Sessions).Select(async session =>
            {
                await using var client = await WireClient.ConnectAsync(server.EndPoint);
                for (var txn = 1; txn <= WritesEach; txn++)
                {
                    Reply.Ok(await client.RunAsync(Write(session, txn), "app"));
                }
            })).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        }

        await using (var server = await Start(compactionThreshold: 2048))
        {
            for (var session = 0; session < Sessions; session++)
            {
                Assert.Equal(A(0, 1), Reply.Ok(await Run(server, Write(session, WritesEach)))["retriedStmtIds"]);
            }

            var documents = Reply.FirstBatch(await Run(server, D(("find", "shared"), ("batchSize", 100))));
            Assert.Equal(Sessions + 1, documents.Count);
            Assert.All(documents, d => Assert.Equal(d["_id"] == "all" ? Sessions * WritesEach : WritesEach, d["n"].ToInt32()));
        }
    }
}

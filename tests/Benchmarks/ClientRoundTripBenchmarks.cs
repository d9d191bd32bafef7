using MongoDB.Bson;
using BenchmarkDotNet.Attributes;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Embedded;

namespace OpenQuizz.Typed.Benchmarks;

/// <summary>
/// A findOne by <c>_id</c> through the client (selection, pooled connection, implicit session, OP_MSG, decoding)
/// against the same lookup sent by <see cref="RawWireClient"/> over one socket: the client's overhead per round trip,
/// both measured in one run against one embedded server. Compare sync with sync and async with async: the async raw
/// row pays the same socket completion and thread-pool hop as the async client, so the async client's overhead is its
/// ratio to that row, not to the blocking baseline.
/// </summary>
[Config(typeof(ThroughputConfig))]
public class ClientRoundTripBenchmarks
{
    private const int Documents = 10_000;
    private EmbeddedMongoServer _server = null!;
    private RawWireClient _raw = null!;
    private RawWireClient _rawAsync = null!;
    private MongoClient _client = null!;
    private IMongoCollection<BsonDocument> _collection = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _server = EmbeddedMongoServer.StartAsync().GetAwaiter().GetResult();
        _raw = new RawWireClient(_server.EndPoint);
        _rawAsync = new RawWireClient(_server.EndPoint);
        _client = new MongoClient(_server.ConnectionString);
        _collection = _client.GetDatabase("bench").GetCollection<BsonDocument>("people");
        var documents = new List<BsonDocument>(Documents);
        for (var i = 0; i < Documents; i++)
        {
            documents.Add(new BsonDocument { { "_id", i }, { "name", "user" + i }, { "score", i % 100 } });
        }

        _collection.InsertMany(documents);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _raw.Dispose();
        _rawAsync.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "raw socket find by _id")]
    public int RawFindById() => _raw.Run(FindByIdBody(NextId())).Length;

    [Benchmark(Description = "raw socket find by _id (async)")]
    public ValueTask<int> RawFindByIdAsync() => _rawAsync.RunAsync(FindByIdBody(NextId()));

    [Benchmark(Description = "client find by _id (sync)")]
    public BsonDocument? ClientFindById() => _collection.Find(Filter<BsonDocument>.Eq("_id", NextId())).FirstOrDefault();

    [Benchmark(Description = "client find by _id (async)")]
    public Task<BsonDocument?> ClientFindByIdAsync() => _collection.Find(Filter<BsonDocument>.Eq("_id", NextId())).FirstOrDefaultAsync();

    // The raw rows build the same command the client sends for FirstOrDefault (its envelope fields aside).
    private static Action<PooledByteBufferWriter> FindByIdBody(int id) => buffer =>
    {
        var writer = new BsonSpanWriter(buffer);
        writer.WriteStartDocument();
        writer.WriteName("find"u8); writer.WriteString("people"u8);
        writer.WriteName("filter"u8);
        writer.WriteStartDocument();
        writer.WriteName("_id"u8); writer.WriteInt32(id);
        writer.WriteEndDocument();
        writer.WriteName("limit"u8); writer.WriteInt32(1);
        writer.WriteName("singleBatch"u8); writer.WriteBoolean(true);
        writer.WriteName("$db"u8); writer.WriteString("bench"u8);
        writer.WriteEndDocument();
    };

    private int NextId() => _next = (_next + 7919) % Documents;
}

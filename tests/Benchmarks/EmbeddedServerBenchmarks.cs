using MongoDB.Bson;
using BenchmarkDotNet.Attributes;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Embedded;

namespace OpenQuizz.Typed.Benchmarks;

/// <summary>
/// Throughput of the embedded server over loopback, one request in flight: a round trip with no work (ping),
/// an insert of one small document, and a point lookup by <c>_id</c> in a collection of 1,000,000 documents.
/// </summary>
[Config(typeof(ThroughputConfig))]
public class EmbeddedServerBenchmarks
{
    private const int CollectionSize = 1_000_000;
    private EmbeddedMongoServer _server = null!;
    private RawWireClient _client = null!;
    private int _next;
    private int _lookup;

    [GlobalSetup]
    public void Setup()
    {
        _server = EmbeddedMongoServer.StartAsync().GetAwaiter().GetResult();
        _client = new RawWireClient(_server.EndPoint);
        const int batch = 10_000;
        for (var start = 0; start < CollectionSize; start += batch)
        {
            var first = start;
            Check(_client.Run(buffer =>
            {
                var writer = new BsonSpanWriter(buffer);
                writer.WriteStartDocument();
                writer.WriteName("insert"u8); writer.WriteString("lookups"u8);
                writer.WriteName("documents"u8);
                writer.WriteStartArray();
                for (var i = first; i < first + batch; i++)
                {
                    writer.WriteStartDocument();
                    writer.WriteName("_id"u8); writer.WriteInt32(i);
                    writer.WriteName("name"u8); writer.WriteString("user");
                    writer.WriteName("score"u8); writer.WriteInt32(i % 100);
                    writer.WriteEndDocument();
                }

                writer.WriteEndArray();
                writer.WriteName("$db"u8); writer.WriteString("bench"u8);
                writer.WriteEndDocument();
            }));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "ping round trip")]
    public int Ping() => _client.Run(static buffer =>
    {
        var writer = new BsonSpanWriter(buffer);
        writer.WriteStartDocument();
        writer.WriteName("ping"u8); writer.WriteInt32(1);
        writer.WriteName("$db"u8); writer.WriteString("admin"u8);
        writer.WriteEndDocument();
    }).Length;

    [Benchmark(Description = "insert one")]
    public int InsertOne()
    {
        var id = Interlocked.Increment(ref _next);
        return _client.Run(buffer =>
        {
            var writer = new BsonSpanWriter(buffer);
            writer.WriteStartDocument();
            writer.WriteName("insert"u8); writer.WriteString("inserts"u8);
            writer.WriteName("documents"u8);
            writer.WriteStartArray();
            writer.WriteStartDocument();
            writer.WriteName("_id"u8); writer.WriteInt32(id);
            writer.WriteName("name"u8); writer.WriteString("user");
            writer.WriteEndDocument();
            writer.WriteEndArray();
            writer.WriteName("$db"u8); writer.WriteString("bench"u8);
            writer.WriteEndDocument();
        }).Length;
    }

    [Benchmark(Description = "find by _id in 1M")]
    public int FindById()
    {
        var id = _lookup = (_lookup + 7919) % CollectionSize;
        return _client.Run(buffer =>
        {
            var writer = new BsonSpanWriter(buffer);
            writer.WriteStartDocument();
            writer.WriteName("find"u8); writer.WriteString("lookups"u8);
            writer.WriteName("filter"u8);
            writer.WriteStartDocument();
            writer.WriteName("_id"u8); writer.WriteInt32(id);
            writer.WriteEndDocument();
            writer.WriteName("limit"u8); writer.WriteInt32(1);
            writer.WriteName("singleBatch"u8); writer.WriteBoolean(true);
            writer.WriteName("$db"u8); writer.WriteString("bench"u8);
            writer.WriteEndDocument();
        }).Length;
    }

    private static void Check(ReadOnlySpan<byte> reply)
    {
        var document = BsonDocument.FromBytes(reply);
        if (document["ok"].ToDouble() != 1.0 || document.Contains("writeErrors"))
        {
            throw new InvalidOperationException("Setup failed: " + document);
        }
    }
}

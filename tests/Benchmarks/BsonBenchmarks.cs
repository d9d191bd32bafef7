using MongoDB.Bson;
using BenchmarkDotNet.Attributes;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Benchmarks;

/// <summary>
/// The BSON tasks of the MongoDB driver benchmark (BSONBench): flat, deep and full documents, encoded from and
/// decoded to MongoDB.Bson's document object model by our span engine and, as the baseline in the same run, by
/// MongoDB.Bson's own binary writer and reader. One operation here is one document; the MB/s column scales by the
/// spec's sizes.
/// </summary>
[Config(typeof(ThroughputConfig))]
public class BsonBenchmarks
{
    private BsonDocument _document = null!;
    private byte[] _bytes = null!;
    private PooledByteBufferWriter _buffer = null!;

    [Params("flat", "deep", "full")]
    public string Dataset { get; set; } = "flat";

    [GlobalSetup]
    public void Setup()
    {
        var path = BenchData.Extract("extended_bson.tgz", Dataset + "_bson.json");
        _document = BsonDocument.Parse(File.ReadAllText(path));
        _bytes = _document.ToBytes();
        _buffer = new PooledByteBufferWriter(_bytes.Length * 2);
    }

    [GlobalCleanup]
    public void Cleanup() => _buffer.Dispose();

    [Benchmark(Description = "MongoDB.Bson encode", Baseline = true)]
    public byte[] MongoDbBsonEncode() => _document.ToBson();

    [Benchmark(Description = "MongoDB.Bson decode")]
    public BsonDocument MongoDbBsonDecode() => MongoDB.Bson.Serialization.BsonSerializer.Deserialize<BsonDocument>(_bytes);

    [Benchmark(Description = "Encode")]
    public int Encode()
    {
        _buffer.Clear();
        var writer = new BsonSpanWriter(_buffer);
        _document.WriteTo(ref writer);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "Decode")]
    public BsonDocument Decode() => BsonDocument.FromBytes(_bytes);
}

using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Attributes;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Benchmarks;

/// <summary>
/// The ODM benchmark's models (odm-benchmarking.md), encoded and decoded by their generated codecs and, side by side,
/// by MongoDB.Bson's class map (the baseline: the same model as a plain class, serialized the way MongoDB.Driver does)
/// and by the BsonDocument DOM through our engine. One operation is one document; MB/s uses the spec's dataset sizes.
/// Encoding goes into a reused pooled buffer, so the generated encoder should allocate nothing; decoding allocates
/// only the model.
/// </summary>
[Config(typeof(ThroughputConfig))]
public abstract class OdmBenchmarks<TModel, TClassMapModel>
{
    private readonly PooledByteBufferWriter _buffer = new(16 * 1024);
    private IBsonCodec<TModel> _codec = null!;
    private TModel _model = default!;
    private BsonDocument _document = null!;
    private byte[] _bytes = [];
    private TClassMapModel _classMapModel = default!;
    private readonly MemoryStream _stream = new(16 * 1024);

    protected abstract (string Archive, string File) Source { get; }

    [GlobalSetup]
    public void Setup()
    {
        var path = BenchData.Extract(Source.Archive, Source.File);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        _document = (BsonDocument)FromJson(json.RootElement);
        _bytes = _document.ToBytes();
        _codec = BsonCodecRegistry.Get<TModel>();
        _model = BsonCodecs.Deserialize<TModel>(_bytes);
        if (!BsonCodecs.Serialize(_model).AsSpan().SequenceEqual(_bytes))
        {
            throw new InvalidOperationException("The generated codec does not reproduce the document's bytes.");
        }

        // The twin has no [MongoDocument]: MongoDB.Bson builds a class map for it by reflection, as it does for any model.
        _classMapModel = MongoDB.Bson.Serialization.BsonSerializer.Deserialize<TClassMapModel>(_bytes);
        if (BsonClassMap.LookupClassMap(typeof(TClassMapModel)) is null || !ClassMapEncode().SequenceEqual(_bytes))
        {
            throw new InvalidOperationException("The class map does not reproduce the document's bytes.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _buffer.Dispose();

    [Benchmark(Description = "Generated encode")]
    public int GeneratedEncode()
    {
        _buffer.Clear();
        var writer = new BsonSpanWriter(_buffer);
        _codec.Encode(ref writer, _model);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "Generated decode")]
    public TModel GeneratedDecode()
    {
        var reader = new BsonSpanReader(_bytes);
        return _codec.Decode(ref reader);
    }

    [Benchmark(Description = "Class map encode", Baseline = true)]
    public byte[] ClassMapEncodeBenchmark() => ClassMapEncode();

    [Benchmark(Description = "Class map decode")]
    public TClassMapModel ClassMapDecode() => MongoDB.Bson.Serialization.BsonSerializer.Deserialize<TClassMapModel>(_bytes);

    // What ToBson() does, into a reused stream so the baseline is not charged for growing one.
    private byte[] ClassMapEncode()
    {
        _stream.Position = 0;
        _stream.SetLength(0);
        using (var writer = new BsonBinaryWriter(_stream))
        {
            MongoDB.Bson.Serialization.BsonSerializer.Serialize(writer, _classMapModel);
        }

        return _stream.ToArray();
    }

    [Benchmark(Description = "DOM encode")]
    public int DomEncode()
    {
        _buffer.Clear();
        var writer = new BsonSpanWriter(_buffer);
        _document.WriteTo(ref writer);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "DOM decode")]
    public BsonDocument DomDecode() => BsonDocument.FromBytes(_bytes);

    // The ODM data is strict JSON with integers that fit Int32; building the DOM here keeps the benchmark independent of Extended JSON parsing.
    private static BsonValue FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new BsonDocument(element.EnumerateObject().Select(p => new BsonElement(p.Name, FromJson(p.Value)))),
        JsonValueKind.Array => new BsonArray(element.EnumerateArray().Select(FromJson)),
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number when element.TryGetInt32(out var i) => i,
        JsonValueKind.Number when element.TryGetInt64(out var l) => l,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => BsonNull.Value,
    };
}

/// <summary>The flat model: <c>small_doc.json</c> of <c>flat_models.tgz</c>.</summary>
public class OdmFlatBenchmarks : OdmBenchmarks<SmallFlatModel, ClassMapSmallFlatModel>
{
    [Params("odm-flat")]
    public string Dataset { get; set; } = "odm-flat";

    protected override (string Archive, string File) Source => ("flat_models.tgz", "small_doc.json");
}

/// <summary>The nested model: <c>large_doc_nested.json</c> of <c>nested_models.tgz</c>.</summary>
public class OdmNestedBenchmarks : OdmBenchmarks<LargeNestedModel, ClassMapLargeNestedModel>
{
    [Params("odm-nested")]
    public string Dataset { get; set; } = "odm-nested";

    protected override (string Archive, string File) Source => ("nested_models.tgz", "large_doc_nested.json");
}

/// <summary>The ODM benchmark's flat model (<c>flat-models/small_doc.json</c>): seven strings and six integers.</summary>
[MongoDocument(NamingConvention = ElementNamingConvention.CamelCase)]
public sealed partial class SmallFlatModel
{
    public string Field1 { get; set; } = "";
    public string Field2 { get; set; } = "";
    public string Field3 { get; set; } = "";
    public string Field4 { get; set; } = "";
    public string Field5 { get; set; } = "";
    public string Field6 { get; set; } = "";
    public string Field7 { get; set; } = "";
    public int Field8 { get; set; }
    public int Field9 { get; set; }
    public int Field10 { get; set; }
    public int Field11 { get; set; }
    public int Field12 { get; set; }
    public int Field13 { get; set; }
}

/// <summary>The ODM benchmark's nested model (<c>nested-models/large_doc_nested.json</c>).</summary>
[MongoDocument]
public sealed partial class LargeNestedModel
{
    [BsonElement("embedded_str_doc_1")] public StringEmbeddedModel EmbeddedStrDoc1 { get; set; } = new();
    [BsonElement("embedded_str_doc_2")] public StringEmbeddedModel EmbeddedStrDoc2 { get; set; } = new();
    [BsonElement("embedded_str_doc_3")] public StringEmbeddedModel EmbeddedStrDoc3 { get; set; } = new();
    [BsonElement("embedded_str_doc_4")] public StringEmbeddedModel EmbeddedStrDoc4 { get; set; } = new();
    [BsonElement("embedded_str_doc_5")] public StringEmbeddedModel EmbeddedStrDoc5 { get; set; } = new();
    [BsonElement("embedded_str_doc_array")] public List<StringEmbeddedModel> EmbeddedStrDocArray { get; set; } = [];
    [BsonElement("embedded_int_doc_8")] public IntegerEmbeddedModel EmbeddedIntDoc8 { get; set; } = new();
    [BsonElement("embedded_int_doc_9")] public IntegerEmbeddedModel EmbeddedIntDoc9 { get; set; } = new();
    [BsonElement("embedded_int_doc_10")] public IntegerEmbeddedModel EmbeddedIntDoc10 { get; set; } = new();
    [BsonElement("embedded_int_doc_11")] public IntegerEmbeddedModel EmbeddedIntDoc11 { get; set; } = new();
    [BsonElement("embedded_int_doc_12")] public IntegerEmbeddedModel EmbeddedIntDoc12 { get; set; } = new();
    [BsonElement("embedded_int_doc_13")] public IntegerEmbeddedModel EmbeddedIntDoc13 { get; set; } = new();
    [BsonElement("embedded_int_doc_14")] public IntegerEmbeddedModel EmbeddedIntDoc14 { get; set; } = new();
}

[MongoDocument(NamingConvention = ElementNamingConvention.CamelCase)]
public sealed partial class StringEmbeddedModel
{
    public string Field1 { get; set; } = "";
    public string Field2 { get; set; } = "";
    public string Field3 { get; set; } = "";
    public string Field4 { get; set; } = "";
    public string Field5 { get; set; } = "";
    public string Field6 { get; set; } = "";
    public string Field7 { get; set; } = "";
    public string Field8 { get; set; } = "";
    public string Field9 { get; set; } = "";
    public string Field10 { get; set; } = "";
    public string Field11 { get; set; } = "";
    public string Field12 { get; set; } = "";
    public string Field13 { get; set; } = "";
    public string Field14 { get; set; } = "";
    public string Field15 { get; set; } = "";
}

[MongoDocument(NamingConvention = ElementNamingConvention.CamelCase)]
public sealed partial class IntegerEmbeddedModel
{
    public int Field1 { get; set; }
    public int Field2 { get; set; }
    public int Field3 { get; set; }
    public int Field4 { get; set; }
    public int Field5 { get; set; }
    public int Field6 { get; set; }
    public int Field7 { get; set; }
    public int Field8 { get; set; }
    public int Field9 { get; set; }
    public int Field10 { get; set; }
    public int Field11 { get; set; }
    public int Field12 { get; set; }
    public int Field13 { get; set; }
    public int Field14 { get; set; }
    public int Field15 { get; set; }
}

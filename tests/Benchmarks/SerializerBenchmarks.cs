using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using OpenQuizz.Typed.Bson.Serialization;

namespace OpenQuizz.Typed.Benchmarks;

/// <summary>
/// MongoDB.Bson's own API — <c>value.ToBson()</c> and <c>BsonSerializer.Deserialize&lt;T&gt;(bytes)</c> — on a
/// generated type (which MongoDB.Bson resolves to the generated serializer) against the class map of a twin type
/// with the same members and no <c>[MongoDocument]</c>, whose <see cref="BsonClassMapSerializer{TClass}"/> is built
/// explicitly so the baseline can never reach generated code. Both sides write the same bytes (checked in setup).
/// </summary>
[Config(typeof(ThroughputConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public abstract class MongoBsonSerializerBenchmarks<TGenerated, TTwin>
    where TGenerated : class
    where TTwin : class
{
    private TGenerated _model = null!;
    private TTwin _twin = null!;
    private IBsonSerializer<TTwin> _classMap = null!;
    private byte[] _bytes = [];

    protected abstract TGenerated CreateModel();

    [GlobalSetup]
    public void Setup()
    {
        if (BsonSerializer.LookupSerializer<TGenerated>() is not GeneratedBsonSerializer<TGenerated>)
        {
            throw new InvalidOperationException($"MongoDB.Bson does not resolve {typeof(TGenerated).Name} to its generated serializer.");
        }

        _classMap = new BsonClassMapSerializer<TTwin>(BsonClassMap.LookupClassMap(typeof(TTwin)));
        _model = CreateModel();
        _bytes = _model.ToBson();
        _twin = Read(_classMap, _bytes);
        if (!_twin.ToBson(_classMap).AsSpan().SequenceEqual(_bytes) || !BsonSerializer.Deserialize<TGenerated>(_bytes).ToBson().AsSpan().SequenceEqual(_bytes))
        {
            throw new InvalidOperationException("The class map and the generated serializer do not write the same bytes.");
        }
    }

    [Benchmark(Description = "Class map ToBson", Baseline = true)]
    [BenchmarkCategory("encode")]
    public byte[] ClassMapEncode() => _twin.ToBson(_classMap);

    [Benchmark(Description = "Generated ToBson")]
    [BenchmarkCategory("encode")]
    public byte[] GeneratedEncode() => _model.ToBson();

    [Benchmark(Description = "Class map Deserialize", Baseline = true)]
    [BenchmarkCategory("decode")]
    public TTwin ClassMapDecode() => Read(_classMap, _bytes);

    [Benchmark(Description = "Generated Deserialize")]
    [BenchmarkCategory("decode")]
    public TGenerated GeneratedDecode() => BsonSerializer.Deserialize<TGenerated>(_bytes);

    // What BsonSerializer.Deserialize<T>(byte[]) does, with the serializer given instead of looked up.
    private static T Read<T>(IBsonSerializer<T> serializer, byte[] bytes)
    {
        using var buffer = new ByteArrayBuffer(bytes, isReadOnly: true);
        using var stream = new ByteBufferStream(buffer);
        using var reader = new BsonBinaryReader(stream);
        return serializer.Deserialize(BsonDeserializationContext.CreateRoot(reader));
    }
}

/// <summary>A flat document of a dozen scalar members (about 300 bytes).</summary>
public class MongoBsonFlatSerializerBenchmarks : MongoBsonSerializerBenchmarks<FlatPost, FlatPostTwin>
{
    protected override FlatPost CreateModel() => SerializerBenchData.Post(1);
}

/// <summary>A document holding 20 embedded documents (about 2.5 KB).</summary>
public class MongoBsonNestedSerializerBenchmarks : MongoBsonSerializerBenchmarks<PostThread, PostThreadTwin>
{
    protected override PostThread CreateModel() => new()
    {
        Id = ObjectId.Parse("65a1b2c3d4e5f60718293a4b"),
        Title = "Generated serializers under MongoDB.Bson",
        Post = SerializerBenchData.Post(0),
        Comments = Enumerable.Range(0, 20).Select(i => new PostComment
        {
            Author = "user" + i,
            Text = "A comment of moderate length, number " + i,
            Votes = i * 3,
            At = SerializerBenchData.Start.AddMinutes(i),
        }).ToList(),
    };
}

internal static class SerializerBenchData
{
    public static readonly DateTime Start = new(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    public static FlatPost Post(int seed) => new()
    {
        Id = ObjectId.Parse("65a1b2c3d4e5f60718293a4c"),
        Title = "Benchmarking MongoDB.Bson serializers " + seed,
        Author = "Ada Lovelace",
        Body = "Generated code writes the same bytes as the class map, without reflection at run time.",
        Status = PostStatus.Published,
        Views = 1234 + seed,
        Likes = 56,
        Score = 9_876_543_210,
        Rating = 4.25,
        Pinned = true,
        CreatedAt = Start,
        Tags = ["bson", "codegen", "performance"],
    };
}

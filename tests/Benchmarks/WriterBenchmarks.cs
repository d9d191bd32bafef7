using MongoDB.Bson;
using BenchmarkDotNet.Attributes;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Benchmarks;

/// <summary>Raw writer and reader speed on primitives, the path generated codecs take (expected: 0 bytes allocated).</summary>
[MemoryDiagnoser]
public class WriterBenchmarks
{
    private readonly PooledByteBufferWriter _buffer = new(4096);
    private byte[] _bytes = [];

    [GlobalSetup]
    public void Setup()
    {
        WritePrimitives();
        _bytes = _buffer.ToArray();
    }

    [Benchmark]
    public int WritePrimitives()
    {
        _buffer.Clear();
        var writer = new BsonSpanWriter(_buffer);
        writer.WriteStartDocument();
        for (var i = 0; i < 20; i++)
        {
            writer.WriteName("int32"u8);
            writer.WriteInt32(i);
            writer.WriteName("int64"u8);
            writer.WriteInt64(i);
            writer.WriteName("double"u8);
            writer.WriteDouble(i);
            writer.WriteName("flag"u8);
            writer.WriteBoolean(true);
            writer.WriteName("text"u8);
            writer.WriteString("the quick brown fox");
        }

        writer.WriteEndDocument();
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public long ReadPrimitives()
    {
        var reader = new BsonSpanReader(_bytes);
        long sum = 0;
        reader.ReadStartDocument();
        while (reader.ReadBsonType() is var type && type != BsonType.EndOfDocument)
        {
            var name = reader.ReadNameBytes();
            switch (type)
            {
                case BsonType.Int32: sum += reader.ReadInt32(); break;
                case BsonType.Int64: sum += reader.ReadInt64(); break;
                case BsonType.Double: sum += (long)reader.ReadDouble(); break;
                case BsonType.String: sum += reader.ReadStringBytes().Length + name.Length; break;
                default: reader.SkipValue(); break;
            }
        }

        reader.ReadEndDocument();
        return sum;
    }
}

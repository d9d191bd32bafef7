using MongoDB.Bson;
using System.Buffers;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Tests.Bson;

public class BsonWriterReaderTests
{
    [Fact]
    public void Writes_the_bytes_of_the_specification_example()
    {
        // {"hello": "world"} from bsonspec.org.
        using var buffer = new PooledByteBufferWriter();
        var writer = new BsonSpanWriter(buffer);
        writer.WriteStartDocument();
        writer.WriteName("hello"u8);
        writer.WriteString("world");
        writer.WriteEndDocument();

        Assert.Equal(Convert.FromHexString("160000000268656C6C6F0006000000776F726C640000"), buffer.ToArray());
    }

    [Fact]
    public void Every_type_round_trips_through_writer_and_reader()
    {
        var id = ObjectId.Parse("56e1fc72e0c917e9c4714161");
        using var buffer = new PooledByteBufferWriter();
        var writer = new BsonSpanWriter(buffer);
        writer.WriteStartDocument();
        writer.WriteName("d"u8); writer.WriteDouble(1.5);
        writer.WriteName("s"); writer.WriteString("héllo");
        writer.WriteName("doc"u8); writer.WriteStartDocument(); writer.WriteName("x"u8); writer.WriteInt32(1); writer.WriteEndDocument();
        writer.WriteName("arr"u8); writer.WriteStartArray(); writer.WriteInt32(7); writer.WriteString("x"u8); writer.WriteEndArray();
        writer.WriteName("bin"u8); writer.WriteBinary([1, 2, 3], BsonBinarySubType.MD5);
        writer.WriteName("old"u8); writer.WriteBinary([9, 8], BsonValueBytes.OldBinary);
        writer.WriteName("u"u8); writer.WriteUndefined();
        writer.WriteName("oid"u8); writer.WriteObjectId(id);
        writer.WriteName("t"u8); writer.WriteBoolean(true);
        writer.WriteName("dt"u8); writer.WriteDateTime(long.MinValue);
        writer.WriteName("n"u8); writer.WriteNull();
        writer.WriteName("re"u8); writer.WriteRegularExpression("a.*b", "i");
        writer.WriteName("ptr"u8); writer.WriteDBPointer("db.c", id);
        writer.WriteName("js"u8); writer.WriteJavaScript("f()");
        writer.WriteName("sym"u8); writer.WriteSymbol("sym");
        writer.WriteName("jws"u8); writer.WriteStartJavaScriptWithScope("g(x)"); writer.WriteStartDocument(); writer.WriteName("x"u8); writer.WriteInt64(3); writer.WriteEndDocument();
        writer.WriteName("i"u8); writer.WriteInt32(-5);
        writer.WriteName("ts"u8); writer.WriteTimestamp(0x0000000100000002);
        writer.WriteName("l"u8); writer.WriteInt64(long.MaxValue);
        writer.WriteName("min"u8); writer.WriteMinKey();
        writer.WriteName("max"u8); writer.WriteMaxKey();
        writer.WriteName("after"u8); writer.WriteInt32(42);
        writer.WriteEndDocument();

        var reader = new BsonSpanReader(buffer.WrittenSpan);
        reader.ReadStartDocument();
        Assert.Equal(BsonType.Double, Next(ref reader, "d")); Assert.Equal(1.5, reader.ReadDouble());
        Assert.Equal(BsonType.String, Next(ref reader, "s")); Assert.Equal("héllo", reader.ReadString());
        Assert.Equal(BsonType.Document, Next(ref reader, "doc"));
        reader.ReadStartDocument(); Assert.Equal(BsonType.Int32, Next(ref reader, "x")); Assert.Equal(1, reader.ReadInt32());
        Assert.Equal(BsonType.EndOfDocument, reader.ReadBsonType()); reader.ReadEndDocument();
        Assert.Equal(BsonType.Array, Next(ref reader, "arr"));
        reader.ReadStartArray();
        Assert.Equal(BsonType.Int32, Next(ref reader, "0")); Assert.Equal(7, reader.ReadInt32());
        Assert.Equal(BsonType.String, Next(ref reader, "1")); Assert.True(reader.ReadStringBytes().SequenceEqual("x"u8));
        Assert.Equal(BsonType.EndOfDocument, reader.ReadBsonType()); reader.ReadEndArray();
        Assert.Equal(BsonType.Binary, Next(ref reader, "bin"));
        Assert.Equal(new byte[] { 1, 2, 3 }, reader.ReadBinary(out var subType).ToArray()); Assert.Equal(BsonBinarySubType.MD5, subType);
        Assert.Equal(BsonType.Binary, Next(ref reader, "old"));
        Assert.Equal(new byte[] { 9, 8 }, reader.ReadBinary(out subType).ToArray()); Assert.Equal(BsonValueBytes.OldBinary, subType);
        Assert.Equal(BsonType.Undefined, Next(ref reader, "u")); reader.ReadUndefined();
        Assert.Equal(BsonType.ObjectId, Next(ref reader, "oid")); Assert.Equal(id, reader.ReadObjectId());
        Assert.Equal(BsonType.Boolean, Next(ref reader, "t")); Assert.True(reader.ReadBoolean());
        Assert.Equal(BsonType.DateTime, Next(ref reader, "dt")); Assert.Equal(long.MinValue, reader.ReadDateTime());
        Assert.Equal(BsonType.Null, Next(ref reader, "n")); reader.ReadNull();
        Assert.Equal(BsonType.RegularExpression, Next(ref reader, "re"));
        reader.ReadRegularExpression(out var pattern, out var options); Assert.Equal(("a.*b", "i"), (pattern, options));
        Assert.Equal(BsonValueBytes.DBPointer, Next(ref reader, "ptr")); Assert.Equal("db.c", reader.ReadDBPointer(out var pointerId)); Assert.Equal(id, pointerId);
        Assert.Equal(BsonType.JavaScript, Next(ref reader, "js")); Assert.Equal("f()", reader.ReadJavaScript());
        Assert.Equal(BsonType.Symbol, Next(ref reader, "sym")); Assert.Equal("sym", reader.ReadSymbol());
        Assert.Equal(BsonType.JavaScriptWithScope, Next(ref reader, "jws")); Assert.Equal("g(x)", reader.ReadJavaScriptWithScope());
        reader.ReadStartDocument(); Assert.Equal(BsonType.Int64, Next(ref reader, "x")); Assert.Equal(3, reader.ReadInt64());
        Assert.Equal(BsonType.EndOfDocument, reader.ReadBsonType()); reader.ReadEndDocument();
        Assert.Equal(BsonType.Int32, Next(ref reader, "i")); Assert.Equal(-5, reader.ReadInt32());
        Assert.Equal(BsonType.Timestamp, Next(ref reader, "ts")); Assert.Equal(0x0000000100000002UL, reader.ReadTimestamp());
        Assert.Equal(BsonType.Int64, Next(ref reader, "l")); Assert.Equal(long.MaxValue, reader.ReadInt64());
        Assert.Equal(BsonType.MinKey, Next(ref reader, "min")); reader.ReadMinKey();
        Assert.Equal(BsonType.MaxKey, Next(ref reader, "max")); reader.ReadMaxKey();
        Assert.Equal(BsonType.Int32, Next(ref reader, "after")); Assert.Equal(42, reader.ReadInt32());
        Assert.Equal(BsonType.EndOfDocument, reader.ReadBsonType());
        reader.ReadEndDocument();
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void SkipValue_skips_every_type_including_code_with_scope()
    {
        var document = new BsonDocument
        {
            { "jws", new BsonJavaScriptWithScope("f", new BsonDocument("a", new BsonArray { 1, "two" })) },
            { "doc", new BsonDocument("x", 1) },
            { "bin", new BsonBinaryData([1, 2], BsonValueBytes.OldBinary) },
            { "re", new BsonRegularExpression("p", "mi") },
            { "d128", new Decimal128(12.5m) },
            { "last", "end" },
        };
        var bytes = document.ToBytes();
        var reader = new BsonSpanReader(bytes);
        reader.ReadStartDocument();
        while (reader.ReadBsonType() is var type && type != BsonType.EndOfDocument)
        {
            if (reader.ReadName() == "last")
            {
                Assert.Equal("end", reader.ReadString());
            }
            else
            {
                reader.SkipValue();
            }
        }

        reader.ReadEndDocument();
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Writing_into_a_plain_buffer_writer_hands_over_whole_documents()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new BsonSpanWriter(output);
        for (var i = 0; i < 3; i++)
        {
            writer.WriteStartDocument();
            writer.WriteName("i"u8);
            writer.WriteInt32(i);
            writer.WriteEndDocument();
        }

        var reader = new BsonSpanReader(output.WrittenSpan);
        for (var i = 0; i < 3; i++)
        {
            reader.ReadStartDocument();
            Assert.Equal(BsonType.Int32, Next(ref reader, "i"));
            Assert.Equal(i, reader.ReadInt32());
            Assert.Equal(BsonType.EndOfDocument, reader.ReadBsonType());
            reader.ReadEndDocument();
        }

        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Reads_a_multi_segment_sequence()
    {
        var bytes = new BsonDocument { { "a", "x".PadRight(100, 'y') }, { "b", 2 } }.ToBytes();
        var first = new Segment(bytes.AsMemory(0, 7));
        var last = first.Append(bytes.AsMemory(7, 50)).Append(bytes.AsMemory(57));
        var sequence = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        Assert.False(sequence.IsSingleSegment);

        var value = BsonCodecs.Deserialize<BsonDocument>(sequence);

        Assert.Equal(2, value["b"].AsInt32);
        Assert.Equal(100, value["a"].AsString.Length);
    }

    [Fact]
    public void Writing_primitives_into_a_reused_pooled_buffer_allocates_nothing()
    {
        using var buffer = new PooledByteBufferWriter(1024);
        WritePrimitives(buffer);
        buffer.Clear();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            WritePrimitives(buffer);
            buffer.Clear();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static void WritePrimitives(PooledByteBufferWriter buffer)
        {
            var writer = new BsonSpanWriter(buffer);
            writer.WriteStartDocument();
            writer.WriteName("int"u8); writer.WriteInt32(1);
            writer.WriteName("long"u8); writer.WriteInt64(2);
            writer.WriteName("double"u8); writer.WriteDouble(3.5);
            writer.WriteName("bool"u8); writer.WriteBoolean(true);
            writer.WriteName("string"u8); writer.WriteString("hello");
            writer.WriteName("oid"u8); writer.WriteObjectId(default);
            writer.WriteName("arr"u8); writer.WriteStartArray(); writer.WriteInt32(1); writer.WriteInt32(2); writer.WriteEndArray();
            writer.WriteEndDocument();
        }
    }

    [Fact]
    public void Reading_primitives_allocates_nothing()
    {
        var bytes = new BsonDocument { { "a", 1 }, { "b", 2L }, { "c", 2.5 }, { "d", true }, { "e", ObjectId.GenerateNewId() } }.ToBytes();
        ReadAll(bytes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = 0L;
        for (var i = 0; i < 100; i++)
        {
            sum += ReadAll(bytes);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(300, sum);

        static long ReadAll(byte[] bytes)
        {
            var reader = new BsonSpanReader(bytes);
            long total = 0;
            reader.ReadStartDocument();
            while (reader.ReadBsonType() is var type && type != BsonType.EndOfDocument)
            {
                var name = reader.ReadNameBytes();
                if (name.SequenceEqual("a"u8)) total += reader.ReadInt32();
                else if (name.SequenceEqual("b"u8)) total += reader.ReadInt64();
                else reader.SkipValue();
            }

            reader.ReadEndDocument();
            return total;
        }
    }

    [Fact]
    public void Writer_refuses_misuse_with_clear_errors()
    {
        using var buffer = new PooledByteBufferWriter();
        Assert.Throws<InvalidOperationException>(() => { var w = new BsonSpanWriter(buffer); w.WriteInt32(1); });
        Assert.Throws<InvalidOperationException>(() => { var w = new BsonSpanWriter(buffer); w.WriteStartDocument(); w.WriteInt32(1); });
        Assert.Throws<InvalidOperationException>(() => { var w = new BsonSpanWriter(buffer); w.WriteStartDocument(); w.WriteName("a"u8); w.WriteName("b"u8); });
        Assert.Throws<InvalidOperationException>(() => { var w = new BsonSpanWriter(buffer); w.WriteStartDocument(); w.WriteName("a"u8); w.WriteEndDocument(); });
        Assert.Throws<InvalidOperationException>(() => { var w = new BsonSpanWriter(buffer); w.WriteStartDocument(); w.WriteEndArray(); });
        Assert.Throws<InvalidOperationException>(() => { var w = new BsonSpanWriter(buffer); w.WriteStartDocument(); w.WriteName("a"u8); w.WriteStartArray(); w.WriteName("0"u8); });
        Assert.Throws<BsonSerializationException>(() => { var w = new BsonSpanWriter(buffer); w.WriteStartDocument(); w.WriteName("a\0b"); });
        Assert.Throws<BsonSerializationException>(() => { var w = new BsonSpanWriter(buffer); w.WriteStartDocument(); w.WriteName("a"u8); w.WriteString("\ud800"); });
        Assert.Throws<BsonSerializationException>(() => { var w = new BsonSpanWriter(buffer); w.WriteStartDocument(); w.WriteName("a"u8); w.WriteRegularExpression("a\0", ""); });
        Assert.Throws<BsonSerializationException>(() => { var w = new BsonSpanWriter(buffer); w.WriteStartDocument(); w.WriteName([0xFF]); });
    }

    [Fact]
    public void Reader_reports_a_type_mismatch_with_the_element_name()
    {
        var bytes = new BsonDocument("age", "ten").ToBytes();
        var reader = new BsonSpanReader(bytes);
        reader.ReadStartDocument();
        reader.ReadBsonType();
        reader.ReadNameBytes();
        try
        {
            reader.ReadInt32();
            Assert.Fail("expected an exception");
        }
        catch (BsonFormatException e)
        {
            Assert.Contains("'age'", e.Message);
            Assert.Contains("String", e.Message);
        }
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_a_format_error_not_a_crash()
    {
        var bytes = NestedDocumentBytes(BsonLimits.MaxDepth + 1);
        var e = Assert.Throws<BsonFormatException>(() => BsonDocument.FromBytes(bytes));
        Assert.Contains(BsonLimits.MaxDepth.ToString(), e.Message);

        var ok = BsonDocument.FromBytes(NestedDocumentBytes(BsonLimits.MaxDepth));
        Assert.Equal(1, ok.ElementCount);
    }

    [Fact]
    public void Nesting_ten_thousand_levels_deep_fails_fast()
    {
        var bytes = NestedDocumentBytes(10_000);
        Assert.Throws<BsonFormatException>(() => BsonDocument.FromBytes(bytes));
    }

    [Fact]
    public void Trailing_bytes_after_a_document_are_an_error()
    {
        var bytes = new BsonDocument("a", 1).ToBytes().Concat(new byte[] { 0 }).ToArray();
        var e = Assert.Throws<BsonFormatException>(() => BsonDocument.FromBytes(bytes));
        Assert.Equal(bytes.Length - 1, e.Offset);
    }

    private static BsonType Next(ref BsonSpanReader reader, string expectedName)
    {
        var type = reader.ReadBsonType();
        Assert.Equal(expectedName, reader.ReadName());
        return type;
    }

    /// <summary>Builds {a: {a: {… {} …}}} with <paramref name="depth"/> documents, without recursion.</summary>
    internal static byte[] NestedDocumentBytes(int depth)
    {
        // Level L (0 = outermost) starts at 7 * L: length, 0x03, 'a', 0x00, then level L + 1, then its terminator.
        // Its length is 5 + 8 per level inside it; every byte not written here is a 0x00 terminator.
        var bytes = new byte[5 + (depth - 1) * 8];
        for (var level = 0; level < depth; level++)
        {
            var start = 7 * level;
            BitConverter.TryWriteBytes(bytes.AsSpan(start), 5 + (depth - 1 - level) * 8);
            if (level < depth - 1)
            {
                bytes[start + 4] = 0x03;
                bytes[start + 5] = (byte)'a';
            }
        }

        return bytes;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}

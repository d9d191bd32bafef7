using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Bson.Codecs;

namespace OpenQuizz.Typed.Tests.Bson;

public class ToBsonValueTests
{
    [Fact]
    public void Encodes_one_value_through_a_span_writer()
    {
        Assert.Equal(new BsonInt32(42), GeneratedCodecHelpers.ToBsonValue(42, static (ref BsonSpanWriter w, int v) => w.WriteInt32(v)));
        Assert.Equal(new BsonString("héllo"), GeneratedCodecHelpers.ToBsonValue("héllo", static (ref BsonSpanWriter w, string v) => w.WriteString(v)));
        Assert.Same(BsonNull.Value, GeneratedCodecHelpers.ToBsonValue(0, static (ref BsonSpanWriter w, int v) => w.WriteNull()));
        Assert.Same(BsonMaxKey.Value, GeneratedCodecHelpers.ToBsonValue(0, static (ref BsonSpanWriter w, int v) => w.WriteMaxKey()));
        Assert.Equal(new BsonDateTime(1_700_000_000_000), GeneratedCodecHelpers.ToBsonValue(1_700_000_000_000L, static (ref BsonSpanWriter w, long v) => w.WriteDateTime(v)));
    }

    [Theory]
    [InlineData(GuidRepresentation.Standard, BsonBinarySubType.UuidStandard)]
    [InlineData(GuidRepresentation.CSharpLegacy, BsonBinarySubType.UuidLegacy)]
    public void Encodes_a_guid_in_the_member_representation(GuidRepresentation representation, BsonBinarySubType subType)
    {
        var guid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");

        var value = GeneratedCodecHelpers.ToBsonValue(guid, (ref BsonSpanWriter w, Guid g) => GeneratedCodecHelpers.WriteGuid(ref w, g, representation));

        var binary = Assert.IsType<BsonBinaryData>(value);
        Assert.Equal(subType, binary.SubType);
        Assert.Equal(new BsonBinaryData(guid, representation), binary);
    }

    [Fact]
    public void Encodes_documents_and_arrays()
    {
        var value = GeneratedCodecHelpers.ToBsonValue((Name: "Ada", Tags: new[] { "a", "b" }), static (ref BsonSpanWriter w, (string Name, string[] Tags) v) =>
        {
            w.WriteStartDocument();
            w.WriteName("name"u8);
            w.WriteString(v.Name);
            w.WriteName("tags"u8);
            w.WriteStartArray();
            foreach (var tag in v.Tags)
            {
                w.WriteString(tag);
            }

            w.WriteEndArray();
            w.WriteEndDocument();
        });

        Assert.Equal(BsonDocument.Parse("""{ "name": "Ada", "tags": ["a", "b"] }"""), value);
    }

    [Fact]
    public void Successive_values_are_independent_though_the_buffer_is_reused()
    {
        var first = GeneratedCodecHelpers.ToBsonValue("first", static (ref BsonSpanWriter w, string v) => w.WriteString(v));
        var big = GeneratedCodecHelpers.ToBsonValue(new string('x', 100_000), static (ref BsonSpanWriter w, string v) => w.WriteString(v));
        var second = GeneratedCodecHelpers.ToBsonValue(7, static (ref BsonSpanWriter w, int v) => w.WriteInt32(v));

        Assert.Equal("first", first.AsString);
        Assert.Equal(100_000, big.AsString.Length);
        Assert.Equal(7, second.AsInt32);
    }

    [Fact]
    public void A_writer_may_itself_encode_a_value()
    {
        var value = GeneratedCodecHelpers.ToBsonValue(5, static (ref BsonSpanWriter w, int v) =>
        {
            var inner = GeneratedCodecHelpers.ToBsonValue(v * 2, static (ref BsonSpanWriter w2, int x) => w2.WriteInt32(x));
            w.WriteInt32(inner.AsInt32 + 1);
        });

        Assert.Equal(new BsonInt32(11), value);
    }

    [Fact]
    public void A_writer_that_writes_nothing_or_leaves_a_document_open_fails()
    {
        var nothing = Assert.Throws<BsonSerializationException>(() => GeneratedCodecHelpers.ToBsonValue(1, static (ref BsonSpanWriter w, int v) => { }));
        Assert.Contains("wrote no value", nothing.Message, StringComparison.Ordinal);
        var open = Assert.Throws<BsonSerializationException>(() => GeneratedCodecHelpers.ToBsonValue(1, static (ref BsonSpanWriter w, int v) => w.WriteStartDocument()));
        Assert.Contains("open", open.Message, StringComparison.Ordinal);

        // The helper still works on this thread after a failed writer.
        Assert.Equal(new BsonInt32(3), GeneratedCodecHelpers.ToBsonValue(3, static (ref BsonSpanWriter w, int v) => w.WriteInt32(v)));
    }

    [Fact]
    public void FromBsonValue_reads_a_value_through_a_codec_reader()
    {
        var guid = Guid.NewGuid();
        var encoded = GeneratedCodecHelpers.ToBsonValue(guid, static (ref BsonSpanWriter w, Guid g) => GeneratedCodecHelpers.WriteGuid(ref w, g, GuidRepresentation.Standard));

        Assert.Equal(guid, GeneratedCodecHelpers.FromBsonValue(encoded, static (ref BsonSpanReader r) => GeneratedCodecHelpers.ReadGuid(ref r, GuidRepresentation.Standard, "T")));
        Assert.Equal("x", GeneratedCodecHelpers.FromBsonValue(new BsonString("x"), static (ref BsonSpanReader r) => r.ReadString()));
        Assert.Equal(
            BsonDocument.Parse("""{ "a": [1, { "b": null }] }"""),
            GeneratedCodecHelpers.FromBsonValue(BsonDocument.Parse("""{ "a": [1, { "b": null }] }"""), static (ref BsonSpanReader r) => BsonDom.ReadDocument(ref r)));
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Equal("write", Assert.Throws<ArgumentNullException>(() => GeneratedCodecHelpers.ToBsonValue(1, null!)).ParamName);
        Assert.Equal("read", Assert.Throws<ArgumentNullException>(() => GeneratedCodecHelpers.FromBsonValue<int>(1, null!)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => GeneratedCodecHelpers.FromBsonValue(null!, static (ref BsonSpanReader r) => r.ReadInt32())).ParamName);
    }
}

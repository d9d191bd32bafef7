using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Tests.Bson;

public class BsonDocumentTests
{
    [Fact]
    public void Keeps_insertion_order_and_finds_by_name_and_index()
    {
        var document = new BsonDocument { { "b", 1 }, { "a", "x" }, { "c", BsonNull.Value } };
        Assert.Equal(["b", "a", "c"], document.Names);
        Assert.Equal(1, document["b"].AsInt32);
        Assert.Equal("x", document[1].AsString);
        Assert.True(document["c"].IsNull);
        Assert.Throws<KeyNotFoundException>(() => document["missing"]);
        Assert.False(document.TryGetValue("missing", out _));
        Assert.Equal(BsonBoolean.True, document.GetValue("missing", true));
    }

    [Fact]
    public void Add_refuses_a_duplicate_but_Set_replaces_in_place()
    {
        var document = new BsonDocument { { "a", 1 }, { "b", 2 } };
        Assert.Throws<ArgumentException>(() => document.Add("a", 3));
        document["a"] = 10;
        document.Set("c", 4);
        Assert.Equal(["a", "b", "c"], document.Names);
        Assert.Equal(10, document["a"].AsInt32);
    }

    [Fact]
    public void Duplicate_names_read_from_bson_are_kept_and_the_first_wins()
    {
        // {a: 1, a: 2} written by hand: the writer does not deduplicate either.
        using var buffer = new PooledByteBufferWriter();
        var writer = new BsonWriter(buffer);
        writer.WriteStartDocument();
        writer.WriteName("a"u8); writer.WriteInt32(1);
        writer.WriteName("a"u8); writer.WriteInt32(2);
        writer.WriteEndDocument();

        var document = BsonDocument.FromBytes(buffer.WrittenSpan);

        Assert.Equal(2, document.ElementCount);
        Assert.Equal(1, document["a"].AsInt32);
        Assert.Equal(buffer.ToArray(), document.ToBytes());
    }

    [Fact]
    public void Large_documents_use_the_name_index_consistently()
    {
        var document = new BsonDocument();
        for (var i = 0; i < 100; i++)
        {
            document.Add("k" + i, i);
        }

        Assert.Equal(57, document["k57"].AsInt32);
        Assert.True(document.Remove("k10"));
        Assert.False(document.Contains("k10"));
        Assert.Equal(11, document["k11"].AsInt32);
        Assert.Equal(10, document.IndexOf("k11"));
        document.Add("k10", -1);
        Assert.Equal(-1, document["k10"].AsInt32);
        Assert.Equal(99, document.IndexOf("k10"));
    }

    [Fact]
    public void Equality_is_by_names_values_and_order()
    {
        var a = new BsonDocument { { "x", 1 }, { "y", new BsonArray { 1, "2", new BsonDocument("z", 3L) } } };
        var b = BsonDocument.FromBytes(a.ToBytes());
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a == b);

        Assert.NotEqual(a, new BsonDocument { { "y", a["y"] }, { "x", 1 } });
        Assert.NotEqual<BsonValue>(new BsonInt32(1), new BsonInt64(1));
        Assert.NotEqual<BsonValue>(new BsonDecimal128(Decimal128.Parse("1.0")), new BsonDecimal128(Decimal128.Parse("1.00")));
    }

    [Fact]
    public void DeepClone_copies_containers()
    {
        var original = new BsonDocument { { "a", new BsonArray { new BsonDocument("b", 1) } } };
        var clone = (BsonDocument)original.DeepClone();
        clone["a"][0].AsBsonDocument["b"] = 2;
        Assert.Equal(1, original["a"][0]["b"].AsInt32);
        Assert.Equal(2, clone["a"][0]["b"].AsInt32);
    }

    [Fact]
    public void Typed_accessors_fail_with_the_actual_type()
    {
        BsonValue value = "text";
        var e = Assert.Throws<InvalidCastException>(() => value.AsInt32);
        Assert.Contains("String", e.Message);
        Assert.Throws<InvalidOperationException>(() => value["x"]);
    }

    [Fact]
    public void Numeric_conversions_cross_types_and_check_overflow()
    {
        Assert.Equal(3L, new BsonDouble(3.9).ToInt64());
        Assert.Equal(2.0, new BsonInt64(2).ToDouble());
        Assert.Equal(5, new BsonDecimal128(new Decimal128(5)).ToInt32());
        Assert.Throws<OverflowException>(() => new BsonInt64(long.MaxValue).ToInt32());
        Assert.Throws<InvalidCastException>(() => new BsonString("1").ToDouble());
    }

    [Fact]
    public void Null_strings_and_arrays_become_bson_null()
    {
        string? text = null;
        var document = new BsonDocument { { "s", text } };
        Assert.True(document["s"].IsNull);
        var array = new BsonArray { null, 1 };
        Assert.True(array[0].IsNull);
    }

    [Fact]
    public void Regular_expression_options_are_sorted()
    {
        Assert.Equal("imx", new BsonRegularExpression("a", "xmi").Options);
    }

    [Fact]
    public void Encoded_size_matches_the_encoded_bytes_for_every_type()
    {
        foreach (var document in BsonFuzzTests.SeedDocuments())
        {
            Assert.Equal(document.ToBytes().Length, document.GetEncodedSize());
        }

        var big = new BsonDocument { { "arr", new BsonArray(Enumerable.Range(0, 1500).Select(i => (BsonValue)i)) }, { "re", new BsonRegularExpression("é", "iü") } };
        Assert.Equal(big.ToBytes().Length, big.GetEncodedSize());
    }

    [Fact]
    public void Remove_drops_every_element_of_that_name()
    {
        var document = BsonDocument.FromBytes(new BsonDocument { { "a", 1 }, { "b", 2 } }.ToBytes());
        document.Add("c", 3);
        Assert.True(document.Remove("b"));
        Assert.False(document.Remove("b"));
        Assert.Equal(["a", "c"], document.Names);
    }
}

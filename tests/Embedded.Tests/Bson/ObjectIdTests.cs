using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Tests.Bson;

public class ObjectIdTests
{
    [Fact]
    public void Parses_and_formats_in_lower_case_hex()
    {
        var id = ObjectId.Parse("56E1FC72E0C917E9C4714161");
        Assert.Equal("56e1fc72e0c917e9c4714161", id.ToString());
        Assert.Equal(Convert.FromHexString("56e1fc72e0c917e9c4714161"), id.ToByteArray());
        Assert.Equal(id, new ObjectId(id.ToByteArray()));
        Assert.Equal(0x56e1fc72u, id.Timestamp);
    }

    [Theory]
    [InlineData("")]
    [InlineData("56e1fc72e0c917e9c471416")]
    [InlineData("56e1fc72e0c917e9c47141611")]
    [InlineData("56e1fc72e0c917e9c471416g")]
    [InlineData("56e1fc72e0c917e9c471416 ")]
    public void Rejects_anything_but_24_hex_digits(string text)
    {
        Assert.False(ObjectId.TryParse(text, out _));
        var e = Assert.Throws<FormatException>(() => ObjectId.Parse(text));
        Assert.Contains("24 hexadecimal digits", e.Message);
    }

    [Fact]
    public void New_ids_share_the_process_part_and_count_up()
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var a = ObjectId.GenerateNewId(time).ToByteArray();
        var b = ObjectId.GenerateNewId(time).ToByteArray();

        Assert.Equal(a[..4], b[..4]);
        Assert.Equal(1_700_000_000u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(a));
        Assert.Equal(a[4..9], b[4..9]);
        var counterA = (a[9] << 16) | (a[10] << 8) | a[11];
        var counterB = (b[9] << 16) | (b[10] << 8) | b[11];
        Assert.Equal((counterA + 1) & 0xFFFFFF, counterB);
    }

    [Fact]
    public void Generated_ids_are_unique_across_threads()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<ObjectId>();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                ids.Add(ObjectId.GenerateNewId());
            }
        });

        Assert.Equal(80_000, ids.Distinct().Count());
    }

    [Fact]
    public void Compares_as_unsigned_big_endian_bytes()
    {
        var small = ObjectId.Parse("000000000000000000000001");
        var large = ObjectId.Parse("ff0000000000000000000000");
        Assert.True(small < large);
        Assert.True(large.CompareTo(small) > 0);
        Assert.Equal(0, small.CompareTo(ObjectId.Parse("000000000000000000000001")));
        Assert.Equal(new[] { small, large }, new[] { large, small }.Order());
    }
}

using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Tests.Bson;

public class BsonValueTypesTests
{
    private static readonly Guid Sample = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");

    // Byte orders from the UUID specification's examples.
    [Theory]
    [InlineData(UuidRepresentation.Standard, "00112233445566778899AABBCCDDEEFF", BsonBinarySubType.UuidStandard)]
    [InlineData(UuidRepresentation.PythonLegacy, "00112233445566778899AABBCCDDEEFF", BsonBinarySubType.UuidLegacy)]
    [InlineData(UuidRepresentation.CSharpLegacy, "33221100554477668899AABBCCDDEEFF", BsonBinarySubType.UuidLegacy)]
    [InlineData(UuidRepresentation.JavaLegacy, "7766554433221100FFEEDDCCBBAA9988", BsonBinarySubType.UuidLegacy)]
    public void Guid_representations_use_the_specified_byte_orders(object representationValue, string hex, object subTypeValue)
    {
        // The embedded BSON types are internal, so the theory takes them as objects.
        var representation = (UuidRepresentation)representationValue;
        var subType = (BsonBinarySubType)subTypeValue;
        var binary = BsonBinaryData.FromGuid(Sample, representation);
        Assert.Equal(hex, Convert.ToHexString(binary.Bytes));
        Assert.Equal(subType, binary.SubType);
        Assert.Equal(Sample, binary.ToGuid(representation));
    }

    [Fact]
    public void Unspecified_representation_refuses_to_write_and_legacy_needs_a_choice()
    {
        var e = Assert.Throws<BsonSerializationException>(() => BsonBinaryData.FromGuid(Sample, UuidRepresentation.Unspecified));
        Assert.Contains("uuidRepresentation", e.Message);
        var legacy = BsonBinaryData.FromGuid(Sample, UuidRepresentation.CSharpLegacy);
        Assert.Throws<BsonSerializationException>(() => legacy.ToGuid(UuidRepresentation.Standard));
        Assert.Throws<BsonSerializationException>(() => new BsonBinaryData([1, 2]).ToGuid());
    }

    [Fact]
    public void Datetimes_keep_the_whole_int64_range()
    {
        var far = new BsonDateTime(long.MaxValue);
        Assert.False(far.IsValidDateTime);
        Assert.Throws<OverflowException>(() => far.ToUniversalTime());
        Assert.Equal(long.MaxValue, BsonDocument.FromBytes(new BsonDocument("d", far).ToBytes())["d"].AsBsonDateTime.MillisecondsSinceEpoch);

        var moment = new DateTime(2024, 2, 29, 12, 30, 15, 123, DateTimeKind.Utc);
        Assert.Equal(moment, new BsonDateTime(moment).ToUniversalTime());
        Assert.Equal(-1, new BsonDateTime(DateTime.UnixEpoch.AddTicks(-1)).MillisecondsSinceEpoch);
        Assert.Equal(new BsonDateTime(moment), new BsonDateTime(moment.ToLocalTime()));
    }

    [Fact]
    public void Timestamps_split_into_seconds_and_increment()
    {
        var ts = new BsonTimestamp(123, 45);
        Assert.Equal((123u, 45u), (ts.Timestamp, ts.Increment));
        Assert.Equal(((ulong)123 << 32) | 45, ts.Value);
    }

}

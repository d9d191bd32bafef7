using FsCheck;
using FsCheck.Fluent;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Generators.IntegrationTests.ClassMap.Model;

namespace OpenQuizz.Typed.Generators.IntegrationTests.ClassMap;

/// <summary>
/// The generated codec against MongoDB.Bson's class map, for the same annotated type and random values: the same bytes
/// as the class map's <c>ToBson()</c>, and each side decodes the other's bytes to a value that encodes back to them.
/// </summary>
public class DifferentialTests
{
    private static readonly Config Configuration = Config.QuickThrowOnFailure
        .WithMaxTest(200)
        .WithEndSize(8)
        .WithReplay(new Replay(new Rnd(0xC1A5_5AA9_2026UL, 0x9E37_79B9_7F4A_7C15UL), null));

    [Fact]
    public void The_oracle_is_the_class_map_never_generated_code()
    {
        // If a serialization provider hands MongoDB.Bson generated serializers for these types first, this fails:
        // exclude the ClassMap.Model namespace from that registration, or register the oracle's serializers earlier.
        ClassMapOracle.EnsureClassMaps();
        foreach (var type in ClassMapOracle.ModelTypes)
        {
            Assert.Equal(typeof(BsonClassMapSerializer<>), BsonSerializer.LookupSerializer(type).GetType().GetGenericTypeDefinition());
        }
    }

    [Fact] public void Flat_scalars() => Same(Values.Flats());

    [Fact] public void Nested_documents_lists_arrays_and_dictionaries() => Same(Values.Nesteds());

    [Fact] public void Plain_hierarchy_with_scalar_discriminators() => Same(Values.Owners());

    [Fact] public void Plain_hierarchy_as_its_base_type() => Same(Values.Pets());

    [Fact] public void RootClass_hierarchy_with_array_discriminators() => Same(Values.Garages());

    [Fact] public void RootClass_hierarchy_as_its_root() => Same(Values.Vehicles());

    [Fact] public void Abstract_base_with_known_types() => Same(Values.Drawings());

    [Fact] public void Required_discriminator() => Same(Values.Events());

    [Fact] public void Abstract_middle_type_listing_no_known_types_itself() => Same(Values.Teams());

    [Fact] public void Extra_elements_in_their_members_place() => Same(Values.Opens());

    [Fact] public void Ignore_if_null_ignore_if_default_and_default_values() => Same(Values.Sparses());

    [Fact] public void Element_order_inheritance_and_late_id() => Same(Values.Ordereds());

    [Fact] public void Records_and_constructors() => Same(Values.Priceds());

    [Fact] public void Guid_datetime_and_representation_options() => Same(Values.Optionses());

    [Fact]
    public void A_missing_BsonDefaultValue_element_reads_as_its_default_on_both_sides()
    {
        var bytes = new BsonDocument { ["Version"] = 1 }.ToBson();
        var ours = BsonCodecs.Deserialize<Sparse>(bytes);
        var theirs = ClassMapOracle.Deserialize<Sparse>(bytes);
        Assert.Equal((5, 7, "none"), (theirs.Five, theirs.Seven, theirs.Status));
        Assert.Equal((theirs.Five, theirs.Seven, theirs.Status), (ours.Five, ours.Seven, ours.Status));
    }

    [Fact]
    public void A_missing_BsonRequired_element_is_refused_on_both_sides()
    {
        var bytes = new BsonDocument { ["Five"] = 1 }.ToBson();
        Assert.ThrowsAny<Exception>(() => ClassMapOracle.Deserialize<Sparse>(bytes));
        Assert.Throws<BsonSerializationException>(() => BsonCodecs.Deserialize<Sparse>(bytes));
    }

    [Fact]
    public void Unknown_elements_are_refused_by_default_and_skipped_with_BsonIgnoreExtraElements_on_both_sides()
    {
        var bytes = new BsonDocument { ["A"] = 1, ["Other"] = 2 }.ToBson();
        Assert.ThrowsAny<FormatException>(() => ClassMapOracle.Deserialize<Flat>(bytes));
        Assert.Throws<BsonSerializationException>(() => BsonCodecs.Deserialize<Flat>(bytes));
        Assert.Equal(ClassMapOracle.Deserialize<Lenient>(bytes).A, BsonCodecs.Deserialize<Lenient>(bytes).A);
        Assert.Equal(1, BsonCodecs.Deserialize<Lenient>(bytes).A);
    }

    [Fact]
    public void Numeric_widening_the_class_map_accepts_is_accepted()
    {
        // Int32 into long, Int64 and integral doubles into int, Int32 into double: what the class map reads, we read.
        var bytes = new BsonDocument { ["Int32"] = 7L, ["Int64"] = 8, ["Double"] = 9, ["Int16"] = 10.0, ["Text"] = "t" }.ToBson();
        var theirs = ClassMapOracle.Deserialize<Flat>(bytes);
        var ours = BsonCodecs.Deserialize<Flat>(bytes);
        Assert.Equal((7, 8L, 9.0, (short)10), (theirs.Int32, theirs.Int64, theirs.Double, theirs.Int16));
        Assert.Equal((theirs.Int32, theirs.Int64, theirs.Double, theirs.Int16), (ours.Int32, ours.Int64, ours.Double, ours.Int16));
    }

    [Fact]
    public void An_enum_reads_a_number_or_a_name_whatever_its_representation_as_the_class_map_does()
    {
        var bytes = new BsonDocument { ["TinyName"] = 2 }.ToBson();
        Assert.Equal(Tiny.Two, ClassMapOracle.Deserialize<Options>(bytes).TinyName);
        Assert.Equal(Tiny.Two, BsonCodecs.Deserialize<Options>(bytes).TinyName);

        var names = new BsonDocument { ["Mood"] = "Grumpy", ["Tiny"] = "One" }.ToBson();
        Assert.Equal((Mood.Grumpy, Tiny.One), (ClassMapOracle.Deserialize<Flat>(names).Mood, ClassMapOracle.Deserialize<Flat>(names).Tiny));
        Assert.Equal((Mood.Grumpy, Tiny.One), (BsonCodecs.Deserialize<Flat>(names).Mood, BsonCodecs.Deserialize<Flat>(names).Tiny));
    }

    [Fact]
    public void Numbers_written_as_strings_are_read_as_the_class_map_reads_them()
    {
        var bytes = new BsonDocument { ["Int32"] = "5", ["Int64"] = "-6", ["Double"] = "7.5", ["Decimal"] = "8.25", ["Int16"] = "9" }.ToBson();
        var theirs = ClassMapOracle.Deserialize<Flat>(bytes);
        var ours = BsonCodecs.Deserialize<Flat>(bytes);
        Assert.Equal((5, -6L, 7.5, 8.25m, (short)9), (theirs.Int32, theirs.Int64, theirs.Double, theirs.Decimal, theirs.Int16));
        Assert.Equal((theirs.Int32, theirs.Int64, theirs.Double, theirs.Decimal, theirs.Int16), (ours.Int32, ours.Int64, ours.Double, ours.Decimal, ours.Int16));
    }

    [Fact]
    public void A_value_its_representation_cannot_hold_is_refused_on_both_sides()
    {
        var value = new Options { Price = 1m / 3m };
        Assert.ThrowsAny<BsonSerializationException>(() => ClassMapOracle.Serialize(value));
        Assert.Throws<BsonSerializationException>(() => BsonCodecs.Serialize(value));

        var big = new Flat { UInt32 = uint.MaxValue };
        Assert.ThrowsAny<Exception>(() => ClassMapOracle.Serialize(big));
        Assert.ThrowsAny<OverflowException>(() => BsonCodecs.Serialize(big));
    }

    [Fact]
    public void A_guid_without_a_representation_is_refused_by_the_class_map_and_written_as_standard_by_generated_codecs()
    {
        // Deliberate difference (docs/bson-compatibility.md): MongoDB.Bson 3.x defaults to GuidRepresentation.Unspecified.
        var value = new PlainGuid { Value = Guid.NewGuid() };
        Assert.ThrowsAny<BsonSerializationException>(() => ClassMapOracle.Serialize(value));
        var document = BsonSerializer.Deserialize<BsonDocument>(BsonCodecs.Serialize(value));
        Assert.Equal(BsonBinarySubType.UuidStandard, document["Value"].AsBsonBinaryData.SubType);
    }

    private static void Same<T>(Gen<T> values)
    {
        ClassMapOracle.EnsureClassMaps();
        Prop.ForAll(Arb.From(values), value =>
        {
            var theirs = ClassMapOracle.Serialize(value);
            var ours = BsonCodecs.Serialize(value);
            Assert.True(ours.AsSpan().SequenceEqual(theirs), $"{ClassMapOracle.FirstDifference(theirs, ours)}\nclass map: {ClassMapOracle.Show(theirs)}\ngenerated: {ClassMapOracle.Show(ours)}");

            var decodedByUs = BsonCodecs.Deserialize<T>(theirs);
            var again = ClassMapOracle.Serialize(decodedByUs);
            Assert.True(again.AsSpan().SequenceEqual(theirs), $"decoded by the generated codec: {ClassMapOracle.Show(again)}\nfrom: {ClassMapOracle.Show(theirs)}\n{Convert.ToHexString(again)}\n{Convert.ToHexString(theirs)}");

            var decodedByThem = ClassMapOracle.Deserialize<T>(ours);
            var back = BsonCodecs.Serialize(decodedByThem);
            Assert.True(back.AsSpan().SequenceEqual(ours), $"decoded by the class map: {ClassMapOracle.Show(back)}\nfrom: {ClassMapOracle.Show(ours)}");
        }).Check(Configuration);
    }
}

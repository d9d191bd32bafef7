using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Generators.IntegrationTests.Model;

namespace OpenQuizz.Typed.Generators.IntegrationTests;

/// <summary>Decoding errors name the type, the element and the expected BSON type.</summary>
public class DecodingErrorTests
{
    [Fact]
    public void A_wrong_bson_type_names_type_element_and_expected_type()
    {
        var document = new BsonDocument { { "Name", 5 } };
        var error = Assert.Throws<BsonSerializationException>(() => BsonCodecs.Deserialize<Author>(document.ToBytes()));
        Assert.Equal("Cannot decode OpenQuizz.Typed.Generators.IntegrationTests.Model.Author: element 'Name' is Int32, expected String.", error.Message);
    }

    [Fact]
    public void A_missing_required_member_is_named()
    {
        var document = new BsonDocument { { "_id", ObjectId.GenerateNewId() } };
        var error = Assert.Throws<BsonSerializationException>(() => BsonCodecs.Deserialize<Quiz>(document.ToBytes()));
        Assert.Equal("Cannot decode OpenQuizz.Typed.Generators.IntegrationTests.Model.Quiz: the required element 'title' (member Title) is missing.", error.Message);
    }

    [Fact]
    public void A_missing_constructor_argument_without_default_is_named()
    {
        var error = Assert.Throws<BsonSerializationException>(() => BsonCodecs.Deserialize<Author>(new BsonDocument().ToBytes()));
        Assert.Contains("the required element 'Name' (member Name) is missing", error.Message);
    }

    [Fact]
    public void Null_in_a_non_nullable_member_is_refused()
    {
        var document = new BsonDocument { { "Name", BsonNull.Value } };
        var error = Assert.Throws<BsonSerializationException>(() => BsonCodecs.Deserialize<Author>(document.ToBytes()));
        Assert.Contains("element 'Name' is Null, expected String", error.Message);
    }

    [Fact]
    public void Unknown_elements_are_rejected_by_default_as_by_the_class_map()
    {
        var document = new BsonDocument { { "A", 1 }, { "B", 2 } };
        var error = Assert.Throws<BsonSerializationException>(() => BsonCodecs.Deserialize<Strict>(document.ToBytes()));
        Assert.Equal("Cannot decode OpenQuizz.Typed.Generators.IntegrationTests.Model.Strict: element 'B' maps to no member, as MongoDB.Bson's class map would refuse it too; add [BsonIgnoreExtraElements] to the type to skip such elements, or a [BsonExtraElements] BsonDocument member to keep them.", error.Message);
        Assert.Equal(new Strict(1), BsonCodecs.Deserialize<Strict>(new BsonDocument { { "A", 1 } }.ToBytes()));
    }

    [Fact]
    public void An_unknown_discriminator_is_named()
    {
        var document = new BsonDocument { { "_t", "essay" }, { "Text", "t" } };
        var error = Assert.Throws<BsonSerializationException>(() => BsonCodecs.Deserialize<Question>(document.ToBytes()));
        Assert.Contains("\"essay\"", error.Message);
        Assert.Contains("Question", error.Message);
    }

    [Fact]
    public void A_missing_discriminator_of_an_abstract_type_is_an_error()
    {
        var error = Assert.Throws<BsonSerializationException>(() => BsonCodecs.Deserialize<Question>(new BsonDocument { { "Text", "t" } }.ToBytes()));
        Assert.Contains("no '_t' discriminator", error.Message);
    }

    [Fact]
    public void Lossless_numeric_conversions_are_accepted_and_lossy_ones_refused()
    {
        var document = new BsonDocument { { "Name", "n" }, { "Reputation", 12.0 } };
        Assert.Equal(12, BsonCodecs.Deserialize<Author>(document.ToBytes()).Reputation);
        var lossy = new BsonDocument { { "Name", "n" }, { "Reputation", 12.5 } };
        var error = Assert.Throws<BsonSerializationException>(() => BsonCodecs.Deserialize<Author>(lossy.ToBytes()));
        Assert.Contains("element 'Reputation' holds 12.5", error.Message);
    }

    [Fact]
    public void Encoding_null_in_a_non_nullable_member_names_it()
    {
        var error = Assert.Throws<BsonSerializationException>(() => BsonCodecs.Serialize(new Author(null!)));
        Assert.Contains("member Name is null", error.Message);
    }
}

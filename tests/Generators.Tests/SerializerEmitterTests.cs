namespace OpenQuizz.Typed.Generators.Tests;

/// <summary>The MongoDB.Bson serializers emitted beside the codecs: what they tell MongoDB.Driver, asserted directly.</summary>
public class SerializerEmitterTests
{
    private static string Serializer(string source, string hint) => GeneratorHarness.Run(source).Sources[hint];

    [Fact]
    public void Member_serializers_follow_the_codec_representation_not_MongoDB_Bson_defaults()
    {
        var code = Serializer(Sources.Attributes, "App.Tunable.BsonSerializer.g.cs");
        Assert.Contains("case \"Color\":", code);
        Assert.Contains("return Member(\"Color\", new global::MongoDB.Bson.Serialization.Serializers.EnumSerializer<global::App.Color>(global::MongoDB.Bson.BsonType.String));", code);
        Assert.Contains("return Member(\"n\", ", code);
        Assert.Contains("DecimalSerializer(global::MongoDB.Bson.BsonType.Double)", code);
        Assert.Contains("StringSerializer(global::MongoDB.Bson.BsonType.ObjectId)", code);
        // The extra-elements member is not a member a query can name.
        Assert.DoesNotContain("case \"Extra\":", code);
    }

    [Fact]
    public void Nested_documents_and_collections_use_the_generated_serializers_under_MongoDB_Bson_collection_serializers()
    {
        var code = Serializer(Sources.Quiz, "App.Quiz.BsonSerializer.g.cs");
        Assert.Contains("EnumerableInterfaceImplementerSerializer<global::System.Collections.Generic.List<global::App.Question>, global::App.Question>(global::OpenQuizz.Typed.Bson.Serialization.GeneratedBsonSerializers.Get<global::App.Question>())", code);
        Assert.Contains("new global::MongoDB.Bson.Serialization.Serializers.NullableSerializer<global::System.Guid>(new global::MongoDB.Bson.Serialization.Serializers.GuidSerializer(_options.GuidRepresentation))", code);
        Assert.Contains("EnumSerializer<global::App.QuizStatus>(global::MongoDB.Bson.BsonType.Int32)", code);
    }

    [Fact]
    public void The_id_member_gets_an_id_generator_and_an_init_accessor_to_set_it()
    {
        var code = Serializer(Sources.Quiz, "App.Quiz.BsonSerializer.g.cs");
        Assert.Contains("generator = global::MongoDB.Bson.Serialization.IdGenerators.ObjectIdGenerator.Instance;", code);
        Assert.Contains("Name = \"set_Id\")]", code);

        var strings = Serializer(Sources.Attributes, "App.Tunable.BsonSerializer.g.cs");
        Assert.Contains("StringObjectIdGenerator.Instance", strings);
        Assert.Contains("document.Id = (string)id;", strings);
    }

    [Fact]
    public void Polymorphic_types_get_a_discriminator_convention_with_the_codec_element_and_values()
    {
        var code = Serializer(Sources.Polymorphic, "App.Shape.BsonSerializer.g.cs");
        Assert.Contains("GeneratedPolymorphicBsonSerializer<global::App.Shape>", code);
        Assert.Contains("\"kind\",", code);
        Assert.Contains("(typeof(global::App.Circle), \"circle\")", code);
        Assert.Contains("(typeof(global::App.Square), \"Square\")", code);
        Assert.DoesNotContain("(typeof(global::App.Shape)", code);
    }

    [Fact]
    public void Every_registrable_codec_has_its_serializer_registered_with_MongoDB_Bson()
    {
        var registrations = GeneratorHarness.Run(Sources.Database).Sources["OpenQuizzRegistrations.g.cs"];
        Assert.Contains("global::OpenQuizz.Typed.Bson.Serialization.GeneratedBsonSerializers.TryRegister<global::App.Data.Person>(global::App.Data.Person.OpenQuizzBsonSerializer.Default);", registrations);
        Assert.Contains("global::OpenQuizz.Typed.Bson.Serialization.GeneratedBsonSerializers.TryRegister<global::App.Data.Note>(global::OpenQuizz.Typed.Generated.App_Data_Note_BsonSerializer.Default);", registrations);

        var generic = GeneratorHarness.Run(Sources.StructsAndGenerics).Sources;
        Assert.DoesNotContain("App.Geometry.Page_1.BsonSerializer.g.cs", generic.Keys);
    }
}

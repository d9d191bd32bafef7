using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Bson.Serialization;
using OpenQuizz.Typed.Generators.IntegrationTests.Model;

namespace OpenQuizz.Typed.Generators.IntegrationTests;

/// <summary>MongoDB.Bson's own API (ToBson, ToBsonDocument, Deserialize, JSON) runs the generated serializers, byte for byte like the codecs.</summary>
public class SerializerTests
{
    [Fact]
    public void MongoDB_Bson_finds_the_generated_serializer_and_builds_no_class_map()
    {
        Assert.IsType<Quiz.OpenQuizzBsonSerializer>(BsonSerializer.LookupSerializer<Quiz>());
        Assert.IsType<Question.OpenQuizzBsonSerializer>(BsonSerializer.LookupSerializer<Question>());
        Assert.IsAssignableFrom<GeneratedBsonSerializer<Author>>(BsonSerializer.LookupSerializer<Author>());

        var bytes = CodecBytesTests.SampleQuiz().ToBson();
        _ = BsonSerializer.Deserialize<Quiz>(bytes);

        Assert.False(BsonClassMap.IsClassMapRegistered(typeof(Quiz)));
        Assert.False(BsonClassMap.IsClassMapRegistered(typeof(Question)));
        Assert.False(BsonClassMap.IsClassMapRegistered(typeof(MultipleChoiceQuestion)));
        Assert.False(BsonClassMap.IsClassMapRegistered(typeof(Author)));
    }

    [Fact]
    public void ToBson_writes_the_codec_bytes_and_Deserialize_reads_them()
    {
        var quiz = CodecBytesTests.SampleQuiz();
        var expected = BsonCodecs.Serialize(quiz);

        Assert.Equal(expected, quiz.ToBson());
        var back = BsonSerializer.Deserialize<Quiz>(expected);
        Assert.Equal(quiz.Title, back.Title);
        Assert.Equal(quiz.Author, back.Author);

        // Records compare their arrays by reference: compare what the codec makes of them instead.
        Assert.Equal(expected, BsonCodecs.Serialize(back));
    }

    [Fact]
    public void ToBsonDocument_and_JSON_go_through_the_slower_path_with_the_same_document()
    {
        var quiz = CodecBytesTests.SampleQuiz();
        var expected = BsonSerializer.Deserialize<BsonDocument>(BsonCodecs.Serialize(quiz));

        var document = quiz.ToBsonDocument();
        Assert.Equal(expected, document);
        Assert.Equal(expected.ToJson(), quiz.ToJson());

        // BsonDocumentReader: the serializer reads a document that did not come as bytes.
        var back = BsonSerializer.Deserialize<Quiz>(document);
        Assert.Equal(BsonCodecs.Serialize(quiz), BsonCodecs.Serialize(back));
    }

    [Fact]
    public void A_document_nested_in_a_MongoDB_Bson_document_is_written_in_place()
    {
        var author = new Author("Ada", null, 7);
        var wrapper = new BsonDocument { { "before", 1 }, { "author", author.ToBsonDocument() }, { "after", 2 } };

        using var stream = new MemoryStream();
        using (var writer = new BsonBinaryWriter(stream))
        {
            writer.WriteStartDocument();
            writer.WriteInt32("before", 1);
            writer.WriteName("author");
            BsonSerializer.Serialize(writer, author);
            writer.WriteInt32("after", 2);
            writer.WriteEndDocument();
        }

        Assert.Equal(wrapper.ToBson(), stream.ToArray());
    }

    [Fact]
    public void A_document_split_across_buffer_chunks_is_copied_once_and_decoded()
    {
        // Large driver replies arrive in several chunks; a document crossing a chunk boundary has no single backing array.
        var quiz = CodecBytesTests.SampleQuiz();
        var bytes = BsonCodecs.Serialize(quiz);
        var half = bytes.Length / 2;
        var chunks = new IBsonChunk[] { new ByteArrayChunk(bytes[..half]), new ByteArrayChunk(bytes[half..]) };
        using var buffer = new MultiChunkBuffer(chunks, bytes.Length, isReadOnly: true);
        using var reader = new BsonBinaryReader(new ByteBufferStream(buffer));

        var back = BsonSerializer.Deserialize<Quiz>(reader);

        Assert.Equal(bytes, BsonCodecs.Serialize(back));
    }

    [Fact]
    public void Null_is_written_and_read_as_BSON_null()
    {
        var document = new BsonDocument("author", BsonNull.Value);
        using var reader = new BsonDocumentReader(document);
        reader.ReadStartDocument();
        reader.ReadName("author");
        Assert.Null(BsonSerializer.Deserialize<Author>(reader));

        var written = new BsonDocument();
        using (var writer = new BsonDocumentWriter(written))
        {
            writer.WriteStartDocument();
            writer.WriteName("author");
            BsonSerializer.Serialize<Author?>(writer, null);
            writer.WriteEndDocument();
        }

        Assert.Equal(document, written);
    }

    [Fact]
    public void Every_member_serializer_writes_what_the_codec_writes()
    {
        AssertMembersMatchCodec(SampleScalars());
        AssertMembersMatchCodec(SampleCollections());
        AssertMembersMatchCodec(CodecBytesTests.SampleQuiz());
        AssertMembersMatchCodec(new Tunable { Id = ObjectId.GenerateNewId().ToString(), Name = "n", Price = 1.5m, Code = 42, Key = Guid.NewGuid(), Hits = 3 });
    }

    [Fact]
    public void Id_provider_reads_and_fills_in_the_id_member()
    {
        var serializer = (IBsonIdProvider)BsonSerializer.LookupSerializer<Quiz>();
        var quiz = CodecBytesTests.SampleQuiz() with { Id = ObjectId.Empty };

        Assert.True(serializer.GetDocumentId(quiz, out var id, out var nominalType, out var generator));
        Assert.Equal(ObjectId.Empty, id);
        Assert.Equal(typeof(ObjectId), nominalType);
        Assert.True(generator.IsEmpty(id));

        var fresh = generator.GenerateId(null, quiz);
        serializer.SetDocumentId(quiz, fresh);
        Assert.Equal(fresh, quiz.Id);

        var strings = (IBsonIdProvider)BsonSerializer.LookupSerializer<Tunable>();
        Assert.True(strings.GetDocumentId(new Tunable(), out _, out var stringType, out var stringGenerator));
        Assert.Equal(typeof(string), stringType);
        Assert.IsType<MongoDB.Bson.Serialization.IdGenerators.StringObjectIdGenerator>(stringGenerator);

        Assert.False(((IBsonIdProvider)BsonSerializer.LookupSerializer<Author>()).GetDocumentId(new Author("A"), out _, out _, out _));
    }

    [Fact]
    public void Discriminator_convention_matches_the_codec()
    {
        var serializer = BsonSerializer.LookupSerializer<Question>();
        var convention = Assert.IsAssignableFrom<IHasDiscriminatorConvention>(serializer).DiscriminatorConvention;
        Assert.Equal("_t", convention.ElementName);
        Assert.Equal(new BsonString("mc"), convention.GetDiscriminator(typeof(Question), typeof(MultipleChoiceQuestion)));
        var scalar = Assert.IsAssignableFrom<MongoDB.Bson.Serialization.Conventions.IScalarDiscriminatorConvention>(convention);
        Assert.Equal([new BsonString("mc"), new BsonString("OpenQuestion"), new BsonString("tf")], scalar.GetDiscriminatorsForTypeAndSubTypes(typeof(Question)));
        Assert.Equal([new BsonString("tf")], scalar.GetDiscriminatorsForTypeAndSubTypes(typeof(TrueFalseQuestion)));

        var bytes = BsonCodecs.Serialize<Question>(new TrueFalseQuestion { Text = "t", Answer = true });
        using var reader = new BsonBinaryReader(new MemoryStream(bytes));
        Assert.Equal(typeof(TrueFalseQuestion), convention.GetActualType(reader, typeof(Question)));

        // The reader is back where it was: the whole document still reads.
        Assert.IsType<TrueFalseQuestion>(BsonSerializer.Deserialize<Question>(reader));
    }

    [Fact]
    public void A_serializer_or_class_map_registered_explicitly_wins_over_the_generated_one()
    {
        var custom = new OverriddenSerializer();
        BsonSerializer.RegisterSerializer(custom);
        Assert.Same(custom, BsonSerializer.LookupSerializer<Overridden>());

        BsonClassMap.RegisterClassMap<ClassMapped>();
        Assert.IsNotAssignableFrom<GeneratedBsonSerializer<ClassMapped>>(BsonSerializer.LookupSerializer<ClassMapped>());
    }

    private static void AssertMembersMatchCodec<T>(T value)
    {
        var serializer = (IBsonDocumentSerializer)BsonSerializer.LookupSerializer<T>();
        var document = BsonSerializer.Deserialize<BsonDocument>(BsonCodecs.Serialize(value));
        var checkedMembers = 0;
        foreach (var property in typeof(T).GetProperties())
        {
            if (!serializer.TryGetMemberSerializationInfo(property.Name, out var info) || !document.Contains(info.ElementName))
            {
                continue;
            }

            Assert.Equal(property.PropertyType, info.NominalType);
            var expected = document[info.ElementName];
            var actual = info.SerializeValue(property.GetValue(value));
            Assert.True(expected.Equals(actual), $"{typeof(T).Name}.{property.Name}: the codec writes {expected.ToJson()}, its member serializer {actual.ToJson()}.");
            checkedMembers++;
        }

        Assert.True(checkedMembers > 3, $"Only {checkedMembers} members of {typeof(T).Name} were compared.");
        Assert.False(serializer.TryGetMemberSerializationInfo("NoSuchMember", out _));
    }

    private static Scalars SampleScalars() => new()
    {
        Boolean = true, Byte = 200, SByte = -5, Int16 = -300, UInt16 = 60000, Int32 = -7, UInt32 = 4_000_000,  Int64 = long.MinValue,
        UInt64 = 9_000_000_000_000, Single = 1.5f, Double = -2.25, Decimal = 12.345m, Char = 'x', String = "s", Guid = Guid.NewGuid(),
        DateTime = new DateTime(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc), DateTimeOffset = new DateTimeOffset(2024, 5, 6, 7, 8, 9, 123, TimeSpan.Zero),
        DateOnly = new DateOnly(2024, 2, 29), TimeOnly = new TimeOnly(13, 14, 15), TimeSpan = TimeSpan.FromMinutes(90), Bytes = [1, 2, 3],
        ObjectId = ObjectId.GenerateNewId(), Decimal128 = new Decimal128(3.5m), Flag = Flag.Archived, NullableInt32 = 4, NullableGuid = Guid.NewGuid(),
        NullableDateTime = null, NullableEnum = Difficulty.Hard, NullableString = null, Document = new BsonDocument("a", 1), Value = new BsonInt64(5),
        Timestamp = new BsonTimestamp(1, 2),
    };

    private static Collections SampleCollections() => new()
    {
        Array = [1, 2], List = ["a"], IList = [3], IReadOnlyList = [4L], ICollection = [5.5], IEnumerable = [true], HashSet = ["h"],
        Dictionary = new() { ["k"] = "v", ["n"] = null }, ReadOnlyDictionary = new Dictionary<string, List<int>> { ["x"] = [1] },
        Nested = [[1], [2, 3]], Jagged = [[4]], Authors = [new Author("A"), null],
    };

    /// <summary>The user's own serializer for a generated type.</summary>
    private sealed class OverriddenSerializer : MongoDB.Bson.Serialization.Serializers.SerializerBase<Overridden>
    {
    }
}

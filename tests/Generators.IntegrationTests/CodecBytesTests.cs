using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Generators.IntegrationTests.Model;

namespace OpenQuizz.Typed.Generators.IntegrationTests;

/// <summary>Generated codecs write exactly the bytes of the equivalent hand-built document, and read them back.</summary>
public class CodecBytesTests
{
    private static readonly ObjectId QuizId = ObjectId.Parse("65a1b2c3d4e5f60718293a4b");
    private static readonly DateTime Created = new(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc);

    internal static Quiz SampleQuiz() => new()
    {
        Id = QuizId,
        Title = "Capitals",
        Description = null,
        Difficulty = Difficulty.Medium,
        Level = Difficulty.Hard,
        Questions =
        [
            new MultipleChoiceQuestion { Text = "Capital of France?", Points = 2, Choices = ["Paris", "Lyon"], Answer = 0 },
            new OpenQuestion { Text = "Capital of Peru?", ExpectedAnswer = "Lima" },
            new TrueFalseQuestion { Text = "Bern is a capital", Answer = true },
        ],
        Tags = ["geo", "easy"],
        Scores = new() { ["ann"] = 3, ["bob"] = 5 },
        CreatedAt = Created,
        Author = new Author("Ada", "ada@example.org"),
        MaxAttempts = 3,
    };

    internal static BsonDocument SampleQuizDocument() => new()
    {
        { "_id", QuizId },
        { "title", "Capitals" },
        { "description", BsonNull.Value },
        { "difficulty", 1 },
        { "level", "Hard" },
        {
            "questions", new BsonArray
            {
                new BsonDocument { { "_t", "mc" }, { "Text", "Capital of France?" }, { "Points", 2 }, { "Choices", new BsonArray { "Paris", "Lyon" } }, { "Answer", 0 } },
                new BsonDocument { { "_t", "OpenQuestion" }, { "Text", "Capital of Peru?" }, { "Points", 1 }, { "ExpectedAnswer", "Lima" } },
                new BsonDocument { { "_t", "tf" }, { "Text", "Bern is a capital" }, { "Points", 1 }, { "Answer", true } },
            }
        },
        { "tags", new BsonArray { "geo", "easy" } },
        { "scores", new BsonDocument { { "ann", 3 }, { "bob", 5 } } },
        { "createdAt", new BsonDateTime(Created) },
        { "author", new BsonDocument { { "Name", "Ada" }, { "Email", "ada@example.org" }, { "Reputation", 10 } } },
        { "maxAttempts", 3 },
    };

    [Fact]
    public void Quiz_encodes_to_the_bytes_of_the_hand_built_document()
    {
        var expected = SampleQuizDocument().ToBytes();
        var actual = BsonCodecs.Serialize(SampleQuiz());
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Quiz_decodes_from_the_hand_built_document()
    {
        var decoded = BsonCodecs.Deserialize<Quiz>(SampleQuizDocument().ToBytes());
        var original = SampleQuiz();
        Assert.Equal(original.Title, decoded.Title);
        Assert.Equal(original.Level, decoded.Level);
        Assert.Equal(DateTimeKind.Utc, decoded.CreatedAt.Kind);
        Assert.Equal(original.CreatedAt, decoded.CreatedAt);
        Assert.Equal(original.Author, decoded.Author);
        Assert.Equal(["geo", "easy"], decoded.Tags);
        Assert.Equal(5, decoded.Scores["bob"]);
        Assert.IsType<MultipleChoiceQuestion>(decoded.Questions[0]);
        Assert.Equal(["Paris", "Lyon"], ((MultipleChoiceQuestion)decoded.Questions[0]).Choices);
        Assert.Equal(new OpenQuestion { Text = "Capital of Peru?", ExpectedAnswer = "Lima" }, decoded.Questions[1]);
        Assert.Equal(new TrueFalseQuestion { Text = "Bern is a capital", Answer = true }, decoded.Questions[2]);
        Assert.Equal(BsonCodecs.Serialize(original), BsonCodecs.Serialize(decoded));
    }

    [Fact]
    public void Secret_is_left_out_when_null_and_written_when_set()
    {
        var withSecret = SampleQuiz() with { Secret = "s3cr3t" };
        var document = BsonDocument.FromBytes(BsonCodecs.Serialize(withSecret));
        Assert.Equal("s3cr3t", document["secret"].AsString);
        Assert.False(BsonDocument.FromBytes(BsonCodecs.Serialize(SampleQuiz())).Contains("secret"));
    }

    [Fact]
    public void Every_scalar_type_round_trips_with_its_documented_bson_type()
    {
        var guid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        var value = new Scalars
        {
            Boolean = true, Byte = 200, SByte = -100, Int16 = -30000, UInt16 = 60000, Int32 = int.MinValue, UInt32 = int.MaxValue,
            Int64 = long.MaxValue, UInt64 = 1234567890123UL, Single = 1.5f, Double = -0.25, Decimal = 12345.6789m, Char = 'é',
            String = "héllo", Guid = guid, DateTime = new DateTime(2020, 1, 2, 3, 4, 5, 6, DateTimeKind.Utc),
            DateTimeOffset = new DateTimeOffset(2020, 1, 2, 3, 4, 5, 6, TimeSpan.Zero), DateOnly = new DateOnly(1999, 12, 31),
            TimeOnly = new TimeOnly(13, 14, 15, 16), TimeSpan = TimeSpan.FromMinutes(-90.5), Bytes = [1, 2, 3], ObjectId = QuizId,
            Decimal128 = Decimal128.Parse("1.000E-10"), Flag = Flag.Archived, NullableInt32 = 7, NullableGuid = null,
            NullableDateTime = null, NullableEnum = Difficulty.Hard, NullableString = null,
            Document = new BsonDocument { { "x", 1 } }, Value = new BsonArray { 1, "two" }, Timestamp = new BsonTimestamp(5, 6),
        };

        var bytes = BsonCodecs.Serialize(value);
        var document = BsonDocument.FromBytes(bytes);
        Assert.Equal(BsonType.Boolean, document["Boolean"].BsonType);
        Assert.Equal(BsonType.Int32, document["Byte"].BsonType);
        Assert.Equal(BsonType.Int32, document["UInt32"].BsonType);   // MongoDB.Bson's UInt32Serializer: Int32, overflow refused
        Assert.Equal(BsonType.Int64, document["UInt64"].BsonType);
        Assert.Equal(BsonType.Double, document["Single"].BsonType);
        Assert.Equal(BsonType.Decimal128, document["Decimal"].BsonType);
        Assert.Equal(BsonType.Int32, document["Char"].BsonType);
        Assert.Equal(BsonBinarySubType.UuidStandard, document["Guid"].AsBsonBinaryData.SubType);
        Assert.Equal(guid, document["Guid"].AsBsonBinaryData.ToGuid());
        Assert.Equal(BsonType.DateTime, document["DateTime"].BsonType);
        Assert.Equal(BsonType.Document, document["DateTimeOffset"].BsonType);   // { DateTime, Ticks, Offset }, as MongoDB.Bson
        Assert.Equal(new BsonDateTime(new DateTime(1999, 12, 31, 0, 0, 0, DateTimeKind.Utc)), document["DateOnly"]);
        Assert.Equal(new TimeOnly(13, 14, 15, 16).Ticks, document["TimeOnly"].AsInt64);
        Assert.Equal("-01:30:30", document["TimeSpan"].AsString);   // TimeSpan's "c" format, as MongoDB.Bson
        Assert.Equal(BsonBinarySubType.Binary, document["Bytes"].AsBsonBinaryData.SubType);
        Assert.Equal(2, document["Flag"].AsInt32);
        Assert.Equal(BsonNull.Value, document["NullableGuid"]);
        Assert.Equal("Hard", ((Difficulty)document["NullableEnum"].AsInt32).ToString());

        var decoded = BsonCodecs.Deserialize<Scalars>(bytes);
        Assert.Equal(bytes, BsonCodecs.Serialize(decoded));
        Assert.Equal(value.Decimal, decoded.Decimal);
        Assert.Equal(value.Char, decoded.Char);
        Assert.Equal(value.DateOnly, decoded.DateOnly);
        Assert.Equal(value.TimeOnly, decoded.TimeOnly);
        Assert.Equal(value.TimeSpan, decoded.TimeSpan);
        Assert.Equal(value.Document, decoded.Document);
        Assert.Equal(value.Value, decoded.Value);
        Assert.Equal(value.Timestamp, decoded.Timestamp);
        Assert.Null(decoded.NullableGuid);
        Assert.Equal(Difficulty.Hard, decoded.NullableEnum);
    }

    [Fact]
    public void A_local_datetime_is_stored_as_its_utc_instant_and_read_back_as_utc()
    {
        var local = new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Local);
        var decoded = BsonCodecs.Deserialize<Scalars>(BsonCodecs.Serialize(new Scalars { DateTime = local }));
        Assert.Equal(DateTimeKind.Utc, decoded.DateTime.Kind);
        Assert.Equal(local.ToUniversalTime(), decoded.DateTime);
    }

    [Fact]
    public void Every_collection_shape_round_trips()
    {
        var value = new Collections
        {
            Array = [1, 2, 3],
            List = ["a", "b"],
            IList = new[] { 4, 5 },
            IReadOnlyList = new System.Collections.ObjectModel.ReadOnlyCollection<long>([6L, 7L]),
            ICollection = new LinkedList<double>([1.5, 2.5]),
            IEnumerable = Enumerable.Repeat(true, 2),
            HashSet = ["x"],
            Dictionary = new() { ["k"] = null, ["l"] = "v" },
            ReadOnlyDictionary = new Dictionary<string, List<int>> { ["n"] = [1, 2] },
            Nested = [[1], [2, 3]],
            Jagged = [[4], []],
            Authors = [new Author("A"), null],
        };
        var bytes = BsonCodecs.Serialize(value);
        var expected = new BsonDocument
        {
            { "Array", new BsonArray { 1, 2, 3 } },
            { "List", new BsonArray { "a", "b" } },
            { "IList", new BsonArray { 4, 5 } },
            { "IReadOnlyList", new BsonArray { 6L, 7L } },
            { "ICollection", new BsonArray { 1.5, 2.5 } },
            { "IEnumerable", new BsonArray { true, true } },
            { "HashSet", new BsonArray { "x" } },
            { "Dictionary", new BsonDocument { { "k", BsonNull.Value }, { "l", "v" } } },
            { "ReadOnlyDictionary", new BsonDocument { { "n", new BsonArray { 1, 2 } } } },
            { "Nested", new BsonArray { new BsonArray { 1 }, new BsonArray { 2, 3 } } },
            { "Jagged", new BsonArray { new BsonArray { 4 }, new BsonArray() } },
            { "Authors", new BsonArray { new BsonDocument { { "Name", "A" }, { "Email", BsonNull.Value }, { "Reputation", 10 } }, BsonNull.Value } },
        };
        Assert.Equal(expected.ToBytes(), bytes);

        var decoded = BsonCodecs.Deserialize<Collections>(bytes);
        Assert.Equal(bytes, BsonCodecs.Serialize(decoded));
        Assert.IsType<List<int>>(decoded.IList);
        Assert.IsType<HashSet<string>>(decoded.HashSet);
        Assert.Equal([2, 3], decoded.Nested[1]);
        Assert.Null(decoded.Authors[1]);
    }

    [Fact]
    public void Structs_generic_documents_and_constructors_round_trip()
    {
        var catalog = new Catalog("c", new Page<Author> { Items = [new Author("B", null, 3)], Total = 1 }, new Point { X = 1, Y = 2 }, new Model.Range(3, 9));
        var bytes = BsonCodecs.Serialize(catalog);
        var expected = new BsonDocument
        {
            { "Name", "c" },
            { "Authors", new BsonDocument { { "Items", new BsonArray { new BsonDocument { { "Name", "B" }, { "Email", BsonNull.Value }, { "Reputation", 3 } } } }, { "Total", 1 } } },
            { "Origin", new BsonDocument { { "X", 1.0 }, { "Y", 2.0 } } },
            { "Span", new BsonDocument { { "Start", 3 }, { "End", 9 } } },
        };
        Assert.Equal(expected.ToBytes(), bytes);
        var decoded = BsonCodecs.Deserialize<Catalog>(bytes);
        Assert.Equal(catalog.Origin, decoded.Origin);
        Assert.Equal(catalog.Span, decoded.Span);
        Assert.Equal(catalog.Authors.Items, decoded.Authors.Items);

        // The closed generic type reached from Catalog is registered too.
        Assert.NotNull(BsonCodecRegistry.TryGet<Page<Author>>());
        Assert.NotNull(BsonCodecRegistry.TryGet<Point>());
        Assert.NotNull(BsonCodecRegistry.TryGet<Author>());
    }

    [Fact]
    public void Attributes_change_names_representations_and_keep_extra_elements()
    {
        var id = ObjectId.Parse("0102030405060708090a0b0c");
        var key = Guid.Parse("0f0e0d0c-0b0a-0908-0706-050403020100");
        var value = new Tunable { Id = id.ToString(), Name = "n", Price = 1.25m, Code = 42, Key = key, Hits = 0, Shout = "hey", Kept = "k" };
        var bytes = BsonCodecs.Serialize(value);
        var expected = new BsonDocument
        {
            { "_id", id },
            { "n", "n" },
            { "Price", 1.25 },
            { "Code", "42" },
            { "Key", key.ToString() },
            { "Shout", "HEY" },
            { "Kept", "k" },
            { "Initialized", "from-initializer" },
        };
        Assert.Equal(expected.ToBytes(), bytes);

        // Unknown elements land in the extra-elements document and are written back in its place (it is declared last here).
        var stored = new BsonDocument { { "_id", id }, { "n", "m" }, { "Price", 2.5 }, { "Code", "7" }, { "Key", key.ToString() }, { "Hits", 3 }, { "Shout", "LOUD" }, { "future", new BsonDocument { { "x", 1 } } } };
        var decoded = BsonCodecs.Deserialize<Tunable>(stored.ToBytes());
        Assert.Equal(id.ToString(), decoded.Id);
        Assert.Equal(2.5m, decoded.Price);
        Assert.Equal(7, decoded.Code);
        Assert.Equal(3, decoded.Hits);
        Assert.Equal("loud", decoded.Shout);
        Assert.Equal("initial", decoded.Kept);
        Assert.Equal("from-initializer", decoded.Initialized);
        Assert.Equal(new BsonDocument { { "future", new BsonDocument { { "x", 1 } } } }, decoded.Extra);
        var rewritten = BsonDocument.FromBytes(BsonCodecs.Serialize(decoded));
        Assert.Equal("future", rewritten.Names.Last());
    }

    [Fact]
    public void Polymorphic_documents_are_read_whatever_the_position_of_the_discriminator()
    {
        var document = new BsonDocument { { "Text", "t" }, { "Points", 4 }, { "Answer", false }, { "_t", "tf" } };
        var question = BsonCodecs.Deserialize<Question>(document.ToBytes());
        Assert.Equal(new TrueFalseQuestion { Text = "t", Points = 4, Answer = false }, question);
    }

    [Fact]
    public void Encoding_into_a_pooled_buffer_allocates_nothing()
    {
        var quiz = SampleQuiz();
        using var buffer = new PooledByteBufferWriter(4096);
        var codec = BsonCodecRegistry.Get<Quiz>();
        for (var i = 0; i < 10; i++)
        {
            Encode(codec, buffer, quiz);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Encode(codec, buffer, quiz);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static void Encode(IBsonCodec<Quiz> codec, PooledByteBufferWriter buffer, Quiz quiz)
        {
            buffer.Clear();
            var writer = new BsonSpanWriter(buffer);
            codec.Encode(ref writer, quiz);
        }
    }
}

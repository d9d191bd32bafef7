using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Generators.IntegrationTests.Model;

public enum Difficulty
{
    Easy,
    Medium,
    Hard,
}

public enum Flag : byte
{
    None = 0,
    Starred = 1,
    Archived = 2,
}

/// <summary>The aggregate: a record with required and init members, nested documents, collections and polymorphic questions.</summary>
[MongoDocument(NamingConvention = ElementNamingConvention.CamelCase)]
[MongoCollection("quizzes")]
public partial record Quiz
{
    [BsonId]
    public ObjectId Id { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public Difficulty Difficulty { get; init; }

    [BsonRepresentation(BsonType.String)]
    public Difficulty Level { get; init; }

    public List<Question> Questions { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public Dictionary<string, int> Scores { get; init; } = new();

    public DateTime CreatedAt { get; init; }

    public Author? Author { get; init; }

    public int? MaxAttempts { get; init; }

    [BsonIgnoreIfNull]
    public string? Secret { get; init; }

    [BsonIgnore]
    public int QuestionCount => Questions.Count;
}

/// <summary>Not marked, not partial: reached from <see cref="Quiz"/> and given a standalone codec.</summary>
public sealed record Author(string Name, string? Email = null, int Reputation = 10);

// Also a collection root in the driver tests, where the server adds an _id no member maps: the class map would refuse
// it too without [BsonIgnoreExtraElements], which subclasses inherit here.
[MongoDocument]
[BsonKnownTypes(typeof(MultipleChoiceQuestion), typeof(OpenQuestion), typeof(TrueFalseQuestion))]
[BsonIgnoreExtraElements(Inherited = true)]
public abstract partial record Question
{
    public required string Text { get; init; }

    public int Points { get; init; } = 1;
}

[BsonDiscriminator("mc")]
public sealed partial record MultipleChoiceQuestion : Question
{
    public required string[] Choices { get; init; }

    public int Answer { get; init; }
}

public sealed partial record OpenQuestion : Question
{
    public string? ExpectedAnswer { get; init; }
}

[BsonDiscriminator("tf")]
public sealed partial record TrueFalseQuestion : Question
{
    public bool Answer { get; init; }
}

/// <summary>Every scalar type, nullable and not, with a settable class shape.</summary>
[MongoDocument]
public partial class Scalars
{
    public bool Boolean { get; set; }
    public byte Byte { get; set; }
    public sbyte SByte { get; set; }
    public short Int16 { get; set; }
    public ushort UInt16 { get; set; }
    public int Int32 { get; set; }
    public uint UInt32 { get; set; }
    public long Int64 { get; set; }
    public ulong UInt64 { get; set; }
    public float Single { get; set; }
    public double Double { get; set; }
    public decimal Decimal { get; set; }
    public char Char { get; set; }
    public string String { get; set; } = "";
    public Guid Guid { get; set; }
    public DateTime DateTime { get; set; }
    public DateTimeOffset DateTimeOffset { get; set; }
    public DateOnly DateOnly { get; set; }
    public TimeOnly TimeOnly { get; set; }
    public TimeSpan TimeSpan { get; set; }
    public byte[] Bytes { get; set; } = [];
    public ObjectId ObjectId { get; set; }
    public Decimal128 Decimal128 { get; set; }
    public Flag Flag { get; set; }
    public int? NullableInt32 { get; set; }
    public Guid? NullableGuid { get; set; }
    public DateTime? NullableDateTime { get; set; }
    public Difficulty? NullableEnum { get; set; }
    public string? NullableString { get; set; }
    public BsonDocument? Document { get; set; }
    public BsonValue? Value { get; set; }
    public BsonTimestamp? Timestamp { get; set; }
}

/// <summary>Every supported collection shape, nested collections included.</summary>
[MongoDocument]
public partial class Collections
{
    public int[] Array { get; set; } = [];
    public List<string> List { get; set; } = [];
    public IList<int> IList { get; set; } = [];
    public IReadOnlyList<long> IReadOnlyList { get; set; } = [];
    public ICollection<double> ICollection { get; set; } = [];
    public IEnumerable<bool> IEnumerable { get; set; } = [];
    public HashSet<string> HashSet { get; set; } = [];
    public Dictionary<string, string?> Dictionary { get; set; } = new();
    public IReadOnlyDictionary<string, List<int>> ReadOnlyDictionary { get; set; } = new Dictionary<string, List<int>>();
    public List<int[]> Nested { get; set; } = [];
    public int[][] Jagged { get; set; } = [];
    public List<Author?> Authors { get; set; } = [];
}

/// <summary>A struct and a readonly struct, with a constructor matched by name.</summary>
[MongoDocument]
public partial struct Point
{
    public double X { get; set; }
    public double Y { get; set; }
}

[MongoDocument]
public readonly partial struct Range
{
    public Range(int start, int end)
    {
        Start = start;
        End = end;
    }

    public int Start { get; }
    public int End { get; }
}

/// <summary>A generic document type, closed in another document.</summary>
[MongoDocument]
public partial class Page<T>
{
    public List<T> Items { get; set; } = [];
    public int Total { get; set; }
}

[MongoDocument]
public partial record Catalog(string Name, Page<Author> Authors, Point Origin, Range Span);

/// <summary>Attributes: explicit names, representations, ignore-if-default, extra elements, a custom codec.</summary>
[MongoDocument]
public partial class Tunable
{
    [BsonId]
    [BsonRepresentation(BsonType.ObjectId)]
    public string Id { get; set; } = "";

    [BsonElement("n")]
    public string Name { get; set; } = "";

    [BsonRepresentation(BsonType.Double)]
    public decimal Price { get; set; }

    [BsonRepresentation(BsonType.String)]
    public int Code { get; set; }

    [BsonRepresentation(BsonType.String)]
    public Guid Key { get; set; }

    [BsonIgnoreIfDefault]
    public int Hits { get; set; }

    [BsonSerializer(typeof(UpperCaseCodec))]
    public string Shout { get; set; } = "";

    public string Kept { get; set; } = "initial";

    public string Initialized { get; init; } = "from-initializer";

    [BsonExtraElements]
    public BsonDocument? Extra { get; set; }
}

/// <summary>MongoDB.Bson's default: an unknown element is an error.</summary>
[MongoDocument]
public partial record Strict(int A);

/// <summary>Stores a string upper-cased; reads it lower-cased.</summary>
public sealed class UpperCaseCodec : IBsonCodec<string>
{
    public static readonly UpperCaseCodec Instance = new();

    public void Encode(ref BsonSpanWriter writer, string value) => writer.WriteString(value.ToUpperInvariant());

    public string Decode(ref BsonSpanReader reader) => reader.ReadString().ToLowerInvariant();
}

[MongoDatabase("openquizz")]
public partial class QuizzDb
{
    public partial IMongoCollection<Quiz> Quizzes { get; }

    public partial IMongoCollection<Author> Authors { get; }

    [MongoCollection("catalog_items")]
    public partial IMongoCollection<Catalog> Catalogs { get; }
}

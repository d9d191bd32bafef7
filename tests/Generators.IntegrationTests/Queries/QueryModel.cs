using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace OpenQuizz.Typed.Generators.IntegrationTests.Queries;

/// <summary>The scalar types whose stored form the translator must respect (decimal, DateTimeOffset, Guid, ObjectId, DateTime), in their default and explicit representations, and a member chain three levels deep.</summary>
[MongoDocument]
public partial record Reading
{
    [BsonId]
    public int Id { get; init; }

    public decimal Amount { get; init; }

    [BsonRepresentation(BsonType.Decimal128)]
    public decimal Price { get; init; }

    public DateTimeOffset Seen { get; init; }

    [BsonRepresentation(BsonType.DateTime)]
    public DateTimeOffset SeenAt { get; init; }

    public Guid Key { get; init; }

    [BsonRepresentation(BsonType.String)]
    public Guid Code { get; init; }

    public ObjectId Ref { get; init; }

    public DateTime At { get; init; }

    public DateTime? Until { get; init; }

    public double Ratio { get; init; }

    public long Big { get; init; }

    public int Low { get; init; }

    public int High { get; init; }

    public bool Active { get; init; }

    public int[] Numbers { get; init; } = [];

    public HashSet<string> Labels { get; init; } = [];

    public Origin? Source { get; init; }

    [BsonRepresentation(BsonType.String)]
    public Model.Difficulty? Grade { get; init; }

    public Model.Difficulty? Rank { get; init; }

    public Guid? Owner { get; init; }

    [BsonRepresentation(BsonType.Int64)]
    public TimeSpan Duration { get; init; }

    public TimeSpan Pause { get; init; }

    public DateOnly Day { get; init; }

    public TimeOnly Time { get; init; }
}

public sealed record Origin(string Country, Place Place);

public sealed record Place(string City, int Zip);

using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace OpenQuizz.Typed.Generators.IntegrationTests.Model;

public enum ArticleStatus
{
    Draft,
    Published,
    Archived,
}

/// <summary>The document MongoDB.Driver reads and writes through the generated serializer in the interop tests.</summary>
[MongoDocument(NamingConvention = ElementNamingConvention.CamelCase)]
public partial record Article
{
    [BsonId]
    public ObjectId Id { get; init; }

    public required string Title { get; init; }

    [BsonRepresentation(BsonType.String)]
    public ArticleStatus Status { get; init; }

    public int Views { get; init; }

    public List<string> Tags { get; init; } = [];

    public Guid? Reference { get; init; }

    public Author? Author { get; init; }
}

/// <summary>A generated type whose serializer the user replaces explicitly; ours must not win.</summary>
[MongoDocument]
public partial class Overridden
{
    public int Value { get; set; }
}

/// <summary>A generated type the user maps with an explicit class map; ours must not win.</summary>
[MongoDocument]
public partial class ClassMapped
{
    public int Value { get; set; }
}

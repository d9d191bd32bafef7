using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using OpenQuizz.Typed;
using OpenQuizz.Typed.Bson;

// Every generated codec of this assembly names elements in camelCase: CourseId → courseId.
[assembly: MongoNamingConvention(ElementNamingConvention.CamelCase)]

namespace OpenQuizz.Model;

/// <summary>A course groups quizzes; its slug (unique, indexed) names it in URLs.</summary>
[MongoDocument]
public partial record Course
{
    [BsonId]
    public ObjectId Id { get; init; }

    public required string Slug { get; init; }

    public required string Title { get; init; }

    [BsonIgnoreIfNull]
    public string? Description { get; init; }

    public DateTime CreatedAt { get; init; }
}

using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using OpenQuizz.Typed;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Model;

public enum QuizStatus
{
    Draft,
    Published,
}

/// <summary>A quiz of a course. Questions are embedded: a quiz is read and scored as one document.</summary>
[MongoDocument]
public partial record Quiz
{
    [BsonId]
    public ObjectId Id { get; init; }

    public ObjectId CourseId { get; init; }

    public required string Title { get; init; }

    [BsonRepresentation(BsonType.String)]
    public QuizStatus Status { get; init; }

    public List<Question> Questions { get; init; } = [];

    public DateTime CreatedAt { get; init; }

    public DateTime? PublishedAt { get; init; }

    [BsonIgnore]
    public int MaxScore => Questions.Sum(question => question.Points);
}

/// <summary>A multiple-choice question; reached from <see cref="Quiz"/>, so it gets a codec without being marked.</summary>
public sealed record Question
{
    public required string Text { get; init; }

    public required List<Answer> Answers { get; init; }

    public int Points { get; init; } = 1;
}

public sealed record Answer(string Text, bool IsCorrect = false);

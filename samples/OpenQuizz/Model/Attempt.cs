using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using OpenQuizz.Typed;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Model;

/// <summary>One submission of a quiz: the chosen answer per question and the score computed on the server.</summary>
[MongoDocument]
public partial record Attempt
{
    [BsonId]
    public ObjectId Id { get; init; }

    public ObjectId QuizId { get; init; }

    public required string UserName { get; init; }

    public List<int> Choices { get; init; } = [];

    public int Score { get; init; }

    public int MaxScore { get; init; }

    public DateTime SubmittedAt { get; init; }
}

/// <summary>A user's best attempt at a quiz: one result document of the best-scores aggregation (<c>_id</c> is the user).</summary>
[MongoDocument]
public partial record BestScore
{
    [BsonId]
    public required string UserName { get; init; }

    public int Score { get; init; }

    public int MaxScore { get; init; }

    public DateTime SubmittedAt { get; init; }

    public int Attempts { get; init; }
}

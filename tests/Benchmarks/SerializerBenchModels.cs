using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace OpenQuizz.Typed.Benchmarks;

// The generated models and their class-map twins: the same members in the same order, so both write the same bytes.

public enum PostStatus
{
    Draft,
    Published,
    Archived,
}

[MongoDocument]
public sealed partial class FlatPost
{
    [BsonId] public ObjectId Id { get; set; }
    public string Title { get; set; } = "";
    public string Author { get; set; } = "";
    public string Body { get; set; } = "";
    [BsonRepresentation(BsonType.String)] public PostStatus Status { get; set; }
    public int Views { get; set; }
    public int Likes { get; set; }
    public long Score { get; set; }
    public double Rating { get; set; }
    public bool Pinned { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<string> Tags { get; set; } = [];
}

public sealed class FlatPostTwin
{
    [BsonId] public ObjectId Id { get; set; }
    public string Title { get; set; } = "";
    public string Author { get; set; } = "";
    public string Body { get; set; } = "";
    [BsonRepresentation(BsonType.String)] public PostStatus Status { get; set; }
    public int Views { get; set; }
    public int Likes { get; set; }
    public long Score { get; set; }
    public double Rating { get; set; }
    public bool Pinned { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<string> Tags { get; set; } = [];
}

[MongoDocument]
public sealed partial class PostThread
{
    [BsonId] public ObjectId Id { get; set; }
    public string Title { get; set; } = "";
    public FlatPost Post { get; set; } = new();
    public List<PostComment> Comments { get; set; } = [];
}

[MongoDocument]
public sealed partial class PostComment
{
    public string Author { get; set; } = "";
    public string Text { get; set; } = "";
    public int Votes { get; set; }
    public DateTime At { get; set; }
}

public sealed class PostThreadTwin
{
    [BsonId] public ObjectId Id { get; set; }
    public string Title { get; set; } = "";
    public FlatPostTwin Post { get; set; } = new();
    public List<PostCommentTwin> Comments { get; set; } = [];
}

public sealed class PostCommentTwin
{
    public string Author { get; set; } = "";
    public string Text { get; set; } = "";
    public int Votes { get; set; }
    public DateTime At { get; set; }
}

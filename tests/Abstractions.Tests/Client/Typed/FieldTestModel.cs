using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Bson.Codecs;

namespace OpenQuizz.Typed.Tests.Client.Typed;

public enum DocStatus
{
    Draft,
    Published,
}

public sealed record Author(string Name);

public sealed record Question(string Text, int Points, List<string> Choices);

/// <summary>The document type of the typed builder tests; only its descriptors below matter.</summary>
public sealed record Doc(
    int N,
    string Title,
    string? Subtitle,
    DocStatus Status,
    int? Rating,
    long Flags,
    Guid Key,
    Author Author,
    List<string> Tags,
    List<int> Scores,
    List<Question> Questions,
    Dictionary<string, int> Extra);

/// <summary>Field descriptors written as the generator writes them: a path and the member's encoder (and decoder).</summary>
public static class DocFields
{
    public static readonly Field<Doc, int> N = new("n", v => new BsonInt32(v), static (ref BsonSpanReader r) => r.ReadInt32());

    public static readonly Field<Doc, string> Title = new("title", v => new BsonString(v));

    public static readonly Field<Doc, string?> Subtitle = new("subtitle", v => new BsonString(v));

    /// <summary>An enum stored as its name, as <c>[BsonRepresentation(BsonType.String)]</c> makes it.</summary>
    public static readonly Field<Doc, DocStatus> Status = new(
        "status",
        v => new BsonString(v.ToString()),
        static (ref BsonSpanReader r) => Enum.Parse<DocStatus>(r.ReadString()));

    public static readonly Field<Doc, int?> Rating = new("rating", v => new BsonInt32(v!.Value));

    public static readonly Field<Doc, long> Flags = new("flags", v => new BsonInt64(v));

    /// <summary>A Guid in the standard representation, encoded through a span writer as a generated codec does.</summary>
    public static readonly Field<Doc, Guid> Key = new(
        "key",
        v => GeneratedCodecHelpers.ToBsonValue(v, WriteStandardGuid),
        static (ref BsonSpanReader r) => GeneratedCodecHelpers.ReadGuid(ref r, GuidRepresentation.Standard, "Doc"));

    public static readonly Field<Doc, Author> Author = new("author", a => new BsonDocument("name", a.Name));

    public static readonly ArrayField<Doc, List<string>, string> Tags = new("tags", v => new BsonArray(v), t => new BsonString(t));

    public static readonly ArrayField<Doc, List<int>, int> Scores = new("scores", v => new BsonArray(v), s => new BsonInt32(s));

    public static readonly ArrayField<Doc, List<Question>, Question> Questions = new("questions", v => EncodeQuestions(v), EncodeQuestion);

    public static readonly DictionaryField<Doc, Dictionary<string, int>, int> Extra = new("extra", EncodeExtra, i => new BsonInt32(i));

    public static void WriteStandardGuid(ref BsonSpanWriter writer, Guid value) => GeneratedCodecHelpers.WriteGuid(ref writer, value, GuidRepresentation.Standard);

    public static BsonDocument EncodeQuestion(Question q) => new() { { "text", q.Text }, { "points", q.Points }, { "choices", new BsonArray(q.Choices) } };

    private static BsonDocument EncodeExtra(Dictionary<string, int> extra)
    {
        var document = new BsonDocument();
        foreach (var (key, value) in extra)
        {
            document.Add(key, value);
        }

        return document;
    }

    private static BsonArray EncodeQuestions(List<Question> questions)
    {
        var array = new BsonArray();
        foreach (var q in questions)
        {
            array.Add(EncodeQuestion(q));
        }

        return array;
    }
}

public static class QuestionFields
{
    public static readonly Field<Question, string> Text = new("text", v => new BsonString(v));

    public static readonly Field<Question, int> Points = new("points", v => new BsonInt32(v));

    public static readonly ArrayField<Question, List<string>, string> Choices = new("choices", v => new BsonArray(v), c => new BsonString(c));
}

public static class AuthorFields
{
    public static readonly Field<Author, string> Name = new("name", v => new BsonString(v));
}

using MongoDB.Bson;

namespace OpenQuizz.Typed.Generators.Tests;

/// <summary>Representative inputs shared by the snapshot, compile and incrementality tests.</summary>
internal static class Sources
{
    public const string Quiz = """
        using System;
        using System.Collections.Generic;
        using MongoDB.Bson;
        using MongoDB.Bson.Serialization.Attributes;
        using OpenQuizz.Typed;
        using OpenQuizz.Typed.Bson;

        namespace App;

        public enum QuizStatus { Draft, Published }

        [MongoDocument(NamingConvention = ElementNamingConvention.CamelCase)]
        public partial record Quiz
        {
            [BsonId] public ObjectId Id { get; init; }
            public required string Title { get; init; }
            public QuizStatus Status { get; init; }
            public List<Question> Questions { get; init; } = [];
            public Dictionary<string, int[]> Scores { get; set; } = new();
            public DateTime CreatedAt { get; init; }
            public Guid? Owner { get; init; }
            public string? Notes { get; init; }
            public IReadOnlyList<string?>? Tags { get; init; }
        }

        public record Question(string Text, int Points = 1);
        """;

    public const string Polymorphic = """
        using MongoDB.Bson;
        using MongoDB.Bson.Serialization.Attributes;
        using OpenQuizz.Typed;

        namespace App;

        [MongoDocument(DiscriminatorElement = "kind")]
        [BsonKnownTypes(typeof(Circle), typeof(Square))]
        public abstract partial class Shape
        {
            public string? Label { get; set; }
        }

        [BsonDiscriminator("circle")]
        public sealed partial class Circle : Shape
        {
            public double Radius { get; set; }
        }

        public sealed partial class Square : Shape
        {
            public double Side { get; set; }
        }
        """;

    public const string StructsAndGenerics = """
        using System.Collections.Generic;
        using MongoDB.Bson;
        using MongoDB.Bson.Serialization.Attributes;
        using OpenQuizz.Typed;

        namespace App.Geometry;

        [MongoDocument]
        public readonly partial struct Range
        {
            public Range(int start, int end) { Start = start; End = end; }
            public int Start { get; }
            public int End { get; }
        }

        [MongoDocument]
        public partial class Page<T>
        {
            public List<T> Items { get; set; } = [];
            public int Total { get; set; }
        }

        [MongoDocument]
        public partial record Report(Page<Range> Ranges);
        """;

    public const string Attributes = """
        using MongoDB.Bson;
        using MongoDB.Bson.Serialization.Attributes;
        using OpenQuizz.Typed;
        using OpenQuizz.Typed.Bson;

        namespace App;

        public enum Color { Red, Green }

        [MongoDocument]
        public partial class Tunable
        {
            [BsonId, BsonRepresentation(BsonType.ObjectId)] public string Id { get; set; } = "";
            [BsonElement("n", Order = 1)] public string Name { get; set; } = "";
            [BsonDefaultValue(3), BsonIgnoreIfDefault] public int Retries { get; set; } = 3;
            [BsonRequired] public int Version { get; set; }
            [BsonRepresentation(BsonType.Double)] public decimal Price { get; set; }
            [BsonRepresentation(BsonType.String)] public Color Color { get; set; }
            [BsonIgnoreIfDefault] public int Hits { get; set; }
            [BsonIgnoreIfNull] public string? Note { get; set; }
            public string Initialized { get; init; } = "x";
            [BsonExtraElements] public BsonDocument? Extra { get; set; }
        }
        """;

    public const string Database = """
        using MongoDB.Bson;
        using MongoDB.Bson.Serialization.Attributes;
        using OpenQuizz.Typed;

        namespace App.Data;

        [MongoDocument]
        [MongoCollection("people")]
        public partial record Person(string Name);

        public record Note(string Text);

        [MongoDatabase("openquizz")]
        public partial class AppDb
        {
            public partial IMongoCollection<Person> People { get; }
            public partial IMongoCollection<Note> Notes { get; }
            [MongoCollection("archive")] internal partial IMongoCollection<Note> Archived { get; }
        }
        """;

    /// <summary>A document model and a class of queries over it, one per row kind of the translation table.</summary>
    public const string QueryModel = """
        using System;
        using System.Collections.Generic;
        using MongoDB.Bson;
        using MongoDB.Bson.Serialization.Attributes;
        using OpenQuizz.Typed;

        namespace App;

        public enum Level { Easy, Medium, Hard }

        [MongoDocument(NamingConvention = ElementNamingConvention.CamelCase)]
        public partial record Quiz
        {
            [BsonId] public ObjectId Id { get; init; }
            [BsonElement("t")] public required string Title { get; init; }
            [BsonRepresentation(BsonType.String)] public Level Level { get; init; }
            public Level Difficulty { get; init; }
            public List<Question> Questions { get; init; } = [];
            public List<string> Tags { get; init; } = [];
            public Dictionary<string, int> Scores { get; init; } = new();
            public int? MaxAttempts { get; init; }
            public DateTime CreatedAt { get; init; }
            [BsonRepresentation(BsonType.String)] public Guid Key { get; init; }
            public Author? Author { get; init; }
            [BsonIgnore] public string? Secret { get; init; }
            public int QuestionCount => Questions.Count;
        }

        public sealed record Author(string Name, int Reputation);

        [MongoDocument]
        [BsonKnownTypes(typeof(Choice), typeof(Open))]
        public abstract partial record Question
        {
            public required string Text { get; init; }
            public int Points { get; init; }
        }

        [BsonDiscriminator("mc")]
        public sealed partial record Choice : Question
        {
            public string[] Choices { get; init; } = [];
        }

        public sealed partial record Open : Question;
        """;

    public const string Queries = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using MongoDB.Bson;
        using OpenQuizz.Typed;

        namespace App;

        public static class Queries
        {
            public static Filter<Quiz> Constants() => Filter<Quiz>.Where(q => q.Level == Level.Hard && q.Difficulty != Level.Easy && q.Questions.Count > 3 && q.Title.StartsWith("(a.b)*"));

            public static Filter<Quiz> Captured(int minimum, List<string> tags, Guid key) => Filter<Quiz>.Where(q => q.MaxAttempts >= minimum && tags.Contains(q.Title) && q.Key == key);

            public static Filter<Quiz> Logic() => Filter<Quiz>.Where(q => !(q.MaxAttempts > 2 || q.Author == null) && q.Author!.Reputation % 2 == 0);

            public static Filter<Quiz> Arrays() => Filter<Quiz>.Where(q => q.Questions.Any(x => x is Choice && x.Points > 1) && q.Tags.All(t => t != "x") && q.Tags.Any(t => t.EndsWith("y")));

            public static Filter<Quiz> Fields() => Filter<Quiz>.Where(q => q.Questions.Count < q.Tags.Count && q.Scores["math"] > 3 && q.Scores.ContainsKey("art"));

            public static Filter<Quiz> Patterns() => Filter<Quiz>.Where(q => q.MaxAttempts is > 3 and < 10 && q.Author is { Name: "a" } && q.Title.Length > 5);

            public static Filter<Question> Types() => Filter<Question>.Where(x => x is Choice c && c.Choices.Length == 3 || x is Open);

            public static IFindFluent<Quiz, Quiz> Find(IMongoCollection<Quiz> quizzes, DateTime cutoff) => quizzes.Find(q => q.CreatedAt < cutoff);

            public static System.Threading.Tasks.Task<long> Count(IMongoCollection<Quiz> quizzes) => quizzes.CountDocumentsAsync(q => q.Tags.Contains("beta"));

            public static IReadOnlyList<string> Distinct(IMongoCollection<Quiz> quizzes) => quizzes.DistinctItems(q => q.Tags, q => q.Level == Level.Easy);

            public static Pipeline Match() => Pipeline.Empty.Match<Quiz>(q => q.Author != null && q.Author.Name == "x");

            private static readonly string[] s_words = ["w", "v"];

            private static int Minimum { get; set; } = 2;

            public static Filter<Quiz> Statics() => Filter<Quiz>.Where(q => s_words.Contains(q.Title) && q.MaxAttempts > Minimum);
        }
        """;
}

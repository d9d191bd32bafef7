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
}

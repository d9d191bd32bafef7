using MongoDB.Bson;
using OpenQuizz.Typed.Embedded;
using OpenQuizz.Typed.Generators.IntegrationTests.Model;

namespace OpenQuizz.Typed.Generators.IntegrationTests.Queries;

/// <summary>
/// One embedded server (or the real MongoDB of OPENQUIZZ_MONGODB_URI) with a fixed set of generated quizzes, shared
/// by the typed-query tests; each test compares what the server returns with what LINQ to objects returns.
/// </summary>
public sealed class QueryFixture : IAsyncLifetime
{
    private EmbeddedMongoServer? _server;

    public MongoClient Client { get; private set; } = null!;

    public IMongoCollection<Quiz> Quizzes { get; private set; } = null!;

    public IMongoCollection<Question> Questions { get; private set; } = null!;

    public IMongoCollection<Reading> Readings { get; private set; } = null!;

    public IMongoDatabase Database { get; private set; } = null!;

    public List<Quiz> Documents { get; } = Generate();

    /// <summary>Every question of every quiz, as the documents of a collection of the abstract type.</summary>
    public List<Question> AllQuestions => [.. Documents.SelectMany(q => q.Questions)];

    public List<Reading> ReadingDocuments { get; } = GenerateReadings();

    public async ValueTask InitializeAsync()
    {
        var uri = Environment.GetEnvironmentVariable("OPENQUIZZ_MONGODB_URI");
        if (string.IsNullOrEmpty(uri))
        {
            _server = await EmbeddedMongoServer.StartAsync();
            uri = _server.ConnectionString;
        }

        Client = new MongoClient(uri);
        var database = Client.GetDatabase("typed_queries_" + Guid.NewGuid().ToString("N")[..8]);
        Database = database;
        Quizzes = database.GetCollection<Quiz>("quizzes");
        await Quizzes.InsertManyAsync(Documents);
        Questions = database.GetCollection<Question>("questions");
        await Questions.InsertManyAsync(AllQuestions);
        Readings = database.GetCollection<Reading>("readings");
        await Readings.InsertManyAsync(ReadingDocuments);
    }

    public async ValueTask DisposeAsync()
    {
        if (Quizzes is not null)
        {
            await Client.DropDatabaseAsync(Quizzes.Database.Name);
        }

        Client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Quizzes that vary every member the tests query, with a fixed seed.</summary>
    private static List<Quiz> Generate()
    {
        var random = new Random(1234);
        var words = new[] { "alpha", "beta", "gamma", "delta", "Epsilon", "zeta.eta", "(theta)", "iota*", "kappa" };
        var quizzes = new List<Quiz>();
        for (var i = 0; i < 60; i++)
        {
            var questions = new List<Question>();
            for (var j = 0; j < i % 5; j++)
            {
                questions.Add(((i + j) % 3) switch
                {
                    0 => (Question)new MultipleChoiceQuestion { Text = words[(i + j) % words.Length], Points = j + 1, Choices = ["a", "b", words[j]], Answer = j % 3 },
                    1 => new OpenQuestion { Text = words[(i * j) % words.Length], Points = 2 * j, ExpectedAnswer = j % 2 == 0 ? null : "yes" },
                    _ => new TrueFalseQuestion { Text = "t" + j, Points = 5, Answer = j % 2 == 0 },
                });
            }

            quizzes.Add(new Quiz
            {
                Id = ObjectId.GenerateNewId(),
                Title = words[i % words.Length] + " " + i,
                Description = i % 4 == 0 ? null : "about " + words[(i * 7) % words.Length],
                Difficulty = (Difficulty)(i % 3),
                Level = (Difficulty)((i / 3) % 3),
                Questions = questions,
                Tags = [.. words.Where((_, k) => (i + k) % 4 == 0)],
                Scores = i % 3 == 0 ? new Dictionary<string, int> { ["math"] = i, ["art"] = 60 - i } : new Dictionary<string, int> { ["math"] = i % 7 },
                CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i * 13),
                Author = i % 5 == 0 ? null : new Author("author" + (i % 4), i % 2 == 0 ? null : "a@x", random.Next(0, 100)),
                MaxAttempts = i % 3 == 1 ? null : i % 10,
            });
        }

        return quizzes;
    }

    /// <summary>Readings with values on both sides of the thresholds the tests use, negative and fractional ones included.</summary>
    private static List<Reading> GenerateReadings()
    {
        var random = new Random(4321);
        var cities = new[] { "Paris", "Lyon", "Oslo", "Rome" };
        var readings = new List<Reading>();
        var start = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 40; i++)
        {
            readings.Add(new Reading
            {
                Id = i,
                Amount = (i - 20) * 1.25m + (i % 3 == 0 ? 0.001m : 0m),
                Price = (i % 13) * 10.5m - 30m,
                Seen = start.AddHours(i * 7).ToOffset(TimeSpan.FromHours(i % 5 - 2)),
                SeenAt = start.AddDays(i).ToOffset(TimeSpan.FromHours(i % 3)),
                Key = new Guid(i, 0, 0, [0, 0, 0, 0, 0, 0, 0, (byte)i]),
                Code = new Guid(i * 3, 1, 2, [9, 9, 9, 9, 9, 9, 9, (byte)i]),
                Ref = ObjectId.Parse((0x65000000 + i * 1000).ToString("x8") + "1234560000" + i.ToString("x6")),
                At = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i * 40),
                Until = i % 4 == 0 ? null : new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-i),
                Ratio = random.NextDouble() * 2 - 1,
                Big = (long)i * 1_000_000_000L - 5_000_000_000L,
                Low = random.Next(-10, 10),
                High = random.Next(-10, 10),
                Active = i % 3 != 1,
                Numbers = [.. Enumerable.Range(0, i % 6).Select(k => (k * i) % 11)],
                Labels = [.. cities.Where((_, k) => (i >> k) % 2 == 1)],
                Source = i % 6 == 5 ? null : new Origin(i % 2 == 0 ? "FR" : "NO", new Place(cities[i % 4], 1000 + i)),
                Grade = i % 4 == 3 ? null : (Difficulty)(i % 3),
                Rank = i % 5 == 1 ? null : (Difficulty)(i % 3),
                Owner = i % 3 == 0 ? null : new Guid(i % 4, 7, 7, [1, 2, 3, 4, 5, 6, 7, 8]),
                Duration = TimeSpan.FromMinutes((i - 10) * 97),
                Pause = TimeSpan.FromSeconds(i % 7 * 30),
                Day = new DateOnly(2024, 2, 28).AddDays(i * 3),
                Time = new TimeOnly(i % 24, i % 60),
            });
        }

        return readings;
    }
}

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

    public List<Quiz> Documents { get; } = Generate();

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
        Quizzes = database.GetCollection<Quiz>("quizzes");
        await Quizzes.InsertManyAsync(Documents);
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
}

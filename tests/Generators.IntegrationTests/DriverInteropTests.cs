using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using OpenQuizz.Typed.Embedded;
using OpenQuizz.Typed.Generators.IntegrationTests.Model;

namespace OpenQuizz.Typed.Generators.IntegrationTests;

// Inside the namespace, so that MongoDB.Driver's IMongoCollection wins over OpenQuizz.Typed's.
using MongoDB.Driver;
using MongoDB.Driver.Linq;

/// <summary>
/// MongoDB.Driver 3.14, against the embedded server, reads and writes generated types through the generated
/// serializers: inserts, LINQ, Find by expression, builders and polymorphic reads, with no class map built.
/// </summary>
public sealed class DriverInteropTests : IAsyncLifetime
{
    private EmbeddedMongoServer? _server;
    private MongoClient _client = null!;
    private IMongoDatabase _database = null!;

    // A fresh embedded server per test, or the MongoDB named by OPENQUIZZ_MONGODB_URI (then a database of its own).
    public async ValueTask InitializeAsync()
    {
        var uri = Environment.GetEnvironmentVariable("OPENQUIZZ_MONGODB_URI");
        if (string.IsNullOrEmpty(uri))
        {
            _server = await EmbeddedMongoServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
            uri = _server.ConnectionString;
        }

        var settings = MongoClientSettings.FromConnectionString(uri);
        settings.ServerSelectionTimeout = TimeSpan.FromSeconds(10);
        _client = new MongoClient(settings);
        _database = _client.GetDatabase("interop_" + Guid.NewGuid().ToString("N")[..12]);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _client.DropDatabaseAsync(_database.DatabaseNamespace.DatabaseName);
        }
        finally
        {
            _client.Dispose();
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IMongoCollection<Article>> SeedArticlesAsync()
    {
        var articles = _database.GetCollection<Article>("articles");
        await articles.InsertManyAsync(
        [
            new Article { Title = "b-draft", Status = ArticleStatus.Draft, Views = 1, Tags = ["db"] },
            new Article { Title = "a-published", Status = ArticleStatus.Published, Views = 50, Tags = ["db", "linq"], Author = new Author("Ada") },
            new Article { Title = "c-published", Status = ArticleStatus.Published, Views = 5, Reference = Guid.NewGuid() },
            new Article { Title = "d-archived", Status = ArticleStatus.Archived, Views = 500 },
        ], cancellationToken: Ct);
        return articles;
    }

    [Fact]
    public async Task InsertOne_fills_in_the_id_through_the_generated_id_provider_and_the_stored_bytes_are_the_codec_bytes()
    {
        var articles = _database.GetCollection<Article>("articles");
        var article = new Article { Title = "t", Status = ArticleStatus.Published, Tags = ["x"], Author = new Author("Ada", "ada@example.org") };

        await articles.InsertOneAsync(article, cancellationToken: Ct);

        Assert.NotEqual(ObjectId.Empty, article.Id);
        var raw = await _database.GetCollection<BsonDocument>("articles").Find(FilterDefinition<BsonDocument>.Empty).SingleAsync(Ct);
        Assert.Equal(BsonSerializer.Deserialize<BsonDocument>(Bson.BsonCodecs.Serialize(article)), raw);
        Assert.Equal("Published", raw["status"].AsString);

        var back = await articles.Find(a => a.Id == article.Id).SingleAsync(Ct);
        Assert.Equal(article.Title, back.Title);
        Assert.Equal(article.Author, back.Author);
        Assert.Equal(article.Tags, back.Tags);
    }

    [Fact]
    public async Task LINQ_filters_on_the_representation_the_codec_stores()
    {
        var articles = await SeedArticlesAsync();

        var query = articles.AsQueryable().Where(a => a.Status == ArticleStatus.Published).OrderBy(a => a.Title);
        Assert.Contains("{ \"status\" : \"Published\" }", query.ToString());
        Assert.Equal(["a-published", "c-published"], (await query.ToListAsync(Ct)).Select(a => a.Title));

        var titles = await articles.AsQueryable().Where(a => a.Tags.Contains("linq")).Select(a => a.Title).ToListAsync(Ct);
        Assert.Equal(["a-published"], titles);

        var authors = await articles.AsQueryable().Where(a => a.Author != null && a.Author.Name == "Ada").CountAsync(Ct);
        Assert.Equal(1, authors);
    }

    [Fact]
    public async Task Find_by_expression_and_builders_use_the_member_names_and_serializers()
    {
        var articles = await SeedArticlesAsync();

        var popular = await articles.Find(a => a.Views > 10 && a.Status != ArticleStatus.Draft).SortByDescending(a => a.Views).ToListAsync(Ct);
        Assert.Equal(["d-archived", "a-published"], popular.Select(a => a.Title));

        var filter = Builders<Article>.Filter.Eq(a => a.Status, ArticleStatus.Published) & Builders<Article>.Filter.AnyEq(a => a.Tags, "db");
        var rendered = filter.Render(new RenderArgs<Article>(BsonSerializer.LookupSerializer<Article>(), BsonSerializer.SerializerRegistry));
        Assert.Equal(new BsonDocument { { "status", "Published" }, { "tags", "db" } }, rendered);

        var update = Builders<Article>.Update.Set(a => a.Status, ArticleStatus.Archived).Inc(a => a.Views, 1);
        var result = await articles.UpdateManyAsync(filter, update, cancellationToken: Ct);
        Assert.Equal(1, result.ModifiedCount);

        var sorted = await articles.Find(Builders<Article>.Filter.Eq(a => a.Status, ArticleStatus.Archived))
            .Sort(Builders<Article>.Sort.Ascending(a => a.Views)).ToListAsync(Ct);
        Assert.Equal([("a-published", 51), ("d-archived", 500)], sorted.Select(a => (a.Title, a.Views)));
    }

    [Fact]
    public async Task Polymorphic_documents_come_back_as_their_types_and_OfType_filters_on_the_codec_discriminator()
    {
        var questions = _database.GetCollection<Question>("questions");
        await questions.InsertManyAsync(
        [
            new MultipleChoiceQuestion { Text = "mc", Choices = ["a", "b"], Answer = 1 },
            new OpenQuestion { Text = "open", ExpectedAnswer = "x" },
            new TrueFalseQuestion { Text = "tf", Answer = true },
        ], cancellationToken: Ct);

        var all = await questions.Find(FilterDefinition<Question>.Empty).ToListAsync(Ct);
        Assert.Equal([typeof(MultipleChoiceQuestion), typeof(OpenQuestion), typeof(TrueFalseQuestion)], all.Select(q => q.GetType()));
        Assert.Equal(["a", "b"], Assert.IsType<MultipleChoiceQuestion>(all[0]).Choices);

        var trueFalse = await questions.AsQueryable().OfType<TrueFalseQuestion>().ToListAsync(Ct);
        Assert.True(Assert.Single(trueFalse).Answer);

        var points = await questions.Find(q => q.Points == 1 && q.Text != "open").ToListAsync(Ct);
        Assert.Equal(2, points.Count);
    }

    [Fact]
    public async Task No_class_map_is_built_for_the_generated_types()
    {
        await SeedArticlesAsync();
        _ = await _database.GetCollection<Article>("articles").AsQueryable().Where(a => a.Views > 0).ToListAsync(Ct);
        _ = new Article { Title = "x" }.ToBsonDocument();

        foreach (var type in new[] { typeof(Article), typeof(Author), typeof(Question), typeof(TrueFalseQuestion) })
        {
            Assert.False(BsonClassMap.IsClassMapRegistered(type), type.Name);
        }

        Assert.IsType<Article.OpenQuizzBsonSerializer>(BsonSerializer.LookupSerializer<Article>());
        Assert.IsType<Article.OpenQuizzBsonSerializer>(_database.GetCollection<Article>("articles").DocumentSerializer);
    }
}

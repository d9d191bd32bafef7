using MongoDB.Bson;
using OpenQuizz.Typed.Generators.IntegrationTests.Model;

namespace OpenQuizz.Typed.Generators.IntegrationTests.Queries;

/// <summary>A projection target: its codec decodes what the server computes for <c>Project(q =&gt; new QuizCard(…))</c>.</summary>
[MongoDocument]
public sealed partial record QuizCard(ObjectId Id, string Title, int QuestionCount, string? AuthorName);

/// <summary>Updates, sorts, index keys and projections with members chosen by lambdas, translated at build time.</summary>
public sealed class TypedBuilderTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    [Fact]
    public async Task Project_builds_the_result_type_on_the_server()
    {
        var cards = await fixture.Quizzes.Find(q => q.Difficulty == Difficulty.Hard)
            .Project(q => new QuizCard(q.Id, q.Title, q.Questions.Count, q.Author!.Name))
            .ToListAsync();
        var expected = fixture.Documents.Where(q => q.Difficulty == Difficulty.Hard)
            .Select(q => new QuizCard(q.Id, q.Title, q.Questions.Count, q.Author?.Name)).OrderBy(c => c.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, cards.OrderBy(c => c.Id).ToList());
    }

    [Fact]
    public void Update_operators_use_element_names_and_member_encodings()
    {
        var update = Update<Quiz>.Set(q => q.Title, "New")
            .Set(q => q.Level, Difficulty.Hard)
            .Inc(q => q.MaxAttempts, 2)
            .Push(q => q.Tags, "x")
            .Unset(q => q.Description)
            .Set(q => q.Author!.Name, "Ada") // Author has no naming convention: its element is "Name"
            .CurrentDate(q => q.CreatedAt);

        var rendered = update.Render().AsBsonDocument;
        Assert.Equal(new BsonDocument { { "title", "New" }, { "level", "Hard" }, { "author.Name", "Ada" } }, rendered["$set"].AsBsonDocument);
        Assert.Equal(new BsonDocument("maxAttempts", 2), rendered["$inc"].AsBsonDocument);
        Assert.Equal(new BsonDocument("tags", "x"), rendered["$push"].AsBsonDocument);
        Assert.Equal(new BsonDocument("description", ""), rendered["$unset"].AsBsonDocument);
        Assert.Equal(new BsonDocument("createdAt", true), rendered["$currentDate"].AsBsonDocument);
    }

    [Fact]
    public void Pull_with_a_predicate_renders_a_condition_on_the_items()
    {
        var minimum = 3;
        var update = Update<Quiz>.Pull(q => q.Questions, x => x.Points < minimum).PullAll(q => q.Tags, new[] { "a", "b" });
        var rendered = update.Render().AsBsonDocument;
        Assert.Equal(BsonDocument.Parse("{ questions: { Points: { $lt: 3 } } }"), rendered["$pull"].AsBsonDocument);
        Assert.Equal(BsonDocument.Parse("{ tags: ['a', 'b'] }"), rendered["$pullAll"].AsBsonDocument);
    }

    [Fact]
    public void Sorts_index_keys_and_projections_name_the_stored_elements()
    {
        Assert.Equal(BsonDocument.Parse("{ createdAt: -1, title: 1 }"), Sort<Quiz>.Descending(q => q.CreatedAt).Ascending(q => q.Title).Render());
        Assert.Equal(BsonDocument.Parse("{ 'author.Name': 1, _id: -1 }"), IndexKeys<Quiz>.Ascending(q => q.Author!.Name).Descending(q => q.Id).Render());
        Assert.Equal(BsonDocument.Parse("{ title: 1, tags: { $slice: 2 } }"), Projection<Quiz>.Include(q => q.Title).Slice(q => q.Tags, 2).Render());
    }

    [Fact]
    public void Positional_forms_and_array_filters_render_their_paths()
    {
        var update = Update<Quiz>.Inc(q => q.Questions.FirstMatching().Points, 1)
            .Set(q => q.Questions.AllElements().Text, "t")
            .Mul(q => q.Questions.Filtered("hard").Points, 2);
        var rendered = update.Render().AsBsonDocument;
        Assert.Equal(BsonDocument.Parse("{ 'questions.$.Points': 1 }"), rendered["$inc"].AsBsonDocument);
        Assert.Equal(BsonDocument.Parse("{ 'questions.$[].Text': 't' }"), rendered["$set"].AsBsonDocument);
        Assert.Equal(BsonDocument.Parse("{ 'questions.$[hard].Points': 2 }"), rendered["$mul"].AsBsonDocument);

        var threshold = 5;
        Assert.Equal(BsonDocument.Parse("{ 'hard.Points': { $gte: 5 } }"), ArrayFilter.For<Question>("hard", x => x.Points >= threshold));
        Assert.Equal(BsonDocument.Parse("{ 'big': { $gt: 3 } }"), ArrayFilter.For<int>("big", x => x > 3));
    }
}

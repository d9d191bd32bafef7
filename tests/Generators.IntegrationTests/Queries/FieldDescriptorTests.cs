using MongoDB.Bson;
using OpenQuizz.Typed.Generators.IntegrationTests.Model;

namespace OpenQuizz.Typed.Generators.IntegrationTests.Queries;

/// <summary>The generated field descriptors build the same filters as the lambdas, for filters composed at run time.</summary>
public sealed class FieldDescriptorTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    [Fact]
    public void Descriptors_carry_element_paths_and_member_encodings()
    {
        Assert.Equal("level", QuizFields.Level.Path);
        Assert.Equal(new BsonString("Hard"), QuizFields.Level.Encode(Difficulty.Hard));
        Assert.Equal(new BsonInt32(2), QuizFields.Difficulty.Encode(Difficulty.Hard));
        Assert.Equal("_id", QuizFields.Id.Path);
        Assert.Equal("author.Name", QuizFields.Author.Then(AuthorFields.Name).Path);
        Assert.Equal("questions.Points", QuizFields.Questions.ThenItem(QuestionFields.Points).Path);
        Assert.Equal(new BsonString("x"), QuizFields.Tags.EncodeItem("x"));
        Assert.Equal(BsonNull.Value, QuizFields.Description.Encode(null));
    }

    [Fact]
    public void A_descriptor_filter_renders_what_the_lambda_renders()
    {
        var level = Difficulty.Medium;
        Assert.Equal(Filter<Quiz>.Where(q => q.Level == level).Render(), Filter<Quiz>.Eq(QuizFields.Level, level).Render());
        Assert.Equal(Filter<Quiz>.Where(q => q.Tags.Contains("beta")).Render(), Filter<Quiz>.AnyEq(QuizFields.Tags, "beta").Render());
    }

    [Fact]
    public async Task A_search_form_composes_descriptors_and_translated_filters()
    {
        // What a search form would do: each criterion is optional.
        Difficulty? level = Difficulty.Hard;
        string? tag = "gamma";
        string? text = null;

        var filter = Filter<Quiz>.Empty;
        if (level is { } l)
        {
            filter &= Filter<Quiz>.Eq(QuizFields.Level, l);
        }

        if (tag is not null)
        {
            filter &= Filter<Quiz>.Where(q => q.Tags.Contains(tag));
        }

        if (text is not null)
        {
            filter &= Filter<Quiz>.Where(q => q.Title.Contains(text));
        }

        var found = (await fixture.Quizzes.Find(filter).ToListAsync()).Select(q => q.Id).Order().ToList();
        var expected = fixture.Documents.Where(q => q.Level == Difficulty.Hard && q.Tags.Contains("gamma")).Select(q => q.Id).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, found);
    }
}

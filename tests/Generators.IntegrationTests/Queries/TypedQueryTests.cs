using MongoDB.Bson;
using OpenQuizz.Typed.Generators.IntegrationTests.Model;

namespace OpenQuizz.Typed.Generators.IntegrationTests.Queries;

public sealed class TypedQueryTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private IMongoCollection<Quiz> Quizzes => fixture.Quizzes;

    private async Task Same(Task<List<Quiz>> found, Func<Quiz, bool> expected)
    {
        var ids = (await found).Select(q => q.Id).Order().ToList();
        var want = fixture.Documents.Where(expected).Select(q => q.Id).Order().ToList();
        Assert.NotEmpty(fixture.Documents);
        Assert.Equal(want, ids);
    }

    [Fact]
    public async Task Enum_equality_uses_the_stored_representation()
    {
        await Same(Quizzes.Find(q => q.Difficulty == Difficulty.Hard).ToListAsync(), q => q.Difficulty == Difficulty.Hard);
        await Same(Quizzes.Find(q => q.Level == Difficulty.Medium).ToListAsync(), q => q.Level == Difficulty.Medium);
        var level = Difficulty.Easy;
        await Same(Quizzes.Find(q => q.Level != level).ToListAsync(), q => q.Level != level);
    }
}

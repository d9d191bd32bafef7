using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Generators.IntegrationTests.Model;

namespace OpenQuizz.Typed.Generators.IntegrationTests.Queries;

/// <summary>
/// A translated filter with captured values is written straight into the command by its template; what it writes must
/// be exactly the document Render() builds, for every shape the translator produces.
/// </summary>
public sealed class QueryTemplateTests
{
    private static void WritesWhatItBuilds(Filter<Quiz> filter)
    {
        var built = filter.Render();
        using var buffer = new PooledByteBufferWriter();
        var writer = new BsonSpanWriter(buffer);
        filter.ToSource().WriteTo(ref writer);
        var written = BsonDocument.FromBytes(buffer.WrittenSpan);
        Assert.Equal(built, written);
        Assert.NotEqual(0, built.ElementCount);
    }

    [Fact]
    public void Every_shape_writes_the_document_it_builds()
    {
        var title = "alpha 0";
        var level = Difficulty.Hard;
        var min = 2;
        var tags = new List<string> { "beta", "gamma" };
        var flag = true;
        var key = "math";
        var cutoff = new DateTime(2026, 1, 10, 0, 0, 0, DateTimeKind.Utc);

        WritesWhatItBuilds(Filter<Quiz>.Where(q => q.Title == title));
        WritesWhatItBuilds(Filter<Quiz>.Where(q => q.Title == title && q.Level == level && q.CreatedAt < cutoff));
        WritesWhatItBuilds(Filter<Quiz>.Where(q => q.Level == level && (q.Title == title || q.Tags.Contains(title))));
        WritesWhatItBuilds(Filter<Quiz>.Where(q => !(q.Title == title || q.Level == level)));
        WritesWhatItBuilds(Filter<Quiz>.Where(q => q.Questions.Count > min && q.MaxAttempts > q.Questions.Count));
        WritesWhatItBuilds(Filter<Quiz>.Where(q => (flag || q.Title == title) && q.Level != level));
        WritesWhatItBuilds(Filter<Quiz>.Where(q => q.Questions.Any(x => x.Points > min && x.Text.StartsWith(title))));
        WritesWhatItBuilds(Filter<Quiz>.Where(q => tags.Contains(q.Title) || q.Tags.Any(t => tags.Contains(t))));
        WritesWhatItBuilds(Filter<Quiz>.Where(q => q.Scores[key] > min && q.Title.Contains(title, StringComparison.OrdinalIgnoreCase)));
        WritesWhatItBuilds(Filter<Quiz>.Where(q => q.Title == title && q.Title != "x"));
    }

    [Fact]
    public void A_false_captured_condition_writes_the_filter_that_matches_nothing()
    {
        var flag = false;
        WritesWhatItBuilds(Filter<Quiz>.Where(q => flag && q.Title == "x"));
        WritesWhatItBuilds(Filter<Quiz>.Where(q => flag));
    }
}

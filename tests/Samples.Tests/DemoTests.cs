using Microsoft.Extensions.DependencyInjection;
using OpenQuizz.Model;
using OpenQuizz.Typed.Embedded;

namespace OpenQuizz.Samples.Tests;

/// <summary>The sample's demo, in process: once through its service against an embedded server, once as <c>--demo</c> runs it.</summary>
public sealed class DemoTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_creates_scores_and_ranks_through_the_framework()
    {
        await using var server = await EmbeddedMongoServer.StartAsync(cancellationToken: Token);
        var services = new ServiceCollection();
        services.AddOpenQuizzMongo(server.ConnectionString);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<QuizzService>();
        await using var provider = services.BuildServiceProvider();
        var quizzes = provider.GetRequiredService<QuizzService>();
        await quizzes.EnsureIndexesAsync(Token);
        var output = new StringWriter();

        var result = await Demo.RunAsync(quizzes, output, Token);

        Assert.Equal(Demo.CourseSlug, result.Course.Slug);
        Assert.Equal(QuizStatus.Published, result.Quiz.Status);
        Assert.Equal(3, result.Quiz.Questions.Count);
        Assert.Equal([4, 1, 0, 2], result.Attempts.Select(a => a.Score));
        Assert.Equal(
            [("ada", 4, 1), ("grace", 2, 2), ("linus", 0, 1)],
            result.BestScores.Select(b => (b.UserName, b.Score, b.Attempts)));
        Assert.All(result.BestScores, b => Assert.Equal(4, b.MaxScore));

        var text = output.ToString();
        Assert.Contains("course        capitals-of-europe", text);
        Assert.Contains("1. ada      4/4", text);
        Assert.Contains("2. grace    2/4  (2 attempts)", text);
        Assert.Contains("Done: 1 course, 1 quiz, 3 questions, 4 attempts, 3 ranked users.", text);

        // What the demo wrote is what the database holds, read back through the generated QuizzDb.
        var db = provider.GetRequiredService<QuizzDb>();
        Assert.Equal(4, await db.Attempts.CountDocumentsAsync(Typed.Filter<Attempt>.Eq("quizId", result.Quiz.Id), cancellationToken: Token));

        // Run again on the same data: the demo replaces what its previous run left.
        var again = await Demo.RunAsync(quizzes, new StringWriter(), Token);
        Assert.Equal(result.BestScores.Select(b => b.UserName), again.BestScores.Select(b => b.UserName));
        Assert.Single(await quizzes.ListCoursesAsync(Token));
    }

    [Fact]
    public async Task Demo_mode_starts_the_embedded_server_prints_the_flow_and_exits_zero()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable("ConnectionStrings__Mongo") is { Length: > 0 }, "ConnectionStrings__Mongo is set: the sample would use it.");
        var output = new StringWriter();

        var exitCode = await OpenQuizzApp.RunAsync(["--demo"], output, Token);

        var text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("No connection string configured: started the embedded server at mongodb://", text);
        Assert.Contains("in memory", text);
        Assert.Contains("best scores", text);
        Assert.Contains("Done:", text);
    }

    [Fact]
    public async Task Demo_mode_exits_non_zero_when_the_database_cannot_be_reached()
    {
        var output = new StringWriter();

        var exitCode = await OpenQuizzApp.RunAsync(
            ["--demo", "--ConnectionStrings:Mongo=mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300&connectTimeoutMS=300"], output, Token);

        Assert.Equal(1, exitCode);
        Assert.Contains("The demo failed: ServerSelectionTimeoutException", output.ToString());
    }
}

using OpenQuizz.Model;

namespace OpenQuizz;

/// <summary>What the demo created and computed, for callers that check it (the sample's smoke test).</summary>
public sealed record DemoResult(Course Course, Quiz Quiz, IReadOnlyList<Attempt> Attempts, IReadOnlyList<BestScore> BestScores);

/// <summary>The main flows end to end, printed as they run: <c>dotnet run --project samples/OpenQuizz -- --demo</c>.</summary>
public static class Demo
{
    public const string CourseSlug = "capitals-of-europe";

    private static readonly Question[] Questions =
    [
        new() { Text = "What is the capital of France?", Answers = [new("Lyon"), new("Paris", IsCorrect: true), new("Marseille")] },
        new() { Text = "What is the capital of Portugal?", Answers = [new("Lisbon", IsCorrect: true), new("Porto")] },
        new() { Text = "What is the capital of Belgium?", Answers = [new("Antwerp"), new("Ghent"), new("Brussels", IsCorrect: true)], Points = 2 },
    ];

    // Who answers what, in order: one chosen answer index per question.
    private static readonly (string UserName, int[] Choices)[] Submissions =
    [
        ("ada", [1, 0, 2]),
        ("grace", [1, 1, 0]),
        ("linus", [0, 1, 1]),
        ("grace", [1, 0, 0]),
    ];

    public static async Task<DemoResult> RunAsync(QuizzService quizzes, TextWriter output, CancellationToken cancellationToken = default)
    {
        output.WriteLine("OpenQuizz demo");
        if (await quizzes.DeleteCourseAsync(CourseSlug, cancellationToken))
        {
            output.WriteLine($"  cleaned up    the course \"{CourseSlug}\" of a previous run");
        }

        var course = await quizzes.CreateCourseAsync(CourseSlug, "Capitals of Europe", "Warm-up quizzes on European capitals.", cancellationToken)
            ?? throw new InvalidOperationException($"The course \"{CourseSlug}\" exists already.");
        output.WriteLine($"  course        {course.Slug}: \"{course.Title}\"");

        var quiz = await quizzes.CreateQuizAsync(course.Slug, "Western Europe", cancellationToken)
            ?? throw new InvalidOperationException("The course disappeared.");
        output.WriteLine($"  quiz          \"{quiz.Title}\" ({quiz.Status.ToString().ToLowerInvariant()}, id {quiz.Id})");

        foreach (var question in Questions)
        {
            quiz = await quizzes.AddQuestionAsync(quiz.Id, question, cancellationToken) ?? throw new InvalidOperationException("The quiz is no longer a draft.");
            output.WriteLine($"  question {quiz.Questions.Count}    {question.Text} ({question.Answers.Count} answers, {Points(question.Points)})");
        }

        quiz = await quizzes.PublishAsync(quiz.Id, cancellationToken) ?? throw new InvalidOperationException("The quiz could not be published.");
        output.WriteLine($"  published     \"{quiz.Title}\": {quiz.Questions.Count} questions, {Points(quiz.MaxScore)}");

        var attempts = new List<Attempt>();
        foreach (var (userName, choices) in Submissions)
        {
            var attempt = await quizzes.SubmitAttemptAsync(quiz.Id, userName, choices, cancellationToken) ?? throw new InvalidOperationException("The quiz disappeared.");
            attempts.Add(attempt);
            output.WriteLine($"  attempt       {userName,-8} {attempt.Score}/{attempt.MaxScore}");
        }

        var best = await quizzes.GetBestScoresAsync(quiz.Id, limit: 10, cancellationToken);
        output.WriteLine("  best scores   (aggregation: $match, $sort, $group by user, $sort, $limit)");
        for (var i = 0; i < best.Count; i++)
        {
            output.WriteLine($"    {i + 1}. {best[i].UserName,-8} {best[i].Score}/{best[i].MaxScore}  ({best[i].Attempts} {(best[i].Attempts == 1 ? "attempt" : "attempts")})");
        }

        output.WriteLine($"Done: 1 course, 1 quiz, {quiz.Questions.Count} questions, {attempts.Count} attempts, {best.Count} ranked users.");
        return new DemoResult(course, quiz, attempts, best);
    }

    private static string Points(int points) => points == 1 ? "1 point" : $"{points} points";
}

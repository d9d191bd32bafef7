using MongoDB.Bson;
using OpenQuizz.Model;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz;

public sealed record CourseRequest(string Slug, string Title, string? Description = null);

public sealed record CourseUpdateRequest(string Title, string? Description = null);

public sealed record QuizRequest(string Title);

public sealed record AttemptRequest(string UserName, List<int> Choices);

/// <summary>The HTTP API: courses, their quizzes, questions, publication, attempts and best scores.</summary>
public static class Api
{
    public static IEndpointRouteBuilder MapOpenQuizzApi(this IEndpointRouteBuilder app)
    {
        var courses = app.MapGroup("/courses");
        courses.MapGet("/", (QuizzService quizzes, CancellationToken ct) => quizzes.ListCoursesAsync(ct));
        courses.MapGet("/{slug}", async (string slug, QuizzService quizzes, CancellationToken ct) =>
            await quizzes.GetCourseAsync(slug, ct) is { } course ? Results.Ok(course) : Results.NotFound());
        courses.MapPost("/", async (CourseRequest request, QuizzService quizzes, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(request.Slug) || string.IsNullOrWhiteSpace(request.Title)
                ? Results.BadRequest("A course needs a slug and a title.")
                : await quizzes.CreateCourseAsync(request.Slug, request.Title, request.Description, ct) is { } course
                    ? Results.Created($"/courses/{course.Slug}", course)
                    : Results.Conflict($"The slug \"{request.Slug}\" is taken."));
        courses.MapPut("/{slug}", async (string slug, CourseUpdateRequest request, QuizzService quizzes, CancellationToken ct) =>
            await quizzes.UpdateCourseAsync(slug, request.Title, request.Description, ct) is { } course ? Results.Ok(course) : Results.NotFound());
        courses.MapDelete("/{slug}", async (string slug, QuizzService quizzes, CancellationToken ct) =>
            await quizzes.DeleteCourseAsync(slug, ct) ? Results.NoContent() : Results.NotFound());

        courses.MapGet("/{slug}/quizzes", async (string slug, QuizzService quizzes, CancellationToken ct) =>
            await quizzes.GetCourseAsync(slug, ct) is { } course ? Results.Ok(await quizzes.ListQuizzesAsync(course.Id, ct)) : Results.NotFound());
        courses.MapPost("/{slug}/quizzes", async (string slug, QuizRequest request, QuizzService quizzes, CancellationToken ct) =>
            await quizzes.CreateQuizAsync(slug, request.Title, ct) is { } quiz ? Results.Created($"/quizzes/{quiz.Id}", quiz) : Results.NotFound());

        // ObjectId is IParsable, so route values bind to it directly; a malformed id is a 400.
        var quizzesGroup = app.MapGroup("/quizzes/{id}");
        quizzesGroup.MapGet("/", async (ObjectId id, QuizzService quizzes, CancellationToken ct) =>
            await quizzes.GetQuizAsync(id, ct) is { } quiz ? Results.Ok(quiz) : Results.NotFound());
        quizzesGroup.MapPost("/questions", async (ObjectId id, Question question, QuizzService quizzes, CancellationToken ct) =>
            question.Answers.Count(answer => answer.IsCorrect) != 1
                ? Results.BadRequest("A question needs exactly one correct answer.")
                : await quizzes.AddQuestionAsync(id, question, ct) is { } quiz ? Results.Ok(quiz) : Results.NotFound("No draft quiz has this id."));
        quizzesGroup.MapPost("/publish", async (ObjectId id, QuizzService quizzes, CancellationToken ct) =>
            await quizzes.PublishAsync(id, ct) is { } quiz ? Results.Ok(quiz) : Results.NotFound("No draft quiz with questions has this id."));
        quizzesGroup.MapPost("/attempts", async (ObjectId id, AttemptRequest request, QuizzService quizzes, CancellationToken ct) =>
        {
            try
            {
                return await quizzes.SubmitAttemptAsync(id, request.UserName, request.Choices, ct) is { } attempt
                    ? Results.Created($"/quizzes/{id}/attempts/{attempt.Id}", attempt)
                    : Results.NotFound();
            }
            catch (ArgumentException e)
            {
                return Results.BadRequest(e.Message);
            }
        });
        quizzesGroup.MapGet("/best-scores", (ObjectId id, QuizzService quizzes, CancellationToken ct, int limit = 10) =>
            quizzes.GetBestScoresAsync(id, Math.Clamp(limit, 1, 100), ct));
        return app;
    }
}

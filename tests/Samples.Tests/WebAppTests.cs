using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenQuizz.Samples.Tests;

/// <summary>The sample's web host on a free loopback port (Kestrel, <c>--urls</c>), driven over HTTP, then stopped.</summary>
public sealed class WebAppTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_api_serves_courses_quizzes_attempts_and_best_scores()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable("ConnectionStrings__Mongo") is { Length: > 0 }, "ConnectionStrings__Mongo is set: the sample would use it.");
        var buffer = new ListeningWriter();
        var output = TextWriter.Synchronized(buffer);
        string Printed()
        {
            // The synchronized writer locks itself around each write.
            lock (output)
            {
                return buffer.ToString();
            }
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var app = OpenQuizzApp.RunAsync(["--urls", "http://127.0.0.1:0"], output, stop.Token);
        try
        {
            using var http = new HttpClient { BaseAddress = await ListeningAddressAsync(app, buffer, Printed), Timeout = TimeSpan.FromSeconds(30) };

            var created = await http.PostAsJsonAsync("/courses", new { slug = "rivers", title = "Rivers of the world" }, Token);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsJsonAsync("/courses", new { slug = "rivers", title = "Again" }, Token)).StatusCode);
            Assert.Equal("Rivers of the world", (await GetJsonAsync(http, "/courses/rivers")).GetProperty("title").GetString());
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/courses/lakes", Token)).StatusCode);

            var quiz = await ReadJsonAsync(await http.PostAsJsonAsync("/courses/rivers/quizzes", new { title = "Longest rivers" }, Token));
            var quizId = quiz.GetProperty("id").GetString();
            Assert.Matches("^[0-9a-f]{24}$", quizId);
            Assert.Equal("Draft", quiz.GetProperty("status").ToString());

            var question = new { text = "Which river is the longest?", answers = new[] { new { text = "Nile", isCorrect = true }, new { text = "Seine", isCorrect = false } }, points = 2 };
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync($"/quizzes/{quizId}/questions", question, Token)).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync($"/quizzes/{quizId}/attempts", new { userName = "ada", choices = new[] { 0 } }, Token)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync($"/quizzes/{quizId}/publish", null, Token)).StatusCode);

            var attempt = await ReadJsonAsync(await http.PostAsJsonAsync($"/quizzes/{quizId}/attempts", new { userName = "ada", choices = new[] { 0 } }, Token));
            Assert.Equal(2, attempt.GetProperty("score").GetInt32());
            await http.PostAsJsonAsync($"/quizzes/{quizId}/attempts", new { userName = "grace", choices = new[] { 1 } }, Token);

            var best = await GetJsonAsync(http, $"/quizzes/{quizId}/best-scores");
            Assert.Equal(["ada", "grace"], best.EnumerateArray().Select(b => b.GetProperty("userName").GetString()));
            Assert.Single((await GetJsonAsync(http, "/courses/rivers/quizzes")).EnumerateArray());
            Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/quizzes/not-an-id", Token)).StatusCode);

            var health = await http.GetAsync("/health", Token);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(Token));

            Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/courses/rivers", Token)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/quizzes/{quizId}", Token)).StatusCode);
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(0, await app.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
        }
    }

    // The app prints its addresses once Kestrel has bound the port it was given (0: any free one): the test waits for
    // that line to be written (or the app to end), not on a clock.
    private static async Task<Uri> ListeningAddressAsync(Task<int> app, ListeningWriter output, Func<string> printed)
    {
        var first = await Task.WhenAny(output.Listening, app).WaitAsync(TimeSpan.FromMinutes(2), Token);
        if (first != output.Listening)
        {
            Assert.Fail($"The app stopped before listening (exit code {await app}):\n{printed()}");
        }

        return await output.Listening;
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, Token);
        return await ReadJsonAsync(response);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Keeps what the app prints and completes <see cref="Listening"/> with the first address it announces.</summary>
    private sealed class ListeningWriter : StringWriter
    {
        private const string Marker = "OpenQuizz is listening on ";
        private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<Uri> Listening => _listening.Task;

        public override void Write(char value)
        {
            base.Write(value);
            if (value == '\n')
            {
                Check();
            }
        }

        public override void Write(string? value)
        {
            base.Write(value);
            if (value?.Contains('\n') == true)
            {
                Check();
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            base.Write(buffer, index, count);
            if (Array.IndexOf(buffer, '\n', index, count) >= 0)
            {
                Check();
            }
        }

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            Check();
        }

        private void Check()
        {
            if (_listening.Task.IsCompleted)
            {
                return;
            }

            var line = ToString().Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
            if (line is not null)
            {
                _listening.TrySetResult(new Uri(line[Marker.Length..].Split(',')[0].Trim()));
            }
        }
    }
}

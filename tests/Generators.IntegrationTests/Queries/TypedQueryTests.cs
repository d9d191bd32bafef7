using MongoDB.Bson;
using OpenQuizz.Typed.Generators.IntegrationTests.Model;

namespace OpenQuizz.Typed.Generators.IntegrationTests.Queries;

/// <summary>
/// Differential tests of the translation table: each query runs on the server (translated at build time) and, as
/// written, in LINQ to objects over the same documents; the two must select exactly the same documents. Where a member
/// may be null, the lambda guards it as C# requires, so both sides run the same code.
/// </summary>
public sealed class TypedQueryTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private static readonly string[] s_staticWords = ["beta", "kappa"];

    private static int StaticThreshold => 3;

    private readonly int _minimumPoints = 4;

    private Difficulty PreferredLevel { get; } = Difficulty.Hard;

    private IMongoCollection<Quiz> Quizzes => fixture.Quizzes;

    private async Task Same(Task<List<Quiz>> found, Func<Quiz, bool> expected)
    {
        var ids = (await found).Select(q => q.Id).Order().ToList();
        var want = fixture.Documents.Where(expected).Select(q => q.Id).Order().ToList();
        Assert.Equal(want, ids);
    }

    /// <summary>Like <see cref="Same"/>, and the query must select some documents but not all (so it tells the cases apart).</summary>
    private async Task Selective(Task<List<Quiz>> found, Func<Quiz, bool> expected)
    {
        var count = fixture.Documents.Count(expected);
        Assert.True(count > 0 && count < fixture.Documents.Count, $"the query selects {count} of {fixture.Documents.Count} documents");
        await Same(found, expected);
    }

    [Fact]
    public async Task Enum_equality_uses_the_stored_representation()
    {
        await Selective(Quizzes.Find(q => q.Difficulty == Difficulty.Hard).ToListAsync(), q => q.Difficulty == Difficulty.Hard);
        await Selective(Quizzes.Find(q => q.Level == Difficulty.Medium).ToListAsync(), q => q.Level == Difficulty.Medium);
        var level = Difficulty.Easy;
        await Selective(Quizzes.Find(q => q.Level != level).ToListAsync(), q => q.Level != level);
        await Selective(Quizzes.Find(q => q.Difficulty != level).ToListAsync(), q => q.Difficulty != level);
        await Selective(Quizzes.Find(q => q.Difficulty > Difficulty.Easy).ToListAsync(), q => q.Difficulty > Difficulty.Easy);
        await Selective(Quizzes.Find(q => q.Difficulty <= level).ToListAsync(), q => q.Difficulty <= level);
        await Selective(Quizzes.Find(q => Difficulty.Medium == q.Level).ToListAsync(), q => Difficulty.Medium == q.Level);
        await Selective(Quizzes.Find(q => q.Level.Equals(Difficulty.Hard)).ToListAsync(), q => q.Level.Equals(Difficulty.Hard));
        await Selective(Quizzes.Find(q => (int)q.Difficulty > 0).ToListAsync(), q => (int)q.Difficulty > 0);
        await Selective(Quizzes.Find(q => (int)q.Level == 1).ToListAsync(), q => (int)q.Level == 1);
        var code = 2;
        await Selective(Quizzes.Find(q => (int)q.Level != code).ToListAsync(), q => (int)q.Level != code);
    }

    [Fact]
    public async Task Comparison_operators_on_numbers_and_dates()
    {
        await Selective(Quizzes.Find(q => q.MaxAttempts == 4).ToListAsync(), q => q.MaxAttempts == 4);
        await Selective(Quizzes.Find(q => q.MaxAttempts != 4).ToListAsync(), q => q.MaxAttempts != 4);
        await Selective(Quizzes.Find(q => q.MaxAttempts < 4).ToListAsync(), q => q.MaxAttempts < 4);
        await Selective(Quizzes.Find(q => q.MaxAttempts <= 4).ToListAsync(), q => q.MaxAttempts <= 4);
        await Selective(Quizzes.Find(q => q.MaxAttempts > 4).ToListAsync(), q => q.MaxAttempts > 4);
        await Selective(Quizzes.Find(q => q.MaxAttempts >= 4).ToListAsync(), q => q.MaxAttempts >= 4);
        await Selective(Quizzes.Find(q => 4 < q.MaxAttempts).ToListAsync(), q => 4 < q.MaxAttempts);
        await Selective(Quizzes.Find(q => q.MaxAttempts >= 2L).ToListAsync(), q => q.MaxAttempts >= 2L);
        await Selective(Quizzes.Find(q => q.MaxAttempts > 2.5).ToListAsync(), q => q.MaxAttempts > 2.5);
        await Selective(Quizzes.Find(q => q.Title == "beta 1").ToListAsync(), q => q.Title == "beta 1");
        await Selective(Quizzes.Find(q => q.Title != "beta 1").ToListAsync(), q => q.Title != "beta 1");
        await Selective(Quizzes.Find(q => q.Title.Equals("beta 1")).ToListAsync(), q => q.Title.Equals("beta 1"));
        await Selective(Quizzes.Find(q => string.Equals(q.Title, "beta 1")).ToListAsync(), q => string.Equals(q.Title, "beta 1"));
    }

    [Fact]
    public async Task Logical_operators_combine_as_in_csharp()
    {
        await Selective(Quizzes.Find(q => q.Difficulty == Difficulty.Hard && q.MaxAttempts > 2).ToListAsync(), q => q.Difficulty == Difficulty.Hard && q.MaxAttempts > 2);
        await Selective(Quizzes.Find(q => q.Difficulty == Difficulty.Hard || q.MaxAttempts > 5).ToListAsync(), q => q.Difficulty == Difficulty.Hard || q.MaxAttempts > 5);
        await Selective(Quizzes.Find(q => !(q.Difficulty == Difficulty.Hard)).ToListAsync(), q => !(q.Difficulty == Difficulty.Hard));
        await Selective(Quizzes.Find(q => !(q.MaxAttempts > 5)).ToListAsync(), q => !(q.MaxAttempts > 5));
        await Selective(Quizzes.Find(q => !(q.Difficulty == Difficulty.Hard || q.MaxAttempts > 5)).ToListAsync(), q => !(q.Difficulty == Difficulty.Hard || q.MaxAttempts > 5));
        await Selective(Quizzes.Find(q => !(q.Difficulty == Difficulty.Hard && q.MaxAttempts > 5)).ToListAsync(), q => !(q.Difficulty == Difficulty.Hard && q.MaxAttempts > 5));
        await Selective(Quizzes.Find(q => (q.Difficulty == Difficulty.Easy || q.Level == Difficulty.Easy) && (q.MaxAttempts < 3 || q.MaxAttempts == null)).ToListAsync(),
            q => (q.Difficulty == Difficulty.Easy || q.Level == Difficulty.Easy) && (q.MaxAttempts < 3 || q.MaxAttempts == null));
        await Selective(Quizzes.Find(q => q.MaxAttempts > 2 && q.MaxAttempts < 7).ToListAsync(), q => q.MaxAttempts > 2 && q.MaxAttempts < 7);
        await Selective(Quizzes.Find(q => q.MaxAttempts > 2 & q.Difficulty != Difficulty.Easy | q.Title == "beta 1").ToListAsync(), q => q.MaxAttempts > 2 & q.Difficulty != Difficulty.Easy | q.Title == "beta 1");
        await Same(Quizzes.Find(q => true).ToListAsync(), q => true);
        await Same(Quizzes.Find(q => false).ToListAsync(), q => false);
        var all = fixture.Documents.Count > 1;
        await Same(Quizzes.Find(q => all || q.MaxAttempts == 1).ToListAsync(), q => all || q.MaxAttempts == 1);
        await Same(Quizzes.Find(q => !all && q.MaxAttempts == 1).ToListAsync(), q => !all && q.MaxAttempts == 1);
    }

    [Fact]
    public async Task Bool_members()
    {
        await Same(Quizzes.Find(q => q.Questions.Any(x => x is TrueFalseQuestion && ((TrueFalseQuestion)x).Answer)).ToListAsync(),
            q => q.Questions.Any(x => x is TrueFalseQuestion && ((TrueFalseQuestion)x).Answer));
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x is TrueFalseQuestion t && !t.Answer)).ToListAsync(), q => q.Questions.Any(x => x is TrueFalseQuestion t && !t.Answer));
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x is TrueFalseQuestion { Answer: true })).ToListAsync(), q => q.Questions.Any(x => x is TrueFalseQuestion { Answer: true }));
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x is TrueFalseQuestion t && t.Answer == false)).ToListAsync(), q => q.Questions.Any(x => x is TrueFalseQuestion t && t.Answer == false));
    }

    [Fact]
    public async Task Nullables_and_null()
    {
        await Selective(Quizzes.Find(q => q.Description == null).ToListAsync(), q => q.Description == null);
        await Selective(Quizzes.Find(q => q.Description != null).ToListAsync(), q => q.Description != null);
        await Selective(Quizzes.Find(q => q.Author == null).ToListAsync(), q => q.Author == null);
        await Selective(Quizzes.Find(q => q.MaxAttempts == null).ToListAsync(), q => q.MaxAttempts == null);
        await Selective(Quizzes.Find(q => q.MaxAttempts.HasValue).ToListAsync(), q => q.MaxAttempts.HasValue);
        await Selective(Quizzes.Find(q => !q.MaxAttempts.HasValue).ToListAsync(), q => !q.MaxAttempts.HasValue);
        await Selective(Quizzes.Find(q => q.MaxAttempts.HasValue && q.MaxAttempts.Value > 3).ToListAsync(), q => q.MaxAttempts.HasValue && q.MaxAttempts.Value > 3);
        await Selective(Quizzes.Find(q => q.MaxAttempts != null && q.MaxAttempts.Value % 2 == 0).ToListAsync(), q => q.MaxAttempts != null && q.MaxAttempts.Value % 2 == 0);
        int? none = null;
        await Selective(Quizzes.Find(q => q.MaxAttempts == none).ToListAsync(), q => q.MaxAttempts == none);
        await Selective(Quizzes.Find(q => q.MaxAttempts != none).ToListAsync(), q => q.MaxAttempts != none);
        int? three = 3;
        await Selective(Quizzes.Find(q => q.MaxAttempts > three).ToListAsync(), q => q.MaxAttempts > three);
        await Same(Quizzes.Find(q => q.MaxAttempts > none).ToListAsync(), q => q.MaxAttempts > none);
        await Selective(Quizzes.Find(q => (q.MaxAttempts ?? 0) == 0).ToListAsync(), q => (q.MaxAttempts ?? 0) == 0);
        await Selective(Quizzes.Find(q => (q.MaxAttempts ?? 100) > 8).ToListAsync(), q => (q.MaxAttempts ?? 100) > 8);
        await Selective(Quizzes.Find(q => q.MaxAttempts.GetValueOrDefault() < 3).ToListAsync(), q => q.MaxAttempts.GetValueOrDefault() < 3);
        await Selective(Quizzes.Find(q => q.MaxAttempts.GetValueOrDefault(7) == 7).ToListAsync(), q => q.MaxAttempts.GetValueOrDefault(7) == 7);
        await Selective(Quizzes.Find(q => (q.Description ?? "none") == "none").ToListAsync(), q => (q.Description ?? "none") == "none");
        string? noText = null;
        await Selective(Quizzes.Find(q => q.Description == noText).ToListAsync(), q => q.Description == noText);
    }

    [Fact]
    public async Task Patterns()
    {
        await Selective(Quizzes.Find(q => q.Description is null).ToListAsync(), q => q.Description is null);
        await Selective(Quizzes.Find(q => q.Description is not null).ToListAsync(), q => q.Description is not null);
        await Selective(Quizzes.Find(q => q.MaxAttempts is > 3 and < 8).ToListAsync(), q => q.MaxAttempts is > 3 and < 8);
        await Selective(Quizzes.Find(q => q.MaxAttempts is 1 or 4 or 7).ToListAsync(), q => q.MaxAttempts is 1 or 4 or 7);
        await Selective(Quizzes.Find(q => q.MaxAttempts is not (> 3 and < 8)).ToListAsync(), q => q.MaxAttempts is not (> 3 and < 8));
        await Selective(Quizzes.Find(q => q.Difficulty is Difficulty.Easy or Difficulty.Hard).ToListAsync(), q => q.Difficulty is Difficulty.Easy or Difficulty.Hard);
        await Selective(Quizzes.Find(q => q.Level is not Difficulty.Medium).ToListAsync(), q => q.Level is not Difficulty.Medium);
        await Selective(Quizzes.Find(q => q.Author is { Reputation: > 50 }).ToListAsync(), q => q.Author is { Reputation: > 50 });
        await Selective(Quizzes.Find(q => q.Author is { Name: "author2", Email: null }).ToListAsync(), q => q.Author is { Name: "author2", Email: null });
        await Selective(Quizzes.Find(q => q is { Difficulty: Difficulty.Hard, MaxAttempts: > 2 }).ToListAsync(), q => q is { Difficulty: Difficulty.Hard, MaxAttempts: > 2 });
        await Selective(Quizzes.Find(q => q.Author is not { Email: "a@x" }).ToListAsync(), q => q.Author is not { Email: "a@x" });
    }

    [Fact]
    public async Task Nested_members()
    {
        await Selective(Quizzes.Find(q => q.Author != null && q.Author.Name == "author1").ToListAsync(), q => q.Author != null && q.Author.Name == "author1");
        await Selective(Quizzes.Find(q => q.Author != null && q.Author.Email == null).ToListAsync(), q => q.Author != null && q.Author.Email == null);
        await Selective(Quizzes.Find(q => q.Author != null && q.Author.Reputation >= 50).ToListAsync(), q => q.Author != null && q.Author.Reputation >= 50);
        await Selective(Quizzes.Find(q => q.Author!.Name != "author2").ToListAsync(), q => q.Author?.Name != "author2");
        await Selective(Quizzes.Find(q => q.Author?.Name == "author3").ToListAsync(), q => q.Author?.Name == "author3");
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x is MultipleChoiceQuestion && ((MultipleChoiceQuestion)x).Choices.Contains("gamma"))).ToListAsync(),
            q => q.Questions.Any(x => x is MultipleChoiceQuestion && ((MultipleChoiceQuestion)x).Choices.Contains("gamma")));
    }

    [Fact]
    public async Task Arrays_and_lists()
    {
        await Selective(Quizzes.Find(q => q.Tags.Contains("beta")).ToListAsync(), q => q.Tags.Contains("beta"));
        await Selective(Quizzes.Find(q => !q.Tags.Contains("beta")).ToListAsync(), q => !q.Tags.Contains("beta"));
        await Selective(Quizzes.Find(q => q.Questions.Any()).ToListAsync(), q => q.Questions.Any());
        await Selective(Quizzes.Find(q => !q.Questions.Any()).ToListAsync(), q => !q.Questions.Any());
        await Selective(Quizzes.Find(q => q.Tags.Any(t => t == "kappa")).ToListAsync(), q => q.Tags.Any(t => t == "kappa"));
        await Selective(Quizzes.Find(q => q.Tags.Any(t => t != "alpha" && t != "Epsilon" && t != "kappa")).ToListAsync(), q => q.Tags.Any(t => t != "alpha" && t != "Epsilon" && t != "kappa"));
        await Selective(Quizzes.Find(q => q.Tags.Any(t => t.StartsWith("ga") || t.EndsWith("pa"))).ToListAsync(), q => q.Tags.Any(t => t.StartsWith("ga") || t.EndsWith("pa")));
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x.Points > 4)).ToListAsync(), q => q.Questions.Any(x => x.Points > 4));
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x.Points > 1 && x.Text == "t1")).ToListAsync(), q => q.Questions.Any(x => x.Points > 1 && x.Text == "t1"));
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x.Points == 2 || x.Text.StartsWith("t"))).ToListAsync(), q => q.Questions.Any(x => x.Points == 2 || x.Text.StartsWith("t")));
        await Selective(Quizzes.Find(q => q.Questions.Any(x => !(x.Points > 2))).ToListAsync(), q => q.Questions.Any(x => !(x.Points > 2)));
        await Selective(Quizzes.Find(q => q.Questions.All(x => x.Points >= 2)).ToListAsync(), q => q.Questions.All(x => x.Points >= 2));
        await Selective(Quizzes.Find(q => !q.Questions.Any(x => x.Points > 4)).ToListAsync(), q => !q.Questions.Any(x => x.Points > 4));
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x is MultipleChoiceQuestion && ((MultipleChoiceQuestion)x).Choices.Any(c => c.StartsWith("ga") || c == "beta"))).ToListAsync(),
            q => q.Questions.Any(x => x is MultipleChoiceQuestion && ((MultipleChoiceQuestion)x).Choices.Any(c => c.StartsWith("ga") || c == "beta")));
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x is MultipleChoiceQuestion m && m.Choices.All(c => c.Length == 1 || c == "alpha"))).ToListAsync(),
            q => q.Questions.Any(x => x is MultipleChoiceQuestion m && m.Choices.All(c => c.Length == 1 || c == "alpha")));
        await Selective(Quizzes.Find(q => q.MaxAttempts is null).ToListAsync(), q => q.MaxAttempts is null);
        var points = new[] { 3, 4 };
        await Selective(Quizzes.Find(q => q.Questions.Any(x => points.Contains(x.Points))).ToListAsync(), q => q.Questions.Any(x => points.Contains(x.Points)));
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x is { Points: > 1, Text: "t1" })).ToListAsync(), q => q.Questions.Any(x => x is { Points: > 1, Text: "t1" }));
        await Selective(Quizzes.Find(q => q.Questions.All(x => x is MultipleChoiceQuestion || x.Points < 5)).ToListAsync(), q => q.Questions.All(x => x is MultipleChoiceQuestion || x.Points < 5));
        await Selective(Quizzes.Find(q => !q.Questions.All(x => x.Points > 1)).ToListAsync(), q => !q.Questions.All(x => x.Points > 1));
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x.Points > 4) && q.Questions.Any(x => x.Text.StartsWith("t"))).ToListAsync(),
            q => q.Questions.Any(x => x.Points > 4) && q.Questions.Any(x => x.Text.StartsWith("t")));
        await Selective(Quizzes.Find(q => q.Questions.Any() && q.Questions.All(x => x.Points < 5)).ToListAsync(), q => q.Questions.Any() && q.Questions.All(x => x.Points < 5));
        await Selective(Quizzes.Find(q => q.Tags.All(t => t != "alpha")).ToListAsync(), q => q.Tags.All(t => t != "alpha"));
        await Selective(Quizzes.Find(q => q.Tags.All(t => t.Length > 4)).ToListAsync(), q => q.Tags.All(t => t.Length > 4));
        await Selective(Quizzes.Find(q => q.Tags.Any(t => t.StartsWith("ka") && t.EndsWith("pa"))).ToListAsync(), q => q.Tags.Any(t => t.StartsWith("ka") && t.EndsWith("pa")));
        await Selective(Quizzes.Find(q => q.Tags.Any(t => t.Contains("ta") && !t.StartsWith("(") && !t.EndsWith("ta"))).ToListAsync(), q => q.Tags.Any(t => t.Contains("ta") && !t.StartsWith("(") && !t.EndsWith("ta")));
        await Selective(Quizzes.Find(q => q.Tags.Any(t => t.StartsWith("E") && t.Contains("SIL", StringComparison.OrdinalIgnoreCase))).ToListAsync(), q => q.Tags.Any(t => t.StartsWith("E") && t.Contains("SIL", StringComparison.OrdinalIgnoreCase)));
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x.Points > 1 && x.Points < 4)).ToListAsync(), q => q.Questions.Any(x => x.Points > 1 && x.Points < 4));
    }

    [Fact]
    public async Task Sizes_against_constants()
    {
        await Selective(Quizzes.Find(q => q.Questions.Count == 2).ToListAsync(), q => q.Questions.Count == 2);
        await Selective(Quizzes.Find(q => q.Questions.Count != 2).ToListAsync(), q => q.Questions.Count != 2);
        await Selective(Quizzes.Find(q => q.Questions.Count < 2).ToListAsync(), q => q.Questions.Count < 2);
        await Selective(Quizzes.Find(q => q.Questions.Count <= 2).ToListAsync(), q => q.Questions.Count <= 2);
        await Selective(Quizzes.Find(q => q.Questions.Count > 2).ToListAsync(), q => q.Questions.Count > 2);
        await Selective(Quizzes.Find(q => q.Questions.Count >= 2).ToListAsync(), q => q.Questions.Count >= 2);
        await Selective(Quizzes.Find(q => q.Questions.Count > 0).ToListAsync(), q => q.Questions.Count > 0);
        await Selective(Quizzes.Find(q => q.Questions.Count < 1).ToListAsync(), q => q.Questions.Count < 1);
        await Same(Quizzes.Find(q => q.Questions.Count >= 0).ToListAsync(), q => q.Questions.Count >= 0);
        await Same(Quizzes.Find(q => q.Questions.Count < 0).ToListAsync(), q => q.Questions.Count < 0);
        await Selective(Quizzes.Find(q => 2 < q.Questions.Count).ToListAsync(), q => 2 < q.Questions.Count);
        await Selective(Quizzes.Find(q => q.Tags.Count == 3).ToListAsync(), q => q.Tags.Count == 3);
        await Selective(Quizzes.Find(q => q.Tags.Count() >= 3).ToListAsync(), q => q.Tags.Count() >= 3);
        await Selective(Quizzes.Find(q => q.Questions.Count() != 1).ToListAsync(), q => q.Questions.Count() != 1);
        await Selective(Quizzes.Find(q => !(q.Questions.Count > 2)).ToListAsync(), q => !(q.Questions.Count > 2));
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x is MultipleChoiceQuestion && ((MultipleChoiceQuestion)x).Choices.Length == 3)).ToListAsync(),
            q => q.Questions.Any(x => x is MultipleChoiceQuestion && ((MultipleChoiceQuestion)x).Choices.Length == 3));
    }

    [Fact]
    public async Task Sizes_against_captured_values()
    {
        foreach (var n in new[] { -1, 0, 1, 2, 3, 4, 5 })
        {
            await Same(Quizzes.Find(q => q.Questions.Count == n).ToListAsync(), q => q.Questions.Count == n);
            await Same(Quizzes.Find(q => q.Questions.Count != n).ToListAsync(), q => q.Questions.Count != n);
            await Same(Quizzes.Find(q => q.Questions.Count < n).ToListAsync(), q => q.Questions.Count < n);
            await Same(Quizzes.Find(q => q.Questions.Count <= n).ToListAsync(), q => q.Questions.Count <= n);
            await Same(Quizzes.Find(q => q.Questions.Count > n).ToListAsync(), q => q.Questions.Count > n);
            await Same(Quizzes.Find(q => q.Questions.Count >= n).ToListAsync(), q => q.Questions.Count >= n);
            await Same(Quizzes.Find(q => n <= q.Tags.Count()).ToListAsync(), q => n <= q.Tags.Count());
        }
    }

    [Fact]
    public async Task Value_in_a_constant_list()
    {
        await Selective(Quizzes.Find(q => new[] { Difficulty.Easy, Difficulty.Hard }.Contains(q.Level)).ToListAsync(), q => new[] { Difficulty.Easy, Difficulty.Hard }.Contains(q.Level));
        await Selective(Quizzes.Find(q => new[] { 1, 4, 7 }.Contains(q.MaxAttempts!.Value)).ToListAsync(), q => q.MaxAttempts.HasValue && new[] { 1, 4, 7 }.Contains(q.MaxAttempts.Value));
        await Selective(Quizzes.Find(q => new int?[] { 1, 4, null }.Contains(q.MaxAttempts)).ToListAsync(), q => new int?[] { 1, 4, null }.Contains(q.MaxAttempts));
        await Selective(Quizzes.Find(q => !new[] { "beta 1", "kappa 8" }.Contains(q.Title)).ToListAsync(), q => !new[] { "beta 1", "kappa 8" }.Contains(q.Title));
        await Selective(Quizzes.Find(q => Enumerable.Contains(["beta 1", "kappa 8"], q.Title)).ToListAsync(), q => Enumerable.Contains(["beta 1", "kappa 8"], q.Title));
    }

    [Fact]
    public async Task Value_in_a_captured_collection()
    {
        Difficulty[] levels = [Difficulty.Easy, Difficulty.Medium];
        await Selective(Quizzes.Find(q => levels.Contains(q.Level)).ToListAsync(), q => levels.Contains(q.Level));
        await Selective(Quizzes.Find(q => levels.Contains(q.Difficulty)).ToListAsync(), q => levels.Contains(q.Difficulty));
        var titles = new List<string> { "beta 1", "gamma 2", "nothing" };
        await Selective(Quizzes.Find(q => titles.Contains(q.Title)).ToListAsync(), q => titles.Contains(q.Title));
        var attempts = new HashSet<int?> { 2, 5, null };
        await Selective(Quizzes.Find(q => attempts.Contains(q.MaxAttempts)).ToListAsync(), q => attempts.Contains(q.MaxAttempts));
        await Selective(Quizzes.Find(q => !attempts.Contains(q.MaxAttempts)).ToListAsync(), q => !attempts.Contains(q.MaxAttempts));
        IEnumerable<string> names = ["author1", "author2"];
        await Selective(Quizzes.Find(q => q.Author != null && names.Contains(q.Author.Name)).ToListAsync(), q => q.Author != null && names.Contains(q.Author.Name));
        string[] empty = [];
        await Same(Quizzes.Find(q => empty.Contains(q.Title)).ToListAsync(), q => empty.Contains(q.Title));
        await Selective(Quizzes.Find(q => q.Tags.Any(t => titles.Contains(t) || s_staticWords.Contains(t))).ToListAsync(), q => q.Tags.Any(t => titles.Contains(t) || s_staticWords.Contains(t)));
    }

    [Fact]
    public async Task String_methods_escape_the_text()
    {
        await Selective(Quizzes.Find(q => q.Title.StartsWith("(theta)")).ToListAsync(), q => q.Title.StartsWith("(theta)"));
        await Selective(Quizzes.Find(q => q.Title.StartsWith("zeta.eta")).ToListAsync(), q => q.Title.StartsWith("zeta.eta"));
        await Selective(Quizzes.Find(q => q.Title.StartsWith("iota*")).ToListAsync(), q => q.Title.StartsWith("iota*"));
        await Selective(Quizzes.Find(q => q.Title.EndsWith(" 1")).ToListAsync(), q => q.Title.EndsWith(" 1"));
        await Selective(Quizzes.Find(q => q.Title.Contains("a*")).ToListAsync(), q => q.Title.Contains("a*"));
        await Selective(Quizzes.Find(q => q.Title.Contains(".e")).ToListAsync(), q => q.Title.Contains(".e"));
        await Selective(Quizzes.Find(q => q.Title.Contains('(')).ToListAsync(), q => q.Title.Contains('('));
        await Selective(Quizzes.Find(q => q.Title.StartsWith("epsilon", StringComparison.OrdinalIgnoreCase)).ToListAsync(), q => q.Title.StartsWith("epsilon", StringComparison.OrdinalIgnoreCase));
        await Same(Quizzes.Find(q => q.Title.StartsWith("epsilon", StringComparison.Ordinal)).ToListAsync(), q => q.Title.StartsWith("epsilon", StringComparison.Ordinal));
        await Selective(Quizzes.Find(q => q.Title.Contains("ALPHA", StringComparison.OrdinalIgnoreCase)).ToListAsync(), q => q.Title.Contains("ALPHA", StringComparison.OrdinalIgnoreCase));
        await Selective(Quizzes.Find(q => q.Title.EndsWith("A 9", StringComparison.OrdinalIgnoreCase)).ToListAsync(), q => q.Title.EndsWith("A 9", StringComparison.OrdinalIgnoreCase));
        await Selective(Quizzes.Find(q => q.Title.Equals("BETA 1", StringComparison.OrdinalIgnoreCase)).ToListAsync(), q => q.Title.Equals("BETA 1", StringComparison.OrdinalIgnoreCase));
        await Selective(Quizzes.Find(q => q.Description != null && q.Description.Contains("(theta)")).ToListAsync(), q => q.Description != null && q.Description.Contains("(theta)"));
        var prefix = "iota*";
        await Selective(Quizzes.Find(q => q.Title.StartsWith(prefix)).ToListAsync(), q => q.Title.StartsWith(prefix));
        await Selective(Quizzes.Find(q => !q.Title.StartsWith(prefix)).ToListAsync(), q => !q.Title.StartsWith(prefix));
        var newline = "a\nb";
        await Same(Quizzes.Find(q => q.Title.Contains(newline)).ToListAsync(), q => q.Title.Contains(newline));
        await Same(Quizzes.Find(q => q.Title.EndsWith("1\n")).ToListAsync(), q => q.Title.EndsWith("1\n"));
    }

    [Fact]
    public async Task String_length_and_emptiness()
    {
        await Selective(Quizzes.Find(q => q.Title.Length > 7).ToListAsync(), q => q.Title.Length > 7);
        await Selective(Quizzes.Find(q => q.Title.Length == 7).ToListAsync(), q => q.Title.Length == 7);
        await Selective(Quizzes.Find(q => q.Title.Length <= 7).ToListAsync(), q => q.Title.Length <= 7);
        var length = 10;
        await Selective(Quizzes.Find(q => q.Title.Length < length).ToListAsync(), q => q.Title.Length < length);
        await Selective(Quizzes.Find(q => q.Description != null && q.Description.Length >= 11).ToListAsync(), q => q.Description != null && q.Description.Length >= 11);
        await Selective(Quizzes.Find(q => string.IsNullOrEmpty(q.Description)).ToListAsync(), q => string.IsNullOrEmpty(q.Description));
        await Selective(Quizzes.Find(q => !string.IsNullOrEmpty(q.Description)).ToListAsync(), q => !string.IsNullOrEmpty(q.Description));
        await Selective(Quizzes.Find(q => string.IsNullOrWhiteSpace(q.Description)).ToListAsync(), q => string.IsNullOrWhiteSpace(q.Description));
    }

    [Fact]
    public async Task Remainders()
    {
        await Selective(Quizzes.Find(q => q.MaxAttempts % 2 == 1).ToListAsync(), q => q.MaxAttempts % 2 == 1);
        await Selective(Quizzes.Find(q => q.MaxAttempts % 3 != 0).ToListAsync(), q => q.MaxAttempts % 3 != 0);
        var divisor = 4;
        await Selective(Quizzes.Find(q => q.MaxAttempts % divisor == 0).ToListAsync(), q => q.MaxAttempts % divisor == 0);
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x.Points % 2 == 0)).ToListAsync(), q => q.Questions.Any(x => x.Points % 2 == 0));
    }

    [Fact]
    public async Task Comparisons_between_fields()
    {
        await Same(Quizzes.Find(q => q.Difficulty == q.Difficulty).ToListAsync(), q => true);
        await Selective(Quizzes.Find(q => q.Difficulty != Difficulty.Easy && q.Questions.Count == q.Tags.Count).ToListAsync(), q => q.Difficulty != Difficulty.Easy && q.Questions.Count == q.Tags.Count);
        await Selective(Quizzes.Find(q => q.MaxAttempts > q.Questions.Count).ToListAsync(), q => q.MaxAttempts > q.Questions.Count);
        await Selective(Quizzes.Find(q => q.Questions.Count < q.Tags.Count).ToListAsync(), q => q.Questions.Count < q.Tags.Count);
        await Selective(Quizzes.Find(q => q.MaxAttempts + 1 >= q.Questions.Count * 2).ToListAsync(), q => q.MaxAttempts + 1 >= q.Questions.Count * 2);
        await Selective(Quizzes.Find(q => q.Author != null && q.Author.Reputation - q.Questions.Count > 40).ToListAsync(), q => q.Author != null && q.Author.Reputation - q.Questions.Count > 40);
        await Selective(Quizzes.Find(q => q.Author != null && q.Author.Reputation / 10 == 3).ToListAsync(), q => q.Author != null && q.Author.Reputation / 10 == 3);
        await Selective(Quizzes.Find(q => q.Author != null && q.Author.Reputation % 7 == q.Questions.Count).ToListAsync(), q => q.Author != null && q.Author.Reputation % 7 == q.Questions.Count);
        await Selective(Quizzes.Find(q => q.Title.Length > q.Tags.Count * 3).ToListAsync(), q => q.Title.Length > q.Tags.Count * 3);

        // Lifted comparisons: an ordering with a null side is false in C#, though null sorts below numbers on the server.
        await Selective(Quizzes.Find(q => q.MaxAttempts < q.Tags.Count * 2).ToListAsync(), q => q.MaxAttempts < q.Tags.Count * 2);
        await Selective(Quizzes.Find(q => q.MaxAttempts + 1 <= q.Tags.Count).ToListAsync(), q => q.MaxAttempts + 1 <= q.Tags.Count);
        await Selective(Quizzes.Find(q => !(q.MaxAttempts >= q.Questions.Count)).ToListAsync(), q => !(q.MaxAttempts >= q.Questions.Count));
        await Selective(Quizzes.Find(q => q.MaxAttempts != q.Questions.Count).ToListAsync(), q => q.MaxAttempts != q.Questions.Count);

        // Secret is [BsonIgnoreIfNull], so it is missing rather than null: still equal to a null Description, as in C#.
        await Selective(Quizzes.Find(q => q.Secret == q.Description).ToListAsync(), q => q.Secret == q.Description);
    }

    [Fact]
    public async Task Dates_with_captured_cutoffs()
    {
        var cutoff = new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc);
        await Selective(Quizzes.Find(q => q.CreatedAt < cutoff).ToListAsync(), q => q.CreatedAt < cutoff);
        await Selective(Quizzes.Find(q => q.CreatedAt >= cutoff.AddDays(3)).ToListAsync(), q => q.CreatedAt >= cutoff.AddDays(3));
        await Same(Quizzes.Find(q => q.CreatedAt > DateTime.UtcNow.AddYears(-50)).ToListAsync(), q => q.CreatedAt > DateTime.UtcNow.AddYears(-50));
        var exact = fixture.Documents[7].CreatedAt;
        await Selective(Quizzes.Find(q => q.CreatedAt == exact).ToListAsync(), q => q.CreatedAt == exact);
    }

    [Fact]
    public async Task Dictionaries()
    {
        await Selective(Quizzes.Find(q => q.Scores["math"] > 30).ToListAsync(), q => q.Scores["math"] > 30);
        await Selective(Quizzes.Find(q => q.Scores.ContainsKey("art")).ToListAsync(), q => q.Scores.ContainsKey("art"));
        await Selective(Quizzes.Find(q => !q.Scores.ContainsKey("art")).ToListAsync(), q => !q.Scores.ContainsKey("art"));
        var subject = "art";
        await Selective(Quizzes.Find(q => q.Scores.ContainsKey(subject) && q.Scores[subject] < 40).ToListAsync(), q => q.Scores.ContainsKey(subject) && q.Scores[subject] < 40);
        await Selective(Quizzes.Find(q => q.Scores["math"] == 3).ToListAsync(), q => q.Scores["math"] == 3);
        await Selective(Quizzes.Find(q => q.Scores.Count == 2).ToListAsync(), q => q.Scores.Count == 2);
        await Selective(Quizzes.Find(q => q.Scores.Count < 2).ToListAsync(), q => q.Scores.Count < 2);
        await Same(Quizzes.Find(q => q.Scores.Any()).ToListAsync(), q => q.Scores.Any());
        await Same(Quizzes.Find(q => q.Scores.Count() > 2).ToListAsync(), q => q.Scores.Count() > 2);
    }

    [Fact]
    public async Task Polymorphic_type_checks_inside_Any()
    {
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x is MultipleChoiceQuestion)).ToListAsync(), q => q.Questions.Any(x => x is MultipleChoiceQuestion));
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x is OpenQuestion)).ToListAsync(), q => q.Questions.Any(x => x is OpenQuestion));
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x is not TrueFalseQuestion)).ToListAsync(), q => q.Questions.Any(x => x is not TrueFalseQuestion));
        await Selective(Quizzes.Find(q => q.Questions.All(x => x is TrueFalseQuestion)).ToListAsync(), q => q.Questions.All(x => x is TrueFalseQuestion));
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x is OpenQuestion o && o.ExpectedAnswer == null)).ToListAsync(), q => q.Questions.Any(x => x is OpenQuestion o && o.ExpectedAnswer == null));
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x is MultipleChoiceQuestion { Answer: 1 })).ToListAsync(), q => q.Questions.Any(x => x is MultipleChoiceQuestion { Answer: 1 }));
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x is MultipleChoiceQuestion { Points: > 1 } m && m.Choices.Contains("beta"))).ToListAsync(),
            q => q.Questions.Any(x => x is MultipleChoiceQuestion { Points: > 1 } m && m.Choices.Contains("beta")));
    }

    [Fact]
    public async Task Polymorphic_type_checks_at_the_root()
    {
        var expected = fixture.AllQuestions;
        async Task SameQuestions(Task<List<Question>> found, Func<Question, bool> predicate)
        {
            static string Key(Question x) => x.GetType().Name + "|" + x.Text + "|" + x.Points;
            var count = expected.Count(predicate);
            Assert.True(count > 0 && count < expected.Count, $"the query selects {count} of {expected.Count} questions");
            Assert.Equal(expected.Where(predicate).Select(Key).Order(), (await found).Select(Key).Order());
        }

        await SameQuestions(fixture.Questions.Find(x => x is MultipleChoiceQuestion).ToListAsync(), x => x is MultipleChoiceQuestion);
        await SameQuestions(fixture.Questions.Find(x => x is not OpenQuestion).ToListAsync(), x => x is not OpenQuestion);
        await SameQuestions(fixture.Questions.Find(x => x is TrueFalseQuestion t && t.Answer).ToListAsync(), x => x is TrueFalseQuestion t && t.Answer);
        await SameQuestions(fixture.Questions.Find(x => x is OpenQuestion { ExpectedAnswer: not null } || x.Points > 4).ToListAsync(), x => x is OpenQuestion { ExpectedAnswer: not null } || x.Points > 4);
        await SameQuestions(fixture.Questions.Find(x => x is MultipleChoiceQuestion && ((MultipleChoiceQuestion)x).Choices.Length == 3 && x.Text.StartsWith("(theta)")).ToListAsync(),
            x => x is MultipleChoiceQuestion && ((MultipleChoiceQuestion)x).Choices.Length == 3 && x.Text.StartsWith("(theta)"));
    }

    [Fact]
    public async Task Captured_values_of_every_kind() => await CapturedValues(Difficulty.Medium);

    private async Task CapturedValues(Difficulty parameter)
    {
        await Selective(Quizzes.Find(q => q.Difficulty == parameter).ToListAsync(), q => q.Difficulty == parameter);
        await Selective(Quizzes.Find(q => q.Questions.Count >= StaticThreshold).ToListAsync(), q => q.Questions.Count >= StaticThreshold);
        await Selective(Quizzes.Find(q => q.Questions.Any(x => x.Points >= _minimumPoints)).ToListAsync(), q => q.Questions.Any(x => x.Points >= _minimumPoints));
        await Selective(Quizzes.Find(q => q.Level == PreferredLevel).ToListAsync(), q => q.Level == PreferredLevel);
        await Selective(Quizzes.Find(q => q.Level == PreferredLevel && q.MaxAttempts > _minimumPoints).ToListAsync(), q => q.Level == PreferredLevel && q.MaxAttempts > _minimumPoints);
        var holder = new Holder(new Inner("beta 1"));
        var sample = fixture.Documents[13];
        await Selective(Quizzes.Find(q => q.Title == sample.Title).ToListAsync(), q => q.Title == sample.Title);
        await Selective(Quizzes.Find(q => q.Author != null && q.Author.Name == sample.Author!.Name).ToListAsync(), q => q.Author != null && q.Author.Name == sample.Author!.Name);
        await Selective(Quizzes.Find(q => q.Id == fixture.Documents[3].Id).ToListAsync(), q => q.Id == fixture.Documents[3].Id);
        await Selective(Quizzes.Find(q => q.Tags.Contains(s_staticWords[1])).ToListAsync(), q => q.Tags.Contains(s_staticWords[1]));
        await Selective(Quizzes.Find(q => q.Title == holder.Inner.Title).ToListAsync(), q => q.Title == holder.Inner.Title);
        await Selective(Quizzes.Find(q => q.Title == holder.Inner.Title.Substring(0, 4) + " 1").ToListAsync(), q => q.Title == "beta 1");
        for (var i = 0; i < 3; i++)
        {
            var index = i;
            await Selective(Quizzes.Find(q => q.Questions.Count == index + 1 && q.Difficulty == parameter).ToListAsync(), q => q.Questions.Count == index + 1 && q.Difficulty == parameter);
        }
    }

    [Fact]
    public async Task Object_ids()
    {
        var id = fixture.Documents[10].Id;
        await Selective(Quizzes.Find(q => q.Id == id).ToListAsync(), q => q.Id == id);
        await Selective(Quizzes.Find(q => q.Id != id).ToListAsync(), q => q.Id != id);
        await Selective(Quizzes.Find(q => q.Id > id).ToListAsync(), q => q.Id > id);
        await Selective(Quizzes.Find(q => q.Id <= id).ToListAsync(), q => q.Id <= id);
        var ids = fixture.Documents.Take(5).Select(q => q.Id).ToArray();
        await Selective(Quizzes.Find(q => ids.Contains(q.Id)).ToListAsync(), q => ids.Contains(q.Id));
    }
}

internal sealed record Holder(Inner Inner);

internal sealed record Inner(string Title);

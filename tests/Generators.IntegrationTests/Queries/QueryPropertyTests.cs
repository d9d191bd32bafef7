using FsCheck;
using FsCheck.Fluent;
using OpenQuizz.Typed.Generators.IntegrationTests.Model;

namespace OpenQuizz.Typed.Generators.IntegrationTests.Queries;

/// <summary>Property tests: generated captured values (thresholds, texts with regex metacharacters, lists) give the server the same answer as LINQ.</summary>
public sealed class QueryPropertyTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private static readonly Config Configuration = Config.QuickThrowOnFailure
        .WithMaxTest(40)
        .WithReplay(new Replay(new Rnd(0x5EED_2026UL, 0x9E37_79B9_7F4A_7C15UL), null));

    private bool Same(List<Quiz> found, Func<Quiz, bool> expected) =>
        fixture.Documents.Where(expected).Select(q => q.Id).Order().SequenceEqual(found.Select(q => q.Id).Order());

    private bool SameReadings(List<Reading> found, Func<Reading, bool> expected) =>
        fixture.ReadingDocuments.Where(expected).Select(r => r.Id).Order().SequenceEqual(found.Select(r => r.Id).Order());

    private static Gen<string> Fragments() => Gen.OneOf(
        Gen.Elements("a", "ta", "(", ")", "(theta)", ".", "zeta.eta", "*", "iota*", " 1", "1", "eta", "Eps", "ALPHA", "\\", "^", "$", "[", "|", "+", "?", "{2}", ""),
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).Select(s => s!));

    [Fact]
    public void Captured_thresholds()
    {
        Prop.ForAll(Arb.From(Gen.Choose(-2, 12)), Arb.From(Gen.Choose(-1, 6)), (attempts, size) =>
            Same(fixture.Quizzes.Find(q => q.MaxAttempts >= attempts && q.Questions.Count < size).ToList(), q => q.MaxAttempts >= attempts && q.Questions.Count < size)
            && Same(fixture.Quizzes.Find(q => q.MaxAttempts < attempts || q.Questions.Count >= size).ToList(), q => q.MaxAttempts < attempts || q.Questions.Count >= size)
            && Same(fixture.Quizzes.Find(q => q.Questions.Any(x => x.Points == attempts)).ToList(), q => q.Questions.Any(x => x.Points == attempts))
            && Same(fixture.Quizzes.Find(q => q.MaxAttempts % 3 == attempts % 3).ToList(), q => q.MaxAttempts % 3 == attempts % 3)).Check(Configuration);
    }

    [Fact]
    public void Captured_texts_match_literally()
    {
        Prop.ForAll(Arb.From(Fragments()), text =>
            Same(fixture.Quizzes.Find(q => q.Title.StartsWith(text)).ToList(), q => q.Title.StartsWith(text, StringComparison.Ordinal))
            && Same(fixture.Quizzes.Find(q => q.Title.EndsWith(text)).ToList(), q => q.Title.EndsWith(text, StringComparison.Ordinal))
            && Same(fixture.Quizzes.Find(q => q.Title.Contains(text)).ToList(), q => q.Title.Contains(text))
            && Same(fixture.Quizzes.Find(q => q.Tags.Contains(text)).ToList(), q => q.Tags.Contains(text))
            && Same(fixture.Quizzes.Find(q => q.Title.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList(), q => q.Title.Contains(text, StringComparison.OrdinalIgnoreCase))).Check(Configuration);
    }

    [Fact]
    public void Captured_lists()
    {
        Prop.ForAll(Arb.From(Gen.ListOf(Gen.Choose(-1, 12))), values =>
        {
            var list = values.ToList();
            var nullable = values.Select(v => v < 0 ? (int?)null : v).ToHashSet();
            var levels = values.Select(v => (Difficulty)(Math.Abs(v) % 3)).ToArray();
            return Same(fixture.Quizzes.Find(q => q.MaxAttempts != null && list.Contains(q.MaxAttempts.Value)).ToList(), q => q.MaxAttempts != null && list.Contains(q.MaxAttempts.Value))
                && Same(fixture.Quizzes.Find(q => nullable.Contains(q.MaxAttempts)).ToList(), q => nullable.Contains(q.MaxAttempts))
                && Same(fixture.Quizzes.Find(q => levels.Contains(q.Level) && !levels.Contains(q.Difficulty)).ToList(), q => levels.Contains(q.Level) && !levels.Contains(q.Difficulty))
                && SameReadings(fixture.Readings.Find(r => r.Numbers.Any(n => list.Contains(n))).ToList(), r => r.Numbers.Any(n => list.Contains(n)));
        }).Check(Configuration);
    }

    [Fact]
    public void Captured_decimals_and_dates()
    {
        Prop.ForAll(Arb.From(Gen.Choose(-4000, 4000)), Arb.From(Gen.Choose(0, 1600)), (cents, days) =>
        {
            var price = cents / 100m;
            var at = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(days);
            var seen = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.FromHours(2)).AddDays(days / 40.0);
            return SameReadings(fixture.Readings.Find(r => r.Price >= price).ToList(), r => r.Price >= price)
                && SameReadings(fixture.Readings.Find(r => r.At < at || r.Until <= at).ToList(), r => r.At < at || r.Until <= at)
                && SameReadings(fixture.Readings.Find(r => r.SeenAt > seen).ToList(), r => r.SeenAt > seen)
                && SameReadings(fixture.Readings.Find(r => r.Amount == price).ToList(), r => r.Amount == price);
        }).Check(Configuration);
    }
}

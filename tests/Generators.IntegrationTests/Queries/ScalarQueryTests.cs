using MongoDB.Bson;
using OpenQuizz.Typed.Generators.IntegrationTests.Model;

namespace OpenQuizz.Typed.Generators.IntegrationTests.Queries;

/// <summary>Differential tests over <see cref="Reading"/>: decimal, DateTimeOffset, Guid, ObjectId and DateTime in their stored representations, deep member chains, arithmetic between fields.</summary>
public sealed class ScalarQueryTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private IMongoCollection<Reading> Readings => fixture.Readings;

    private async Task Same(Task<List<Reading>> found, Func<Reading, bool> expected, bool selective = true)
    {
        var count = fixture.ReadingDocuments.Count(expected);
        if (selective)
        {
            Assert.True(count > 0 && count < fixture.ReadingDocuments.Count, $"the query selects {count} of {fixture.ReadingDocuments.Count} documents");
        }

        Assert.Equal(fixture.ReadingDocuments.Where(expected).Select(r => r.Id).Order(), (await found).Select(r => r.Id).Order());
    }

    [Fact]
    public async Task Decimals_in_the_default_representation()
    {
        var threshold = 2.5m;
        await Same(Readings.Find(r => r.Amount == threshold).ToListAsync(), r => r.Amount == threshold);
        await Same(Readings.Find(r => r.Amount != threshold).ToListAsync(), r => r.Amount != threshold);
        await Same(Readings.Find(r => r.Amount == 5.001m).ToListAsync(), r => r.Amount == 5.001m);
    }

    [Fact]
    public async Task Decimals_stored_as_Decimal128_order_as_numbers()
    {
        var threshold = -9.5m;
        await Same(Readings.Find(r => r.Price > threshold).ToListAsync(), r => r.Price > threshold);
        await Same(Readings.Find(r => r.Price <= 12m).ToListAsync(), r => r.Price <= 12m);
        await Same(Readings.Find(r => r.Price == 33m).ToListAsync(), r => r.Price == 33m);
        await Same(Readings.Find(r => r.Price < 0).ToListAsync(), r => r.Price < 0);
    }

    [Fact]
    public async Task DateTimeOffsets()
    {
        var sample = fixture.ReadingDocuments[9];
        var seen = sample.Seen;
        await Same(Readings.Find(r => r.Seen == seen).ToListAsync(), r => r.Seen == seen);
        await Same(Readings.Find(r => r.Seen != seen).ToListAsync(), r => r.Seen != seen);

        // C# compares DateTimeOffsets by instant: the same instant in another offset is equal, and orders by instant.
        var elsewhere = seen.ToOffset(TimeSpan.FromHours(9));
        await Same(Readings.Find(r => r.Seen == elsewhere).ToListAsync(), r => r.Seen == elsewhere);
        await Same(Readings.Find(r => r.Seen != elsewhere).ToListAsync(), r => r.Seen != elsewhere);
        await Same(Readings.Find(r => r.Seen < elsewhere).ToListAsync(), r => r.Seen < elsewhere);
        await Same(Readings.Find(r => r.Seen >= elsewhere.AddMinutes(1)).ToListAsync(), r => r.Seen >= elsewhere.AddMinutes(1));
        await Same(Readings.Find(r => r.Seen > seen.AddDays(5) || r.Seen == seen).ToListAsync(), r => r.Seen > seen.AddDays(5) || r.Seen == seen);
        var instant = sample.SeenAt.ToOffset(TimeSpan.FromHours(5));
        await Same(Readings.Find(r => r.SeenAt == instant).ToListAsync(), r => r.SeenAt == instant);
        await Same(Readings.Find(r => r.SeenAt > instant).ToListAsync(), r => r.SeenAt > instant);
        await Same(Readings.Find(r => r.SeenAt <= instant.AddDays(4)).ToListAsync(), r => r.SeenAt <= instant.AddDays(4));
    }

    [Fact]
    public async Task Guids_in_both_representations()
    {
        var key = fixture.ReadingDocuments[5].Key;
        await Same(Readings.Find(r => r.Key == key).ToListAsync(), r => r.Key == key);
        await Same(Readings.Find(r => r.Key != key).ToListAsync(), r => r.Key != key);
        var code = fixture.ReadingDocuments[6].Code;
        await Same(Readings.Find(r => r.Code == code).ToListAsync(), r => r.Code == code);
        await Same(Readings.Find(r => r.Code.Equals(code)).ToListAsync(), r => r.Code.Equals(code));
        var codes = fixture.ReadingDocuments.Take(3).Select(r => r.Code).ToList();
        await Same(Readings.Find(r => codes.Contains(r.Code)).ToListAsync(), r => codes.Contains(r.Code));
        var keys = fixture.ReadingDocuments.Skip(3).Take(4).Select(r => r.Key).ToArray();
        await Same(Readings.Find(r => keys.Contains(r.Key)).ToListAsync(), r => keys.Contains(r.Key));
    }

    [Fact]
    public async Task ObjectIds()
    {
        var reference = fixture.ReadingDocuments[20].Ref;
        await Same(Readings.Find(r => r.Ref == reference).ToListAsync(), r => r.Ref == reference);
        await Same(Readings.Find(r => r.Ref < reference).ToListAsync(), r => r.Ref < reference);
        await Same(Readings.Find(r => r.Ref >= reference).ToListAsync(), r => r.Ref >= reference);
    }

    [Fact]
    public async Task DateTimes_and_nullable_DateTimes()
    {
        var cutoff = new DateTime(2021, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        await Same(Readings.Find(r => r.At < cutoff).ToListAsync(), r => r.At < cutoff);
        await Same(Readings.Find(r => r.At >= cutoff.AddMonths(6)).ToListAsync(), r => r.At >= cutoff.AddMonths(6));
        await Same(Readings.Find(r => r.Until > DateTime.UtcNow).ToListAsync(), r => r.Until > DateTime.UtcNow, selective: false);
        var until = new DateTime(2028, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await Same(Readings.Find(r => r.Until < until).ToListAsync(), r => r.Until < until);
        await Same(Readings.Find(r => r.Until == null).ToListAsync(), r => r.Until == null);
        await Same(Readings.Find(r => r.Until.HasValue && r.Until.Value >= until).ToListAsync(), r => r.Until.HasValue && r.Until.Value >= until);
        await Same(Readings.Find(r => r.Until != until).ToListAsync(), r => r.Until != until, selective: false);
        await Same(Readings.Find(r => r.Until > r.At).ToListAsync(), r => r.Until > r.At, selective: false);
    }

    [Fact]
    public async Task Numbers_of_other_widths()
    {
        await Same(Readings.Find(r => r.Big > 0).ToListAsync(), r => r.Big > 0);
        await Same(Readings.Find(r => r.Big <= -2_000_000_000L).ToListAsync(), r => r.Big <= -2_000_000_000L);
        await Same(Readings.Find(r => r.Ratio < 0.25).ToListAsync(), r => r.Ratio < 0.25);
        await Same(Readings.Find(r => r.Ratio > -0.5f).ToListAsync(), r => r.Ratio > -0.5f);
        await Same(Readings.Find(r => r.Low >= -3 && r.Low < 4).ToListAsync(), r => r.Low >= -3 && r.Low < 4);
        await Same(Readings.Find(r => r.Low % 2 == -1).ToListAsync(), r => r.Low % 2 == -1);
        await Same(Readings.Find(r => r.Active).ToListAsync(), r => r.Active);
        await Same(Readings.Find(r => !r.Active).ToListAsync(), r => !r.Active);
        await Same(Readings.Find(r => r.Active == false).ToListAsync(), r => r.Active == false);
        await Same(Readings.Find(r => r.Active != true && r.Low > 0).ToListAsync(), r => r.Active != true && r.Low > 0);
    }

    [Fact]
    public async Task Arithmetic_between_fields()
    {
        await Same(Readings.Find(r => r.Low < r.High).ToListAsync(), r => r.Low < r.High);
        await Same(Readings.Find(r => r.Low + r.High > 3).ToListAsync(), r => r.Low + r.High > 3);
        await Same(Readings.Find(r => r.Low - r.High >= 2).ToListAsync(), r => r.Low - r.High >= 2);
        await Same(Readings.Find(r => r.Low * 2 == r.High).ToListAsync(), r => r.Low * 2 == r.High, selective: false);
        await Same(Readings.Find(r => r.High / 3 == r.Low / 3).ToListAsync(), r => r.High / 3 == r.Low / 3);
        await Same(Readings.Find(r => -r.Low > r.High).ToListAsync(), r => -r.Low > r.High);
        await Same(Readings.Find(r => r.High % 3 == r.Low % 3).ToListAsync(), r => r.High % 3 == r.Low % 3);
        await Same(Readings.Find(r => r.Ratio * 10 > r.Low).ToListAsync(), r => r.Ratio * 10 > r.Low);
        await Same(Readings.Find(r => r.Price > r.Amount).ToListAsync(), r => r.Price > r.Amount);

        // Remainders of fractional values (the query operator $mod would truncate them first).
        await Same(Readings.Find(r => r.Price % 1 == 0.5m).ToListAsync(), r => r.Price % 1 == 0.5m);
        await Same(Readings.Find(r => r.Price % 1 != 0).ToListAsync(), r => r.Price % 1 != 0);
        await Same(Readings.Find(r => r.Ratio % 0.5 > 0.25).ToListAsync(), r => r.Ratio % 0.5 > 0.25);
        var offset = 2;
        await Same(Readings.Find(r => r.Low + offset > r.High).ToListAsync(), r => r.Low + offset > r.High);
        await Same(Readings.Find(r => r.Numbers.Length > r.Labels.Count).ToListAsync(), r => r.Numbers.Length > r.Labels.Count);
    }

    [Fact]
    public async Task Member_chains_three_levels_deep()
    {
        await Same(Readings.Find(r => r.Source != null && r.Source.Place.City == "Lyon").ToListAsync(), r => r.Source != null && r.Source.Place.City == "Lyon");
        await Same(Readings.Find(r => r.Source!.Place.Zip > 1020).ToListAsync(), r => r.Source != null && r.Source.Place.Zip > 1020);
        await Same(Readings.Find(r => r.Source!.Place.City.StartsWith("O")).ToListAsync(), r => r.Source != null && r.Source.Place.City.StartsWith("O"));
        await Same(Readings.Find(r => r.Source is { Country: "NO", Place: { Zip: < 1020 } }).ToListAsync(), r => r.Source is { Country: "NO", Place: { Zip: < 1020 } });
        await Same(Readings.Find(r => r.Source is { Place.City: "Rome" }).ToListAsync(), r => r.Source is { Place.City: "Rome" });
    }

    [Fact]
    public async Task Arrays_of_scalars_and_sets()
    {
        await Same(Readings.Find(r => r.Numbers.Contains(3)).ToListAsync(), r => r.Numbers.Contains(3));
        await Same(Readings.Find(r => r.Numbers.Any(n => n > 5 && n < 9)).ToListAsync(), r => r.Numbers.Any(n => n > 5 && n < 9));
        await Same(Readings.Find(r => r.Numbers.Any(n => n % 2 == 1)).ToListAsync(), r => r.Numbers.Any(n => n % 2 == 1));
        await Same(Readings.Find(r => r.Numbers.All(n => n < 8)).ToListAsync(), r => r.Numbers.All(n => n < 8));
        await Same(Readings.Find(r => r.Numbers.Length == 3).ToListAsync(), r => r.Numbers.Length == 3);
        await Same(Readings.Find(r => r.Numbers.Length > 3).ToListAsync(), r => r.Numbers.Length > 3);
        await Same(Readings.Find(r => r.Labels.Contains("Oslo")).ToListAsync(), r => r.Labels.Contains("Oslo"));
        await Same(Readings.Find(r => r.Labels.Count == 2).ToListAsync(), r => r.Labels.Count == 2);
        await Same(Readings.Find(r => r.Labels.Any(l => l.EndsWith("s"))).ToListAsync(), r => r.Labels.Any(l => l.EndsWith("s")));
        var wanted = 7;
        await Same(Readings.Find(r => r.Numbers.Contains(wanted)).ToListAsync(), r => r.Numbers.Contains(wanted));
        await Same(Readings.Find(r => r.Numbers.Any(n => n == wanted || n == 0)).ToListAsync(), r => r.Numbers.Any(n => n == wanted || n == 0));
        await Same(Readings.Find(r => r.Numbers.Contains(r.Low)).ToListAsync(), r => r.Numbers.Contains(r.Low));
        int[] someIds = [1, 5, 9, 33];
        await Same(Readings.Find(r => someIds.Contains(r.Id)).ToListAsync(), r => someIds.Contains(r.Id));
        await Same(Readings.Find(r => ((int[])[2, 4, 6]).Contains(r.Id)).ToListAsync(), r => ((int[])[2, 4, 6]).Contains(r.Id));
        ReadOnlySpan<int> span = [1, 2, 3];
        var spanIds = span.ToArray();
        await Same(Readings.Find(r => spanIds.AsSpan().Contains(r.Id)).ToListAsync(), r => spanIds.AsSpan().Contains(r.Id));
    }

    [Fact]
    public async Task Nullable_enums_and_guids()
    {
        await Same(Readings.Find(r => r.Grade == Difficulty.Hard).ToListAsync(), r => r.Grade == Difficulty.Hard);
        await Same(Readings.Find(r => r.Grade != Difficulty.Hard).ToListAsync(), r => r.Grade != Difficulty.Hard);
        await Same(Readings.Find(r => r.Grade == null).ToListAsync(), r => r.Grade == null);
        await Same(Readings.Find(r => r.Grade.HasValue && r.Grade.Value != Difficulty.Easy).ToListAsync(), r => r.Grade.HasValue && r.Grade.Value != Difficulty.Easy);
        var grades = new List<Difficulty?> { Difficulty.Medium, null };
        await Same(Readings.Find(r => grades.Contains(r.Grade)).ToListAsync(), r => grades.Contains(r.Grade));
        await Same(Readings.Find(r => r.Grade is Difficulty.Easy or null).ToListAsync(), r => r.Grade is Difficulty.Easy or null);
        await Same(Readings.Find(r => r.Rank > Difficulty.Easy).ToListAsync(), r => r.Rank > Difficulty.Easy);
        await Same(Readings.Find(r => r.Rank <= Difficulty.Medium).ToListAsync(), r => r.Rank <= Difficulty.Medium);
        var owner = fixture.ReadingDocuments[2].Owner!.Value;
        await Same(Readings.Find(r => r.Owner == owner).ToListAsync(), r => r.Owner == owner);
        await Same(Readings.Find(r => r.Owner != owner).ToListAsync(), r => r.Owner != owner);
        await Same(Readings.Find(r => r.Owner.HasValue && r.Owner.Value == owner).ToListAsync(), r => r.Owner.HasValue && r.Owner.Value == owner);
        await Same(Readings.Find(r => r.Owner == null).ToListAsync(), r => r.Owner == null);
        await Same(Readings.Find(r => r.Owner == r.Key).ToListAsync(), r => r.Owner == r.Key, selective: false);
    }

    [Fact]
    public async Task Durations_days_and_times()
    {
        var limit = TimeSpan.FromHours(20);
        await Same(Readings.Find(r => r.Duration < limit).ToListAsync(), r => r.Duration < limit);
        await Same(Readings.Find(r => r.Duration >= TimeSpan.Zero).ToListAsync(), r => r.Duration >= TimeSpan.Zero);
        var pause = TimeSpan.FromSeconds(90);
        await Same(Readings.Find(r => r.Pause == pause).ToListAsync(), r => r.Pause == pause);
        await Same(Readings.Find(r => r.Pause != pause).ToListAsync(), r => r.Pause != pause);
        var day = new DateOnly(2024, 3, 31);
        await Same(Readings.Find(r => r.Day > day).ToListAsync(), r => r.Day > day);
        await Same(Readings.Find(r => r.Day == day.AddDays(1)).ToListAsync(), r => r.Day == day.AddDays(1));
        var noon = new TimeOnly(12, 0);
        await Same(Readings.Find(r => r.Time <= noon).ToListAsync(), r => r.Time <= noon);
    }
}

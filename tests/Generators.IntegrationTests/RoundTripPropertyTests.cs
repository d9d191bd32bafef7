using MongoDB.Bson;
using FsCheck;
using FsCheck.Fluent;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Generators.IntegrationTests.Model;

namespace OpenQuizz.Typed.Generators.IntegrationTests;

/// <summary>decode(encode(x)) equals x for random instances of the rich model.</summary>
/// <remarks>
/// Records holding lists compare their lists by reference, so equality is checked as "encodes to the same bytes"
/// (encoding is injective on these models) plus direct record equality where the records are flat.
/// </remarks>
public class RoundTripPropertyTests
{
    private static readonly Config Configuration = Config.QuickThrowOnFailure
        .WithMaxTest(300)
        .WithEndSize(10)
        .WithReplay(new Replay(new Rnd(0x0DD_C0DE_2026UL, 0x9E37_79B9_7F4A_7C15UL), null));

    private static Gen<string> Text() =>
        Gen.OneOf(
            Gen.Elements("", "a", "héllo", "日本", "emoji 🎉", "quote \" and \\"),
            ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get).Where(s => !HasLoneSurrogate(s)));

    private static Gen<string?> MaybeText() => Gen.OneOf(Text().Select(s => (string?)s), Gen.Constant<string?>(null));

    private static Gen<Author> Authors() =>
        from name in Text()
        from email in MaybeText()
        from reputation in ArbMap.Default.GeneratorFor<int>()
        select new Author(name, email, reputation);

    private static Gen<Question> Questions() =>
        Gen.OneOf(
            from text in Text()
            from points in ArbMap.Default.GeneratorFor<int>()
            from choices in Gen.ArrayOf(Text())
            from answer in ArbMap.Default.GeneratorFor<int>()
            select (Question)new MultipleChoiceQuestion { Text = text, Points = points, Choices = choices, Answer = answer },
            from text in Text()
            from expected in MaybeText()
            select (Question)new OpenQuestion { Text = text, ExpectedAnswer = expected },
            from text in Text()
            from answer in ArbMap.Default.GeneratorFor<bool>()
            select (Question)new TrueFalseQuestion { Text = text, Answer = answer });

    private static Gen<Quiz> Quizzes() =>
        from id in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 12)
        from title in Text()
        from description in MaybeText()
        from difficulty in Gen.Elements(Difficulty.Easy, Difficulty.Medium, Difficulty.Hard)
        from level in Gen.Elements(Difficulty.Easy, Difficulty.Medium, Difficulty.Hard)
        from questions in Gen.ListOf(Questions())
        from tags in Gen.ArrayOf(Text())
        from scores in Gen.ListOf(Gen.Zip(Text(), ArbMap.Default.GeneratorFor<int>()))
        from ms in Gen.Choose(-1_000_000_000, 1_000_000_000)
        from author in Gen.OneOf(Authors().Select(a => (Author?)a), Gen.Constant<Author?>(null))
        from attempts in Gen.OneOf(ArbMap.Default.GeneratorFor<int>().Select(a => (int?)a), Gen.Constant<int?>(null))
        select new Quiz
        {
            Id = new ObjectId(id),
            Title = title,
            Description = description,
            Difficulty = difficulty,
            Level = level,
            Questions = [.. questions],
            Tags = tags,
            Scores = scores.DistinctBy(s => s.Item1).ToDictionary(s => s.Item1, s => s.Item2),
            CreatedAt = DateTime.UnixEpoch.AddMilliseconds(ms * 1000L),
            Author = author,
            MaxAttempts = attempts,
        };

    private static Gen<Scalars> ScalarValues() =>
        from b in ArbMap.Default.GeneratorFor<bool>()
        from i in ArbMap.Default.GeneratorFor<int>()
        from l in ArbMap.Default.GeneratorFor<long>()
        from d in ArbMap.Default.GeneratorFor<double>()
        from m in ArbMap.Default.GeneratorFor<decimal>()
        from s in Text()
        from g in ArbMap.Default.GeneratorFor<Guid>()
        from u in ArbMap.Default.GeneratorFor<ushort>()
        from n in Gen.OneOf(ArbMap.Default.GeneratorFor<int>().Select(v => (int?)v), Gen.Constant<int?>(null))
        from bytes in ArbMap.Default.GeneratorFor<byte[]>().Where(a => a is not null)
        select new Scalars
        {
            Boolean = b, Int32 = i, Int64 = l, Double = d, Decimal = m, String = s, Guid = g, UInt16 = u, NullableInt32 = n,
            Bytes = bytes, UInt32 = (uint)(i & int.MaxValue), UInt64 = (ulong)Math.Abs(l % long.MaxValue), Single = (float)d, Char = (char)u,
            TimeSpan = TimeSpan.FromTicks(l), NullableGuid = n is null ? null : g,
        };

    [Fact]
    public void Quiz_round_trips()
    {
        Prop.ForAll(Arb.From(Quizzes()), quiz =>
        {
            var bytes = BsonCodecs.Serialize(quiz);
            var decoded = BsonCodecs.Deserialize<Quiz>(bytes);
            return BsonCodecs.Serialize(decoded).AsSpan().SequenceEqual(bytes)
                && decoded.Title == quiz.Title
                && decoded.Author == quiz.Author
                && decoded.MaxAttempts == quiz.MaxAttempts
                && decoded.Questions.Count == quiz.Questions.Count
                && decoded.Questions.Zip(quiz.Questions).All(p => p.First.GetType() == p.Second.GetType())
                && decoded.CreatedAt == quiz.CreatedAt;
        }).Check(Configuration);
    }

    [Fact]
    public void Encoding_matches_the_document_object_model()
    {
        // Decoding the generated bytes with the DOM and re-encoding them gives the same bytes: the output is canonical BSON.
        Prop.ForAll(Arb.From(Quizzes()), quiz =>
        {
            var bytes = BsonCodecs.Serialize(quiz);
            return BsonDocument.FromBytes(bytes).ToBytes().AsSpan().SequenceEqual(bytes);
        }).Check(Configuration);
    }

    [Fact]
    public void Scalars_round_trip()
    {
        Prop.ForAll(Arb.From(ScalarValues()), value =>
        {
            var bytes = BsonCodecs.Serialize(value);
            var decoded = BsonCodecs.Deserialize<Scalars>(bytes);
            return BsonCodecs.Serialize(decoded).AsSpan().SequenceEqual(bytes)
                && decoded.Decimal == value.Decimal
                && decoded.Guid == value.Guid
                && decoded.String == value.String
                && decoded.Double.Equals(value.Double)
                && decoded.TimeSpan == value.TimeSpan;
        }).Check(Configuration);
    }

    [Fact]
    public void Flat_records_round_trip_to_equal_values()
    {
        Prop.ForAll(Arb.From(Authors()), author => BsonCodecs.Deserialize<Author>(BsonCodecs.Serialize(author)) == author).Check(Configuration);
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return s.Contains('\0');
    }
}

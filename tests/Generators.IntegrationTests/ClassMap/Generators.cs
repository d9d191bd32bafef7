using FsCheck;
using FsCheck.Fluent;
using MongoDB.Bson;
using OpenQuizz.Typed.Generators.IntegrationTests.ClassMap.Model;

namespace OpenQuizz.Typed.Generators.IntegrationTests.ClassMap;

/// <summary>FsCheck generators for the oracle model: whole value ranges, nulls, empty and nested collections.</summary>
internal static class Generators
{
    public static Gen<T> Any<T>() => ArbMap.Default.GeneratorFor<T>();

    public static Gen<T?> Maybe<T>(Gen<T> gen)
        where T : class => Gen.OneOf(gen.Select(v => (T?)v), Gen.Constant<T?>(null));

    public static Gen<T?> MaybeValue<T>(Gen<T> gen)
        where T : struct => Gen.OneOf(gen.Select(v => (T?)v), Gen.Constant<T?>(null));

    /// <summary>Any valid BSON string: no NUL, no lone surrogate (neither writer can encode those).</summary>
    public static Gen<string> Text() =>
        Gen.OneOf(
            Gen.Elements("", "a", "héllo", "日本", "emoji 🎉", "quote \" and \\"),
            Any<NonNull<string>>().Select(s => s.Get).Where(IsEncodable));

    /// <summary>Element names for dictionary keys and extra elements: non-empty, encodable, not starting with '$'.</summary>
    public static Gen<string> Key() => Text().Where(s => s.Length > 0 && s[0] != '$' && !s.Contains('.'));

    public static Gen<(T1, T2, T3)> Zip3<T1, T2, T3>(Gen<T1> a, Gen<T2> b, Gen<T3> c) =>
        from x in a
        from y in b
        from z in c
        select (x, y, z);

    public static Gen<ObjectId> ObjectIds() => Gen.ArrayOf(Any<byte>(), 12).Select(b => new ObjectId(b));

    /// <summary>Instants in BSON's millisecond resolution plus sub-millisecond ticks (both sides truncate), UTC.</summary>
    public static Gen<DateTime> Instants() =>
        from ms in Gen.Choose(-2_000_000, 2_000_000)
        from scale in Gen.Elements(1L, 1_000L, 1_000_000L)
        from ticks in Gen.Choose(0, 9_999)
        let epochMs = Math.Clamp(ms * scale, -62_135_596_800_000L, 253_402_300_799_000L)
        select DateTime.UnixEpoch.AddMilliseconds(epochMs).AddTicks(epochMs > -62_135_596_800_000L ? (epochMs >= 0 ? ticks : -ticks) : 0);

    public static Gen<DateTimeOffset> Stamps() =>
        from instant in Instants()
        from minutes in Gen.Choose(-14 * 60, 14 * 60)
        let offset = TimeSpan.FromMinutes(minutes)
        where instant.Ticks + offset.Ticks is > 0 and < 3155378975999999999
        select new DateTimeOffset(instant.Ticks + offset.Ticks, offset);

    public static Gen<Guid> Guids() => Gen.ArrayOf(Any<byte>(), 16).Select(b => new Guid(b));

    /// <summary>Decimals, including scales and the extremes (which MongoDB.Bson maps to Decimal128's).</summary>
    public static Gen<decimal> Decimals() =>
        Gen.OneOf(Any<decimal>(), Gen.Elements(0m, -0.0m, 1.10m, decimal.MaxValue, decimal.MinValue, 79228162514264337593543950334m, -0.0000000000000000000000000001m));

    /// <summary>Floats, including NaN, infinities and the extremes (which MongoDB.Bson maps to double's).</summary>
    public static Gen<float> Singles() =>
        Gen.OneOf(Any<float>(), Gen.Elements(float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, -0f, float.MaxValue, float.MinValue));

    public static Gen<BsonDocument> Documents(Gen<string> names) =>
        Gen.ListOf(Gen.Zip(names, Gen.OneOf(
                Any<int>().Select(i => (BsonValue)i),
                Text().Select(s => (BsonValue)s),
                Any<bool>().Select(b => (BsonValue)b),
                Gen.Constant((BsonValue)BsonNull.Value))))
            .Select(pairs =>
            {
                var document = new BsonDocument();
                foreach (var (name, value) in pairs)
                {
                    document[name] = value;
                }

                return document;
            });

    public static bool IsEncodable(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return false;
            }
        }

        return !s.Contains('\0');
    }
}

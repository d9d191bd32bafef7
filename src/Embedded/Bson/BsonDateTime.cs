using System.Diagnostics.CodeAnalysis;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>
/// A BSON UTC datetime: signed milliseconds since the Unix epoch. The whole Int64 range is kept, including
/// instants that <see cref="DateTime"/> cannot represent.
/// </summary>
internal sealed class BsonDateTime : BsonValue
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    public BsonDateTime(long millisecondsSinceEpoch) => MillisecondsSinceEpoch = millisecondsSinceEpoch;

    /// <summary>
    /// Converts <paramref name="value"/> to UTC milliseconds: a local time is converted to UTC, an unspecified
    /// kind is taken as UTC, and ticks below a millisecond are dropped (rounding toward the past).
    /// </summary>
    public BsonDateTime(DateTime value) => MillisecondsSinceEpoch = ToMillisecondsSinceEpoch(value);

    public BsonDateTime(DateTimeOffset value) => MillisecondsSinceEpoch = value.ToUnixTimeMilliseconds();

    public long MillisecondsSinceEpoch { get; }

    public override BsonType BsonType => BsonType.DateTime;

    /// <summary>Whether <see cref="ToUniversalTime"/> can represent this instant.</summary>
    public bool IsValidDateTime =>
        MillisecondsSinceEpoch >= (DateTime.MinValue.Ticks - UnixEpochTicks) / TimeSpan.TicksPerMillisecond &&
        MillisecondsSinceEpoch <= (DateTime.MaxValue.Ticks - UnixEpochTicks) / TimeSpan.TicksPerMillisecond;

    /// <summary>The instant as a UTC <see cref="DateTime"/>.</summary>
    /// <exception cref="OverflowException">The instant is outside the years 1 to 9999.</exception>
    public DateTime ToUniversalTime()
    {
        if (!IsValidDateTime)
        {
            throw new OverflowException($"The BSON datetime {MillisecondsSinceEpoch} ms since the epoch is outside the range of System.DateTime.");
        }

        return new DateTime(UnixEpochTicks + MillisecondsSinceEpoch * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    /// <summary>Converts a <see cref="DateTime"/> to UTC milliseconds since the epoch as <see cref="BsonDateTime(DateTime)"/> does.</summary>
    public static long ToMillisecondsSinceEpoch(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return Math.DivRem(utc.Ticks - UnixEpochTicks, TimeSpan.TicksPerMillisecond, out var remainder) - (remainder < 0 ? 1 : 0);
    }

    public override bool Equals([NotNullWhen(true)] BsonValue? other) => other is BsonDateTime d && d.MillisecondsSinceEpoch == MillisecondsSinceEpoch;

    public override int GetHashCode() => Hash(BsonType, MillisecondsSinceEpoch);
}

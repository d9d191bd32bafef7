using System.Runtime.CompilerServices;

namespace OpenQuizz.Typed.Bson;

/// <summary>Conversions between <see cref="DateTime"/> and BSON's milliseconds since the Unix epoch.</summary>
public static class BsonTime
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    /// <summary>
    /// Milliseconds since the epoch, rounded toward negative infinity as MongoDB.Bson does: a local time is converted
    /// to UTC, an unspecified one taken as UTC.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ToMillisecondsSinceEpoch(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return Math.DivRem(utc.Ticks - UnixEpochTicks, TimeSpan.TicksPerMillisecond, out var remainder) - (remainder < 0 ? 1 : 0);
    }
}

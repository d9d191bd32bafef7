namespace OpenQuizz.Typed.Topology;

/// <summary>The server selection specification's round trip time average: an exponentially weighted moving average.</summary>
internal static class RoundTripTimeAverage
{
    /// <summary>The weight of a new sample.</summary>
    public const double Alpha = 0.2;

    /// <summary>Returns the new average: the sample itself when there is no previous average.</summary>
    public static TimeSpan Next(TimeSpan? previous, TimeSpan sample) =>
        previous is { } average ? TimeSpan.FromTicks((long)Math.Round((Alpha * sample.Ticks) + ((1 - Alpha) * average.Ticks))) : sample;
}

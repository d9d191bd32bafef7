using OpenQuizz.Typed.Selection;
using OpenQuizz.Typed.Topology;
using static OpenQuizz.Typed.Tests.Topology.TopologyTestData;

namespace OpenQuizz.Typed.Tests.Selection;

/// <summary>
/// Max-staleness spec rules for every read preference mode: no maximum with primary; otherwise a maximum must be
/// positive (or -1/none), and at selection at least the larger of 90 s and heartbeatFrequencyMS + 10 s.
/// </summary>
public sealed class MaxStalenessRuleTests
{
    public static TheoryData<ReadPreferenceMode> NonPrimaryModes =>
        [ReadPreferenceMode.PrimaryPreferred, ReadPreferenceMode.Secondary, ReadPreferenceMode.SecondaryPreferred, ReadPreferenceMode.Nearest];

    private static TopologyDescription Topology(int heartbeatSeconds) =>
        TopologyDescription.CreateInitial([A, B], TopologyType.ReplicaSetNoPrimary, "rs", TimeSpan.FromSeconds(heartbeatSeconds));

    [Fact]
    public void Primary_refuses_a_maximum_staleness_but_accepts_none()
    {
        Assert.Throws<ArgumentException>(() => new ReadPreference(ReadPreferenceMode.Primary, maxStaleness: TimeSpan.FromSeconds(120)));
        Assert.Null(new ReadPreference(ReadPreferenceMode.Primary, maxStaleness: TimeSpan.FromSeconds(-1)).MaxStaleness);
        MaxStalenessRules.Validate(Topology(10), ReadPreference.Primary);
    }

    [Theory]
    [MemberData(nameof(NonPrimaryModes))]
    public void Every_other_mode_takes_a_positive_maximum_or_none(ReadPreferenceMode mode)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReadPreference(mode, maxStaleness: TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReadPreference(mode, maxStaleness: TimeSpan.FromSeconds(-5)));
        Assert.Null(new ReadPreference(mode, maxStaleness: TimeSpan.FromSeconds(-1)).MaxStaleness);
        Assert.Equal(TimeSpan.FromSeconds(90), new ReadPreference(mode, maxStaleness: TimeSpan.FromSeconds(90)).MaxStaleness);
    }

    [Theory]
    [MemberData(nameof(NonPrimaryModes))]
    public void Every_other_mode_needs_at_least_90_seconds(ReadPreferenceMode mode)
    {
        Assert.Throws<MongoConfigurationException>(() => MaxStalenessRules.Validate(Topology(10), new ReadPreference(mode, maxStaleness: TimeSpan.FromSeconds(89))));
        MaxStalenessRules.Validate(Topology(10), new ReadPreference(mode, maxStaleness: TimeSpan.FromSeconds(90)));
    }

    [Theory]
    [MemberData(nameof(NonPrimaryModes))]
    public void A_slow_heartbeat_raises_the_minimum_to_the_heartbeat_plus_the_idle_write_period(ReadPreferenceMode mode)
    {
        Assert.Throws<MongoConfigurationException>(() => MaxStalenessRules.Validate(Topology(100), new ReadPreference(mode, maxStaleness: TimeSpan.FromSeconds(109))));
        MaxStalenessRules.Validate(Topology(100), new ReadPreference(mode, maxStaleness: TimeSpan.FromSeconds(110)));
    }
}

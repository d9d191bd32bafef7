namespace OpenQuizz.Typed;

/// <summary>An immutable read preference: the mode, optional tag sets, maximum staleness and hedge option.</summary>
public sealed class ReadPreference : IEquatable<ReadPreference>
{
    private static readonly TimeSpan NoMaxStaleness = TimeSpan.FromSeconds(-1);

    /// <summary>Creates a read preference.</summary>
    /// <param name="mode">Which members may serve reads.</param>
    /// <param name="tagSets">Tag sets tried in order; not allowed with <see cref="ReadPreferenceMode.Primary"/>.</param>
    /// <param name="maxStaleness">
    /// The maximum replication lag of an eligible secondary; null, -1 second or <see cref="Timeout.InfiniteTimeSpan"/>
    /// mean no maximum (as <c>maxStalenessSeconds=-1</c> does). Not allowed with primary.
    /// </param>
    /// <param name="hedge">The hedged-read option; not allowed with primary.</param>
    /// <exception cref="ArgumentException">Tags, a maximum staleness or a hedge are given with <see cref="ReadPreferenceMode.Primary"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxStaleness"/> is zero or negative.</exception>
    public ReadPreference(
        ReadPreferenceMode mode,
        IEnumerable<TagSet>? tagSets = null,
        TimeSpan? maxStaleness = null,
        ReadPreferenceHedge? hedge = null)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown read preference mode.");
        }

        TagSet[] tags = tagSets is null ? [] : [.. tagSets];
        if (Array.IndexOf(tags, null) >= 0)
        {
            throw new ArgumentException("A tag set cannot be null.", nameof(tagSets));
        }

        if (maxStaleness == NoMaxStaleness || maxStaleness == Timeout.InfiniteTimeSpan)
        {
            maxStaleness = null;
        }

        if (maxStaleness is { } staleness && staleness <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxStaleness), staleness, "The maximum staleness must be positive; use null for no maximum.");
        }

        if (mode == ReadPreferenceMode.Primary)
        {
            if (tags.Length > 0)
            {
                throw new ArgumentException("Tag sets cannot be combined with the primary read preference.", nameof(tagSets));
            }

            if (maxStaleness is not null)
            {
                throw new ArgumentException("A maximum staleness cannot be combined with the primary read preference.", nameof(maxStaleness));
            }

            if (hedge is not null)
            {
                throw new ArgumentException("Hedged reads cannot be combined with the primary read preference.", nameof(hedge));
            }
        }

        Mode = mode;
        TagSets = tags;
        MaxStaleness = maxStaleness;
        Hedge = hedge;
    }

    /// <summary>Read from the primary only.</summary>
    public static ReadPreference Primary { get; } = new(ReadPreferenceMode.Primary);

    /// <summary>Read from the primary, or a secondary when no primary is available.</summary>
    public static ReadPreference PrimaryPreferred { get; } = new(ReadPreferenceMode.PrimaryPreferred);

    /// <summary>Read from secondaries only.</summary>
    public static ReadPreference Secondary { get; } = new(ReadPreferenceMode.Secondary);

    /// <summary>Read from a secondary, or the primary when no secondary is available.</summary>
    public static ReadPreference SecondaryPreferred { get; } = new(ReadPreferenceMode.SecondaryPreferred);

    /// <summary>Read from any member in the latency window.</summary>
    public static ReadPreference Nearest { get; } = new(ReadPreferenceMode.Nearest);

    /// <summary>Which members may serve reads.</summary>
    public ReadPreferenceMode Mode { get; }

    /// <summary>The tag sets, tried in order until one matches a suitable server; empty when none.</summary>
    public IReadOnlyList<TagSet> TagSets { get; }

    /// <summary>The maximum replication lag of an eligible secondary; null when there is no maximum.</summary>
    public TimeSpan? MaxStaleness { get; }

    /// <summary>The hedged-read option; null when not specified.</summary>
    public ReadPreferenceHedge? Hedge { get; }

    /// <summary>Returns a copy with another mode (the other options are kept and must suit the mode).</summary>
    public ReadPreference WithMode(ReadPreferenceMode mode) => new(mode, TagSets, MaxStaleness, Hedge);

    /// <summary>Returns a copy with other tag sets.</summary>
    public ReadPreference WithTagSets(IEnumerable<TagSet>? tagSets) => new(Mode, tagSets, MaxStaleness, Hedge);

    /// <summary>Returns a copy with another maximum staleness (null: no maximum).</summary>
    public ReadPreference WithMaxStaleness(TimeSpan? maxStaleness) => new(Mode, TagSets, maxStaleness, Hedge);

    /// <summary>Returns a copy with another hedge option.</summary>
    public ReadPreference WithHedge(ReadPreferenceHedge? hedge) => new(Mode, TagSets, MaxStaleness, hedge);

    /// <inheritdoc/>
    public bool Equals(ReadPreference? other) =>
        other is not null
        && other.Mode == Mode
        && other.MaxStaleness == MaxStaleness
        && Equals(other.Hedge, Hedge)
        && other.TagSets.SequenceEqual(TagSets);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ReadPreference);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Mode, MaxStaleness, Hedge, TagSets.Count);

    /// <summary>Returns the mode in connection-string form, followed by any tags, staleness and hedge.</summary>
    public override string ToString()
    {
        var text = ModeName(Mode);
        var extras = new List<string>(3);
        if (TagSets.Count > 0)
        {
            extras.Add("tags: [" + string.Join(", ", TagSets) + "]");
        }

        if (MaxStaleness is { } staleness)
        {
            extras.Add($"maxStaleness: {staleness.TotalSeconds}s");
        }

        if (Hedge is not null)
        {
            extras.Add($"hedge: {Hedge}");
        }

        return extras.Count == 0 ? text : $"{text} ({string.Join(", ", extras)})";
    }

    /// <summary>The connection-string spelling of a mode, such as <c>primaryPreferred</c>.</summary>
    public static string ModeName(ReadPreferenceMode mode) => mode switch
    {
        ReadPreferenceMode.Primary => "primary",
        ReadPreferenceMode.PrimaryPreferred => "primaryPreferred",
        ReadPreferenceMode.Secondary => "secondary",
        ReadPreferenceMode.SecondaryPreferred => "secondaryPreferred",
        ReadPreferenceMode.Nearest => "nearest",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown read preference mode."),
    };
}

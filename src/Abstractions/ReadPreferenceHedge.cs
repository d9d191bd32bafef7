namespace OpenQuizz.Typed;

/// <summary>The hedged-read option of a non-primary read preference (deprecated by MongoDB 8.0, kept for older sharded clusters).</summary>
public sealed class ReadPreferenceHedge : IEquatable<ReadPreferenceHedge>
{
    /// <summary>Creates a hedge option.</summary>
    public ReadPreferenceHedge(bool enabled) => Enabled = enabled;

    /// <summary>Whether mongos may send hedged reads to two members.</summary>
    public bool Enabled { get; }

    /// <inheritdoc/>
    public bool Equals(ReadPreferenceHedge? other) => other is not null && other.Enabled == Enabled;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ReadPreferenceHedge);

    /// <inheritdoc/>
    public override int GetHashCode() => Enabled.GetHashCode();

    /// <summary>Returns the hedge as <c>{ enabled: true|false }</c>.</summary>
    public override string ToString() => Enabled ? "{ enabled: true }" : "{ enabled: false }";
}

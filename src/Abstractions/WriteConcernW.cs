using System.Globalization;

namespace OpenQuizz.Typed;

/// <summary>The <c>w</c> field of a write concern: a number of members, <c>"majority"</c>, or a custom tag-set name.</summary>
public readonly struct WriteConcernW : IEquatable<WriteConcernW>
{
    private const string MajorityMode = "majority";

    private readonly string? _mode;
    private readonly int _count;

    private WriteConcernW(int count, string? mode)
    {
        _count = count;
        _mode = mode;
    }

    /// <summary>Acknowledgement by a majority of the voting members.</summary>
    public static WriteConcernW Majority { get; } = new(0, MajorityMode);

    /// <summary>The number of members that must acknowledge, or null when <see cref="Mode"/> is set.</summary>
    public int? Count => _mode is null ? _count : null;

    /// <summary>The mode (<c>"majority"</c> or a custom tag-set name), or null when <see cref="Count"/> is set.</summary>
    public string? Mode => _mode;

    /// <summary>True for <c>w: "majority"</c>.</summary>
    public bool IsMajority => _mode == MajorityMode;

    /// <summary>Acknowledgement by <paramref name="count"/> members; 0 means unacknowledged.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static WriteConcernW Members(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new WriteConcernW(count, null);
    }

    /// <summary>Acknowledgement according to a mode: <c>"majority"</c> or a custom write-concern tag-set name.</summary>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is empty.</exception>
    public static WriteConcernW FromMode(string mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(mode);
        return new WriteConcernW(0, mode);
    }

    /// <summary>Converts a member count.</summary>
    public static implicit operator WriteConcernW(int count) => Members(count);

    /// <summary>Converts a mode name.</summary>
    public static implicit operator WriteConcernW(string mode) => FromMode(mode);

    /// <inheritdoc/>
    public bool Equals(WriteConcernW other) => _count == other._count && string.Equals(_mode, other._mode, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is WriteConcernW other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _mode is null ? _count : StringComparer.Ordinal.GetHashCode(_mode);

    /// <summary>Returns the count or the mode.</summary>
    public override string ToString() => _mode ?? _count.ToString(CultureInfo.InvariantCulture);

    /// <summary>Equality.</summary>
    public static bool operator ==(WriteConcernW left, WriteConcernW right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(WriteConcernW left, WriteConcernW right) => !left.Equals(right);
}

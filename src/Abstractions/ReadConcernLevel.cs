namespace OpenQuizz.Typed;

/// <summary>A read concern level; the known levels are provided, and any other string is kept as-is for newer servers.</summary>
public readonly struct ReadConcernLevel : IEquatable<ReadConcernLevel>
{
    private readonly string? _value;

    /// <summary>Creates a level from its server spelling, such as <c>majority</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty.</exception>
    public ReadConcernLevel(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    /// <summary><c>local</c>: the member's most recent data.</summary>
    public static ReadConcernLevel Local { get; } = new("local");

    /// <summary><c>majority</c>: data acknowledged by a majority.</summary>
    public static ReadConcernLevel Majority { get; } = new("majority");

    /// <summary><c>linearizable</c>: majority-acknowledged data that reflects all prior majority writes.</summary>
    public static ReadConcernLevel Linearizable { get; } = new("linearizable");

    /// <summary><c>available</c>: the member's data with no guarantee (sharded collections may return orphans).</summary>
    public static ReadConcernLevel Available { get; } = new("available");

    /// <summary><c>snapshot</c>: data from one majority-committed point in time.</summary>
    public static ReadConcernLevel Snapshot { get; } = new("snapshot");

    /// <summary>The level as sent to the server (empty for a default-initialized value).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>True for the five levels this client knows.</summary>
    public bool IsKnown => Value is "local" or "majority" or "linearizable" or "available" or "snapshot";

    /// <inheritdoc/>
    public bool Equals(ReadConcernLevel other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ReadConcernLevel other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns <see cref="Value"/>.</summary>
    public override string ToString() => Value;

    /// <summary>Equality.</summary>
    public static bool operator ==(ReadConcernLevel left, ReadConcernLevel right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(ReadConcernLevel left, ReadConcernLevel right) => !left.Equals(right);
}

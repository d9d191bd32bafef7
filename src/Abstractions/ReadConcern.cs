namespace OpenQuizz.Typed;

/// <summary>An immutable read concern: the consistency and isolation level of reads.</summary>
public sealed class ReadConcern : IEquatable<ReadConcern>
{
    /// <summary>Creates a read concern; a null level leaves the level to the server.</summary>
    public ReadConcern(ReadConcernLevel? level = null) => Level = level;

    /// <summary>The server's default read concern (no field sent).</summary>
    public static ReadConcern ServerDefault { get; } = new();

    /// <summary>The <c>local</c> read concern.</summary>
    public static ReadConcern Local { get; } = new(ReadConcernLevel.Local);

    /// <summary>The <c>majority</c> read concern.</summary>
    public static ReadConcern Majority { get; } = new(ReadConcernLevel.Majority);

    /// <summary>The <c>linearizable</c> read concern.</summary>
    public static ReadConcern Linearizable { get; } = new(ReadConcernLevel.Linearizable);

    /// <summary>The <c>available</c> read concern.</summary>
    public static ReadConcern Available { get; } = new(ReadConcernLevel.Available);

    /// <summary>The <c>snapshot</c> read concern.</summary>
    public static ReadConcern Snapshot { get; } = new(ReadConcernLevel.Snapshot);

    /// <summary>The level; null leaves it to the server.</summary>
    public ReadConcernLevel? Level { get; }

    /// <summary>True when no level is set, so nothing is sent.</summary>
    public bool IsServerDefault => Level is null;

    /// <inheritdoc/>
    public bool Equals(ReadConcern? other) => other is not null && Nullable.Equals(other.Level, Level);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ReadConcern);

    /// <inheritdoc/>
    public override int GetHashCode() => Level.GetHashCode();

    /// <summary>Returns the command form, such as <c>{ level: majority }</c>.</summary>
    public override string ToString() => Level is { } level ? $"{{ level: {level} }}" : "{ }";
}

using System.Globalization;

namespace OpenQuizz.Typed;

/// <summary>An immutable write concern: how many members must acknowledge a write, whether it must be journaled, and for how long to wait.</summary>
public sealed class WriteConcern : IEquatable<WriteConcern>
{
    /// <summary>Creates a write concern; every field left null is taken from the server's default.</summary>
    /// <param name="w">The acknowledgement requirement.</param>
    /// <param name="wTimeout">How long the server waits for the acknowledgement (deprecated in favour of client-side timeouts).</param>
    /// <param name="journal">Whether the write must reach the on-disk journal.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="wTimeout"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="journal"/> is true while <paramref name="w"/> is 0.</exception>
    public WriteConcern(WriteConcernW? w = null, TimeSpan? wTimeout = null, bool? journal = null)
    {
        if (wTimeout is { } timeout && timeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(wTimeout), timeout, "The write concern timeout cannot be negative.");
        }

        if (w?.Count == 0 && journal == true)
        {
            throw new ArgumentException("An unacknowledged write concern (w: 0) cannot require journaling (j: true).", nameof(journal));
        }

        W = w;
        WTimeout = wTimeout;
        Journal = journal;
    }

    /// <summary>The server's default write concern (no field sent); writes are acknowledged.</summary>
    public static WriteConcern Acknowledged { get; } = new();

    /// <summary>Unacknowledged writes (<c>w: 0</c>).</summary>
    public static WriteConcern Unacknowledged { get; } = new(WriteConcernW.Members(0));

    /// <summary>Acknowledgement by a majority of the voting members (<c>w: "majority"</c>).</summary>
    public static WriteConcern WMajority { get; } = new(WriteConcernW.Majority);

    /// <summary>The acknowledgement requirement; null leaves it to the server.</summary>
    public WriteConcernW? W { get; }

    /// <summary>How long the server waits for the acknowledgement; null leaves it to the server.</summary>
    public TimeSpan? WTimeout { get; }

    /// <summary>Whether the write must be journaled; null leaves it to the server.</summary>
    public bool? Journal { get; }

    /// <summary>False only for <c>w: 0</c> without journaling, where the server sends no reply.</summary>
    public bool IsAcknowledged => W?.Count != 0 || Journal == true;

    /// <summary>True when no field is set, so the server's default applies and nothing is sent.</summary>
    public bool IsServerDefault => W is null && WTimeout is null && Journal is null;

    /// <summary>Returns a copy with another <c>w</c>.</summary>
    public WriteConcern WithW(WriteConcernW? w) => new(w, WTimeout, Journal);

    /// <summary>Returns a copy with another timeout.</summary>
    public WriteConcern WithWTimeout(TimeSpan? wTimeout) => new(W, wTimeout, Journal);

    /// <summary>Returns a copy with another journal requirement.</summary>
    public WriteConcern WithJournal(bool? journal) => new(W, WTimeout, journal);

    /// <inheritdoc/>
    public bool Equals(WriteConcern? other) =>
        other is not null && Nullable.Equals(other.W, W) && other.WTimeout == WTimeout && other.Journal == Journal;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as WriteConcern);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(W, WTimeout, Journal);

    /// <summary>Returns the command form, such as <c>{ w: majority, j: true, wtimeout: 500 }</c>.</summary>
    public override string ToString()
    {
        var fields = new List<string>(3);
        if (W is { } w)
        {
            fields.Add($"w: {w}");
        }

        if (Journal is { } journal)
        {
            fields.Add(journal ? "j: true" : "j: false");
        }

        if (WTimeout is { } timeout)
        {
            fields.Add("wtimeout: " + ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        }

        return fields.Count == 0 ? "{ }" : "{ " + string.Join(", ", fields) + " }";
    }
}

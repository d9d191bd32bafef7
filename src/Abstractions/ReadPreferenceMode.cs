namespace OpenQuizz.Typed;

/// <summary>Which members of a deployment a read may be sent to (the <c>readPreference</c> option).</summary>
public enum ReadPreferenceMode
{
    /// <summary>Only the primary; the default.</summary>
    Primary,

    /// <summary>The primary when available, otherwise a suitable secondary.</summary>
    PrimaryPreferred,

    /// <summary>Only suitable secondaries.</summary>
    Secondary,

    /// <summary>A suitable secondary when available, otherwise the primary.</summary>
    SecondaryPreferred,

    /// <summary>Any suitable member within the latency window, primary or secondary.</summary>
    Nearest,
}

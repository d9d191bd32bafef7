namespace OpenQuizz.Typed;

/// <summary>How servers are monitored (the <c>serverMonitoringMode</c> option).</summary>
public enum ServerMonitoringMode
{
    /// <summary>Streaming where the environment allows it (not on FaaS platforms), polling otherwise; the default.</summary>
    Auto,

    /// <summary>The streaming protocol (awaitable hello) with a separate round-trip-time monitor.</summary>
    Stream,

    /// <summary>Periodic hello commands.</summary>
    Poll,
}

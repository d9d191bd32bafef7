using OpenQuizz.Typed.Sessions;

namespace OpenQuizz.Typed.Operations;

/// <summary>
/// What one execution of an operation runs with, every value already resolved (operation &gt; collection &gt; database
/// &gt; client) by the public type that built it. Null values mean the server's default.
/// </summary>
internal sealed record OperationSettings
{
    /// <summary>Primary, server-default concerns, an implicit session.</summary>
    public static OperationSettings Default { get; } = new();

    /// <summary>Selects the server of a read (operations with <see cref="OperationTraits.Read"/>); primary when null.</summary>
    public ReadPreference? ReadPreference { get; init; }

    /// <summary>The read concern, appended when the operation supports one.</summary>
    public ReadConcern? ReadConcern { get; init; }

    /// <summary>The write concern, appended when the operation supports one; <c>w: 0</c> sends the command unacknowledged.</summary>
    public WriteConcern? WriteConcern { get; init; }

    /// <summary>
    /// A session owned by the caller (a cursor continuing with its implicit session): the executor uses it and neither
    /// acquires nor releases one. Null lets the executor use an implicit session of its own.
    /// </summary>
    public ServerSession? Session { get; init; }

    /// <summary>The server the operation must run on (getMore and killCursors run where their cursor lives).</summary>
    public MongoServerAddress? Server { get; init; }

    /// <summary>Overrides the client's <c>retryReads</c>/<c>retryWrites</c> with false (endSessions, killCursors).</summary>
    public bool DisableRetries { get; init; }

    /// <summary>The operation's <c>rawData</c> option (<see cref="IRawDataOptions"/>); sent only to servers that know it.</summary>
    public bool RawData { get; init; }

    /// <summary>Whether <paramref name="options"/> asks for <c>rawData</c>.</summary>
    public static bool WantsRawData(OperationOptions? options) => options is IRawDataOptions { RawData: true };
}

/// <summary>The client settings the executor applies to every operation.</summary>
/// <param name="RetryReads">The client's <c>retryReads</c>.</param>
/// <param name="RetryWrites">The client's <c>retryWrites</c>.</param>
/// <param name="LocalThreshold">The latency window of server selection.</param>
internal sealed record ExecutorSettings(bool RetryReads, bool RetryWrites, TimeSpan LocalThreshold);

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// Settings every operation accepts. A value set here overrides the collection's, which overrides the database's,
/// which overrides the client's; null means "inherit".
/// </summary>
public record OperationOptions
{
    private readonly IClientSession? _session;

    /// <summary>
    /// The session to run in (and its transaction, if one is open); null runs in an implicit session. Explicit sessions
    /// are not built yet: setting one throws <see cref="NotSupportedException"/> rather than being ignored.
    /// </summary>
    /// <exception cref="NotSupportedException">A non-null session is set.</exception>
    public IClientSession? Session
    {
        get => _session;
        init => _session = value is null
            ? null
            : throw new NotSupportedException("Explicit sessions are not built yet: operations run in implicit sessions; leave Session unset.");
    }

    /// <summary>A comment attached to the command, visible in the profiler, <c>currentOp</c> and the server log.</summary>
    public BsonValue? Comment { get; init; }

    private readonly TimeSpan? _timeout;

    /// <summary>
    /// The time the whole operation may take, retries and server selection included (the client-side operation
    /// timeout, <c>timeoutMS</c>). Not built yet: setting a value throws <see cref="NotSupportedException"/>, so no
    /// caller believes it is enforced; until then use <c>MaxTime</c> on the operation and the client's timeouts.
    /// </summary>
    /// <exception cref="NotSupportedException">A non-null value is set.</exception>
    public TimeSpan? Timeout
    {
        get => _timeout;
        init => _timeout = value is null ? null : throw NotBuilt();
    }

    internal static NotSupportedException NotBuilt() => new(
        "Client-side operation timeouts (timeoutMS / Timeout) are not built yet; use maxTimeMS (MaxTime on the operation's " +
        "options), serverSelectionTimeoutMS, waitQueueTimeoutMS and socketTimeoutMS meanwhile.");
}

/// <summary>Settings of an operation that reads: where it may read from and what it may see.</summary>
public record ReadOperationOptions : OperationOptions
{
    /// <summary>Which members may serve the read; null inherits. Ignored inside a transaction (its own preference applies).</summary>
    public ReadPreference? ReadPreference { get; init; }

    /// <summary>The isolation of the read; null inherits. Ignored inside a transaction (its own read concern applies).</summary>
    public ReadConcern? ReadConcern { get; init; }
}

/// <summary>Settings of an operation that writes: how durable the write must be before it is acknowledged.</summary>
public record WriteOperationOptions : OperationOptions
{
    /// <summary>The acknowledgement to wait for; null inherits. Not allowed inside a transaction (set it on the transaction).</summary>
    public WriteConcern? WriteConcern { get; init; }
}

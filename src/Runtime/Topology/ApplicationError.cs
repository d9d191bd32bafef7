using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Topology;

/// <summary>When an application error happened relative to the connection's handshake.</summary>
internal enum ErrorPhase
{
    /// <summary>While establishing a connection: the handshake or authentication.</summary>
    BeforeHandshakeCompletes,

    /// <summary>On an established connection checked out of the pool.</summary>
    AfterHandshakeCompletes,
}

/// <summary>The class of an application error, as SDAM distinguishes them.</summary>
internal enum ApplicationErrorKind
{
    /// <summary>A network error other than a timeout.</summary>
    Network,

    /// <summary>A network timeout.</summary>
    Timeout,

    /// <summary>An authentication failure.</summary>
    Authentication,

    /// <summary>A command error (or write concern error) with a code and message.</summary>
    Command,

    /// <summary>Anything else; never changes the topology.</summary>
    Other,
}

/// <summary>
/// What SDAM needs to know about an error an operation hit: where, on which connection generation, and what kind.
/// Built from an exception by <see cref="From"/>, or directly by tests.
/// </summary>
internal sealed record ApplicationError(
    MongoServerAddress Address,
    int Generation,
    int MaxWireVersion,
    ErrorPhase Phase,
    ApplicationErrorKind Kind,
    Exception Exception,
    int? Code = null,
    string? Message = null,
    TopologyVersion? TopologyVersion = null,
    ObjectId? ServiceId = null)
{
    private static readonly int[] RecoveringCodes = [11600, 11602, 13436, 189, 91];
    private static readonly int[] NotWritablePrimaryCodes = [10107, 13435, 10058];
    private static readonly int[] ShutdownCodes = [11600, 91];

    /// <summary>True for "node is recovering" and "not writable primary" errors.</summary>
    public bool IsStateChange => Kind == ApplicationErrorKind.Command && (IsRecovering || IsNotWritablePrimary);

    /// <summary>True for a "node is recovering" error (by code, or by message when there is no code).</summary>
    public bool IsRecovering => Code is { } code
        ? Array.IndexOf(RecoveringCodes, code) >= 0
        : Message is { } m && (m.Contains("not master or secondary", StringComparison.Ordinal) || m.Contains("node is recovering", StringComparison.Ordinal));

    /// <summary>True for a "not writable primary" error (by code, or by message when there is no code).</summary>
    public bool IsNotWritablePrimary => Code is { } code
        ? Array.IndexOf(NotWritablePrimaryCodes, code) >= 0
        : !IsRecovering && Message is { } m && m.Contains("not master", StringComparison.Ordinal);

    /// <summary>True for the shutdown codes, after which the server's connections are all gone.</summary>
    public bool IsShutdown => Code is { } code && Array.IndexOf(ShutdownCodes, code) >= 0;

    /// <summary>
    /// Classifies a command reply: an <c>ok: 0</c> reply's code and message, else a write concern error's; null when the
    /// reply reports neither (write errors never change the topology).
    /// </summary>
    public static ApplicationError? FromReply(MongoServerAddress address, int generation, int maxWireVersion, ErrorPhase phase, BsonDocument reply)
    {
        BsonDocument? source = null;
        if (!ServerDescription.IsOk(reply))
        {
            source = reply;
        }
        else if (reply.TryGetValue("writeConcernError", out var wce) && wce is BsonDocument writeConcernError)
        {
            source = writeConcernError;
        }

        if (source is null)
        {
            return null;
        }

        int? code = source.TryGetValue("code", out var c) && c.IsNumeric ? c.ToInt32() : null;
        var message = source.TryGetValue("errmsg", out var m) && m.IsString ? m.AsString : null;
        return new ApplicationError(address, generation, maxWireVersion, phase, ApplicationErrorKind.Command,
            new MongoCommandException(address, "command", reply), code, message,
            global::OpenQuizz.Typed.Topology.TopologyVersion.FromBson(reply.GetValue("topologyVersion", null)));
    }

    /// <summary>Classifies an exception an operation raised on a connection of the given generation.</summary>
    public static ApplicationError From(MongoServerAddress address, int generation, int maxWireVersion, ErrorPhase phase, Exception exception, ObjectId? serviceId = null)
    {
        switch (exception)
        {
            case MongoCommandException command:
                var fromReply = FromReply(address, generation, maxWireVersion, phase, command.Reply);
                return fromReply is null
                    ? new ApplicationError(address, generation, maxWireVersion, phase, ApplicationErrorKind.Other, exception, ServiceId: serviceId)
                    : fromReply with { Exception = exception, ServiceId = serviceId };
            case MongoAuthenticationException:
                return new ApplicationError(address, generation, maxWireVersion, phase, ApplicationErrorKind.Authentication, exception, ServiceId: serviceId);
            case MongoConnectionException connection:
                return new ApplicationError(address, generation, maxWireVersion, phase,
                    connection.IsTimeout ? ApplicationErrorKind.Timeout : ApplicationErrorKind.Network, exception, ServiceId: serviceId);
            case TimeoutException or OperationCanceledException when phase == ErrorPhase.BeforeHandshakeCompletes:
                return new ApplicationError(address, generation, maxWireVersion, phase, ApplicationErrorKind.Timeout, exception, ServiceId: serviceId);
            default:
                return new ApplicationError(address, generation, maxWireVersion, phase, ApplicationErrorKind.Other, exception, ServiceId: serviceId);
        }
    }
}

/// <summary>What the <see cref="Cluster"/> must do after an application error, beside publishing the new description.</summary>
/// <param name="Description">The next topology (the same instance when nothing changed).</param>
/// <param name="ClearPool">Clear the server's pool (under the topology lock, right after the description change).</param>
/// <param name="ServiceId">When set (load-balanced mode), clear only that service's connections.</param>
/// <param name="RequestImmediateCheck">Ask the server's monitor to check now.</param>
/// <param name="CancelCheck">Cancel the monitor's in-progress check.</param>
internal readonly record struct ErrorOutcome(
    TopologyDescription Description,
    bool ClearPool,
    ObjectId? ServiceId,
    bool RequestImmediateCheck,
    bool CancelCheck)
{
    public static ErrorOutcome Ignored(TopologyDescription description) => new(description, false, null, false, false);
}

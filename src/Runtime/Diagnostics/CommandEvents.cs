using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Diagnostics;

/// <summary>
/// Receives command monitoring events. Called synchronously on the connection's I/O path, so implementations
/// must be quick and must not throw (exceptions are caught and dropped).
/// </summary>
public interface ICommandEventSubscriber
{
    /// <summary>A command is about to be sent.</summary>
    void OnCommandStarted(CommandStartedEvent e);

    /// <summary>A command's reply arrived with <c>ok: 1</c> (or an unacknowledged write was sent).</summary>
    void OnCommandSucceeded(CommandSucceededEvent e);

    /// <summary>A command failed: <c>ok: 0</c>, a network error or a timeout.</summary>
    void OnCommandFailed(CommandFailedEvent e);
}

/// <summary>What identifies the connection a command ran on.</summary>
/// <param name="Address">The server.</param>
/// <param name="LocalConnectionId">This client's id for the connection.</param>
/// <param name="ServerConnectionId">The server's id for it (<c>connectionId</c> of hello), when known.</param>
/// <param name="ServiceId">The service behind a load balancer, when load balanced.</param>
public sealed record CommandConnectionInfo(MongoServerAddress Address, long LocalConnectionId, long? ServerConnectionId, ObjectId? ServiceId);

/// <summary>A command is starting. The command of a sensitive command (authentication, user management) is empty.</summary>
public sealed record CommandStartedEvent(
    string CommandName,
    string DatabaseName,
    BsonDocument Command,
    int RequestId,
    long? OperationId,
    CommandConnectionInfo Connection);

/// <summary>A command succeeded. The reply of a sensitive command is empty.</summary>
public sealed record CommandSucceededEvent(
    string CommandName,
    string DatabaseName,
    BsonDocument Reply,
    TimeSpan Duration,
    int RequestId,
    long? OperationId,
    CommandConnectionInfo Connection);

/// <summary>A command failed; <see cref="Failure"/> is the exception the caller sees.</summary>
public sealed record CommandFailedEvent(
    string CommandName,
    string DatabaseName,
    Exception Failure,
    TimeSpan Duration,
    int RequestId,
    long? OperationId,
    CommandConnectionInfo Connection);

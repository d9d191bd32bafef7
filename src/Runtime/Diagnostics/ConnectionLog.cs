using Microsoft.Extensions.Logging;

namespace OpenQuizz.Typed.Diagnostics;

/// <summary>The connection layer's log messages. They name commands, databases and servers, never command contents.</summary>
internal static partial class ConnectionLog
{
    public const string CategoryName = "OpenQuizz.Typed.Connection";

    [LoggerMessage(1001, LogLevel.Debug, "Connection {ConnectionId} to {Address} opened: maxWireVersion {MaxWireVersion}, compressor {Compressor}, server connection id {ServerConnectionId}")]
    public static partial void Opened(ILogger logger, long connectionId, MongoServerAddress address, int maxWireVersion, string compressor, long? serverConnectionId);

    [LoggerMessage(1002, LogLevel.Debug, "Connection {ConnectionId} to {Address} closed: {Reason}")]
    public static partial void Closed(ILogger logger, long connectionId, MongoServerAddress address, string reason);

    [LoggerMessage(1003, LogLevel.Warning, "Connection {ConnectionId} to {Address} failed to open")]
    public static partial void OpenFailed(ILogger logger, Exception error, long connectionId, MongoServerAddress address);

    [LoggerMessage(1004, LogLevel.Debug, "Connection {ConnectionId} authenticated with {Mechanism}")]
    public static partial void Authenticated(ILogger logger, long connectionId, string mechanism);

    [LoggerMessage(1101, LogLevel.Debug, "Command {CommandName} on {Database} started (request {RequestId}, connection {ConnectionId} to {Address})")]
    public static partial void CommandStarted(ILogger logger, string commandName, string database, int requestId, long connectionId, MongoServerAddress address);

    [LoggerMessage(1102, LogLevel.Debug, "Command {CommandName} on {Database} succeeded in {DurationMs} ms (request {RequestId}, connection {ConnectionId})")]
    public static partial void CommandSucceeded(ILogger logger, string commandName, string database, double durationMs, int requestId, long connectionId);

    [LoggerMessage(1103, LogLevel.Debug, "Command {CommandName} on {Database} failed in {DurationMs} ms (request {RequestId}, connection {ConnectionId}): {ErrorType} {Error}")]
    public static partial void CommandFailed(ILogger logger, string commandName, string database, double durationMs, int requestId, long connectionId, string errorType, string error);
}

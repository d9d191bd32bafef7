using MongoDB.Bson;
using Microsoft.Extensions.Logging;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Topology.Events;

namespace OpenQuizz.Typed.Topology;

/// <summary>
/// The SDAM and server selection log messages of the logging specification, at debug level. Hello replies are
/// truncated to <see cref="MaxDocumentLength"/> characters; nothing here carries credentials.
/// </summary>
internal static partial class TopologyLog
{
    public const string TopologyCategory = "OpenQuizz.Typed.Topology";

    public const string SelectionCategory = "OpenQuizz.Typed.ServerSelection";

    /// <summary>The logging spec's default <c>maxDocumentLength</c>.</summary>
    public const int MaxDocumentLength = 1000;

    [LoggerMessage(2001, LogLevel.Debug, "Starting topology monitoring (topology {TopologyId})")]
    public static partial void TopologyOpening(ILogger logger, ObjectId topologyId);

    [LoggerMessage(2002, LogLevel.Debug, "Stopped topology monitoring (topology {TopologyId})")]
    public static partial void TopologyClosed(ILogger logger, ObjectId topologyId);

    [LoggerMessage(2003, LogLevel.Debug, "Starting server monitoring (topology {TopologyId}, server {ServerHost}:{ServerPort})")]
    public static partial void ServerOpening(ILogger logger, ObjectId topologyId, string serverHost, int serverPort);

    [LoggerMessage(2004, LogLevel.Debug, "Stopped server monitoring (topology {TopologyId}, server {ServerHost}:{ServerPort})")]
    public static partial void ServerClosed(ILogger logger, ObjectId topologyId, string serverHost, int serverPort);

    [LoggerMessage(2005, LogLevel.Debug, "Topology description changed (topology {TopologyId}): {PreviousDescription} -> {NewDescription}")]
    public static partial void TopologyDescriptionChanged(ILogger logger, ObjectId topologyId, TopologyDescription previousDescription, TopologyDescription newDescription);

    [LoggerMessage(2006, LogLevel.Debug, "Server heartbeat started (topology {TopologyId}, server {ServerHost}:{ServerPort}, awaited {Awaited})")]
    public static partial void HeartbeatStarted(ILogger logger, ObjectId topologyId, string serverHost, int serverPort, bool awaited);

    [LoggerMessage(2007, LogLevel.Debug, "Server heartbeat succeeded (topology {TopologyId}, server {ServerHost}:{ServerPort}, awaited {Awaited}) in {DurationMS} ms: {Reply}")]
    public static partial void HeartbeatSucceeded(ILogger logger, ObjectId topologyId, string serverHost, int serverPort, bool awaited, double durationMS, string reply);

    [LoggerMessage(2008, LogLevel.Debug, "Server heartbeat failed (topology {TopologyId}, server {ServerHost}:{ServerPort}, awaited {Awaited}) in {DurationMS} ms: {Failure}")]
    public static partial void HeartbeatFailed(ILogger logger, ObjectId topologyId, string serverHost, int serverPort, bool awaited, double durationMS, string failure);

    [LoggerMessage(2009, LogLevel.Debug, "Server description changed (topology {TopologyId}, server {ServerHost}:{ServerPort}): {PreviousDescription} -> {NewDescription}")]
    public static partial void ServerDescriptionChanged(ILogger logger, ObjectId topologyId, string serverHost, int serverPort, ServerDescription previousDescription, ServerDescription newDescription);

    [LoggerMessage(2101, LogLevel.Debug, "Server selection started (selector {Selector}, operation {Operation}, topology {TopologyDescription})")]
    public static partial void SelectionStarted(ILogger logger, string selector, string operation, TopologyDescription topologyDescription);

    [LoggerMessage(2102, LogLevel.Debug, "Server selection succeeded (selector {Selector}, operation {Operation}): {ServerHost}:{ServerPort}")]
    public static partial void SelectionSucceeded(ILogger logger, string selector, string operation, string serverHost, int serverPort);

    [LoggerMessage(2103, LogLevel.Debug, "Server selection failed (selector {Selector}, operation {Operation}): {Failure}")]
    public static partial void SelectionFailed(ILogger logger, string selector, string operation, string failure);

    [LoggerMessage(2104, LogLevel.Debug, "Waiting for suitable server to become available (selector {Selector}, operation {Operation}, remaining {RemainingTimeMS} ms, topology {TopologyDescription})")]
    public static partial void WaitingForServer(ILogger logger, string selector, string operation, double remainingTimeMS, TopologyDescription topologyDescription);

    /// <summary>A document as relaxed JSON, cut to <see cref="MaxDocumentLength"/> characters with "...".</summary>
    public static string Truncate(string text) =>
        text.Length <= MaxDocumentLength ? text : string.Concat(text.AsSpan(0, MaxDocumentLength), "...");
}

/// <summary>Writes every SDAM event as the logging specification's message, then hands it to the application's subscriber.</summary>
internal sealed class LoggingSdamSubscriber(ILogger logger, ISdamEventSubscriber? next) : ISdamEventSubscriber
{
    /// <summary>The subscriber to give the cluster: <paramref name="next"/> alone when debug logging is off.</summary>
    public static ISdamEventSubscriber? Create(ILoggerFactory? loggerFactory, ISdamEventSubscriber? next)
    {
        var logger = loggerFactory?.CreateLogger(TopologyLog.TopologyCategory);
        return logger is null || !logger.IsEnabled(LogLevel.Debug) ? next : new LoggingSdamSubscriber(logger, next);
    }

    public void Handle(SdamEvent sdamEvent)
    {
        switch (sdamEvent)
        {
            case TopologyOpeningEvent e:
                TopologyLog.TopologyOpening(logger, e.TopologyId);
                break;
            case TopologyClosedEvent e:
                TopologyLog.TopologyClosed(logger, e.TopologyId);
                break;
            case ServerOpeningEvent e:
                TopologyLog.ServerOpening(logger, e.TopologyId, e.Address.Host, e.Address.Port);
                break;
            case ServerClosedEvent e:
                TopologyLog.ServerClosed(logger, e.TopologyId, e.Address.Host, e.Address.Port);
                break;
            case TopologyDescriptionChangedEvent e:
                TopologyLog.TopologyDescriptionChanged(logger, e.TopologyId, e.PreviousDescription, e.NewDescription);
                break;
            case ServerDescriptionChangedEvent e:
                TopologyLog.ServerDescriptionChanged(logger, e.TopologyId, e.Address.Host, e.Address.Port, e.PreviousDescription, e.NewDescription);
                break;
            case ServerHeartbeatStartedEvent e:
                TopologyLog.HeartbeatStarted(logger, e.TopologyId, e.Address.Host, e.Address.Port, e.Awaited);
                break;
            case ServerHeartbeatSucceededEvent e:
                TopologyLog.HeartbeatSucceeded(logger, e.TopologyId, e.Address.Host, e.Address.Port, e.Awaited, e.Duration.TotalMilliseconds, TopologyLog.Truncate(e.Reply.ToString()));
                break;
            case ServerHeartbeatFailedEvent e:
                TopologyLog.HeartbeatFailed(logger, e.TopologyId, e.Address.Host, e.Address.Port, e.Awaited, e.Duration.TotalMilliseconds, e.Failure.Message);
                break;
        }

        next?.Handle(sdamEvent);
    }
}

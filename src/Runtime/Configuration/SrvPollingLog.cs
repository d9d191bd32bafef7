using Microsoft.Extensions.Logging;

namespace OpenQuizz.Typed.Configuration;

/// <summary>The SRV poller's log messages (the polling spec asks to log what it skipped and why).</summary>
internal static partial class SrvPollingLog
{
    public const string CategoryName = "OpenQuizz.Typed.Topology.SrvPolling";

    [LoggerMessage(3001, LogLevel.Warning, "SRV polling of {QueryName} failed; the topology is left unchanged and polling retries in {RetryIn}")]
    public static partial void RescanFailed(ILogger logger, Exception error, string queryName, TimeSpan retryIn);

    [LoggerMessage(3002, LogLevel.Warning, "SRV polling of {QueryName} ignores the target {Target}, which is not in the domain of {SrvHost}")]
    public static partial void InvalidTarget(ILogger logger, string queryName, string target, string srvHost);

    [LoggerMessage(3003, LogLevel.Warning, "SRV polling of {QueryName} found no valid hosts; the topology is left unchanged and polling retries in {RetryIn}")]
    public static partial void NoValidHosts(ILogger logger, string queryName, TimeSpan retryIn);

    [LoggerMessage(3004, LogLevel.Debug, "SRV polling of {QueryName} applied {Hosts}; next rescan in {Interval}")]
    public static partial void Applied(ILogger logger, string queryName, string hosts, TimeSpan interval);

    [LoggerMessage(3005, LogLevel.Debug, "SRV polling of {QueryName} stopped: the topology is no longer Sharded or Unknown")]
    public static partial void Stopped(ILogger logger, string queryName);
}

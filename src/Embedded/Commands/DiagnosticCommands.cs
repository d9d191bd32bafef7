using System.Runtime.InteropServices;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Protocol;

namespace OpenQuizz.Typed.Embedded.Commands;

internal sealed class PingCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["ping"];

    public BsonDocument Execute(CommandContext context) => Replies.Ok();
}

/// <summary>buildInfo: reports 7.0.0 and says plainly that this is the embedded server, not mongod.</summary>
internal sealed class BuildInfoCommand : ICommandHandler
{
    public const string Version = "7.0.0";

    public IEnumerable<string> Names => ["buildInfo", "buildinfo"];

    public BsonDocument Execute(CommandContext context) => new()
    {
        { "version", Version },
        { "gitVersion", "openquizz-embedded" },
        { "modules", new BsonArray() },
        { "allocator", "system" },
        { "javascriptEngine", "none" },
        { "sysInfo", "deprecated" },
        { "versionArray", new BsonArray { 7, 0, 0, 0 } },
        { "openssl", new BsonDocument("running", "disabled") },
        { "buildEnvironment", new BsonDocument { { "target_os", RuntimeInformation.OSDescription }, { "target_arch", RuntimeInformation.ProcessArchitecture.ToString() } } },
        { "bits", Environment.Is64BitProcess ? 64 : 32 },
        { "debug", false },
        { "maxBsonObjectSize", WireLimits.MaxBsonObjectSize },
        { "storageEngines", new BsonArray { "inMemory" } },
        { "openquizzEmbedded", true },
        { "ok", 1.0 },
    };
}

internal sealed class HostInfoCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["hostInfo", "hostinfo"];

    public BsonDocument Execute(CommandContext context) => new()
    {
        {
            "system", new BsonDocument
            {
                { "currentTime", new BsonDateTime(context.Server.Time.GetUtcNow()) },
                { "hostname", Environment.MachineName },
                { "cpuAddrSize", Environment.Is64BitProcess ? 64 : 32 },
                { "memSizeMB", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024) },
                { "numCores", Environment.ProcessorCount },
                { "cpuArch", RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant() },
            }
        },
        { "os", new BsonDocument { { "type", OperatingSystemType() }, { "name", RuntimeInformation.OSDescription }, { "version", Environment.OSVersion.VersionString } } },
        { "extra", new BsonDocument("runtime", RuntimeInformation.FrameworkDescription) },
        { "ok", 1.0 },
    };

    private static string OperatingSystemType() =>
        OperatingSystem.IsLinux() ? "Linux" : OperatingSystem.IsWindows() ? "Windows" : OperatingSystem.IsMacOS() ? "Darwin" : "Unknown";
}

internal sealed class ServerStatusCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["serverStatus", "serverstatus"];

    public BsonDocument Execute(CommandContext context)
    {
        var server = context.Server;
        var stats = server.Statistics;
        var now = server.Time.GetUtcNow();
        var uptime = now - server.StartTime;
        return new BsonDocument
        {
            { "host", server.HostAndPort },
            { "version", BuildInfoCommand.Version },
            { "process", "oq-mongod" },
            { "pid", (long)Environment.ProcessId },
            { "uptime", Math.Floor(uptime.TotalSeconds) },
            { "uptimeMillis", (long)uptime.TotalMilliseconds },
            { "uptimeEstimate", (long)uptime.TotalSeconds },
            { "localTime", new BsonDateTime(now) },
            {
                "connections", new BsonDocument
                {
                    { "current", (int)Interlocked.Read(ref stats.CurrentConnections) },
                    { "available", (int)Math.Max(0, context.Server.Options.MaxIncomingConnections - Interlocked.Read(ref stats.CurrentConnections)) },
                    { "totalCreated", Interlocked.Read(ref stats.TotalConnections) },
                    { "rejected", Interlocked.Read(ref stats.RejectedConnections) },
                    { "active", (int)Interlocked.Read(ref stats.CurrentConnections) },
                }
            },
            {
                "opcounters", new BsonDocument
                {
                    { "insert", Interlocked.Read(ref stats.Inserts) },
                    { "query", Interlocked.Read(ref stats.Queries) },
                    { "update", Interlocked.Read(ref stats.Updates) },
                    { "delete", Interlocked.Read(ref stats.Deletes) },
                    { "getmore", Interlocked.Read(ref stats.GetMores) },
                    { "command", Interlocked.Read(ref stats.Commands) },
                }
            },
            { "metrics", new BsonDocument("cursor", new BsonDocument("open", new BsonDocument("total", (long)server.Cursors.Count))) },
            { "logicalSessionRecordCache", Sessions(server.Sessions) },
            { "transactions", new BsonDocument("retriedStatementsCount", server.Sessions.RetriedStatements) },
            { "mem", Memory() },
            { "ok", 1.0 },
        };
    }

    private static BsonDocument Sessions(Sessions.SessionRegistry sessions) => new()
    {
        { "activeSessionsCount", sessions.Count },
        { "sessionsCollectionJobCount", sessions.ReaperRuns },
        { "lastSessionsCollectionJobEntriesEnded", sessions.LastRunExpired },
    };

    // mongod reports megabytes of the process; the managed heap is added since that is where the data lives here.
    private static BsonDocument Memory()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new BsonDocument
        {
            { "bits", IntPtr.Size * 8 },
            { "resident", (int)(Environment.WorkingSet >> 20) },
            { "virtual", (int)(process.VirtualMemorySize64 >> 20) },
            { "supported", true },
            { "managedHeapBytes", GC.GetTotalMemory(forceFullCollection: false) },
        };
    }
}

internal sealed class ConnectionStatusCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["connectionStatus", "connectionstatus"];

    public BsonDocument Execute(CommandContext context) => new()
    {
        { "authInfo", context.Server.Authentication.AuthInfo(context.Connection.Authentication) },
        { "ok", 1.0 },
    };
}

internal sealed class WhatsMyUriCommand : ICommandHandler
{
    public IEnumerable<string> Names => ["whatsmyuri"];

    public BsonDocument Execute(CommandContext context) => new() { { "you", context.Connection.RemoteAddress }, { "ok", 1.0 } };
}

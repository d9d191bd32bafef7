using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Embedded.Cursors;
using OpenQuizz.Typed.Embedded.Protocol.Compression;
using OpenQuizz.Typed.Embedded.Sessions;
using OpenQuizz.Typed.Embedded.Storage;

namespace OpenQuizz.Typed.Embedded.Hosting;

/// <summary>Everything shared by the connections of one server: storage, cursors, sessions, statistics.</summary>
internal sealed class ServerContext : IDisposable
{
    private long _nextConnectionId;
    private int _nextRequestId;

    public ServerContext(EmbeddedServerOptions options)
    {
        Options = options;
        Time = options.TimeProvider;
        StartTime = Time.GetUtcNow();
        Compressors = new CompressorRegistry(options.Compressors, options.ZlibCompressionLevel);
        Cursors = new CursorManager(Time, options.CursorTimeout);
    }

    public EmbeddedServerOptions Options { get; }

    public TimeProvider Time { get; }

    public DateTimeOffset StartTime { get; }

    /// <summary>Identifies this server process in hello's topologyVersion.</summary>
    public ObjectId ProcessId { get; } = ObjectId.GenerateNewId();

    public StorageEngine Storage { get; } = new();

    public CursorManager Cursors { get; }

    public SessionRegistry Sessions { get; } = new();

    public CompressorRegistry Compressors { get; }

    public ServerStatistics Statistics { get; } = new();

    /// <summary>"host:port" as serverStatus and hello report it; set once the listener is bound.</summary>
    public string HostAndPort { get; set; } = "127.0.0.1:27017";

    public long NextConnectionId() => Interlocked.Increment(ref _nextConnectionId);

    public int NextRequestId() => Interlocked.Increment(ref _nextRequestId);

    public void Log(string message) => Options.Log?.Invoke(message);

    public void Dispose() => Cursors.Dispose();
}

/// <summary>Counters for serverStatus; updated with interlocked operations from every connection.</summary>
internal sealed class ServerStatistics
{
    public long CurrentConnections;
    public long TotalConnections;
    public long Inserts;
    public long Queries;
    public long Updates;
    public long Deletes;
    public long GetMores;
    public long Commands;
}

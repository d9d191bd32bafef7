using OpenQuizz.Typed.Embedded.Bson;
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
        Parameters = new ServerParameters(this);
        Time = options.TimeProvider;
        StartTime = Time.GetUtcNow();
        if (options.LogicalSessionTimeoutMinutes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LogicalSessionTimeoutMinutes, $"{nameof(EmbeddedServerOptions.LogicalSessionTimeoutMinutes)} must be at least 1");
        }

        if (options.MaxSessions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxSessions, $"{nameof(EmbeddedServerOptions.MaxSessions)} must be at least 1");
        }

        Sessions = new SessionRegistry(Time, TimeSpan.FromMinutes(options.LogicalSessionTimeoutMinutes), options.MaxSessions);
        if (options.DataDirectory is { } dataDirectory)
        {
            try
            {
                // Loaded before anything else starts, so no command or timer sees a half-replayed catalog.
                Persistence = Embedded.Storage.Persistence.DataDirectory.Open(dataDirectory, Storage, Sessions, options.JournalCompactionThreshold, Log);
            }
            catch
            {
                Sessions.Dispose();
                throw;
            }
        }

        try
        {
            Ttl = new Indexes.TtlMonitor(Storage, Time, options.TtlMonitorInterval, () => Persistence?.Commit(durable: false), Log);
            Compressors = new CompressorRegistry(options.Compressors, options.ZlibCompressionLevel);
            Cursors = new CursorManager(Time, options.CursorTimeout, options.MaxOpenCursors, options.MaxOpenCursorsPerSession);
            Sessions.Ended += key => Cursors.KillSession(key); // a session's cursors go with it, as in mongod
            Storage.Dropped += Cursors.KillNamespace;          // and a dropped collection's or database's
            Authentication = new Auth.ServerAuthentication(this);
        }
        catch
        {
            // A bad option found late (an unknown role of the initial user, say) must not leave the data directory
            // locked or a timer running: release what was opened, then fail the start.
            Dispose();
            throw;
        }
    }

    public EmbeddedServerOptions Options { get; }

    public TimeProvider Time { get; }

    public DateTimeOffset StartTime { get; }

    /// <summary>Identifies this server process in hello's topologyVersion.</summary>
    public ObjectId ProcessId { get; } = ObjectId.GenerateNewId();

    public StorageEngine Storage { get; } = new();

    /// <summary>The parameters getParameter reports and setParameter changes.</summary>
    public ServerParameters Parameters { get; }

    public CursorManager Cursors { get; }

    /// <summary>Logical sessions: their owners, expiry and the retry history of their retryable writes.</summary>
    public SessionRegistry Sessions { get; }

    public CompressorRegistry Compressors { get; }

    /// <summary>The data directory (journal and snapshot) when the options name one; null for an in-memory server.</summary>
    public Embedded.Storage.Persistence.DataDirectory? Persistence { get; }

    public Indexes.TtlMonitor Ttl { get; }

    public FailPoints.FailPointRegistry FailPoints { get; } = new();

    /// <summary>Users, SASL exchanges and the per-command authorization check.</summary>
    public Auth.ServerAuthentication Authentication { get; }

    public ServerStatistics Statistics { get; } = new();

    /// <summary>"host:port" as serverStatus and hello report it; set once the listener is bound.</summary>
    public string HostAndPort { get; set; } = "127.0.0.1:27017";

    public long NextConnectionId() => Interlocked.Increment(ref _nextConnectionId);

    public int NextRequestId() => Interlocked.Increment(ref _nextRequestId);

    public void Log(string message) => Options.Log?.Invoke(message);

    public void Dispose()
    {
        // Null-tolerant: the constructor calls this when it fails part-way.
        Cursors?.Dispose();
        Sessions?.Dispose();
        Ttl?.Dispose();
        Persistence?.Dispose();
    }
}

/// <summary>Counters for serverStatus; updated with interlocked operations from every connection.</summary>
internal sealed class ServerStatistics
{
    public long CurrentConnections;
    public long TotalConnections;

    /// <summary>Connections closed on accept because <see cref="EmbeddedServerOptions.MaxIncomingConnections"/> were open.</summary>
    public long RejectedConnections;
    public long Inserts;
    public long Queries;
    public long Updates;
    public long Deletes;
    public long GetMores;
    public long Commands;
}

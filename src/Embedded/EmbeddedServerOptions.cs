using System.Net;

namespace OpenQuizz.Typed.Embedded;

/// <summary>Settings of an <see cref="EmbeddedMongoServer"/>; every member has a default that suits tests.</summary>
public sealed class EmbeddedServerOptions
{
    /// <summary>The address to listen on; loopback by default so the server is never exposed by accident.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The TCP port; 0 lets the operating system choose a free one (read it back from <see cref="EmbeddedMongoServer.EndPoint"/>).</summary>
    public int Port { get; init; }

    /// <summary>When set, the server also listens on this Unix domain socket path (an existing file there is replaced).</summary>
    public string? UnixSocketPath { get; init; }

    /// <summary>Receives one line per notable event (connections, protocol errors); null to stay silent.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>How long an idle cursor lives before the server closes it (mongod's cursorTimeoutMillis, 10 minutes).</summary>
    public TimeSpan CursorTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// mongod's logicalSessionTimeoutMinutes (30): a session unused this long expires, and its cursors and retry
    /// records go with it. Reported by hello; must be at least 1.
    /// </summary>
    public int LogicalSessionTimeoutMinutes { get; init; } = 30;

    /// <summary>mongod's maxSessions (1,000,000): the most sessions alive at once; past it a command naming a new lsid fails with TooManyLogicalSessions.</summary>
    public int MaxSessions { get; init; } = 1_000_000;

    /// <summary>The clock and timers of the server; tests pass a manual one to expire cursors without waiting.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The compressors offered in the hello handshake, in order of preference: any of "snappy", "zlib", "zstd".</summary>
    public IReadOnlyList<string> Compressors { get; init; } = ["snappy", "zlib", "zstd"];

    /// <summary>The zlib level used to compress replies (-1 = zlib's default, 0–9 otherwise).</summary>
    public int ZlibCompressionLevel { get; init; } = -1;

    /// <summary>mongod's <c>--dbpath</c>: where data is journaled and snapshotted so it survives a restart; null keeps everything in memory.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The journal size in bytes past which it is compacted into a snapshot and a fresh journal.</summary>
    public long JournalCompactionThreshold { get; init; } = 64L * 1024 * 1024;

    /// <summary>How often the TTL monitor deletes expired documents (mongod's ttlMonitorSleepSecs, 60 s); runs on <see cref="TimeProvider"/>.</summary>
    public TimeSpan TtlMonitorInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Seeds the server's random choices (<c>$sample</c>) so tests get repeatable results; null for an unpredictable seed.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>
    /// mongod's <c>--auth</c>: every command but the handshake and SASL ones needs an authenticated user with a role
    /// that allows it. While no user exists, a local connection may create the first one on admin (the localhost exception).
    /// </summary>
    public bool RequireAuthentication { get; init; }

    /// <summary>A user created at start (by default root on admin), so that an authenticated server is usable at once.</summary>
    public Auth.EmbeddedUser? InitialUser { get; init; }

    /// <summary>
    /// mongod's <c>--replSet</c>: the server presents itself as the primary of a one-member replica set of this name
    /// (hello reports <c>setName</c>, <c>hosts</c>, <c>primary</c>…, replies carry <c>operationTime</c> and
    /// <c>$clusterTime</c>), so drivers use what they reserve for replica sets, such as retryable writes. Null: a standalone.
    /// </summary>
    public string? ReplicaSetName { get; init; }

    /// <summary>When set, every connection starts with a TLS handshake using this certificate (which must hold its private key).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; init; }

    /// <summary>
    /// mongod's <c>--maxConns</c>: connections past this many open ones are closed as soon as they are accepted.
    /// </summary>
    public int MaxIncomingConnections { get; init; } = 1000;

    /// <summary>
    /// A connection that sends nothing (not even the rest of a started message) for this long is closed, so that
    /// silent clients cannot hold connection slots forever; <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// Time spent running a command or in an awaitable hello does not count.
    /// </summary>
    public TimeSpan IdleConnectionTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The memory one blocking stage (<c>$sort</c>, <c>$group</c>, <c>$bucket</c>, <c>$bucketAuto</c>,
    /// <c>$setWindowFields</c>), one accumulator (<c>$push</c>, <c>$addToSet</c>) or one expression that builds an
    /// array or a string (<c>$range</c>, <c>$concat</c>, <c>$concatArrays</c>, <c>$reduce</c>…) may take, as mongod's
    /// 100 MB limits; past it the command fails with ExceededMemoryLimit (292).
    /// </summary>
    public long MaxMemoryPerStageBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>The most cursors open on the server at once; opening one more fails with ExceededMemoryLimit (146) until some close.</summary>
    public int MaxOpenCursors { get; init; } = 10_000;

    /// <summary>The most cursors one session (<c>lsid</c>) may hold open; opening one more fails with ExceededMemoryLimit (146).</summary>
    public int MaxOpenCursorsPerSession { get; init; } = 1_000;
}

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

    /// <summary>The clock and timers of the server; tests pass a manual one to expire cursors without waiting.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The compressors offered in the hello handshake, in order of preference: any of "snappy", "zlib", "zstd".</summary>
    public IReadOnlyList<string> Compressors { get; init; } = ["snappy", "zlib", "zstd"];

    /// <summary>The zlib level used to compress replies (-1 = zlib's default, 0–9 otherwise).</summary>
    public int ZlibCompressionLevel { get; init; } = -1;
}

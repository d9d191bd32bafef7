using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Compression;
using OpenQuizz.Typed.Diagnostics;

namespace OpenQuizz.Typed.Connections;

/// <summary>
/// One connection to one server: stream, TLS, handshake, authentication, and commands sent one at a time.
/// </summary>
/// <remarks>
/// Not thread-safe: the pool hands a connection to one operation at a time. Any error in mid-message (network,
/// timeout, cancellation, an unparsable reply) marks the connection broken and closes it; a broken connection
/// is never used again. <see cref="MongoCommandException"/> (an <c>ok: 0</c> reply) leaves it usable.
/// </remarks>
internal sealed partial class MongoConnection : IDisposable
{
    private static long s_lastId;

    private readonly ConnectionSettings _settings;
    private readonly IStreamFactory _streamFactory;
    private readonly ILogger _logger;
    private readonly ICommandEventSubscriber? _events;
    private readonly PooledByteBufferWriter _sendBuffer = new(4096);
    private PooledByteBufferWriter? _compressBuffer;
    private Stream? _stream;
    private ICompressor? _compressor;
    private ConnectionDescription? _description;
    private int _state;
    private long _lastUsedTimestamp;

    /// <summary>Creates an unopened connection; call <see cref="OpenAsync"/> or <see cref="Open"/>.</summary>
    /// <param name="address">The server.</param>
    /// <param name="settings">The connection settings shared by the pool.</param>
    /// <param name="generation">The pool generation this connection belongs to (CMAP).</param>
    public MongoConnection(MongoServerAddress address, ConnectionSettings settings, int generation = 0)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(settings);
        Address = address;
        _settings = settings;
        Generation = generation;
        Id = Interlocked.Increment(ref s_lastId);
        _streamFactory = settings.StreamFactory ?? new SocketStreamFactory(settings);
        _logger = settings.LoggerFactory?.CreateLogger(ConnectionLog.CategoryName) ?? NullLogger.Instance;
        _events = settings.CommandEvents;
        _lastUsedTimestamp = Stopwatch.GetTimestamp();
    }

    private enum State
    {
        Created,
        Opening,
        Open,
        Broken,
        Disposed,
    }

    /// <summary>This client's id for the connection, unique in the process.</summary>
    public long Id { get; }

    /// <summary>The server.</summary>
    public MongoServerAddress Address { get; }

    /// <summary>The pool generation the connection was created in.</summary>
    public int Generation { get; }

    /// <summary>What the handshake negotiated; null until the handshake has completed.</summary>
    public ConnectionDescription? Description => _description;

    /// <summary>True once opened and while neither broken nor disposed.</summary>
    public bool IsOpen => (State)Volatile.Read(ref _state) == State.Open;

    /// <summary>True after an error in mid-message (or a failed open): the connection is closed and must be discarded.</summary>
    public bool IsBroken => (State)Volatile.Read(ref _state) == State.Broken;

    /// <summary>The negotiated compressor, or null.</summary>
    internal ICompressor? Compressor => _compressor;

    /// <summary>True when unused for longer than <paramref name="maxIdleTime"/> (zero or infinite: never).</summary>
    public bool IsExpired(TimeSpan maxIdleTime) =>
        maxIdleTime > TimeSpan.Zero && maxIdleTime != Timeout.InfiniteTimeSpan
        && Stopwatch.GetElapsedTime(Volatile.Read(ref _lastUsedTimestamp)) > maxIdleTime;

    /// <summary>Connects, performs TLS, the handshake and authentication.</summary>
    /// <exception cref="MongoConnectionException">Connecting or the handshake failed.</exception>
    /// <exception cref="MongoAuthenticationException">Authentication failed.</exception>
    public Task OpenAsync(CancellationToken cancellationToken = default) => OpenCore(async: true, cancellationToken).AsTask();

    /// <inheritdoc cref="OpenAsync"/>
    public void Open(CancellationToken cancellationToken = default) => CompleteSync(OpenCore(async: false, cancellationToken));

    /// <summary>Closes the stream. Safe to call more than once and concurrently with a blocked read.</summary>
    public void Dispose()
    {
        var previous = (State)Interlocked.Exchange(ref _state, (int)State.Disposed);
        if (previous == State.Disposed)
        {
            return;
        }

        CloseStream();
        _sendBuffer.Dispose();
        _compressBuffer?.Dispose();
        if (previous != State.Broken)
        {
            ConnectionLog.Closed(_logger, Id, Address, "disposed");
        }
    }

    /// <summary>
    /// Closes the stream from another thread (a pool clear interrupting an in-use connection, a monitor stopping): the
    /// connection becomes broken and a blocked read or write fails. Unlike <see cref="Dispose"/> it leaves the send
    /// buffers alone, since the thread using the connection may still be encoding into them; they go to the GC.
    /// </summary>
    public void Interrupt()
    {
        MarkBroken();
        if ((State)Interlocked.CompareExchange(ref _state, (int)State.Broken, (int)State.Created) == State.Created)
        {
            CloseStream();
        }
    }

    /// <summary>A short description for logs and debugging; never includes credentials.</summary>
    public override string ToString() => $"MongoConnection {{ Id = {Id}, Address = {Address}, State = {(State)_state}, Generation = {Generation} }}";

    private async ValueTask OpenCore(bool async, CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, (int)State.Opening, (int)State.Created) != (int)State.Created)
        {
            throw new InvalidOperationException("The connection has already been opened.");
        }

        try
        {
            _stream = await _streamFactory.CreateStreamAsync(Address, async, cancellationToken).ConfigureAwait(false);
            await HandshakeAsync(async, cancellationToken).ConfigureAwait(false);
            if (Interlocked.CompareExchange(ref _state, (int)State.Open, (int)State.Opening) != (int)State.Opening)
            {
                throw new MongoConnectionClosedException(Address, ConnectionClosedReason.Disposed);
            }

            ConnectionLog.Opened(_logger, Id, Address, _description!.MaxWireVersion, _compressor?.Type.ToString() ?? "none", _description.ServerConnectionId);
        }
        catch (Exception e)
        {
            MarkBroken();
            ConnectionLog.OpenFailed(_logger, e, Id, Address);
            throw;
        }
    }

    /// <summary>Completes a ValueTask from an async=false path, which never actually awaits.</summary>
    internal static void CompleteSync(ValueTask task)
    {
        Debug.Assert(task.IsCompleted, "A synchronous path returned an incomplete task.");
        task.GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="CompleteSync(ValueTask)"/>
    internal static T CompleteSync<T>(ValueTask<T> task)
    {
        Debug.Assert(task.IsCompleted, "A synchronous path returned an incomplete task.");
        return task.GetAwaiter().GetResult();
    }

    private void MarkBroken()
    {
        var previous = (State)Interlocked.CompareExchange(ref _state, (int)State.Broken, (int)State.Open);
        if (previous == State.Opening)
        {
            previous = (State)Interlocked.CompareExchange(ref _state, (int)State.Broken, (int)State.Opening);
        }

        if (previous is State.Open or State.Opening)
        {
            ConnectionLog.Closed(_logger, Id, Address, "broken");
        }

        CloseStream();
    }

    private void CloseStream()
    {
        var stream = Interlocked.Exchange(ref _stream, null);
        try
        {
            stream?.Dispose();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // Closing a failed stream may fail again; the connection is gone either way.
        }
    }
}

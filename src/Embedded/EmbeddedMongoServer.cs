using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using OpenQuizz.Typed.Embedded.Commands;
using OpenQuizz.Typed.Embedded.Hosting;

namespace OpenQuizz.Typed.Embedded;

/// <summary>
/// An in-memory MongoDB-compatible server that real drivers reach over TCP (and optionally a Unix domain socket).
/// Start one with <see cref="StartAsync"/>, hand <see cref="ConnectionString"/> to a client, and dispose it to stop.
/// </summary>
public sealed class EmbeddedMongoServer : IAsyncDisposable
{
    private readonly ServerContext _context;
    private readonly CommandDispatcher _dispatcher;
    private readonly Socket _listener;
    private readonly Socket? _unixListener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, (ConnectionHandler Handler, Task Task)> _connections = new();
    private readonly List<Task> _acceptLoops = [];
    private readonly Lock _connectionCountLock = new();
    private readonly List<(Func<int, bool> Condition, TaskCompletionSource Done)> _connectionCountWaiters = [];
    private Task? _stopTask;

    private EmbeddedMongoServer(ServerContext context, Socket listener, Socket? unixListener)
    {
        _context = context;
        _dispatcher = new CommandDispatcher(context, CommandDispatcher.DefaultHandlers());
        _listener = listener;
        _unixListener = unixListener;
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
        context.HostAndPort = $"{EndPoint.Address}:{EndPoint.Port}";
    }

    /// <summary>The TCP address the server listens on (with the port the OS chose when the options said 0).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>
    /// A connection string for this server, such as <c>mongodb://127.0.0.1:54321/</c>, with <c>?replicaSet=name</c> in
    /// replica-set mode.
    /// </summary>
    public string ConnectionString => _context.Options.ReplicaSetName is { } setName
        ? $"mongodb://{FormatHost(EndPoint)}/?replicaSet={Uri.EscapeDataString(setName)}"
        : $"mongodb://{FormatHost(EndPoint)}/";

    /// <summary>The Unix domain socket path, when the options asked for one.</summary>
    public string? UnixSocketPath => _context.Options.UnixSocketPath;

    /// <summary>The number of open client connections.</summary>
    public int ConnectionCount => _connections.Count;

    internal ServerContext Context => _context;

    /// <summary>Binds the listeners and starts accepting connections.</summary>
    /// <exception cref="SocketException">The port or socket path cannot be bound.</exception>
    public static Task<EmbeddedMongoServer> StartAsync(EmbeddedServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        options ??= new EmbeddedServerOptions();
        var listener = new Socket(options.BindAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        Socket? unixListener = null;
        try
        {
            listener.Bind(new IPEndPoint(options.BindAddress, options.Port));
            listener.Listen(512);
            if (options.UnixSocketPath is { } path)
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                }

                unixListener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                unixListener.Bind(new UnixDomainSocketEndPoint(path));
                unixListener.Listen(512);
            }
        }
        catch
        {
            listener.Dispose();
            unixListener?.Dispose();
            throw;
        }

        ServerContext context;
        try
        {
            // Opening a data directory can fail (damaged, or held by another server): release the listeners then.
            context = new ServerContext(options);
        }
        catch
        {
            listener.Dispose();
            unixListener?.Dispose();
            throw;
        }

        var server = new EmbeddedMongoServer(context, listener, unixListener);
        server._acceptLoops.Add(Task.Run(() => server.AcceptLoopAsync(listener)));
        if (unixListener is not null)
        {
            server._acceptLoops.Add(Task.Run(() => server.AcceptLoopAsync(unixListener)));
        }

        server._context.Log($"listening on {server.EndPoint}{(unixListener is null ? string.Empty : " and " + options.UnixSocketPath)}");
        return Task.FromResult(server);
    }

    /// <summary>Stops accepting, closes every connection and waits for their loops to end. Safe to call more than once.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_acceptLoops)
        {
            _stopTask ??= StopCoreAsync();
        }

        return _stopTask.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task StopCoreAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        _unixListener?.Dispose();
        await Task.WhenAll(_acceptLoops).ConfigureAwait(false);
        foreach (var (handler, _) in _connections.Values)
        {
            // Closing the socket ends a pending read at once.
            handler.Socket?.Dispose();
        }

        await Task.WhenAll(_connections.Values.Select(c => c.Task)).ConfigureAwait(false);
        _context.Dispose();
        if (_context.Options.UnixSocketPath is { } path && File.Exists(path))
        {
            File.Delete(path);
        }

        _context.Log("stopped");
    }

    /// <summary>Completes when every connection open now has ended (for tests that must not measure while one still works).</summary>
    internal Task ConnectionsClosedAsync() => Task.WhenAll(_connections.Values.Select(c => c.Task));

    /// <summary>
    /// Completes when <paramref name="condition"/> holds for <see cref="ConnectionCount"/>: checked now, then on each
    /// connection added or removed (for tests that wait on the server rather than poll it).
    /// </summary>
    internal Task WhenConnectionCountAsync(Func<int, bool> condition)
    {
        lock (_connectionCountLock)
        {
            if (condition(_connections.Count))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connectionCountWaiters.Add((condition, done));
            return done.Task;
        }
    }

    /// <summary>Adds or removes a connection and wakes the waiters whose condition now holds, so each sees every count.</summary>
    private void ChangeConnections(Action change)
    {
        lock (_connectionCountLock)
        {
            change();
            var count = _connections.Count;
            for (var i = _connectionCountWaiters.Count - 1; i >= 0; i--)
            {
                var (condition, done) = _connectionCountWaiters[i];
                try
                {
                    if (!condition(count))
                    {
                        continue;
                    }

                    // Continuations run asynchronously, so completing under the lock runs no waiter's code here.
                    done.TrySetResult();
                }
                catch (Exception ex)
                {
                    // A faulty condition fails its own waiter, never the accept loop or a connection's cleanup.
                    done.TrySetException(ex);
                }

                _connectionCountWaiters.RemoveAt(i);
            }
        }
    }

    /// <summary>
    /// A connection without a socket whose <see cref="ConnectionHandler.Process"/> runs raw messages through the same
    /// decode, execute and encode steps as a real one: for tests that send more messages than a socket would carry quickly.
    /// </summary>
    internal ConnectionHandler CreateDetachedConnection() =>
        new(_context, _dispatcher, null, new Hosting.ConnectionState(_context.NextConnectionId(), "127.0.0.1:0"));

    private async Task AcceptLoopAsync(Socket listener)
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || (ex is SocketException && token.IsCancellationRequested))
            {
                return;
            }
            catch (SocketException ex)
            {
                _context.Log($"accept failed: {ex.Message}");
                continue;
            }

            if (socket.AddressFamily != AddressFamily.Unix)
            {
                socket.NoDelay = true;
            }

            if (Interlocked.Read(ref _context.Statistics.CurrentConnections) >= _context.Options.MaxIncomingConnections)
            {
                // As mongod: the connection is accepted and closed at once, so the client sees a closed socket
                // rather than a connect that hangs in the backlog.
                Interlocked.Increment(ref _context.Statistics.RejectedConnections);
                _context.Log($"connection refused because too many open connections: {_context.Options.MaxIncomingConnections}");
                socket.Dispose();
                continue;
            }

            var id = _context.NextConnectionId();
            var remote = socket.RemoteEndPoint is IPEndPoint ip ? FormatHost(ip) : "unix:" + _context.Options.UnixSocketPath;
            var handler = new ConnectionHandler(_context, _dispatcher, socket, new Hosting.ConnectionState(id, remote));
            Interlocked.Increment(ref _context.Statistics.CurrentConnections);
            Interlocked.Increment(ref _context.Statistics.TotalConnections);
            var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ChangeConnections(() => _connections[id] = (handler, completion.Task));
            _ = Task.Run(async () =>
            {
                try
                {
                    await handler.RunAsync(token).ConfigureAwait(false);
                }
                finally
                {
                    ChangeConnections(() => _connections.TryRemove(id, out _));
                    Interlocked.Decrement(ref _context.Statistics.CurrentConnections);
                    completion.SetResult();
                }
            });
        }
    }

    private static string FormatHost(IPEndPoint endPoint) =>
        endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]:{endPoint.Port}" : $"{endPoint.Address}:{endPoint.Port}";
}

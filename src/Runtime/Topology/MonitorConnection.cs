using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;
using OpenQuizz.Typed.WireProtocol;

namespace OpenQuizz.Typed.Topology;

/// <summary>
/// A <see cref="MongoConnection"/> as a monitor uses it: hello (plain, or the streaming protocol's awaitable hello with
/// <c>exhaustAllowed</c>) and the replies the server then streams. Every call is bounded by <c>connectTimeoutMS</c>,
/// plus <c>maxAwaitTimeMS</c> while awaiting, and a timeout surfaces as a timeout <see cref="MongoConnectionException"/>.
/// </summary>
internal sealed class MonitorConnection : IMonitorConnection
{
    private readonly MongoConnection _connection;
    private readonly TimeSpan _connectTimeout;
    private readonly bool _useHello;
    private TimeSpan _maxAwaitTime;

    private MonitorConnection(MongoConnection connection, TimeSpan connectTimeout, bool useHello)
    {
        _connection = connection;
        _connectTimeout = connectTimeout;
        _useHello = useHello;
        HandshakeReply = connection.Description!.HelloReply;
    }

    /// <inheritdoc/>
    public BsonDocument HandshakeReply { get; }

    /// <inheritdoc/>
    public bool MoreToCome { get; private set; }

    /// <summary>Connects and runs the handshake (monitoring connections never authenticate), within the connect timeout.</summary>
    public static async ValueTask<MonitorConnection> OpenAsync(MongoServerAddress address, ConnectionSettings settings, CancellationToken cancellationToken)
    {
        var connection = new MongoConnection(address, settings);
        try
        {
            await WithTimeoutAsync(connection, settings.ConnectTimeout, "connecting to", async token =>
            {
                await connection.OpenAsync(token).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            var description = connection.Description!;
            return new MonitorConnection(connection, settings.ConnectTimeout, settings.ServerApi is not null || settings.LoadBalanced || description.HelloOk);
        }
        catch
        {
            connection.Interrupt();
            throw;
        }
    }

    /// <inheritdoc/>
    public ValueTask<BsonDocument> HelloAsync(TopologyVersion? topologyVersion, TimeSpan? maxAwaitTime, CancellationToken cancellationToken)
    {
        var command = new BsonDocument(_useHello ? "hello" : "isMaster", 1);
        var flags = CommandFlags.None;
        var timeout = _connectTimeout;
        if (topologyVersion is { } version && maxAwaitTime is { } wait)
        {
            command.Add("topologyVersion", version.ToBsonDocument());
            command.Add("maxAwaitTimeMS", (long)wait.TotalMilliseconds);
            flags = CommandFlags.ExhaustAllowed;
            _maxAwaitTime = wait;
            timeout = AddTimeouts(timeout, wait);
        }

        var request = new CommandRequest("admin", new BsonDocumentCommandBody(command), Flags: flags);
        return WithTimeoutAsync(_connection, timeout, "checking", async token =>
        {
            try
            {
                using var reply = await _connection.ExecuteCommandAsync(request, token).ConfigureAwait(false);
                MoreToCome = reply!.MoreToCome;
                return reply.ToBsonDocument();
            }
            catch (MongoCommandException e)
            {
                // An ok: 0 hello is a completed check that makes the server Unknown; the monitor reads it from the reply.
                MoreToCome = false;
                return e.Reply;
            }
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<BsonDocument> ReadNextAsync(CancellationToken cancellationToken) =>
        WithTimeoutAsync(_connection, AddTimeouts(_connectTimeout, _maxAwaitTime), "awaiting a streamed hello from", async token =>
        {
            using var reply = await _connection.ReceiveMoreAsync(token).ConfigureAwait(false);
            MoreToCome = reply.MoreToCome;
            return reply.ToBsonDocument();
        }, cancellationToken);

    /// <summary>Closes the socket; safe from any thread, including while a read is blocked.</summary>
    public void Dispose() => _connection.Interrupt();

    private static TimeSpan AddTimeouts(TimeSpan a, TimeSpan b) =>
        a <= TimeSpan.Zero || a == Timeout.InfiniteTimeSpan ? a : a + b;

    // Monitoring connections use connectTimeoutMS as their socket timeout (plus the awaited time); the application's
    // socketTimeoutMS does not apply to them.
    private static async ValueTask<T> WithTimeoutAsync<T>(MongoConnection connection, TimeSpan timeout, string doing,
        Func<CancellationToken, ValueTask<T>> body, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero || timeout == Timeout.InfiniteTimeSpan)
        {
            return await body(cancellationToken).ConfigureAwait(false);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await body(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            connection.Interrupt();
            throw new MongoConnectionException(connection.Address,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Timed out after {timeout.TotalMilliseconds:0} ms {doing} the server (connectTimeoutMS)."), e, isTimeout: true);
        }
    }
}

/// <summary>Opens monitoring connections: the client's connection settings without credentials or socket timeout.</summary>
internal sealed class MonitorConnectionFactory : IMonitorConnectionFactory
{
    private readonly ConnectionSettings _settings;

    public MonitorConnectionFactory(ConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings with { Credential = null, SocketTimeout = null, CommandEvents = null };
    }

    /// <inheritdoc/>
    public async ValueTask<IMonitorConnection> OpenAsync(MongoServerAddress address, CancellationToken cancellationToken) =>
        await MonitorConnection.OpenAsync(address, _settings, cancellationToken).ConfigureAwait(false);
}

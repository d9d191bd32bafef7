using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Connections;

namespace OpenQuizz.Typed.Pooling;

/// <summary>
/// A <see cref="MongoConnection"/> as the pool sees it: created unopened with the pool's id and generation, opened
/// (connect, TLS, handshake, authentication) when the pool establishes it.
/// </summary>
/// <remarks>
/// <see cref="Dispose"/> may run on another thread while an operation uses the connection (a clear that interrupts
/// in-use connections), so it only interrupts the stream: the operation sees a network error and never a buffer
/// returned to the pool under its feet.
/// </remarks>
internal sealed class PooledConnection : IPoolableConnection
{
    public PooledConnection(MongoServerAddress address, ConnectionSettings settings, long id, int generation)
    {
        Id = id;
        Connection = new MongoConnection(address, settings, generation);
    }

    /// <summary>The connection itself, for the operation that checked it out.</summary>
    public MongoConnection Connection { get; }

    /// <inheritdoc/>
    public long Id { get; }

    /// <inheritdoc/>
    public int Generation => Connection.Generation;

    /// <inheritdoc/>
    public ObjectId? ServiceId => Connection.Description?.ServiceId;

    /// <inheritdoc/>
    public bool IsBroken => Connection.IsBroken;

    /// <inheritdoc/>
    public ValueTask OpenAsync(CancellationToken cancellationToken) => new(Connection.OpenAsync(cancellationToken));

    /// <inheritdoc/>
    public void Open(CancellationToken cancellationToken) => Connection.Open(cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => Connection.Interrupt();

    public override string ToString() => $"PooledConnection {{ Id = {Id}, {Connection} }}";
}

/// <summary>Creates the pool's connections over real sockets, all sharing one <see cref="ConnectionSettings"/>.</summary>
internal sealed class PooledConnectionFactory(ConnectionSettings settings) : IPoolableConnectionFactory
{
    public ConnectionSettings Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <inheritdoc/>
    public IPoolableConnection Create(MongoServerAddress address, long id, int generation) => new PooledConnection(address, Settings, id, generation);
}

/// <summary>Reaching the <see cref="MongoConnection"/> of a lease, for the operation executor.</summary>
internal static class PooledConnectionLeaseExtensions
{
    /// <summary>The connection behind the lease; throws when the pool was built over another connection type (tests' fakes).</summary>
    public static MongoConnection GetMongoConnection(this PooledConnectionLease lease) =>
        lease.Connection is PooledConnection pooled
            ? pooled.Connection
            : throw new InvalidOperationException($"The pool's connection {lease.Connection.GetType().Name} is not a MongoConnection.");
}

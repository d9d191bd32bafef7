using OpenQuizz.Typed.Pooling;

namespace OpenQuizz.Typed.Topology;

/// <summary>The live parts of one server of a <see cref="Cluster"/>: its pool, its monitor and its operation count.</summary>
internal sealed class Server : IDisposable
{
    private int _operationCount;

    public Server(MongoServerAddress address, ConnectionPool pool, IServerMonitor monitor)
    {
        Address = address;
        Pool = pool;
        Monitor = monitor;
    }

    public MongoServerAddress Address { get; }

    public ConnectionPool Pool { get; }

    public IServerMonitor Monitor { get; }

    /// <summary>Operations selected for this server and not yet finished; used to choose between two in-window servers.</summary>
    public int OperationCount => Volatile.Read(ref _operationCount);

    internal void IncrementOperationCount() => Interlocked.Increment(ref _operationCount);

    internal void DecrementOperationCount() => Interlocked.Decrement(ref _operationCount);

    /// <summary>Test hook: sets the count as the in-window vectors describe it.</summary>
    internal void SetOperationCount(int count) => Volatile.Write(ref _operationCount, count);

    public void Dispose()
    {
        Monitor.Dispose();
        Pool.Dispose();
    }
}

/// <summary>A server chosen for one operation; disposing it ends the operation's claim on the server's operation count.</summary>
internal sealed class SelectedServer : IDisposable
{
    private int _disposed;

    internal SelectedServer(Server server, ServerDescription description, TopologyDescription topology)
    {
        Server = server;
        Description = description;
        Topology = topology;
        server.IncrementOperationCount();
    }

    public Server Server { get; }

    /// <summary>The server's description when it was selected.</summary>
    public ServerDescription Description { get; }

    /// <summary>The topology snapshot the selection was made on.</summary>
    public TopologyDescription Topology { get; }

    public ConnectionPool Pool => Server.Pool;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Server.DecrementOperationCount();
        }
    }
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Pooling;

namespace OpenQuizz.Typed.Tests.Pooling;

/// <summary>Connections without sockets whose establishment a test can hold open or fail.</summary>
internal sealed class FakePoolConnections : IPoolableConnectionFactory
{
    public List<FakeConnection> Created { get; } = [];

    /// <summary>When set, the next establishment fails with it.</summary>
    public Exception? NextFailure { get; set; }

    /// <summary>When set, establishment waits for it.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public IPoolableConnection Create(MongoServerAddress address, long id, int generation)
    {
        var connection = new FakeConnection(this, id, generation);
        Created.Add(connection);
        return connection;
    }

    internal sealed class FakeConnection(FakePoolConnections owner, long id, int generation) : IPoolableConnection
    {
        public long Id { get; } = id;

        public int Generation { get; } = generation;

        public ObjectId? ServiceId => null;

        public bool IsBroken { get; set; }

        public bool Disposed { get; private set; }

        public async ValueTask OpenAsync(CancellationToken cancellationToken)
        {
            if (owner.Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            if (owner.NextFailure is { } failure)
            {
                owner.NextFailure = null;
                throw failure;
            }
        }

        public void Dispose() => Disposed = true;
    }
}

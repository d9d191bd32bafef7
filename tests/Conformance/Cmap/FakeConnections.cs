using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Pooling;

namespace OpenQuizz.Typed.Conformance.Cmap;

/// <summary>
/// Connections without sockets. Establishment can be delayed (the CMAP integration vectors' blocking fail point) or
/// made to fail (their <c>errorCode</c> fail point), so every cmap-format vector runs without a server.
/// </summary>
internal sealed class FakeConnectionFactory : IPoolableConnectionFactory
{
    /// <summary>How long <c>OpenAsync</c> takes.</summary>
    public TimeSpan EstablishDelay { get; set; }

    /// <summary>When set, <c>OpenAsync</c> fails with this error (after the delay) while <see cref="FailuresLeft"/> is positive.</summary>
    public Func<MongoServerAddress, Exception>? Failure { get; set; }

    public int FailuresLeft { get; set; } = int.MaxValue;

    public IPoolableConnection Create(MongoServerAddress address, long id, int generation) => new FakeConnection(this, address, id, generation);

    private sealed class FakeConnection(FakeConnectionFactory factory, MongoServerAddress address, long id, int generation) : IPoolableConnection
    {
        public long Id { get; } = id;

        public int Generation { get; } = generation;

        public ObjectId? ServiceId => null;

        public bool IsBroken { get; private set; }

        public async ValueTask OpenAsync(CancellationToken cancellationToken)
        {
            if (factory.EstablishDelay > TimeSpan.Zero)
            {
                await Task.Delay(factory.EstablishDelay, cancellationToken);
            }

            if (factory.Failure is { } failure && factory.FailuresLeft-- > 0)
            {
                IsBroken = true;
                throw failure(address);
            }
        }

        public void Dispose() => IsBroken = true;
    }
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Pooling;

/// <summary>
/// What the pool needs of a connection: an id and generation it was created with, a way to establish it (connect,
/// handshake, authenticate) and to close it. The real <c>MongoConnection</c> is adapted to this; tests use fakes.
/// </summary>
internal interface IPoolableConnection : IDisposable
{
    /// <summary>The pool-assigned id, unique and increasing within the pool.</summary>
    long Id { get; }

    /// <summary>The pool generation when the connection was created.</summary>
    int Generation { get; }

    /// <summary>The service id reported in the handshake (load-balanced mode); null otherwise.</summary>
    ObjectId? ServiceId { get; }

    /// <summary>True once an I/O error (or an interrupt) has made the connection unusable.</summary>
    bool IsBroken { get; }

    /// <summary>Connects, runs the handshake and authenticates.</summary>
    ValueTask OpenAsync(CancellationToken cancellationToken);

    /// <summary>The synchronous twin of <see cref="OpenAsync"/>; test fakes, which never block, may keep this default.</summary>
    void Open(CancellationToken cancellationToken) => OpenAsync(cancellationToken).AsTask().GetAwaiter().GetResult();
}

/// <summary>Creates (unopened) connections to one server.</summary>
internal interface IPoolableConnectionFactory
{
    /// <summary>Creates a connection with the given id and generation; it is opened by the pool.</summary>
    IPoolableConnection Create(MongoServerAddress address, long id, int generation);
}

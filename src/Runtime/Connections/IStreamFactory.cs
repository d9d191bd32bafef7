namespace OpenQuizz.Typed.Connections;

/// <summary>Opens the byte stream of a connection; tests substitute in-memory streams.</summary>
internal interface IStreamFactory
{
    /// <summary>Connects to <paramref name="address"/>, synchronously when <paramref name="async"/> is false.</summary>
    /// <exception cref="MongoConnectionException">The connection (or its TLS handshake) failed or timed out.</exception>
    ValueTask<Stream> CreateStreamAsync(MongoServerAddress address, bool async, CancellationToken cancellationToken);
}

namespace OpenQuizz.Typed;

/// <summary>
/// A network error on a connection to a server: connecting, TLS, a read or write failing or timing out. The
/// connection it happened on is closed and never reused.
/// </summary>
public class MongoConnectionException : MongoException, IMongoErrorLabels
{
    private readonly ErrorLabelSet _labels = new();

    /// <summary>Creates the error for <paramref name="address"/>.</summary>
    public MongoConnectionException(MongoServerAddress? address, string message, Exception? innerException = null, bool isTimeout = false)
        : base(address is null ? message : $"{message} (server {address})", innerException)
    {
        Address = address;
        IsTimeout = isTimeout;
    }

    /// <summary>The server the connection was to, when known.</summary>
    public MongoServerAddress? Address { get; }

    /// <summary>True when the error is a connect or socket timeout rather than a failure reported by the network.</summary>
    public bool IsTimeout { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ErrorLabels => _labels.Labels;

    /// <inheritdoc/>
    public bool HasErrorLabel(string label) => _labels.Contains(label);

    /// <inheritdoc/>
    public void AddErrorLabel(string label) => _labels.Add(label);
}

/// <summary>Why a connection was closed.</summary>
public enum ConnectionClosedReason
{
    /// <summary>The server closed the stream (end of stream while reading).</summary>
    ServerClosed,

    /// <summary>The connection had been broken by an earlier error and cannot be used.</summary>
    Broken,

    /// <summary>The connection was disposed by its owner.</summary>
    Disposed,
}

/// <summary>The connection is closed: the server ended the stream, or an earlier error or disposal closed it.</summary>
public class MongoConnectionClosedException : MongoConnectionException
{
    /// <summary>Creates the error for <paramref name="address"/>.</summary>
    public MongoConnectionClosedException(MongoServerAddress? address, ConnectionClosedReason reason, Exception? innerException = null)
        : base(address, Describe(reason), innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the connection is closed.</summary>
    public ConnectionClosedReason Reason { get; }

    private static string Describe(ConnectionClosedReason reason) => reason switch
    {
        ConnectionClosedReason.ServerClosed => "The server closed the connection.",
        ConnectionClosedReason.Broken => "The connection was closed by an earlier error and cannot be reused.",
        _ => "The connection has been disposed.",
    };
}

namespace OpenQuizz.Typed.Pooling;

/// <summary>No connection became available within the wait queue timeout.</summary>
public sealed class MongoWaitQueueTimeoutException : MongoException
{
    /// <summary>Creates the error for <paramref name="address"/>.</summary>
    public MongoWaitQueueTimeoutException(MongoServerAddress address, TimeSpan timeout)
        : this(address, timeout, maxPoolSize: null)
    {
    }

    /// <summary>Creates the error for <paramref name="address"/>, naming the pool's limit.</summary>
    public MongoWaitQueueTimeoutException(MongoServerAddress address, TimeSpan timeout, int? maxPoolSize)
        : base(maxPoolSize is { } max
            ? $"Timed out after {timeout.TotalMilliseconds:0} ms waiting for a connection from the pool for {address}: all {max} connections (maxPoolSize) are in use. Raise maxPoolSize or waitQueueTimeoutMS, or dispose cursors and finish operations sooner."
            : $"Timed out after {timeout.TotalMilliseconds:0} ms waiting for a connection from the pool for {address}.")
    {
        Address = address;
    }

    /// <summary>The server of the pool.</summary>
    public MongoServerAddress Address { get; }
}

/// <summary>The pool was cleared (its server was marked Unknown) while or before checking out; the operation may be retried.</summary>
public sealed class MongoPoolClearedException : MongoException, IMongoErrorLabels
{
    private readonly List<string> _labels = ["RetryableWriteError"];

    /// <summary>Creates the error for <paramref name="address"/>.</summary>
    public MongoPoolClearedException(MongoServerAddress address, Exception? cause = null)
        : base($"The connection pool for {address} was cleared because the server is unavailable or changed state.", cause)
    {
        Address = address;
    }

    /// <summary>The server of the pool.</summary>
    public MongoServerAddress Address { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ErrorLabels
    {
        get
        {
            lock (_labels)
            {
                return [.. _labels];
            }
        }
    }

    /// <inheritdoc/>
    public bool HasErrorLabel(string label)
    {
        lock (_labels)
        {
            return _labels.Contains(label, StringComparer.Ordinal);
        }
    }

    /// <inheritdoc/>
    public void AddErrorLabel(string label)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        lock (_labels)
        {
            if (!_labels.Contains(label, StringComparer.Ordinal))
            {
                _labels.Add(label);
            }
        }
    }
}

/// <summary>The pool is closed: its client was disposed.</summary>
public sealed class MongoPoolClosedException : MongoException
{
    /// <summary>Creates the error for <paramref name="address"/>.</summary>
    public MongoPoolClosedException(MongoServerAddress address)
        : base($"The connection pool for {address} is closed.")
    {
        Address = address;
    }

    /// <summary>The server of the pool.</summary>
    public MongoServerAddress Address { get; }
}

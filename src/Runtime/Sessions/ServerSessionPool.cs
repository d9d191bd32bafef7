namespace OpenQuizz.Typed.Sessions;

/// <summary>
/// The pool of server sessions (driver-sessions spec): a session is reused most recently released first, never once
/// it is within a minute of expiring on the server or after a network error made it dirty. Thread-safe.
/// </summary>
internal sealed class ServerSessionPool
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;

    // The most recently released session is last: acquiring takes from the end, pruning from the front (the oldest).
    private readonly List<ServerSession> _idle = [];
    private bool _closed;

    public ServerSessionPool(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>The clock of last-use times.</summary>
    public TimeProvider Time => _time;

    /// <summary>The number of sessions waiting to be reused.</summary>
    public int IdleCount
    {
        get
        {
            lock (_lock)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>
    /// A session for one operation: the most recently used idle one that is not about to expire, else a new one.
    /// Expired ones met on the way are dropped (the server forgets them by itself).
    /// </summary>
    /// <param name="logicalSessionTimeout">The deployment's <c>logicalSessionTimeoutMinutes</c>, or null when unknown.</param>
    public ServerSession Acquire(TimeSpan? logicalSessionTimeout)
    {
        lock (_lock)
        {
            while (_idle.Count > 0)
            {
                var session = _idle[^1];
                _idle.RemoveAt(_idle.Count - 1);
                if (!IsAboutToExpire(session, logicalSessionTimeout))
                {
                    return session;
                }
            }
        }

        return new ServerSession(Guid.NewGuid(), _time.GetTimestamp());
    }

    /// <summary>
    /// Returns a session after its operation (or cursor) is done with it. Dirty ones are discarded; so are those about
    /// to expire, along with any older idle ones that are.
    /// </summary>
    public void Release(ServerSession session, TimeSpan? logicalSessionTimeout)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_lock)
        {
            while (_idle.Count > 0 && IsAboutToExpire(_idle[0], logicalSessionTimeout))
            {
                _idle.RemoveAt(0);
            }

            if (_closed || session.IsDirty || IsAboutToExpire(session, logicalSessionTimeout))
            {
                return;
            }

            _idle.Add(session);
        }
    }

    /// <summary>Closes the pool and hands back every idle session, so the client can end them on the server.</summary>
    public IReadOnlyList<ServerSession> Close()
    {
        lock (_lock)
        {
            _closed = true;
            var sessions = _idle.ToArray();
            _idle.Clear();
            return sessions;
        }
    }

    // A session with less than a minute left on the server might expire between here and the server: discard it.
    private bool IsAboutToExpire(ServerSession session, TimeSpan? logicalSessionTimeout) =>
        logicalSessionTimeout is { } timeout && _time.GetElapsedTime(session.LastUse) > timeout - ExpiryMargin;
}

using System.Collections.Concurrent;
using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Sessions;

/// <summary>
/// The logical sessions of a server, keyed by lsid id and user digest. A session lives while it is used: one idle for
/// <see cref="Timeout"/> (logicalSessionTimeoutMinutes) is dropped by a timer on the server's <see cref="TimeProvider"/>
/// together with its retry history, and <see cref="Ended"/> lets the server close its cursors too.
/// It is also where the journal's retry records are loaded and where the snapshot reads them.
/// </summary>
internal sealed class SessionRegistry : IDisposable
{
    /// <summary>mongod's TooManyLogicalSessions.</summary>
    public const int TooManyLogicalSessions = 261;

    private readonly ConcurrentDictionary<SessionKey, ServerSession> _sessions = new();
    private readonly TimeProvider _time;
    private readonly ITimer _reaper;
    private long _reaperRuns;
    private long _lastRunExpired;
    private long _retriedStatements;

    public SessionRegistry(TimeProvider time, TimeSpan timeout, int maxSessions = 1_000_000)
    {
        _time = time;
        Timeout = timeout;
        MaxSessions = maxSessions;
        var period = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerMinute));
        _reaper = time.CreateTimer(_ => ExpireIdle(), null, period, period);
    }

    public TimeSpan Timeout { get; }

    /// <summary>mongod's maxSessions: past it a new session is refused, so a client inventing lsids cannot exhaust memory.</summary>
    public int MaxSessions { get; }

    public int Count => _sessions.Count;

    /// <summary>How many times the reaper ran, and how many sessions its last run expired (serverStatus's logicalSessionRecordCache).</summary>
    public long ReaperRuns => Interlocked.Read(ref _reaperRuns);

    public long LastRunExpired => Interlocked.Read(ref _lastRunExpired);

    /// <summary>Statements answered from a retry history instead of being applied (serverStatus's transactions.retriedStatementsCount).</summary>
    public long RetriedStatements => Interlocked.Read(ref _retriedStatements);

    public void CountRetried(int statements) => Interlocked.Add(ref _retriedStatements, statements);

    /// <summary>Raised with each session that expired or was ended, after it was removed.</summary>
    public event Action<SessionKey>? Ended;

    /// <summary>The session, created when new, marked as used now.</summary>
    public ServerSession Touch(SessionKey key)
    {
        var now = _time.GetUtcNow();
        if (!_sessions.TryGetValue(key, out var session))
        {
            if (_sessions.Count >= MaxSessions)
            {
                throw new MongoServerException(
                    TooManyLogicalSessions,
                    "Unable to add session into the cache because the number of active sessions is too high");
            }

            session = _sessions.GetOrAdd(key, static (k, at) => new ServerSession(k, at), now);
        }

        session.LastUse = now;
        return session;
    }

    /// <summary>
    /// The session with its <see cref="ServerSession.SyncRoot"/> entered (the caller exits it); looked up again if the
    /// reaper removed it between the lookup and the lock, so a retry history is never written to a dropped session.
    /// </summary>
    public ServerSession Acquire(SessionKey key)
    {
        while (true)
        {
            var session = Touch(key);
            session.SyncRoot.Enter();
            if (!session.Removed)
            {
                return session;
            }

            session.SyncRoot.Exit();
        }
    }

    /// <summary>Every session in the cache now ($listLocalSessions).</summary>
    public IEnumerable<ServerSession> All() => _sessions.Values;

    public ServerSession? Find(SessionKey key) => _sessions.TryGetValue(key, out var session) ? session : null;

    /// <summary>Ends a session now (endSessions, killSessions); a write running in it finishes first.</summary>
    public bool End(SessionKey key)
    {
        if (!_sessions.TryGetValue(key, out var session))
        {
            return false;
        }

        lock (session.SyncRoot)
        {
            session.Removed = true;
            _sessions.TryRemove(new KeyValuePair<SessionKey, ServerSession>(key, session));
        }

        Ended?.Invoke(key);
        return true;
    }

    /// <summary>Drops every session idle for at least <see cref="Timeout"/>; the timer calls it, tests may too.</summary>
    public void ExpireIdle()
    {
        var now = _time.GetUtcNow();
        var count = 0L;
        foreach (var (key, session) in _sessions)
        {
            if (now - session.LastUse < Timeout || !session.SyncRoot.TryEnter())
            {
                continue; // in use, or busy with a write (which refreshes it)
            }

            bool expired;
            try
            {
                expired = now - session.LastUse >= Timeout;
                if (expired)
                {
                    session.Removed = true;
                    _sessions.TryRemove(new KeyValuePair<SessionKey, ServerSession>(key, session));
                }
            }
            finally
            {
                session.SyncRoot.Exit();
            }

            if (expired)
            {
                count++;
                Ended?.Invoke(key);
            }
        }

        Interlocked.Exchange(ref _lastRunExpired, count);
        Interlocked.Increment(ref _reaperRuns);
    }

    /// <summary>Restores a retry record read from the journal or the snapshot, unless its session has expired since.</summary>
    public void Load(BsonDocument record)
    {
        var (key, txnNumber, lastUse, statements) = RetryHistory.FromDocument(record);
        if (_time.GetUtcNow() - lastUse >= Timeout)
        {
            return;
        }

        var session = _sessions.GetOrAdd(key, static (k, at) => new ServerSession(k, at), lastUse);
        session.LastUse = lastUse;
        if (txnNumber >= session.History.TxnNumber)
        {
            session.History = session.History.With(txnNumber, statements);
        }
    }

    /// <summary>The retry records of the live sessions, for a snapshot (read without session locks; see <see cref="ServerSession.History"/>).</summary>
    public IEnumerable<BsonDocument> RetryRecords()
    {
        foreach (var session in _sessions.Values)
        {
            var history = session.History;
            if (history.Statements.Count > 0)
            {
                yield return RetryHistory.ToDocument(session.Key, history.TxnNumber, session.LastUse, history.Statements);
            }
        }
    }

    public void Dispose() => _reaper.Dispose();
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Cursors;

/// <summary>
/// The open cursors of a server. A timer from the server's <see cref="TimeProvider"/> closes cursors idle longer
/// than the timeout, so tests drive expiry with a manual clock instead of sleeping.
/// </summary>
internal sealed class CursorManager : IDisposable
{
    private readonly ConcurrentDictionary<long, ServerCursor> _cursors = new();

    // The cursors of each session, so ending one (endSessions takes thousands of ids) does not scan every cursor.
    private readonly ConcurrentDictionary<Sessions.SessionKey, ConcurrentDictionary<long, byte>> _bySession = new();
    private readonly TimeProvider _time;
    private readonly ITimer _reaper;

    private readonly int _maxOpen;
    private readonly int _maxPerSession;

    public CursorManager(TimeProvider time, TimeSpan timeout, int maxOpen = int.MaxValue, int maxPerSession = int.MaxValue)
    {
        _time = time;
        Timeout = timeout;
        _maxOpen = maxOpen;
        _maxPerSession = maxPerSession;
        var period = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerMinute));
        _reaper = time.CreateTimer(_ => ExpireIdle(), null, period, period);
    }

    public TimeSpan Timeout { get; }

    public int Count => _cursors.Count;

    /// <summary>The result documents all open cursors hold in memory (see <see cref="ServerCursor.HeldDocuments"/>).</summary>
    public long HeldDocuments
    {
        get
        {
            long held = 0;
            foreach (var (_, cursor) in _cursors)
            {
                held += cursor.HeldDocuments;
            }

            return held;
        }
    }

    /// <summary>Raised (on the timer's thread) with the id of each cursor closed for idleness.</summary>
    public event Action<long>? Expired;

    /// <summary>
    /// Registers a cursor over the rest of a result and returns it. <paramref name="origin"/> says who opened it: only a
    /// connection with the same users may use or kill it, in the same session, while they keep the privileges it needed.
    /// </summary>
    /// <exception cref="MongoServerException">
    /// ExceededMemoryLimit (146) when the server, or the session of <paramref name="origin"/>, already has the most
    /// cursors allowed open: each pins its results until it is exhausted, killed or times out.
    /// </exception>
    public ServerCursor Open(
        string ns,
        IReadOnlyList<BsonDocument> documents,
        int start,
        Func<int, BsonDocument>? transform,
        CursorOrigin origin) =>
        Register(id => new ServerCursor(id, ns, documents, start, transform) { Session = origin.Session, Privileges = origin.Privileges }, origin);

    /// <summary>Registers a streaming cursor whose documents come from <paramref name="pull"/> (null when done); see the other overload.</summary>
    public ServerCursor Open(string ns, Func<BsonDocument?> pull, CursorOrigin origin) =>
        Register(id => new ServerCursor(id, ns, pull) { Session = origin.Session, Privileges = origin.Privileges }, origin);

    private ServerCursor Register(Func<long, ServerCursor> create, CursorOrigin origin)
    {
        var session = origin.Session;
        if (_cursors.Count >= _maxOpen)
        {
            throw new MongoServerException(ErrorCodes.ExceededMemoryLimit, $"cannot open a cursor: the server already has {_maxOpen} open cursors (MaxOpenCursors); exhaust or kill some first");
        }

        if (session is { } sessionKey && _bySession.TryGetValue(sessionKey, out var sessionCursors) && sessionCursors.Count >= _maxPerSession)
        {
            throw new MongoServerException(ErrorCodes.ExceededMemoryLimit, $"cannot open a cursor: the session already has {_maxPerSession} open cursors (MaxOpenCursorsPerSession); exhaust or kill some first");
        }

        while (true)
        {
            // Positive, non-zero, unpredictable ids like mongod's.
            var id = RandomNumberGenerator.GetInt32(1, int.MaxValue) * 0x1_0000_0000L + RandomNumberGenerator.GetInt32(int.MaxValue);
            var cursor = create(id);
            cursor.LastUsed = _time.GetUtcNow();
            cursor.Owners = origin.Owners;
            if (_cursors.TryAdd(id, cursor))
            {
                if (session is { } key)
                {
                    _bySession.GetOrAdd(key, static _ => new ConcurrentDictionary<long, byte>())[id] = 0;
                }

                return cursor;
            }
        }
    }

    /// <summary>Checks a cursor out for a getMore; null when unknown or already busy.</summary>
    public ServerCursor? CheckOut(long id)
    {
        if (!_cursors.TryGetValue(id, out var cursor))
        {
            return null;
        }

        lock (cursor)
        {
            if (cursor.InUse)
            {
                return null;
            }

            cursor.InUse = true;
            return cursor;
        }
    }

    /// <summary>Returns a cursor after a getMore, closing it when exhausted.</summary>
    public void Release(ServerCursor cursor)
    {
        lock (cursor)
        {
            cursor.InUse = false;
            cursor.LastUsed = _time.GetUtcNow();
        }

        if (cursor.IsExhausted)
        {
            Remove(cursor.Id);
        }
    }

    public bool Kill(long id) => Remove(id);

    /// <summary>
    /// Closes the cursors over a dropped collection (<paramref name="collection"/> given) or over anything of a dropped
    /// database: as in mongod, their results do not outlive the data, nor pin its memory until the idle timeout.
    /// </summary>
    public void KillNamespace(string database, string? collection)
    {
        var prefix = database + ".";
        var exact = collection is null ? null : prefix + collection;
        foreach (var (id, cursor) in _cursors)
        {
            if (exact is null ? cursor.Namespace.StartsWith(prefix, StringComparison.Ordinal) : cursor.Namespace == exact)
            {
                Remove(id);
            }
        }
    }

    /// <summary>Closes the cursors opened in <paramref name="session"/> (ended, killed or expired).</summary>
    public void KillSession(Sessions.SessionKey session)
    {
        if (_bySession.TryRemove(session, out var ids))
        {
            foreach (var id in ids.Keys)
            {
                _cursors.TryRemove(id, out _);
            }
        }
    }

    /// <summary>The open cursor <paramref name="id"/>, or null; for checks that must not check it out.</summary>
    public ServerCursor? Find(long id) => _cursors.TryGetValue(id, out var cursor) ? cursor : null;

    public bool Exists(long id) => _cursors.ContainsKey(id);

    /// <summary>Closes every cursor idle for at least <see cref="Timeout"/>; the timer calls it, tests may too.</summary>
    public void ExpireIdle()
    {
        var now = _time.GetUtcNow();
        foreach (var (id, cursor) in _cursors)
        {
            bool expire;
            lock (cursor)
            {
                expire = !cursor.InUse && now - cursor.LastUsed >= Timeout;
            }

            if (expire && Remove(id))
            {
                Expired?.Invoke(id);
            }
        }
    }

    private bool Remove(long id)
    {
        if (!_cursors.TryRemove(id, out var cursor))
        {
            return false;
        }

        // An emptied entry stays until its session ends (KillSession drops it), so no race can orphan a new cursor.
        if (cursor.Session is { } key && _bySession.TryGetValue(key, out var ids))
        {
            ids.TryRemove(id, out _);
        }

        return true;
    }

    public void Dispose()
    {
        _reaper.Dispose();
        _cursors.Clear();
        _bySession.Clear();
    }
}

/// <summary>Who opened a cursor: the connection's users, its session, and the privileges its command needed.</summary>
internal sealed record CursorOrigin(
    IReadOnlyList<(string Database, string Name)> Owners,
    Sessions.SessionKey? Session,
    IReadOnlyList<Auth.PrivilegeCheck> Privileges);

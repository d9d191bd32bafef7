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

    /// <summary>Raised (on the timer's thread) with the id of each cursor closed for idleness.</summary>
    public event Action<long>? Expired;

    /// <summary>
    /// Registers a cursor over the rest of a result and returns it. <paramref name="owners"/> are the users
    /// authenticated on the connection that opened it: only a connection with the same users may use or kill it.
    /// </summary>
    /// <exception cref="MongoServerException">
    /// ExceededMemoryLimit (146) when the server, or the session named by <paramref name="session"/>, already has the
    /// most cursors allowed open: each pins its results until it is exhausted, killed or times out.
    /// </exception>
    public ServerCursor Open(string ns, IReadOnlyList<BsonDocument> documents, int start, Func<int, BsonDocument>? transform, IReadOnlyList<(string Database, string Name)> owners, BsonValue? session = null) =>
        Register(id => new ServerCursor(id, ns, documents, start, transform), owners, session);

    /// <summary>Registers a streaming cursor whose documents come from <paramref name="pull"/> (null when done); see the other overload.</summary>
    public ServerCursor Open(string ns, Func<BsonDocument?> pull, IReadOnlyList<(string Database, string Name)> owners, BsonValue? session = null) =>
        Register(id => new ServerCursor(id, ns, pull), owners, session);

    private ServerCursor Register(Func<long, ServerCursor> create, IReadOnlyList<(string Database, string Name)> owners, BsonValue? session)
    {
        if (_cursors.Count >= _maxOpen)
        {
            throw new MongoServerException(ErrorCodes.ExceededMemoryLimit, $"cannot open a cursor: the server already has {_maxOpen} open cursors (MaxOpenCursors); exhaust or kill some first");
        }

        if (session is not null && _maxPerSession != int.MaxValue)
        {
            var open = 0;
            foreach (var (_, other) in _cursors)
            {
                if (other.Session is { } owner && BsonKeyEquality.Instance.Equals(owner, session) && ++open >= _maxPerSession)
                {
                    throw new MongoServerException(ErrorCodes.ExceededMemoryLimit, $"cannot open a cursor: the session already has {_maxPerSession} open cursors (MaxOpenCursorsPerSession); exhaust or kill some first");
                }
            }
        }

        while (true)
        {
            // Positive, non-zero, unpredictable ids like mongod's.
            var id = RandomNumberGenerator.GetInt32(1, int.MaxValue) * 0x1_0000_0000L + RandomNumberGenerator.GetInt32(int.MaxValue);
            var cursor = create(id);
            cursor.LastUsed = _time.GetUtcNow();
            cursor.Owners = owners;
            cursor.Session = session;
            if (_cursors.TryAdd(id, cursor))
            {
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
            _cursors.TryRemove(cursor.Id, out _);
        }
    }

    public bool Kill(long id) => _cursors.TryRemove(id, out _);

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

            if (expire && _cursors.TryRemove(id, out _))
            {
                Expired?.Invoke(id);
            }
        }
    }

    public void Dispose()
    {
        _reaper.Dispose();
        _cursors.Clear();
    }
}

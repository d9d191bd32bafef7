using System.Collections.Concurrent;
using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Sessions;

/// <summary>
/// Server sessions keyed by <c>lsid</c>. Each remembers the reply of its latest retryable write so that a retry
/// with the same txnNumber returns that reply instead of applying the write again.
/// </summary>
internal sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<BsonValue, ServerSession> _sessions = new(BsonKeyEquality.Instance);

    public int Count => _sessions.Count;

    public ServerSession GetOrCreate(BsonValue lsid) => _sessions.GetOrAdd(lsid, static _ => new ServerSession());

    public void End(BsonValue lsid) => _sessions.TryRemove(lsid, out _);
}

internal sealed class ServerSession
{
    /// <summary>Held for the whole retryable write: a session runs one operation at a time.</summary>
    public Lock SyncRoot { get; } = new();

    public long TxnNumber { get; set; } = -1;

    public BsonDocument? LastReply { get; set; }
}

using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Sessions;

/// <summary>
/// One logical session: when it was last used (for expiry) and the history of its latest retryable write
/// (mongod's config.transactions entry). <see cref="SyncRoot"/> is held for the whole of a retryable write, so
/// a session runs one at a time, as mongod checks a session out to one operation.
/// </summary>
internal sealed class ServerSession(SessionKey key, DateTimeOffset now)
{
    private long _lastUseTicks = now.UtcTicks;
    private volatile RetryHistory _history = RetryHistory.None;

    public SessionKey Key { get; } = key;

    public Lock SyncRoot { get; } = new();

    /// <summary>Set (under <see cref="SyncRoot"/>) once the session expired or was ended; a holder must look it up again.</summary>
    public bool Removed { get; set; }

    public DateTimeOffset LastUse
    {
        get => new(Volatile.Read(ref _lastUseTicks), TimeSpan.Zero);
        set => Volatile.Write(ref _lastUseTicks, Math.Max(Volatile.Read(ref _lastUseTicks), value.UtcTicks));
    }

    /// <summary>
    /// The statements executed under the session's highest txnNumber. Replaced, never mutated, so the snapshot
    /// writer reads it without taking <see cref="SyncRoot"/> (which would invert the lock order with collection locks).
    /// </summary>
    public RetryHistory History
    {
        get => _history;
        set => _history = value;
    }
}

/// <summary>What one executed statement of a retryable write did: enough to answer its retry without running it.</summary>
/// <param name="Kind">insert, update, delete, findAndModify.remove or findAndModify.update.</param>
/// <param name="Namespace">"db.collection" it wrote to.</param>
/// <param name="Result">The statement's own outcome (for update <c>{n, nModified, upserted?}</c>; findAndModify its reply).</param>
/// <param name="Fingerprint">A digest of the statement as sent, so a different write under the same stmtId is told apart; null in old records.</param>
internal sealed record StatementRecord(string Kind, string Namespace, BsonDocument Result, string? Fingerprint = null);

/// <summary>The executed statements (by stmtId) of a session's highest txnNumber. Immutable.</summary>
internal sealed class RetryHistory(long txnNumber, IReadOnlyDictionary<int, StatementRecord> statements)
{
    public static readonly RetryHistory None = new(-1, new Dictionary<int, StatementRecord>());

    public long TxnNumber { get; } = txnNumber;

    public IReadOnlyDictionary<int, StatementRecord> Statements { get; } = statements;

    /// <summary>This history with <paramref name="added"/> executed under <paramref name="txnNumber"/> (a higher one starts afresh).</summary>
    public RetryHistory With(long txnNumber, IReadOnlyDictionary<int, StatementRecord> added)
    {
        var merged = txnNumber == TxnNumber ? new Dictionary<int, StatementRecord>(Statements) : [];
        foreach (var (stmtId, record) in added)
        {
            merged[stmtId] = record;
        }

        return new RetryHistory(txnNumber, merged);
    }

    /// <summary>The journal's form: <c>{lsid: {id, uid}, txnNumber, lastUse, stmts: [{stmtId, kind, ns, result}]}</c>.</summary>
    public static BsonDocument ToDocument(SessionKey key, long txnNumber, DateTimeOffset lastUse, IEnumerable<KeyValuePair<int, StatementRecord>> statements)
    {
        var stmts = new BsonArray();
        foreach (var (stmtId, record) in statements)
        {
            var stmt = new BsonDocument { { "stmtId", stmtId }, { "kind", record.Kind }, { "ns", record.Namespace }, { "result", record.Result } };
            if (record.Fingerprint is not null)
            {
                stmt.Add("fingerprint", record.Fingerprint);
            }

            stmts.Add(stmt);
        }

        return new BsonDocument
        {
            { "lsid", key.ToDocument() },
            { "txnNumber", txnNumber },
            { "lastUse", new BsonDateTime(lastUse) },
            { "stmts", stmts },
        };
    }

    /// <summary>Reads <see cref="ToDocument"/>'s form.</summary>
    public static (SessionKey Key, long TxnNumber, DateTimeOffset LastUse, Dictionary<int, StatementRecord> Statements) FromDocument(BsonDocument document)
    {
        var statements = new Dictionary<int, StatementRecord>();
        foreach (var value in document["stmts"].AsBsonArray)
        {
            var stmt = value.AsBsonDocument;
            var fingerprint = stmt.GetValue("fingerprint", null) is BsonString { Value: var digest } ? digest : null;
            statements[stmt["stmtId"].ToInt32()] = new StatementRecord(stmt["kind"].AsString, stmt["ns"].AsString, stmt["result"].AsBsonDocument, fingerprint);
        }

        return (SessionKey.FromDocument(document["lsid"].AsBsonDocument), document["txnNumber"].ToInt64(), DateTimeOffset.FromUnixTimeMilliseconds(((BsonDateTime)document["lastUse"]).MillisecondsSinceEpoch), statements);
    }
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed.Sessions;

/// <summary>
/// A server session: the <c>lsid</c> the server tracks, when it was last used and the last transaction number handed
/// out. Owned by one operation (or one cursor) at a time, between <see cref="ServerSessionPool.Acquire"/> and
/// <see cref="ServerSessionPool.Release"/>.
/// </summary>
internal sealed class ServerSession
{
    private readonly byte[] _id;

    public ServerSession(Guid id, long lastUse)
    {
        Id = id;
        _id = id.ToByteArray(bigEndian: true);
        LastUse = lastUse;
    }

    /// <summary>The session id (sent as a UUID, binary subtype 4).</summary>
    public Guid Id { get; }

    /// <summary>The timestamp (of the pool's <see cref="TimeProvider"/>) of the last command sent with this session.</summary>
    public long LastUse { get; private set; }

    /// <summary>The last transaction number handed out; 0 before the first retryable write.</summary>
    public long TxnNumber { get; private set; }

    /// <summary>True once a network error hit a command of this session: the server may not have seen its end, so it is not reused.</summary>
    public bool IsDirty { get; private set; }

    /// <summary>Increments and returns the transaction number, once per retryable write (not per attempt).</summary>
    public long AdvanceTransactionNumber() => ++TxnNumber;

    /// <summary>Records that a command was sent now.</summary>
    public void MarkUsed(long timestamp) => LastUse = timestamp;

    /// <summary>Marks the session so the pool discards it rather than reuse it.</summary>
    public void MarkDirty() => IsDirty = true;

    /// <summary>Writes the session id as a document value, <c>{ id: UUID }</c>.</summary>
    public void WriteLsid(ref BsonSpanWriter writer)
    {
        writer.WriteStartDocument();
        writer.WriteName("id"u8);
        writer.WriteBinary(_id, BsonBinarySubType.UuidStandard);
        writer.WriteEndDocument();
    }

    /// <summary>The session id as a document, <c>{ id: UUID }</c>, for <c>endSessions</c> and tests.</summary>
    public BsonDocument ToLsidDocument() => new("id", new BsonBinaryData(_id, BsonBinarySubType.UuidStandard));

    public override string ToString() => $"ServerSession {{ Id = {Id}, TxnNumber = {TxnNumber}, Dirty = {IsDirty} }}";
}

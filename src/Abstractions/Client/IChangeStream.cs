using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// A change stream: the changes of a collection, database or deployment as they happen. Enumerate it (it waits for new
/// events); it resumes itself once after a resumable error. Dispose it to close the server-side cursor.
/// </summary>
public interface IChangeStream<out TChange> : IAsyncEnumerable<TChange>, IEnumerable<TChange>, IAsyncDisposable, IDisposable
{
    /// <summary>The token to resume after the last event returned (or the batch's post-batch token), for <see cref="ChangeStreamOptions.ResumeAfter"/>.</summary>
    BsonDocument? ResumeToken { get; }
}

/// <summary>What happened in a change event (<c>operationType</c>).</summary>
public enum ChangeStreamOperationType
{
    /// <summary>A type this version does not know; read <see cref="ChangeStreamDocument{TDocument}.BackingDocument"/>.</summary>
    Other,

    /// <summary>A document was inserted.</summary>
    Insert,

    /// <summary>A document was updated.</summary>
    Update,

    /// <summary>A document was replaced.</summary>
    Replace,

    /// <summary>A document was deleted.</summary>
    Delete,

    /// <summary>The collection was dropped.</summary>
    Drop,

    /// <summary>The collection was renamed.</summary>
    Rename,

    /// <summary>The database was dropped.</summary>
    DropDatabase,

    /// <summary>The stream can no longer continue (its collection or database went away).</summary>
    Invalidate,
}

/// <summary>One change event. Fields an event type does not have are null.</summary>
public sealed class ChangeStreamDocument<TDocument>
{
    /// <summary>Creates the event from its raw document; the runtime fills the decoded fields.</summary>
    public ChangeStreamDocument(BsonDocument backingDocument)
    {
        ArgumentNullException.ThrowIfNull(backingDocument);
        BackingDocument = backingDocument;
    }

    /// <summary>The event as the server sent it.</summary>
    public BsonDocument BackingDocument { get; }

    /// <summary>What happened.</summary>
    public ChangeStreamOperationType OperationType { get; init; }

    /// <summary>The event's resume token (<c>_id</c>).</summary>
    public BsonDocument? ResumeToken { get; init; }

    /// <summary>The collection the event is about (<c>ns</c>).</summary>
    public CollectionNamespace? Namespace { get; init; }

    /// <summary>The new namespace of a rename (<c>to</c>).</summary>
    public CollectionNamespace? RenameTo { get; init; }

    /// <summary>The changed document's <c>_id</c> (and shard key) (<c>documentKey</c>).</summary>
    public BsonDocument? DocumentKey { get; init; }

    /// <summary>The document after the change, when the event carries it (<c>fullDocument</c>).</summary>
    public TDocument? FullDocument { get; init; }

    /// <summary>The document before the change, when asked for and available (<c>fullDocumentBeforeChange</c>).</summary>
    public TDocument? FullDocumentBeforeChange { get; init; }

    /// <summary>The fields an update set and removed (<c>updateDescription</c>).</summary>
    public BsonDocument? UpdateDescription { get; init; }

    /// <summary>When the change happened, in the oplog's cluster time (<c>clusterTime</c>).</summary>
    public BsonTimestamp? ClusterTime { get; init; }

    /// <summary>When the change happened, by the server's clock (<c>wallTime</c>).</summary>
    public DateTime? WallTime { get; init; }
}

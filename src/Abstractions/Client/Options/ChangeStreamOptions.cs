using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>Settings of <c>Watch</c> (PyMongo's <c>watch(...)</c> keyword arguments).</summary>
public sealed record ChangeStreamOptions : ReadOperationOptions
{
    /// <summary>Whether update events carry the current document.</summary>
    public ChangeStreamFullDocument FullDocument { get; init; }

    /// <summary>Whether events carry the document as it was before the change (needs pre-images on the collection).</summary>
    public ChangeStreamFullDocumentBeforeChange FullDocumentBeforeChange { get; init; }

    /// <summary>Resumes after the event of this resume token.</summary>
    public BsonDocument? ResumeAfter { get; init; }

    /// <summary>Starts after the event of this resume token, even an invalidate event.</summary>
    public BsonDocument? StartAfter { get; init; }

    /// <summary>Starts with the events at or after this cluster time.</summary>
    public BsonTimestamp? StartAtOperationTime { get; init; }

    /// <summary>How long each <c>getMore</c> waits for new events.</summary>
    public TimeSpan? MaxAwaitTime { get; init; }

    /// <summary>How many events each batch holds.</summary>
    public int? BatchSize { get; init; }

    /// <summary>The string comparison rules of the pipeline.</summary>
    public Collation? Collation { get; init; }

    /// <summary>Whether DDL events such as <c>createIndexes</c> and <c>create</c> are reported too.</summary>
    public bool? ShowExpandedEvents { get; init; }
}

/// <summary>Whether change events carry the document after the change (<c>fullDocument</c>).</summary>
public enum ChangeStreamFullDocument
{
    /// <summary>Inserts and replaces carry it; updates carry only the changed fields.</summary>
    Default,

    /// <summary>Updates also carry the document as it is when the event is read (<c>updateLookup</c>).</summary>
    UpdateLookup,

    /// <summary>Carries the post-image when the server has one (<c>whenAvailable</c>).</summary>
    WhenAvailable,

    /// <summary>Carries the post-image, failing when the server has none (<c>required</c>).</summary>
    Required,
}

/// <summary>Whether change events carry the document before the change (<c>fullDocumentBeforeChange</c>).</summary>
public enum ChangeStreamFullDocumentBeforeChange
{
    /// <summary>They do not.</summary>
    Off,

    /// <summary>When the server has the pre-image.</summary>
    WhenAvailable,

    /// <summary>Always, failing when the server has none.</summary>
    Required,
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// One request of a <c>BulkWrite</c> (PyMongo's <c>InsertOne</c>, <c>UpdateOne</c>, … operation classes). The set of
/// kinds is closed: the six sealed models below.
/// </summary>
public abstract record WriteModel<TDocument>
{
    private protected WriteModel()
    {
    }
}

/// <summary>Inserts <see cref="Document"/>.</summary>
public sealed record InsertOneModel<TDocument> : WriteModel<TDocument>
{
    /// <summary>Creates the request.</summary>
    public InsertOneModel(TDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        Document = document;
    }

    /// <summary>The document to insert.</summary>
    public TDocument Document { get; }
}

/// <summary>Updates the first document that matches <see cref="Filter"/>.</summary>
public sealed record UpdateOneModel<TDocument> : WriteModel<TDocument>
{
    /// <summary>Creates the request.</summary>
    public UpdateOneModel(Filter<TDocument> filter, Update<TDocument> update)
    {
        Filter = filter;
        Update = update;
    }

    /// <summary>Which document to update.</summary>
    public Filter<TDocument> Filter { get; }

    /// <summary>The changes: update operators or a pipeline.</summary>
    public Update<TDocument> Update { get; }

    /// <summary>Whether to insert a document built from the filter and the update when none matches.</summary>
    public bool IsUpsert { get; init; }

    /// <summary>The filters that choose the array elements <c>$[identifier]</c> paths update.</summary>
    public IReadOnlyList<BsonDocument>? ArrayFilters { get; init; }

    /// <summary>The string comparison rules of the filter.</summary>
    public Collation? Collation { get; init; }

    /// <summary>The index to use: its name (a string) or its key document.</summary>
    public BsonValue? Hint { get; init; }

    /// <summary>MongoDB 8.0+: the order that decides which matching document is updated; older servers answer with an error.</summary>
    public Sort<TDocument> Sort { get; init; }
}

/// <summary>Updates every document that matches <see cref="Filter"/>.</summary>
public sealed record UpdateManyModel<TDocument> : WriteModel<TDocument>
{
    /// <summary>Creates the request.</summary>
    public UpdateManyModel(Filter<TDocument> filter, Update<TDocument> update)
    {
        Filter = filter;
        Update = update;
    }

    /// <summary>Which documents to update.</summary>
    public Filter<TDocument> Filter { get; }

    /// <summary>The changes: update operators or a pipeline.</summary>
    public Update<TDocument> Update { get; }

    /// <summary>Whether to insert a document built from the filter and the update when none matches.</summary>
    public bool IsUpsert { get; init; }

    /// <summary>The filters that choose the array elements <c>$[identifier]</c> paths update.</summary>
    public IReadOnlyList<BsonDocument>? ArrayFilters { get; init; }

    /// <summary>The string comparison rules of the filter.</summary>
    public Collation? Collation { get; init; }

    /// <summary>The index to use: its name (a string) or its key document.</summary>
    public BsonValue? Hint { get; init; }
}

/// <summary>Replaces the first document that matches <see cref="Filter"/> with <see cref="Replacement"/>.</summary>
public sealed record ReplaceOneModel<TDocument> : WriteModel<TDocument>
{
    /// <summary>Creates the request.</summary>
    public ReplaceOneModel(Filter<TDocument> filter, TDocument replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        Filter = filter;
        Replacement = replacement;
    }

    /// <summary>Which document to replace.</summary>
    public Filter<TDocument> Filter { get; }

    /// <summary>The new document; its <c>_id</c>, if any, must equal the old one's.</summary>
    public TDocument Replacement { get; }

    /// <summary>Whether to insert the replacement when no document matches.</summary>
    public bool IsUpsert { get; init; }

    /// <summary>The string comparison rules of the filter.</summary>
    public Collation? Collation { get; init; }

    /// <summary>The index to use: its name (a string) or its key document.</summary>
    public BsonValue? Hint { get; init; }

    /// <summary>MongoDB 8.0+: the order that decides which matching document is replaced; older servers answer with an error.</summary>
    public Sort<TDocument> Sort { get; init; }
}

/// <summary>Deletes the first document that matches <see cref="Filter"/>.</summary>
public sealed record DeleteOneModel<TDocument> : WriteModel<TDocument>
{
    /// <summary>Creates the request.</summary>
    public DeleteOneModel(Filter<TDocument> filter) => Filter = filter;

    /// <summary>Which document to delete.</summary>
    public Filter<TDocument> Filter { get; }

    /// <summary>The string comparison rules of the filter.</summary>
    public Collation? Collation { get; init; }

    /// <summary>The index to use: its name (a string) or its key document.</summary>
    public BsonValue? Hint { get; init; }
}

/// <summary>Deletes every document that matches <see cref="Filter"/>.</summary>
public sealed record DeleteManyModel<TDocument> : WriteModel<TDocument>
{
    /// <summary>Creates the request.</summary>
    public DeleteManyModel(Filter<TDocument> filter) => Filter = filter;

    /// <summary>Which documents to delete.</summary>
    public Filter<TDocument> Filter { get; }

    /// <summary>The string comparison rules of the filter.</summary>
    public Collation? Collation { get; init; }

    /// <summary>The index to use: its name (a string) or its key document.</summary>
    public BsonValue? Hint { get; init; }
}

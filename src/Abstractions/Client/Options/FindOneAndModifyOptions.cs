using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>Which version of the document a <c>FindOneAndUpdate</c> or <c>FindOneAndReplace</c> returns.</summary>
public enum ReturnDocument
{
    /// <summary>The document as it was before the change (the default), or none when an upsert inserted it.</summary>
    Before,

    /// <summary>The document as it is after the change.</summary>
    After,
}

/// <summary>Settings of <c>FindOneAndUpdate</c> (the <c>findAndModify</c> command with an update).</summary>
public sealed record FindOneAndUpdateOptions<TDocument> : WriteOperationOptions, IRawDataOptions
{
    /// <inheritdoc cref="IRawDataOptions.RawData"/>
    public bool? RawData { get; init; }

    /// <summary>Whether to return the document before (the default) or after the update.</summary>
    public ReturnDocument ReturnDocument { get; init; }

    /// <summary>The fields to return; it must keep the fields the codec of <typeparamref name="TDocument"/> requires.</summary>
    public Projection<TDocument> Projection { get; init; }

    /// <summary>Which document to update when several match: the first in this order.</summary>
    public Sort<TDocument> Sort { get; init; }

    /// <summary>Whether to insert a document built from the filter and the update when none matches.</summary>
    public bool IsUpsert { get; init; }

    /// <summary>The filters that choose the array elements <c>$[identifier]</c> paths update.</summary>
    public IReadOnlyList<BsonDocument>? ArrayFilters { get; init; }

    /// <summary>Whether the update may skip the collection's schema validation.</summary>
    public bool? BypassDocumentValidation { get; init; }

    /// <summary>The string comparison rules of the filter and the sort.</summary>
    public Collation? Collation { get; init; }

    /// <summary>The index to use: its name (a string) or its key document.</summary>
    public BsonValue? Hint { get; init; }

    /// <summary>Variables the filter and a pipeline update can read as <c>$$name</c>.</summary>
    public BsonDocument? Let { get; init; }

    /// <summary>The server-side time limit (<c>maxTimeMS</c>).</summary>
    public TimeSpan? MaxTime { get; init; }
}

/// <summary>Settings of <c>FindOneAndReplace</c> (the <c>findAndModify</c> command with a replacement).</summary>
public sealed record FindOneAndReplaceOptions<TDocument> : WriteOperationOptions, IRawDataOptions
{
    /// <inheritdoc cref="IRawDataOptions.RawData"/>
    public bool? RawData { get; init; }

    /// <summary>Whether to return the document before (the default) or after the replacement.</summary>
    public ReturnDocument ReturnDocument { get; init; }

    /// <summary>The fields to return; it must keep the fields the codec of <typeparamref name="TDocument"/> requires.</summary>
    public Projection<TDocument> Projection { get; init; }

    /// <summary>Which document to replace when several match: the first in this order.</summary>
    public Sort<TDocument> Sort { get; init; }

    /// <summary>Whether to insert the replacement when no document matches.</summary>
    public bool IsUpsert { get; init; }

    /// <summary>Whether the replacement may skip the collection's schema validation.</summary>
    public bool? BypassDocumentValidation { get; init; }

    /// <summary>The string comparison rules of the filter and the sort.</summary>
    public Collation? Collation { get; init; }

    /// <summary>The index to use: its name (a string) or its key document.</summary>
    public BsonValue? Hint { get; init; }

    /// <summary>Variables the filter can read as <c>$$name</c>.</summary>
    public BsonDocument? Let { get; init; }

    /// <summary>The server-side time limit (<c>maxTimeMS</c>).</summary>
    public TimeSpan? MaxTime { get; init; }
}

/// <summary>Settings of <c>FindOneAndDelete</c> (the <c>findAndModify</c> command with <c>remove: true</c>).</summary>
public sealed record FindOneAndDeleteOptions<TDocument> : WriteOperationOptions, IRawDataOptions
{
    /// <inheritdoc cref="IRawDataOptions.RawData"/>
    public bool? RawData { get; init; }

    /// <summary>The fields to return; it must keep the fields the codec of <typeparamref name="TDocument"/> requires.</summary>
    public Projection<TDocument> Projection { get; init; }

    /// <summary>Which document to delete when several match: the first in this order.</summary>
    public Sort<TDocument> Sort { get; init; }

    /// <summary>The string comparison rules of the filter and the sort.</summary>
    public Collation? Collation { get; init; }

    /// <summary>The index to use: its name (a string) or its key document.</summary>
    public BsonValue? Hint { get; init; }

    /// <summary>Variables the filter can read as <c>$$name</c>.</summary>
    public BsonDocument? Let { get; init; }

    /// <summary>The server-side time limit (<c>maxTimeMS</c>).</summary>
    public TimeSpan? MaxTime { get; init; }
}

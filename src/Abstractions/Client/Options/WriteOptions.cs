using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>Settings of <c>InsertOne</c>.</summary>
public sealed record InsertOneOptions : WriteOperationOptions, IRawDataOptions
{
    /// <inheritdoc cref="IRawDataOptions.RawData"/>
    public bool? RawData { get; init; }

    /// <summary>Whether the insert may skip the collection's schema validation.</summary>
    public bool? BypassDocumentValidation { get; init; }
}

/// <summary>Settings of <c>InsertMany</c>.</summary>
public sealed record InsertManyOptions : WriteOperationOptions, IRawDataOptions
{
    /// <inheritdoc cref="IRawDataOptions.RawData"/>
    public bool? RawData { get; init; }

    /// <summary>Whether the inserts may skip the collection's schema validation.</summary>
    public bool? BypassDocumentValidation { get; init; }

    /// <summary>True (the default) stops at the first error; false inserts every document it can and reports all errors.</summary>
    public bool IsOrdered { get; init; } = true;
}

/// <summary>Settings of <c>UpdateOne</c> and <c>UpdateMany</c>.</summary>
public sealed record UpdateOptions : WriteOperationOptions, IRawDataOptions
{
    /// <inheritdoc cref="IRawDataOptions.RawData"/>
    public bool? RawData { get; init; }

    /// <summary>Whether to insert a document built from the filter and the update when none matches.</summary>
    public bool IsUpsert { get; init; }

    /// <summary>The filters that choose the array elements <c>$[identifier]</c> paths update.</summary>
    public IReadOnlyList<BsonDocument>? ArrayFilters { get; init; }

    /// <summary>Whether the update may skip the collection's schema validation.</summary>
    public bool? BypassDocumentValidation { get; init; }

    /// <summary>The string comparison rules of the filter.</summary>
    public Collation? Collation { get; init; }

    /// <summary>The index to use: its name (a string) or its key document.</summary>
    public BsonValue? Hint { get; init; }

    /// <summary>Variables the filter and a pipeline update can read as <c>$$name</c>.</summary>
    public BsonDocument? Let { get; init; }

    /// <summary>
    /// <c>UpdateOne</c> only (MongoDB 8.0+): the order that decides which matching document is updated. <c>UpdateMany</c>
    /// rejects it; older servers answer with an error.
    /// </summary>
    public BsonDocument? Sort { get; init; }
}

/// <summary>Settings of <c>ReplaceOne</c>.</summary>
public sealed record ReplaceOptions : WriteOperationOptions, IRawDataOptions
{
    /// <inheritdoc cref="IRawDataOptions.RawData"/>
    public bool? RawData { get; init; }

    /// <summary>Whether to insert the replacement when no document matches.</summary>
    public bool IsUpsert { get; init; }

    /// <summary>Whether the replacement may skip the collection's schema validation.</summary>
    public bool? BypassDocumentValidation { get; init; }

    /// <summary>The string comparison rules of the filter.</summary>
    public Collation? Collation { get; init; }

    /// <summary>The index to use: its name (a string) or its key document.</summary>
    public BsonValue? Hint { get; init; }

    /// <summary>Variables the filter can read as <c>$$name</c>.</summary>
    public BsonDocument? Let { get; init; }

    /// <summary>MongoDB 8.0+: the order that decides which matching document is replaced; older servers answer with an error.</summary>
    public BsonDocument? Sort { get; init; }
}

/// <summary>Settings of <c>DeleteOne</c> and <c>DeleteMany</c>.</summary>
public sealed record DeleteOptions : WriteOperationOptions, IRawDataOptions
{
    /// <inheritdoc cref="IRawDataOptions.RawData"/>
    public bool? RawData { get; init; }

    /// <summary>The string comparison rules of the filter.</summary>
    public Collation? Collation { get; init; }

    /// <summary>The index to use: its name (a string) or its key document.</summary>
    public BsonValue? Hint { get; init; }

    /// <summary>Variables the filter can read as <c>$$name</c>.</summary>
    public BsonDocument? Let { get; init; }
}

/// <summary>Settings of <c>BulkWrite</c>.</summary>
public sealed record BulkWriteOptions : WriteOperationOptions, IRawDataOptions
{
    /// <inheritdoc cref="IRawDataOptions.RawData"/>
    public bool? RawData { get; init; }

    /// <summary>True (the default) runs the requests in order and stops at the first error; false may run them in any order and runs all.</summary>
    public bool IsOrdered { get; init; } = true;

    /// <summary>Whether the writes may skip the collection's schema validation.</summary>
    public bool? BypassDocumentValidation { get; init; }

    /// <summary>Variables every filter and pipeline update can read as <c>$$name</c>.</summary>
    public BsonDocument? Let { get; init; }
}

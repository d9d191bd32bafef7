using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>The definition of an index beyond its keys (PyMongo's <c>create_index</c> keyword arguments).</summary>
public sealed record CreateIndexOptions
{
    /// <summary>The index name; null uses the default built from the keys, such as <c>status_1_createdAt_-1</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Whether two documents may not share a key.</summary>
    public bool? Unique { get; init; }

    /// <summary>Whether documents without the indexed fields are left out of the index.</summary>
    public bool? Sparse { get; init; }

    /// <summary>Makes a TTL index: documents are deleted this long after the date in the indexed field.</summary>
    public TimeSpan? ExpireAfter { get; init; }

    /// <summary>Indexes only the documents that match this filter.</summary>
    public BsonDocument? PartialFilterExpression { get; init; }

    /// <summary>Whether the query planner ignores the index (it is still maintained).</summary>
    public bool? Hidden { get; init; }

    /// <summary>The string comparison rules of the index.</summary>
    public Collation? Collation { get; init; }

    /// <summary>The weight of each field of a text index.</summary>
    public BsonDocument? Weights { get; init; }

    /// <summary>The default language of a text index.</summary>
    public string? DefaultLanguage { get; init; }

    /// <summary>The field that holds a document's language in a text index.</summary>
    public string? LanguageOverride { get; init; }

    /// <summary>The precision of a 2d index, in bits.</summary>
    public int? Bits { get; init; }

    /// <summary>The lower bound of the coordinates of a 2d index.</summary>
    public double? Min { get; init; }

    /// <summary>The upper bound of the coordinates of a 2d index.</summary>
    public double? Max { get; init; }

    /// <summary>Which fields a wildcard index covers.</summary>
    public BsonDocument? WildcardProjection { get; init; }

    /// <summary>Storage engine settings of the index.</summary>
    public BsonDocument? StorageEngine { get; init; }
}

/// <summary>One index to create: its keys and definition.</summary>
public sealed record CreateIndexModel<TDocument>
{
    /// <summary>Creates the model.</summary>
    public CreateIndexModel(IndexKeys<TDocument> keys, CreateIndexOptions? options = null)
    {
        if (keys.IsEmpty)
        {
            throw new ArgumentException("An index needs at least one key.", nameof(keys));
        }

        Keys = keys;
        Options = options;
    }

    /// <summary>The indexed fields and their kinds.</summary>
    public IndexKeys<TDocument> Keys { get; }

    /// <summary>The rest of the definition; null for an ordinary index with the default name.</summary>
    public CreateIndexOptions? Options { get; }
}

/// <summary>Settings of the commands that create or drop indexes.</summary>
public sealed record IndexOperationOptions : WriteOperationOptions, IRawDataOptions
{
    /// <inheritdoc cref="IRawDataOptions.RawData"/>
    public bool? RawData { get; init; }

    /// <summary>The server-side time limit (<c>maxTimeMS</c>).</summary>
    public TimeSpan? MaxTime { get; init; }

    /// <summary>
    /// How many data-bearing members must be ready before a new index is committed: a number, <c>"majority"</c> or
    /// <c>"votingMembers"</c>. Only for creating; dropping refuses it.
    /// </summary>
    public BsonValue? CommitQuorum { get; init; }
}

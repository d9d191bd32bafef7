using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>Settings of <c>CountDocuments</c> (an aggregation with <c>$match</c>, <c>$skip</c>, <c>$limit</c> and <c>$group</c>).</summary>
public sealed record CountOptions : ReadOperationOptions, IRawDataOptions
{
    /// <inheritdoc cref="IRawDataOptions.RawData"/>
    public bool? RawData { get; init; }

    /// <summary>How many matching documents to skip before counting.</summary>
    public long? Skip { get; init; }

    /// <summary>The most documents to count.</summary>
    public long? Limit { get; init; }

    /// <summary>The index to use: its name (a string) or its key document.</summary>
    public BsonValue? Hint { get; init; }

    /// <summary>The string comparison rules of the filter.</summary>
    public Collation? Collation { get; init; }

    /// <summary>The server-side time limit (<c>maxTimeMS</c>).</summary>
    public TimeSpan? MaxTime { get; init; }
}

/// <summary>Settings of <c>EstimatedDocumentCount</c> (the <c>count</c> command, from collection metadata).</summary>
public sealed record EstimatedDocumentCountOptions : ReadOperationOptions, IRawDataOptions
{
    /// <inheritdoc cref="IRawDataOptions.RawData"/>
    public bool? RawData { get; init; }

    /// <summary>The server-side time limit (<c>maxTimeMS</c>).</summary>
    public TimeSpan? MaxTime { get; init; }
}

/// <summary>Settings of <c>Distinct</c>.</summary>
public sealed record DistinctOptions : ReadOperationOptions, IRawDataOptions
{
    /// <inheritdoc cref="IRawDataOptions.RawData"/>
    public bool? RawData { get; init; }

    /// <summary>The string comparison rules of the filter and of the values.</summary>
    public Collation? Collation { get; init; }

    /// <summary>The index to use: its name (a string) or its key document (MongoDB 7.1+).</summary>
    public BsonValue? Hint { get; init; }

    /// <summary>The server-side time limit (<c>maxTimeMS</c>).</summary>
    public TimeSpan? MaxTime { get; init; }
}

/// <summary>Settings of <c>aggregate</c>. The write concern applies when the pipeline ends with <c>$out</c> or <c>$merge</c>.</summary>
public sealed record AggregateOptions : ReadOperationOptions, IRawDataOptions
{
    /// <inheritdoc cref="IRawDataOptions.RawData"/>
    public bool? RawData { get; init; }

    /// <summary>Whether stages may write temporary files.</summary>
    public bool? AllowDiskUse { get; init; }

    /// <summary>How many documents each batch holds; null lets the server choose.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Whether <c>$out</c>/<c>$merge</c> may skip the target's schema validation.</summary>
    public bool? BypassDocumentValidation { get; init; }

    /// <summary>The string comparison rules of the pipeline.</summary>
    public Collation? Collation { get; init; }

    /// <summary>The index to use: its name (a string) or its key document.</summary>
    public BsonValue? Hint { get; init; }

    /// <summary>Variables the pipeline can read as <c>$$name</c>.</summary>
    public BsonDocument? Let { get; init; }

    /// <summary>The server-side time limit of each command (<c>maxTimeMS</c>).</summary>
    public TimeSpan? MaxTime { get; init; }

    /// <summary>How long a <c>getMore</c> of a tailable-await cursor waits.</summary>
    public TimeSpan? MaxAwaitTime { get; init; }

    /// <summary>The write concern of <c>$out</c>/<c>$merge</c>; null inherits.</summary>
    public WriteConcern? WriteConcern { get; init; }
}

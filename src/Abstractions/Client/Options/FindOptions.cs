using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// Settings of a <c>find</c> (PyMongo's <c>find(...)</c> keyword arguments). The common ones also have a method on
/// <see cref="IFindFluent{TDocument, TProjection}"/>; the projection is set there because it changes the result type.
/// </summary>
public sealed record FindOptions<TDocument> : ReadOperationOptions, IRawDataOptions
{
    /// <inheritdoc cref="IRawDataOptions.RawData"/>
    public bool? RawData { get; init; }

    /// <summary>The order of the results; empty leaves it to the server.</summary>
    public Sort<TDocument> Sort { get; init; }

    /// <summary>How many matching documents to skip.</summary>
    public int? Skip { get; init; }

    /// <summary>The most documents to return; null or 0 means no limit.</summary>
    public int? Limit { get; init; }

    /// <summary>How many documents each batch holds; null lets the server choose.</summary>
    public int? BatchSize { get; init; }

    /// <summary>The string comparison rules of the filter and the sort.</summary>
    public Collation? Collation { get; init; }

    /// <summary>The index to use: its name (a string) or its key document.</summary>
    public BsonValue? Hint { get; init; }

    /// <summary>The server-side time limit of each command of the query (<c>maxTimeMS</c>).</summary>
    public TimeSpan? MaxTime { get; init; }

    /// <summary>How long a tailable-await cursor's <c>getMore</c> waits for new documents.</summary>
    public TimeSpan? MaxAwaitTime { get; init; }

    /// <summary>Whether the server may write temporary files for large sorts.</summary>
    public bool? AllowDiskUse { get; init; }

    /// <summary>Variables that <c>$expr</c> in the filter can read as <c>$$name</c>.</summary>
    public BsonDocument? Let { get; init; }

    /// <summary>The inclusive lower index bound (<c>min</c>); needs <see cref="Hint"/>.</summary>
    public BsonDocument? Min { get; init; }

    /// <summary>The exclusive upper index bound (<c>max</c>); needs <see cref="Hint"/>.</summary>
    public BsonDocument? Max { get; init; }

    /// <summary>Whether to return only the index keys of each match.</summary>
    public bool? ReturnKey { get; init; }

    /// <summary>Whether to add each document's record id as <c>$recordId</c>.</summary>
    public bool? ShowRecordId { get; init; }

    /// <summary>Whether the server keeps the cursor open past its idle timeout.</summary>
    public bool? NoCursorTimeout { get; init; }

    /// <summary>Whether a sharded query returns what the reachable shards have instead of failing.</summary>
    public bool? AllowPartialResults { get; init; }

    /// <summary>Whether the cursor is tailable (capped collections only).</summary>
    public CursorType CursorType { get; init; }
}

/// <summary>Whether a cursor ends with its last result or waits for more (capped collections).</summary>
public enum CursorType
{
    /// <summary>An ordinary cursor: it ends with the last result.</summary>
    NonTailable,

    /// <summary>Stays open after the last result; each <c>getMore</c> returns what was added since.</summary>
    Tailable,

    /// <summary>Tailable, and each <c>getMore</c> waits up to <see cref="FindOptions{TDocument}.MaxAwaitTime"/> for new documents.</summary>
    TailableAwait,
}

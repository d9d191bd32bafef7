using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// A query being built: <c>collection.Find(filter).Sort(...).Limit(20).ToListAsync()</c>. No I/O happens until a
/// terminal method runs or it is enumerated. Each shaping method returns a new query and leaves this one unchanged, so
/// a query can be reused. Results are decoded as <typeparamref name="TProjection"/>.
/// </summary>
public partial interface IFindFluent<TDocument, TProjection> : IAsyncEnumerable<TProjection>
{
    /// <summary>Which documents the query returns.</summary>
    Filter<TDocument> Filter { get; }

    /// <summary>The settings the query runs with, shaping methods included.</summary>
    FindOptions<TDocument> Options { get; }

    /// <summary>The projection, empty for whole documents.</summary>
    Projection<TDocument> Projection { get; }

    /// <summary>Orders the results.</summary>
    IFindFluent<TDocument, TProjection> Sort(Sort<TDocument> sort);

    /// <summary>Skips the first <paramref name="skip"/> results.</summary>
    IFindFluent<TDocument, TProjection> Skip(int skip);

    /// <summary>Returns at most <paramref name="limit"/> results (0: no limit).</summary>
    IFindFluent<TDocument, TProjection> Limit(int limit);

    /// <summary>Fetches <paramref name="batchSize"/> results per round trip.</summary>
    IFindFluent<TDocument, TProjection> BatchSize(int batchSize);

    /// <summary>Returns only some fields, decoded as <typeparamref name="TNewProjection"/> with its registered codec.</summary>
    IFindFluent<TDocument, TNewProjection> Project<TNewProjection>(Projection<TDocument> projection);

    /// <summary>Returns only some fields, as <see cref="BsonDocument"/>s.</summary>
    IFindFluent<TDocument, BsonDocument> Project(Projection<TDocument> projection);

    /// <summary>Compares strings by <paramref name="collation"/>.</summary>
    IFindFluent<TDocument, TProjection> Collation(Collation collation);

    /// <summary>Uses the index named by <paramref name="hint"/> (a name string or a key document).</summary>
    IFindFluent<TDocument, TProjection> Hint(BsonValue hint);

    /// <summary>Attaches <paramref name="comment"/> to the query's commands.</summary>
    IFindFluent<TDocument, TProjection> Comment(BsonValue comment);

    /// <summary>Limits the server-side time of each command (<c>maxTimeMS</c>).</summary>
    IFindFluent<TDocument, TProjection> MaxTime(TimeSpan maxTime);

    /// <summary>Lets the server write temporary files for large sorts.</summary>
    IFindFluent<TDocument, TProjection> AllowDiskUse(bool allowDiskUse = true);

    /// <summary>Gives <c>$expr</c> in the filter the variables <paramref name="let"/> (as <c>$$name</c>).</summary>
    IFindFluent<TDocument, TProjection> Let(BsonDocument let);

    /// <summary>Runs the query and returns its cursor (PyMongo's <c>find()</c> result).</summary>
    Task<IAsyncCursor<TProjection>> ToCursorAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs the query and returns its cursor.</summary>
    IAsyncCursor<TProjection> ToCursor(CancellationToken cancellationToken = default);

    /// <summary>Runs the query and returns every result.</summary>
    Task<List<TProjection>> ToListAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs the query and returns every result.</summary>
    List<TProjection> ToList(CancellationToken cancellationToken = default);

    /// <summary>The first result, or the default when none matches (PyMongo's <c>find_one</c>); asks the server for one document in one batch.</summary>
    Task<TProjection?> FirstOrDefaultAsync(CancellationToken cancellationToken = default);

    /// <summary>The first result, or the default when none matches (PyMongo's <c>find_one</c>).</summary>
    TProjection? FirstOrDefault(CancellationToken cancellationToken = default);

    /// <summary>The only result, or the default when none matches; asks for two documents.</summary>
    /// <exception cref="InvalidOperationException">More than one document matches.</exception>
    Task<TProjection?> SingleOrDefaultAsync(CancellationToken cancellationToken = default);

    /// <summary>The only result, or the default when none matches.</summary>
    /// <exception cref="InvalidOperationException">More than one document matches.</exception>
    TProjection? SingleOrDefault(CancellationToken cancellationToken = default);

    /// <summary>How many documents the query would return, with its filter, skip, limit, hint and collation (<c>count_documents</c>).</summary>
    Task<long> CountDocumentsAsync(CancellationToken cancellationToken = default);

    /// <summary>How many documents the query would return.</summary>
    long CountDocuments(CancellationToken cancellationToken = default);
}

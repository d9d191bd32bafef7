using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>The outcome of <c>InsertOne</c>. The id is known even when the write was not acknowledged: the client assigns it.</summary>
public sealed class InsertOneResult
{
    /// <summary>Creates the result.</summary>
    public InsertOneResult(BsonValue insertedId, bool isAcknowledged)
    {
        ArgumentNullException.ThrowIfNull(insertedId);
        InsertedId = insertedId;
        IsAcknowledged = isAcknowledged;
    }

    /// <summary>The <c>_id</c> of the inserted document.</summary>
    public BsonValue InsertedId { get; }

    /// <summary>Whether the server acknowledged the write; false with an unacknowledged (<c>w: 0</c>) write concern.</summary>
    public bool IsAcknowledged { get; }
}

/// <summary>The outcome of <c>InsertMany</c>.</summary>
public sealed class InsertManyResult
{
    /// <summary>Creates the result.</summary>
    public InsertManyResult(IReadOnlyList<BsonValue> insertedIds, bool isAcknowledged)
    {
        ArgumentNullException.ThrowIfNull(insertedIds);
        InsertedIds = insertedIds;
        IsAcknowledged = isAcknowledged;
    }

    /// <summary>The <c>_id</c> of each document, in the order given.</summary>
    public IReadOnlyList<BsonValue> InsertedIds { get; }

    /// <summary>Whether the server acknowledged the writes.</summary>
    public bool IsAcknowledged { get; }
}

/// <summary>The outcome of <c>UpdateOne</c>, <c>UpdateMany</c> or <c>ReplaceOne</c>. Unacknowledged results have no counts: reading one throws.</summary>
public sealed class UpdateResult
{
    private readonly long _matchedCount;
    private readonly long _modifiedCount;
    private readonly BsonValue? _upsertedId;

    private UpdateResult(bool isAcknowledged, long matchedCount, long modifiedCount, BsonValue? upsertedId)
    {
        IsAcknowledged = isAcknowledged;
        _matchedCount = matchedCount;
        _modifiedCount = modifiedCount;
        _upsertedId = upsertedId;
    }

    /// <summary>The result of a write the server did not acknowledge.</summary>
    public static UpdateResult Unacknowledged { get; } = new(false, 0, 0, null);

    /// <summary>The result of an acknowledged write.</summary>
    public static UpdateResult Acknowledged(long matchedCount, long modifiedCount, BsonValue? upsertedId) =>
        new(true, matchedCount, modifiedCount, upsertedId);

    /// <summary>Whether the server acknowledged the write.</summary>
    public bool IsAcknowledged { get; }

    /// <summary>How many documents matched the filter.</summary>
    /// <exception cref="InvalidOperationException">The write was not acknowledged.</exception>
    public long MatchedCount => IsAcknowledged ? _matchedCount : throw Unavailable(nameof(MatchedCount));

    /// <summary>How many documents changed (a document updated to what it was does not count).</summary>
    /// <exception cref="InvalidOperationException">The write was not acknowledged.</exception>
    public long ModifiedCount => IsAcknowledged ? _modifiedCount : throw Unavailable(nameof(ModifiedCount));

    /// <summary>The <c>_id</c> of the inserted document when an upsert inserted one; otherwise null.</summary>
    /// <exception cref="InvalidOperationException">The write was not acknowledged.</exception>
    public BsonValue? UpsertedId => IsAcknowledged ? _upsertedId : throw Unavailable(nameof(UpsertedId));

    internal static InvalidOperationException Unavailable(string property) =>
        new($"{property} is not available: the write was not acknowledged (write concern w: 0), so the server sent no counts.");
}

/// <summary>The outcome of <c>DeleteOne</c> or <c>DeleteMany</c>.</summary>
public sealed class DeleteResult
{
    private readonly long _deletedCount;

    private DeleteResult(bool isAcknowledged, long deletedCount)
    {
        IsAcknowledged = isAcknowledged;
        _deletedCount = deletedCount;
    }

    /// <summary>The result of a write the server did not acknowledge.</summary>
    public static DeleteResult Unacknowledged { get; } = new(false, 0);

    /// <summary>The result of an acknowledged write.</summary>
    public static DeleteResult Acknowledged(long deletedCount) => new(true, deletedCount);

    /// <summary>Whether the server acknowledged the write.</summary>
    public bool IsAcknowledged { get; }

    /// <summary>How many documents were deleted.</summary>
    /// <exception cref="InvalidOperationException">The write was not acknowledged.</exception>
    public long DeletedCount => IsAcknowledged ? _deletedCount : throw UpdateResult.Unavailable(nameof(DeletedCount));
}

/// <summary>An upsert of a bulk write: the request's position and the <c>_id</c> of the inserted document.</summary>
/// <param name="Index">The position of the request among those given to <c>BulkWrite</c>.</param>
/// <param name="Id">The <c>_id</c> of the inserted document.</param>
public readonly record struct BulkWriteUpsert(int Index, BsonValue Id);

/// <summary>The outcome of <c>BulkWrite</c>, summed over its batches. Unacknowledged results have no counts: reading one throws.</summary>
public sealed class BulkWriteResult
{
    private readonly long _insertedCount;
    private readonly long _matchedCount;
    private readonly long _modifiedCount;
    private readonly long _deletedCount;
    private readonly IReadOnlyList<BulkWriteUpsert> _upserts;

    private BulkWriteResult(bool isAcknowledged, int requestCount, long inserted, long matched, long modified, long deleted, IReadOnlyList<BulkWriteUpsert> upserts)
    {
        IsAcknowledged = isAcknowledged;
        RequestCount = requestCount;
        _insertedCount = inserted;
        _matchedCount = matched;
        _modifiedCount = modified;
        _deletedCount = deleted;
        _upserts = upserts;
    }

    /// <summary>The result of writes the server did not acknowledge.</summary>
    public static BulkWriteResult Unacknowledged(int requestCount) => new(false, requestCount, 0, 0, 0, 0, []);

    /// <summary>The result of acknowledged writes.</summary>
    public static BulkWriteResult Acknowledged(int requestCount, long insertedCount, long matchedCount, long modifiedCount, long deletedCount, IReadOnlyList<BulkWriteUpsert> upserts)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        return new(true, requestCount, insertedCount, matchedCount, modifiedCount, deletedCount, upserts);
    }

    /// <summary>Whether the server acknowledged the writes.</summary>
    public bool IsAcknowledged { get; }

    /// <summary>How many requests were given (or, in a partial result, processed).</summary>
    public int RequestCount { get; }

    /// <summary>How many documents were inserted by insert requests.</summary>
    /// <exception cref="InvalidOperationException">The writes were not acknowledged.</exception>
    public long InsertedCount => IsAcknowledged ? _insertedCount : throw UpdateResult.Unavailable(nameof(InsertedCount));

    /// <summary>How many documents matched the filters of update and replace requests.</summary>
    /// <exception cref="InvalidOperationException">The writes were not acknowledged.</exception>
    public long MatchedCount => IsAcknowledged ? _matchedCount : throw UpdateResult.Unavailable(nameof(MatchedCount));

    /// <summary>How many documents update and replace requests changed.</summary>
    /// <exception cref="InvalidOperationException">The writes were not acknowledged.</exception>
    public long ModifiedCount => IsAcknowledged ? _modifiedCount : throw UpdateResult.Unavailable(nameof(ModifiedCount));

    /// <summary>How many documents were deleted.</summary>
    /// <exception cref="InvalidOperationException">The writes were not acknowledged.</exception>
    public long DeletedCount => IsAcknowledged ? _deletedCount : throw UpdateResult.Unavailable(nameof(DeletedCount));

    /// <summary>How many documents upserts inserted.</summary>
    /// <exception cref="InvalidOperationException">The writes were not acknowledged.</exception>
    public long UpsertedCount => Upserts.Count;

    /// <summary>Each upsert that inserted a document, by request position.</summary>
    /// <exception cref="InvalidOperationException">The writes were not acknowledged.</exception>
    public IReadOnlyList<BulkWriteUpsert> Upserts => IsAcknowledged ? _upserts : throw UpdateResult.Unavailable(nameof(Upserts));
}

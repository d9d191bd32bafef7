namespace OpenQuizz.Typed;

// The writes, find-and-modify, bulk write and administration of a collection; see IMongoCollection.cs for the rest.
public partial interface IMongoCollection<TDocument>
{
    /// <summary>Inserts <paramref name="document"/>; an <c>_id</c> is generated when the encoded document has none.</summary>
    /// <exception cref="MongoWriteException">The insert failed (for example a duplicate key) or its write concern was not satisfied.</exception>
    Task<InsertOneResult> InsertOneAsync(TDocument document, InsertOneOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Inserts <paramref name="document"/>.</summary>
    /// <exception cref="MongoWriteException">The insert failed or its write concern was not satisfied.</exception>
    InsertOneResult InsertOne(TDocument document, InsertOneOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Inserts <paramref name="documents"/> in as few batches as the server's limits allow.</summary>
    /// <exception cref="MongoBulkWriteException{TDocument}">Some inserts failed or the write concern was not satisfied.</exception>
    Task<InsertManyResult> InsertManyAsync(IEnumerable<TDocument> documents, InsertManyOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Inserts <paramref name="documents"/>.</summary>
    /// <exception cref="MongoBulkWriteException{TDocument}">Some inserts failed or the write concern was not satisfied.</exception>
    InsertManyResult InsertMany(IEnumerable<TDocument> documents, InsertManyOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Applies <paramref name="update"/> to the first document that matches <paramref name="filter"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="update"/> is empty.</exception>
    /// <exception cref="MongoWriteException">The update failed or its write concern was not satisfied.</exception>
    Task<UpdateResult> UpdateOneAsync(Filter<TDocument> filter, Update<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Applies <paramref name="update"/> to the first document that matches <paramref name="filter"/>.</summary>
    UpdateResult UpdateOne(Filter<TDocument> filter, Update<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Applies <paramref name="update"/> to every document that matches <paramref name="filter"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="update"/> is empty.</exception>
    /// <exception cref="MongoWriteException">The update failed or its write concern was not satisfied.</exception>
    Task<UpdateResult> UpdateManyAsync(Filter<TDocument> filter, Update<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Applies <paramref name="update"/> to every document that matches <paramref name="filter"/>.</summary>
    UpdateResult UpdateMany(Filter<TDocument> filter, Update<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Replaces the first document that matches <paramref name="filter"/> with <paramref name="replacement"/>.</summary>
    /// <exception cref="MongoWriteException">The replacement failed or its write concern was not satisfied.</exception>
    Task<UpdateResult> ReplaceOneAsync(Filter<TDocument> filter, TDocument replacement, ReplaceOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Replaces the first document that matches <paramref name="filter"/> with <paramref name="replacement"/>.</summary>
    UpdateResult ReplaceOne(Filter<TDocument> filter, TDocument replacement, ReplaceOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the first document that matches <paramref name="filter"/>.</summary>
    /// <exception cref="MongoWriteException">The delete failed or its write concern was not satisfied.</exception>
    Task<DeleteResult> DeleteOneAsync(Filter<TDocument> filter, DeleteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the first document that matches <paramref name="filter"/>.</summary>
    DeleteResult DeleteOne(Filter<TDocument> filter, DeleteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes every document that matches <paramref name="filter"/> (<see cref="Filter{TDocument}.Empty"/> deletes them all).</summary>
    /// <exception cref="MongoWriteException">The delete failed or its write concern was not satisfied.</exception>
    Task<DeleteResult> DeleteManyAsync(Filter<TDocument> filter, DeleteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes every document that matches <paramref name="filter"/>.</summary>
    DeleteResult DeleteMany(Filter<TDocument> filter, DeleteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Atomically updates the first document that matches <paramref name="filter"/> and returns it, before or after the update; null when none matched.</summary>
    /// <exception cref="MongoWriteConcernException">The update was applied but its write concern was not satisfied.</exception>
    Task<TDocument?> FindOneAndUpdateAsync(Filter<TDocument> filter, Update<TDocument> update, FindOneAndUpdateOptions<TDocument>? options = null, CancellationToken cancellationToken = default);

    /// <summary>Atomically updates the first document that matches <paramref name="filter"/> and returns it.</summary>
    TDocument? FindOneAndUpdate(Filter<TDocument> filter, Update<TDocument> update, FindOneAndUpdateOptions<TDocument>? options = null, CancellationToken cancellationToken = default);

    /// <summary>Atomically replaces the first document that matches <paramref name="filter"/> and returns it, before or after; null when none matched.</summary>
    Task<TDocument?> FindOneAndReplaceAsync(Filter<TDocument> filter, TDocument replacement, FindOneAndReplaceOptions<TDocument>? options = null, CancellationToken cancellationToken = default);

    /// <summary>Atomically replaces the first document that matches <paramref name="filter"/> and returns it.</summary>
    TDocument? FindOneAndReplace(Filter<TDocument> filter, TDocument replacement, FindOneAndReplaceOptions<TDocument>? options = null, CancellationToken cancellationToken = default);

    /// <summary>Atomically deletes the first document that matches <paramref name="filter"/> and returns it; null when none matched.</summary>
    Task<TDocument?> FindOneAndDeleteAsync(Filter<TDocument> filter, FindOneAndDeleteOptions<TDocument>? options = null, CancellationToken cancellationToken = default);

    /// <summary>Atomically deletes the first document that matches <paramref name="filter"/> and returns it.</summary>
    TDocument? FindOneAndDelete(Filter<TDocument> filter, FindOneAndDeleteOptions<TDocument>? options = null, CancellationToken cancellationToken = default);

    /// <summary>Sends <paramref name="requests"/> (inserts, updates, replacements, deletes) in as few commands as the server's limits allow.</summary>
    /// <exception cref="MongoBulkWriteException{TDocument}">Some requests failed or the write concern was not satisfied.</exception>
    Task<BulkWriteResult> BulkWriteAsync(IEnumerable<WriteModel<TDocument>> requests, BulkWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Sends <paramref name="requests"/> in as few commands as the server's limits allow.</summary>
    BulkWriteResult BulkWrite(IEnumerable<WriteModel<TDocument>> requests, BulkWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Renames this collection to <paramref name="newName"/> in the same database; this handle keeps the old name.</summary>
    Task RenameAsync(string newName, RenameCollectionOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Renames this collection to <paramref name="newName"/>.</summary>
    void Rename(string newName, RenameCollectionOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Drops this collection and its indexes; dropping a missing collection succeeds.</summary>
    Task DropAsync(WriteOperationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Drops this collection and its indexes.</summary>
    void Drop(WriteOperationOptions? options = null, CancellationToken cancellationToken = default);
}

using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Bson.Codecs;

namespace OpenQuizz.Typed;

// The IMongoCollection members whose operations are not built yet: explicit implementations that throw, replaced by the
// operations layer. Namespace and Options are real: they follow from what the collection already holds.
public sealed partial class MongoCollection<TDocument>
{
    CollectionNamespace IMongoCollection<TDocument>.Namespace => new(Database.Name, Name);

    CollectionOptions IMongoCollection<TDocument>.Options => new()
    {
        CodecOptions = Codec is IConfigurableBsonCodec<TDocument> configurable ? configurable.Options : Database.Client.CodecOptions,
        ReadPreference = Database.Client.ReadPreference,
        ReadConcern = Database.Client.ReadConcern,
        WriteConcern = Database.Client.WriteConcern,
    };

    IMongoIndexManager<TDocument> IMongoCollection<TDocument>.Indexes => throw MongoClient.Pending("Indexes");

    IMongoCollection<TDocument> IMongoCollection<TDocument>.WithOptions(CollectionOptions options) => throw MongoClient.Pending("WithOptions");

    IFindFluent<TDocument, TDocument> IMongoCollection<TDocument>.Find(Filter<TDocument> filter, FindOptions<TDocument>? options) => throw MongoClient.Pending("Find");

    Task<long> IMongoCollection<TDocument>.CountDocumentsAsync(Filter<TDocument> filter, CountOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("CountDocumentsAsync");

    long IMongoCollection<TDocument>.CountDocuments(Filter<TDocument> filter, CountOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("CountDocuments");

    Task<long> IMongoCollection<TDocument>.EstimatedDocumentCountAsync(EstimatedDocumentCountOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("EstimatedDocumentCountAsync");

    long IMongoCollection<TDocument>.EstimatedDocumentCount(EstimatedDocumentCountOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("EstimatedDocumentCount");

    Task<IReadOnlyList<TField>> IMongoCollection<TDocument>.DistinctAsync<TField>(string field, Filter<TDocument> filter, DistinctOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("DistinctAsync");

    IReadOnlyList<TField> IMongoCollection<TDocument>.Distinct<TField>(string field, Filter<TDocument> filter, DistinctOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("Distinct");

    Task<IAsyncCursor<TResult>> IMongoCollection<TDocument>.AggregateAsync<TResult>(Pipeline pipeline, AggregateOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("AggregateAsync");

    IAsyncCursor<TResult> IMongoCollection<TDocument>.Aggregate<TResult>(Pipeline pipeline, AggregateOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("Aggregate");

    Task<IChangeStream<ChangeStreamDocument<TDocument>>> IMongoCollection<TDocument>.WatchAsync(Pipeline pipeline, ChangeStreamOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("WatchAsync");

    IChangeStream<ChangeStreamDocument<TDocument>> IMongoCollection<TDocument>.Watch(Pipeline pipeline, ChangeStreamOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("Watch");

    Task<InsertOneResult> IMongoCollection<TDocument>.InsertOneAsync(TDocument document, InsertOneOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("InsertOneAsync");

    InsertOneResult IMongoCollection<TDocument>.InsertOne(TDocument document, InsertOneOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("InsertOne");

    Task<InsertManyResult> IMongoCollection<TDocument>.InsertManyAsync(IEnumerable<TDocument> documents, InsertManyOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("InsertManyAsync");

    InsertManyResult IMongoCollection<TDocument>.InsertMany(IEnumerable<TDocument> documents, InsertManyOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("InsertMany");

    Task<UpdateResult> IMongoCollection<TDocument>.UpdateOneAsync(Filter<TDocument> filter, Update<TDocument> update, UpdateOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("UpdateOneAsync");

    UpdateResult IMongoCollection<TDocument>.UpdateOne(Filter<TDocument> filter, Update<TDocument> update, UpdateOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("UpdateOne");

    Task<UpdateResult> IMongoCollection<TDocument>.UpdateManyAsync(Filter<TDocument> filter, Update<TDocument> update, UpdateOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("UpdateManyAsync");

    UpdateResult IMongoCollection<TDocument>.UpdateMany(Filter<TDocument> filter, Update<TDocument> update, UpdateOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("UpdateMany");

    Task<UpdateResult> IMongoCollection<TDocument>.ReplaceOneAsync(Filter<TDocument> filter, TDocument replacement, ReplaceOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("ReplaceOneAsync");

    UpdateResult IMongoCollection<TDocument>.ReplaceOne(Filter<TDocument> filter, TDocument replacement, ReplaceOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("ReplaceOne");

    Task<DeleteResult> IMongoCollection<TDocument>.DeleteOneAsync(Filter<TDocument> filter, DeleteOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("DeleteOneAsync");

    DeleteResult IMongoCollection<TDocument>.DeleteOne(Filter<TDocument> filter, DeleteOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("DeleteOne");

    Task<DeleteResult> IMongoCollection<TDocument>.DeleteManyAsync(Filter<TDocument> filter, DeleteOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("DeleteManyAsync");

    DeleteResult IMongoCollection<TDocument>.DeleteMany(Filter<TDocument> filter, DeleteOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("DeleteMany");

    Task<TDocument?> IMongoCollection<TDocument>.FindOneAndUpdateAsync(Filter<TDocument> filter, Update<TDocument> update, FindOneAndUpdateOptions<TDocument>? options, CancellationToken cancellationToken) => throw MongoClient.Pending("FindOneAndUpdateAsync");

    TDocument? IMongoCollection<TDocument>.FindOneAndUpdate(Filter<TDocument> filter, Update<TDocument> update, FindOneAndUpdateOptions<TDocument>? options, CancellationToken cancellationToken) => throw MongoClient.Pending("FindOneAndUpdate");

    Task<TDocument?> IMongoCollection<TDocument>.FindOneAndReplaceAsync(Filter<TDocument> filter, TDocument replacement, FindOneAndReplaceOptions<TDocument>? options, CancellationToken cancellationToken) => throw MongoClient.Pending("FindOneAndReplaceAsync");

    TDocument? IMongoCollection<TDocument>.FindOneAndReplace(Filter<TDocument> filter, TDocument replacement, FindOneAndReplaceOptions<TDocument>? options, CancellationToken cancellationToken) => throw MongoClient.Pending("FindOneAndReplace");

    Task<TDocument?> IMongoCollection<TDocument>.FindOneAndDeleteAsync(Filter<TDocument> filter, FindOneAndDeleteOptions<TDocument>? options, CancellationToken cancellationToken) => throw MongoClient.Pending("FindOneAndDeleteAsync");

    TDocument? IMongoCollection<TDocument>.FindOneAndDelete(Filter<TDocument> filter, FindOneAndDeleteOptions<TDocument>? options, CancellationToken cancellationToken) => throw MongoClient.Pending("FindOneAndDelete");

    Task<BulkWriteResult> IMongoCollection<TDocument>.BulkWriteAsync(IEnumerable<WriteModel<TDocument>> requests, BulkWriteOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("BulkWriteAsync");

    BulkWriteResult IMongoCollection<TDocument>.BulkWrite(IEnumerable<WriteModel<TDocument>> requests, BulkWriteOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("BulkWrite");

    Task IMongoCollection<TDocument>.RenameAsync(string newName, RenameCollectionOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("RenameAsync");

    void IMongoCollection<TDocument>.Rename(string newName, RenameCollectionOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("Rename");

    Task IMongoCollection<TDocument>.DropAsync(WriteOperationOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("DropAsync");

    void IMongoCollection<TDocument>.Drop(WriteOperationOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("Drop");
}

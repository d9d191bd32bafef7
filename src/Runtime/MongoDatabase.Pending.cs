using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

// The IMongoDatabase members whose operations are not built yet: explicit implementations that throw, replaced by the
// operations layer. Options reflects the client's settings, which is what every database has until WithOptions exists.
public sealed partial class MongoDatabase
{
    DatabaseOptions IMongoDatabase.Options => new()
    {
        CodecOptions = Client.CodecOptions,
        ReadPreference = Client.ReadPreference,
        ReadConcern = Client.ReadConcern,
        WriteConcern = Client.WriteConcern,
    };

    IMongoCollection<BsonDocument> IMongoDatabase.this[string name] => GetCollection<BsonDocument>(name);

    IMongoDatabase IMongoDatabase.WithOptions(DatabaseOptions options) => throw MongoClient.Pending("WithOptions");

    IMongoCollection<TDocument> IMongoDatabase.GetCollection<TDocument>(string name, CollectionOptions options) => throw MongoClient.Pending("GetCollection with options");

    Task<BsonDocument> IMongoDatabase.RunCommandAsync(BsonDocument command, RunCommandOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("RunCommandAsync");

    BsonDocument IMongoDatabase.RunCommand(BsonDocument command, RunCommandOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("RunCommand");

    Task<TResult> IMongoDatabase.RunCommandAsync<TResult>(BsonDocument command, RunCommandOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("RunCommandAsync");

    TResult IMongoDatabase.RunCommand<TResult>(BsonDocument command, RunCommandOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("RunCommand");

    Task<IAsyncCursor<BsonDocument>> IMongoDatabase.ListCollectionsAsync(ListCollectionsOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("ListCollectionsAsync");

    IAsyncCursor<BsonDocument> IMongoDatabase.ListCollections(ListCollectionsOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("ListCollections");

    Task<IReadOnlyList<string>> IMongoDatabase.ListCollectionNamesAsync(ListCollectionsOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("ListCollectionNamesAsync");

    IReadOnlyList<string> IMongoDatabase.ListCollectionNames(ListCollectionsOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("ListCollectionNames");

    Task IMongoDatabase.CreateCollectionAsync(string name, CreateCollectionOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("CreateCollectionAsync");

    void IMongoDatabase.CreateCollection(string name, CreateCollectionOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("CreateCollection");

    Task IMongoDatabase.DropCollectionAsync(string name, WriteOperationOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("DropCollectionAsync");

    void IMongoDatabase.DropCollection(string name, WriteOperationOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("DropCollection");

    Task IMongoDatabase.RenameCollectionAsync(string oldName, string newName, RenameCollectionOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("RenameCollectionAsync");

    void IMongoDatabase.RenameCollection(string oldName, string newName, RenameCollectionOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("RenameCollection");

    Task<IAsyncCursor<TResult>> IMongoDatabase.AggregateAsync<TResult>(Pipeline pipeline, AggregateOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("AggregateAsync");

    IAsyncCursor<TResult> IMongoDatabase.Aggregate<TResult>(Pipeline pipeline, AggregateOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("Aggregate");

    Task<IChangeStream<ChangeStreamDocument<BsonDocument>>> IMongoDatabase.WatchAsync(Pipeline pipeline, ChangeStreamOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("WatchAsync");

    IChangeStream<ChangeStreamDocument<BsonDocument>> IMongoDatabase.Watch(Pipeline pipeline, ChangeStreamOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("Watch");
}

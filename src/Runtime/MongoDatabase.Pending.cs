using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

// The IMongoDatabase members whose operations are not built yet: explicit implementations that throw, replaced by the
// operations layer. Options reflects the client's settings, which is what every database has until WithOptions exists.
public sealed partial class MongoDatabase
{
    IMongoCollection<BsonDocument> IMongoDatabase.this[string name] => GetCollection<BsonDocument>(name);

    Task<IChangeStream<ChangeStreamDocument<BsonDocument>>> IMongoDatabase.WatchAsync(Pipeline pipeline, ChangeStreamOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("WatchAsync");

    IChangeStream<ChangeStreamDocument<BsonDocument>> IMongoDatabase.Watch(Pipeline pipeline, ChangeStreamOptions? options, CancellationToken cancellationToken) => throw MongoClient.Pending("Watch");
}

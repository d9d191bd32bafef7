using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

// The IMongoClient members that are not built yet: explicit sessions and change streams, which come with the sessions,
// transactions and change streams issue. Each is an explicit implementation that throws NotSupportedException.
public sealed partial class MongoClient
{
    IMongoDatabase IMongoClient.this[string name] => GetDatabase(name);

    Task<IClientSession> IMongoClient.StartSessionAsync(SessionOptions? options, CancellationToken cancellationToken) => throw Pending("StartSessionAsync");

    IClientSession IMongoClient.StartSession(SessionOptions? options, CancellationToken cancellationToken) => throw Pending("StartSession");

    Task<IChangeStream<ChangeStreamDocument<BsonDocument>>> IMongoClient.WatchAsync(Pipeline pipeline, ChangeStreamOptions? options, CancellationToken cancellationToken) => throw Pending("WatchAsync");

    IChangeStream<ChangeStreamDocument<BsonDocument>> IMongoClient.Watch(Pipeline pipeline, ChangeStreamOptions? options, CancellationToken cancellationToken) => throw Pending("Watch");

    internal static NotSupportedException Pending(string member) =>
        new($"{member} is not built yet: the operations layer lands with the client API issue.");
}

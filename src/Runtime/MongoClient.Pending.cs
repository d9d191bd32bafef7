using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

// The IMongoClient members whose operations are not built yet. Each is an explicit implementation that throws, so the
// public surface of MongoClient stays as it is until the operations layer replaces this file.
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

using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

// The IMongoClient members whose operations are not built yet. Each is an explicit implementation that throws, so the
// public surface of MongoClient stays as it is until the operations layer replaces this file.
public sealed partial class MongoClient
{
    IMongoDatabase IMongoClient.this[string name] => GetDatabase(name);

    IMongoDatabase IMongoClient.GetDatabase(string name, DatabaseOptions options) => throw Pending("GetDatabase with options");

    IMongoDatabase IMongoClient.GetDefaultDatabase(string? fallback, DatabaseOptions? options) =>
        options is null ? GetDefaultDatabase(fallback) : throw Pending("GetDefaultDatabase with options");

    Task<IAsyncCursor<BsonDocument>> IMongoClient.ListDatabasesAsync(ListDatabasesOptions? options, CancellationToken cancellationToken) => throw Pending("ListDatabasesAsync");

    IAsyncCursor<BsonDocument> IMongoClient.ListDatabases(ListDatabasesOptions? options, CancellationToken cancellationToken) => throw Pending("ListDatabases");

    Task<IReadOnlyList<string>> IMongoClient.ListDatabaseNamesAsync(ListDatabasesOptions? options, CancellationToken cancellationToken) => throw Pending("ListDatabaseNamesAsync");

    IReadOnlyList<string> IMongoClient.ListDatabaseNames(ListDatabasesOptions? options, CancellationToken cancellationToken) => throw Pending("ListDatabaseNames");

    Task IMongoClient.DropDatabaseAsync(string name, WriteOperationOptions? options, CancellationToken cancellationToken) => throw Pending("DropDatabaseAsync");

    void IMongoClient.DropDatabase(string name, WriteOperationOptions? options, CancellationToken cancellationToken) => throw Pending("DropDatabase");

    Task IMongoClient.DropDatabaseAsync(IMongoDatabase database, WriteOperationOptions? options, CancellationToken cancellationToken) => throw Pending("DropDatabaseAsync");

    void IMongoClient.DropDatabase(IMongoDatabase database, WriteOperationOptions? options, CancellationToken cancellationToken) => throw Pending("DropDatabase");

    Task<BsonDocument> IMongoClient.GetServerInfoAsync(CancellationToken cancellationToken) => throw Pending("GetServerInfoAsync");

    BsonDocument IMongoClient.GetServerInfo(CancellationToken cancellationToken) => throw Pending("GetServerInfo");

    Task<IClientSession> IMongoClient.StartSessionAsync(SessionOptions? options, CancellationToken cancellationToken) => throw Pending("StartSessionAsync");

    IClientSession IMongoClient.StartSession(SessionOptions? options, CancellationToken cancellationToken) => throw Pending("StartSession");

    Task<IChangeStream<ChangeStreamDocument<BsonDocument>>> IMongoClient.WatchAsync(Pipeline pipeline, ChangeStreamOptions? options, CancellationToken cancellationToken) => throw Pending("WatchAsync");

    IChangeStream<ChangeStreamDocument<BsonDocument>> IMongoClient.Watch(Pipeline pipeline, ChangeStreamOptions? options, CancellationToken cancellationToken) => throw Pending("Watch");

    internal static NotSupportedException Pending(string member) =>
        new($"{member} is not built yet: the operations layer lands with the client API issue.");
}

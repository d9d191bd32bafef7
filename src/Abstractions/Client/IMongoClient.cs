using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

// The client API lives in the Client folder but in the root namespace OpenQuizz.Typed, deliberately (as Attributes/ does):
// it is what applications program against, and one `using OpenQuizz.Typed;` should bring all of it into scope.
namespace OpenQuizz.Typed;

/// <summary>
/// A MongoDB client: the entry point to databases (PyMongo's <c>MongoClient</c>, Motor's <c>MotorClient</c>). One
/// instance per application (it owns the connection pools), safe to share across threads. The runtime's
/// <c>MongoClient</c> implements it.
/// </summary>
public interface IMongoClient
{
    /// <summary>The database named <paramref name="name"/> (PyMongo's <c>client[name]</c>); cheap, no I/O.</summary>
    /// <exception cref="InvalidNameException">The name is not a valid database name.</exception>
    IMongoDatabase this[string name] { get; }

    /// <summary>The database named <paramref name="name"/>, with the client's settings; cheap, no I/O.</summary>
    /// <exception cref="InvalidNameException">The name is not a valid database name.</exception>
    IMongoDatabase GetDatabase(string name);

    /// <summary>The database named <paramref name="name"/>, with <paramref name="options"/> overriding the client's settings; cheap, no I/O.</summary>
    /// <exception cref="InvalidNameException">The name is not a valid database name.</exception>
    IMongoDatabase GetDatabase(string name, DatabaseOptions options);

    /// <summary>The database named in the connection string, or <paramref name="fallback"/> when it names none.</summary>
    /// <exception cref="MongoConfigurationException">The connection string names no database and no fallback is given.</exception>
    IMongoDatabase GetDefaultDatabase(string? fallback = null, DatabaseOptions? options = null);

    /// <summary>Lists the databases, one document each (<c>name</c>, <c>sizeOnDisk</c>, <c>empty</c>).</summary>
    Task<IAsyncCursor<BsonDocument>> ListDatabasesAsync(ListDatabasesOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the databases, one document each.</summary>
    IAsyncCursor<BsonDocument> ListDatabases(ListDatabasesOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The names of the databases.</summary>
    Task<IReadOnlyList<string>> ListDatabaseNamesAsync(ListDatabasesOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The names of the databases.</summary>
    IReadOnlyList<string> ListDatabaseNames(ListDatabasesOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Drops the database named <paramref name="name"/> and all its collections; dropping a missing database succeeds.</summary>
    Task DropDatabaseAsync(string name, WriteOperationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Drops the database named <paramref name="name"/>.</summary>
    void DropDatabase(string name, WriteOperationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Drops <paramref name="database"/>; it must belong to this client.</summary>
    Task DropDatabaseAsync(IMongoDatabase database, WriteOperationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Drops <paramref name="database"/>; it must belong to this client.</summary>
    void DropDatabase(IMongoDatabase database, WriteOperationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The server's <c>buildInfo</c> (version, modules, …), as PyMongo's <c>server_info()</c>.</summary>
    Task<BsonDocument> GetServerInfoAsync(CancellationToken cancellationToken = default);

    /// <summary>The server's <c>buildInfo</c>.</summary>
    BsonDocument GetServerInfo(CancellationToken cancellationToken = default);

    /// <summary>Starts a session for causally consistent operations and transactions; dispose it to end it.</summary>
    Task<IClientSession> StartSessionAsync(SessionOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Starts a session; dispose it to end it.</summary>
    IClientSession StartSession(SessionOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Watches the changes of every database (except admin, local and config), after <paramref name="pipeline"/> filters them.</summary>
    Task<IChangeStream<ChangeStreamDocument<BsonDocument>>> WatchAsync(Pipeline pipeline = default, ChangeStreamOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Watches the changes of every database.</summary>
    IChangeStream<ChangeStreamDocument<BsonDocument>> Watch(Pipeline pipeline = default, ChangeStreamOptions? options = null, CancellationToken cancellationToken = default);
}

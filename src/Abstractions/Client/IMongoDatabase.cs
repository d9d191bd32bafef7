using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>A database of a client (PyMongo's <c>Database</c>). Cheap to create and thread-safe; no I/O until an operation runs.</summary>
public interface IMongoDatabase
{
    /// <summary>The database name.</summary>
    string Name { get; }

    /// <summary>The client this database belongs to.</summary>
    IMongoClient Client { get; }

    /// <summary>The settings in effect, every value resolved (a value not set on the database comes from the client).</summary>
    DatabaseOptions Options { get; }

    /// <summary>The untyped collection named <paramref name="name"/> (PyMongo's <c>db[name]</c>).</summary>
    /// <exception cref="InvalidNameException">The name is not a valid collection name.</exception>
    IMongoCollection<BsonDocument> this[string name] { get; }

    /// <summary>This database with <paramref name="options"/> overriding its settings (PyMongo's <c>with_options</c>).</summary>
    IMongoDatabase WithOptions(DatabaseOptions options);

    /// <summary>The collection named <paramref name="name"/>, encoded with the registered codec of <typeparamref name="TDocument"/>.</summary>
    /// <exception cref="InvalidNameException">The name is not a valid collection name.</exception>
    IMongoCollection<TDocument> GetCollection<TDocument>(string name);

    /// <summary>The collection named <paramref name="name"/>, with <paramref name="options"/> overriding the database's settings.</summary>
    /// <exception cref="InvalidNameException">The name is not a valid collection name.</exception>
    IMongoCollection<TDocument> GetCollection<TDocument>(string name, CollectionOptions options);

    /// <summary>The collection named <paramref name="name"/>, encoded with <paramref name="codec"/>.</summary>
    /// <exception cref="InvalidNameException">The name is not a valid collection name.</exception>
    IMongoCollection<TDocument> GetCollection<TDocument>(string name, IBsonCodec<TDocument> codec);

    /// <summary>Runs <paramref name="command"/> on this database and returns its reply (PyMongo's <c>command</c>); reads from the primary unless the options say otherwise.</summary>
    /// <exception cref="MongoCommandException">The reply has <c>ok: 0</c>.</exception>
    Task<BsonDocument> RunCommandAsync(BsonDocument command, RunCommandOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="command"/> on this database and returns its reply.</summary>
    BsonDocument RunCommand(BsonDocument command, RunCommandOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="command"/> and decodes its reply with the registered codec of <typeparamref name="TResult"/>.</summary>
    Task<TResult> RunCommandAsync<TResult>(BsonDocument command, RunCommandOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="command"/> and decodes its reply as <typeparamref name="TResult"/>.</summary>
    TResult RunCommand<TResult>(BsonDocument command, RunCommandOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a command that answers with a cursor (such as <c>find</c> or <c>aggregate</c> given as a document) and
    /// iterates it with getMore; never retried, like <c>RunCommand</c>. The comment of the options goes on the getMores.
    /// </summary>
    /// <exception cref="MongoCommandException">The reply has <c>ok: 0</c>.</exception>
    /// <exception cref="InvalidOperationException">The reply has no cursor (the command is not one that answers with a cursor).</exception>
    Task<IAsyncCursor<BsonDocument>> RunCursorCommandAsync(BsonDocument command, RunCursorCommandOptions? options = null, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="RunCursorCommandAsync"/>
    IAsyncCursor<BsonDocument> RunCursorCommand(BsonDocument command, RunCursorCommandOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the collections and views, one document each (<c>name</c>, <c>type</c>, <c>options</c>, <c>info</c>, <c>idIndex</c>).</summary>
    Task<IAsyncCursor<BsonDocument>> ListCollectionsAsync(ListCollectionsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the collections and views, one document each.</summary>
    IAsyncCursor<BsonDocument> ListCollections(ListCollectionsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The names of the collections and views.</summary>
    Task<IReadOnlyList<string>> ListCollectionNamesAsync(ListCollectionsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The names of the collections and views.</summary>
    IReadOnlyList<string> ListCollectionNames(ListCollectionsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates the collection (or view) <paramref name="name"/>; collections are otherwise created by their first write.</summary>
    /// <exception cref="MongoCommandException">It exists already (code 48, <c>NamespaceExists</c>).</exception>
    Task CreateCollectionAsync(string name, CreateCollectionOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates the collection (or view) <paramref name="name"/>.</summary>
    void CreateCollection(string name, CreateCollectionOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Drops the collection <paramref name="name"/> and its indexes; dropping a missing collection succeeds.</summary>
    Task DropCollectionAsync(string name, WriteOperationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Drops the collection <paramref name="name"/>.</summary>
    void DropCollection(string name, WriteOperationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Renames the collection <paramref name="oldName"/> to <paramref name="newName"/> within this database.</summary>
    Task RenameCollectionAsync(string oldName, string newName, RenameCollectionOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Renames the collection <paramref name="oldName"/> to <paramref name="newName"/>.</summary>
    void RenameCollection(string oldName, string newName, RenameCollectionOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a database-level pipeline (starting with a stage such as <c>$documents</c> or <c>$currentOp</c>), decoding results with the registered codec of <typeparamref name="TResult"/>.</summary>
    Task<IAsyncCursor<TResult>> AggregateAsync<TResult>(Pipeline pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a database-level pipeline.</summary>
    IAsyncCursor<TResult> Aggregate<TResult>(Pipeline pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Watches the changes of every collection of this database, after <paramref name="pipeline"/> filters them.</summary>
    Task<IChangeStream<ChangeStreamDocument<BsonDocument>>> WatchAsync(Pipeline pipeline = default, ChangeStreamOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Watches the changes of every collection of this database.</summary>
    IChangeStream<ChangeStreamDocument<BsonDocument>> Watch(Pipeline pipeline = default, ChangeStreamOptions? options = null, CancellationToken cancellationToken = default);
}

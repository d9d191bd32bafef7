using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>The indexes of a collection (PyMongo's <c>create_index</c>, <c>create_indexes</c>, <c>list_indexes</c>, <c>drop_index</c>, <c>drop_indexes</c>).</summary>
public interface IMongoIndexManager<TDocument>
{
    /// <summary>The collection whose indexes these are.</summary>
    CollectionNamespace Namespace { get; }

    /// <summary>Creates an index on <paramref name="keys"/> and returns its name; creating an identical index again succeeds.</summary>
    Task<string> CreateOneAsync(IndexKeys<TDocument> keys, CreateIndexOptions? index = null, IndexOperationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates an index on <paramref name="keys"/> and returns its name.</summary>
    string CreateOne(IndexKeys<TDocument> keys, CreateIndexOptions? index = null, IndexOperationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates <paramref name="models"/> in one command and returns their names, in order.</summary>
    Task<IReadOnlyList<string>> CreateManyAsync(IEnumerable<CreateIndexModel<TDocument>> models, IndexOperationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates <paramref name="models"/> in one command and returns their names.</summary>
    IReadOnlyList<string> CreateMany(IEnumerable<CreateIndexModel<TDocument>> models, IndexOperationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the indexes, one document each (<c>v</c>, <c>key</c>, <c>name</c> and the options).</summary>
    Task<IAsyncCursor<BsonDocument>> ListAsync(OperationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the indexes, one document each.</summary>
    IAsyncCursor<BsonDocument> List(OperationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Drops the index named <paramref name="name"/>.</summary>
    /// <exception cref="MongoCommandException">There is no such index (code 27, <c>IndexNotFound</c>).</exception>
    Task DropOneAsync(string name, IndexOperationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Drops the index named <paramref name="name"/>.</summary>
    void DropOne(string name, IndexOperationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Drops the index on exactly <paramref name="keys"/>.</summary>
    Task DropOneAsync(IndexKeys<TDocument> keys, IndexOperationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Drops the index on exactly <paramref name="keys"/>.</summary>
    void DropOne(IndexKeys<TDocument> keys, IndexOperationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Drops every index except the one on <c>_id</c>.</summary>
    Task DropAllAsync(IndexOperationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Drops every index except the one on <c>_id</c>.</summary>
    void DropAll(IndexOperationOptions? options = null, CancellationToken cancellationToken = default);
}

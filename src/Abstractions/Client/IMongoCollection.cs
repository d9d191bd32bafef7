using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// A collection of documents of type <typeparamref name="TDocument"/> (PyMongo's <c>Collection</c>, Motor's
/// <c>MotorCollection</c>). Cheap to create and thread-safe; every operation has an <c>…Async</c> form taking a
/// <see cref="CancellationToken"/> and a synchronous twin, and takes its session and per-operation settings in its options.
/// </summary>
/// <remarks>This file holds the identity and the reads; <c>IMongoCollection.Writes.cs</c> the writes, indexes and administration.</remarks>
public partial interface IMongoCollection<TDocument>
{
    /// <summary>The collection name.</summary>
    string Name { get; }

    /// <summary>The full name, <c>database.collection</c>.</summary>
    CollectionNamespace Namespace { get; }

    /// <summary>The database this collection belongs to.</summary>
    IMongoDatabase Database { get; }

    /// <summary>The codec that encodes and decodes the documents.</summary>
    IBsonCodec<TDocument> Codec { get; }

    /// <summary>The settings in effect, every value resolved (a value not set on the collection comes from the database).</summary>
    CollectionOptions Options { get; }

    /// <summary>The indexes of this collection.</summary>
    IMongoIndexManager<TDocument> Indexes { get; }

    /// <summary>This collection with <paramref name="options"/> overriding its settings (PyMongo's <c>with_options</c>).</summary>
    IMongoCollection<TDocument> WithOptions(CollectionOptions options);

    /// <summary>
    /// A query for the documents that match <paramref name="filter"/>; shape it (<c>Sort</c>, <c>Limit</c>,
    /// <c>Project</c>, …) and run it (<c>ToListAsync</c>, <c>FirstOrDefaultAsync</c> — PyMongo's <c>find_one</c> —, or
    /// <c>await foreach</c>). No I/O happens here.
    /// </summary>
    IFindFluent<TDocument, TDocument> Find(Filter<TDocument> filter, FindOptions<TDocument>? options = null);

    /// <summary>How many documents match <paramref name="filter"/>, counted exactly by an aggregation (<c>count_documents</c>).</summary>
    Task<long> CountDocumentsAsync(Filter<TDocument> filter, CountOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>How many documents match <paramref name="filter"/>.</summary>
    long CountDocuments(Filter<TDocument> filter, CountOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The number of documents from the collection's metadata: fast, but possibly off after an unclean shutdown or in a sharded cluster with orphans.</summary>
    Task<long> EstimatedDocumentCountAsync(EstimatedDocumentCountOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The number of documents from the collection's metadata.</summary>
    long EstimatedDocumentCount(EstimatedDocumentCountOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The distinct values of <paramref name="field"/> (a dotted path; array elements count one by one) among the
    /// documents that match <paramref name="filter"/>, decoded as <typeparamref name="TField"/>.
    /// </summary>
    Task<IReadOnlyList<TField>> DistinctAsync<TField>(string field, Filter<TDocument> filter = default, DistinctOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The distinct values of <paramref name="field"/> among the documents that match <paramref name="filter"/>.</summary>
    IReadOnlyList<TField> Distinct<TField>(string field, Filter<TDocument> filter = default, DistinctOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="pipeline"/> on this collection, decoding results with the registered codec of <typeparamref name="TResult"/> (use <see cref="BsonDocument"/> for untyped results).</summary>
    Task<IAsyncCursor<TResult>> AggregateAsync<TResult>(Pipeline pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="pipeline"/> on this collection.</summary>
    IAsyncCursor<TResult> Aggregate<TResult>(Pipeline pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Watches the changes of this collection, after <paramref name="pipeline"/> filters them.</summary>
    Task<IChangeStream<ChangeStreamDocument<TDocument>>> WatchAsync(Pipeline pipeline = default, ChangeStreamOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Watches the changes of this collection.</summary>
    IChangeStream<ChangeStreamDocument<TDocument>> Watch(Pipeline pipeline = default, ChangeStreamOptions? options = null, CancellationToken cancellationToken = default);
}

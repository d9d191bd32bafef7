using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Bson.Codecs;
using OpenQuizz.Typed.Cursors;
using OpenQuizz.Typed.Operations;
using OpenQuizz.Typed.Operations.Read;

namespace OpenQuizz.Typed;

// The collection's settings (its own over the database's) and its reads: find, counts, distinct, aggregate, listIndexes.
public sealed partial class MongoCollection<TDocument>
{
    /// <summary>The settings given to this handle (null values inherit the database's).</summary>
    internal CollectionOptions? OwnOptions { get; }

    /// <summary>The read preference of reads, resolved (collection &gt; database &gt; client).</summary>
    internal ReadPreference ReadPreference => OwnOptions?.ReadPreference ?? Database.ReadPreference;

    /// <summary>The read concern of reads, resolved.</summary>
    internal ReadConcern ReadConcern => OwnOptions?.ReadConcern ?? Database.ReadConcern;

    /// <summary>The write concern of writes, resolved.</summary>
    internal WriteConcern WriteConcern => OwnOptions?.WriteConcern ?? Database.WriteConcern;

    internal CollectionNamespace CollectionNamespace => new(Database.Name, Name);

    /// <summary>The namespace, <c>database.collection</c>.</summary>
    public CollectionNamespace Namespace => CollectionNamespace;

    /// <summary>The settings in effect, every value resolved.</summary>
    public CollectionOptions Options => new()
    {
        CodecOptions = Codec is IConfigurableBsonCodec<TDocument> configurable ? configurable.Options : OwnOptions?.CodecOptions ?? Database.CodecOptions,
        ReadPreference = ReadPreference,
        ReadConcern = ReadConcern,
        WriteConcern = WriteConcern,
    };

    /// <summary>This collection with <paramref name="options"/> overriding its settings (a value left null keeps this handle's).</summary>
    public MongoCollection<TDocument> WithOptions(CollectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var codec = Codec;
        if (options.CodecOptions is { } codecOptions && codec is IConfigurableBsonCodec<TDocument> configurable && configurable.Options != codecOptions)
        {
            codec = configurable.WithOptions(codecOptions);
        }

        return new(Database, Name, codec, new CollectionOptions
        {
            CodecOptions = options.CodecOptions ?? OwnOptions?.CodecOptions,
            ReadPreference = options.ReadPreference ?? OwnOptions?.ReadPreference,
            ReadConcern = options.ReadConcern ?? OwnOptions?.ReadConcern,
            WriteConcern = options.WriteConcern ?? OwnOptions?.WriteConcern,
        });
    }

    /// <summary>A query for the documents matching <paramref name="filter"/>; no I/O until it runs.</summary>
    public IFindFluent<TDocument, TDocument> Find(Filter<TDocument> filter, FindOptions<TDocument>? options = null) =>
        new FindFluent<TDocument, TDocument>(this, filter, options ?? new FindOptions<TDocument>(), default, Codec);

    /// <summary>How many documents match <paramref name="filter"/>, counted by an aggregation.</summary>
    public Task<long> CountDocumentsAsync(Filter<TDocument> filter, CountOptions? options = null, CancellationToken cancellationToken = default) =>
        Database.Executor.ExecuteAsync(new CountDocumentsOperation(CollectionNamespace, filter.Render(), options), ReadSettings(options), cancellationToken).AsTask();

    /// <inheritdoc cref="CountDocumentsAsync"/>
    public long CountDocuments(Filter<TDocument> filter, CountOptions? options = null, CancellationToken cancellationToken = default) =>
        Database.Executor.Execute(new CountDocumentsOperation(CollectionNamespace, filter.Render(), options), ReadSettings(options), cancellationToken);

    /// <summary>The number of documents from the collection's metadata (the <c>count</c> command).</summary>
    public Task<long> EstimatedDocumentCountAsync(EstimatedDocumentCountOptions? options = null, CancellationToken cancellationToken = default) =>
        Database.Executor.ExecuteAsync(new EstimatedDocumentCountOperation(CollectionNamespace, options), ReadSettings(options), cancellationToken).AsTask();

    /// <inheritdoc cref="EstimatedDocumentCountAsync"/>
    public long EstimatedDocumentCount(EstimatedDocumentCountOptions? options = null, CancellationToken cancellationToken = default) =>
        Database.Executor.Execute(new EstimatedDocumentCountOperation(CollectionNamespace, options), ReadSettings(options), cancellationToken);

    /// <summary>The distinct values of <paramref name="field"/> among the matching documents, decoded as <typeparamref name="TField"/>.</summary>
    public Task<IReadOnlyList<TField>> DistinctAsync<TField>(string field, Filter<TDocument> filter = default, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        Database.Executor.ExecuteAsync(new DistinctOperation<TField>(CollectionNamespace, field, filter.Render(), options), ReadSettings(options), cancellationToken).AsTask();

    /// <inheritdoc cref="DistinctAsync{TField}(string, Filter{TDocument}, DistinctOptions?, CancellationToken)"/>
    public IReadOnlyList<TField> Distinct<TField>(string field, Filter<TDocument> filter = default, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        Database.Executor.Execute(new DistinctOperation<TField>(CollectionNamespace, field, filter.Render(), options), ReadSettings(options), cancellationToken);

    /// <summary>Runs <paramref name="pipeline"/> on this collection, decoding results with the registered codec of <typeparamref name="TResult"/>.</summary>
    public Task<IAsyncCursor<TResult>> AggregateAsync<TResult>(Pipeline pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default)
    {
        var codec = ResultCodec<TResult>();
        var operation = new AggregateOperation<TResult>(Database.Name, Name, pipeline.Render(), options, codec);
        return CursorFactory.OpenAsync(Database.Executor, operation, AggregateSettings(operation, options), codec, options?.BatchSize, options?.MaxAwaitTime, options?.Comment, cancellationToken);
    }

    /// <inheritdoc cref="AggregateAsync{TResult}(Pipeline, AggregateOptions?, CancellationToken)"/>
    public IAsyncCursor<TResult> Aggregate<TResult>(Pipeline pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default)
    {
        var codec = ResultCodec<TResult>();
        var operation = new AggregateOperation<TResult>(Database.Name, Name, pipeline.Render(), options, codec);
        return CursorFactory.Open(Database.Executor, operation, AggregateSettings(operation, options), codec, options?.BatchSize, options?.MaxAwaitTime, options?.Comment, cancellationToken);
    }

    /// <summary>The read settings of one operation: its own values over this collection's.</summary>
    internal OperationSettings ReadSettings(ReadOperationOptions? options) => new()
    {
        ReadPreference = options?.ReadPreference ?? ReadPreference,
        ReadConcern = options?.ReadConcern ?? ReadConcern,
        RawData = OperationSettings.WantsRawData(options),
    };

    /// <summary>The codec of results of type <typeparamref name="TResult"/>: this collection's own for its document type.</summary>
    internal IBsonCodec<TResult> ResultCodec<TResult>() =>
        Codec is IBsonCodec<TResult> own ? own : BsonCodecRegistry.Get<TResult>();

    OperationExecutor IFindSource<TDocument>.Executor => Database.Executor;

    CollectionNamespace IFindSource<TDocument>.CollectionNamespace => CollectionNamespace;

    OperationSettings IFindSource<TDocument>.ReadSettings(ReadOperationOptions? options) => ReadSettings(options);

    IBsonCodec<TResult> IFindSource<TDocument>.ResultCodec<TResult>() => ResultCodec<TResult>();

    CollectionNamespace IMongoCollection<TDocument>.Namespace => Namespace;

    CollectionOptions IMongoCollection<TDocument>.Options => Options;

    IMongoCollection<TDocument> IMongoCollection<TDocument>.WithOptions(CollectionOptions options) => WithOptions(options);

    IFindFluent<TDocument, TDocument> IMongoCollection<TDocument>.Find(Filter<TDocument> filter, FindOptions<TDocument>? options) => Find(filter, options);

    Task<long> IMongoCollection<TDocument>.CountDocumentsAsync(Filter<TDocument> filter, CountOptions? options, CancellationToken cancellationToken) => CountDocumentsAsync(filter, options, cancellationToken);

    long IMongoCollection<TDocument>.CountDocuments(Filter<TDocument> filter, CountOptions? options, CancellationToken cancellationToken) => CountDocuments(filter, options, cancellationToken);

    Task<long> IMongoCollection<TDocument>.EstimatedDocumentCountAsync(EstimatedDocumentCountOptions? options, CancellationToken cancellationToken) => EstimatedDocumentCountAsync(options, cancellationToken);

    long IMongoCollection<TDocument>.EstimatedDocumentCount(EstimatedDocumentCountOptions? options, CancellationToken cancellationToken) => EstimatedDocumentCount(options, cancellationToken);

    Task<IReadOnlyList<TField>> IMongoCollection<TDocument>.DistinctAsync<TField>(string field, Filter<TDocument> filter, DistinctOptions? options, CancellationToken cancellationToken) => DistinctAsync<TField>(field, filter, options, cancellationToken);

    IReadOnlyList<TField> IMongoCollection<TDocument>.Distinct<TField>(string field, Filter<TDocument> filter, DistinctOptions? options, CancellationToken cancellationToken) => Distinct<TField>(field, filter, options, cancellationToken);

    Task<IAsyncCursor<TResult>> IMongoCollection<TDocument>.AggregateAsync<TResult>(Pipeline pipeline, AggregateOptions? options, CancellationToken cancellationToken) => AggregateAsync<TResult>(pipeline, options, cancellationToken);

    IAsyncCursor<TResult> IMongoCollection<TDocument>.Aggregate<TResult>(Pipeline pipeline, AggregateOptions? options, CancellationToken cancellationToken) => Aggregate<TResult>(pipeline, options, cancellationToken);

    private OperationSettings AggregateSettings<TResult>(AggregateOperation<TResult> operation, AggregateOptions? options) => new()
    {
        ReadPreference = operation.IsWrite ? null : options?.ReadPreference ?? ReadPreference,
        ReadConcern = options?.ReadConcern ?? ReadConcern,
        WriteConcern = operation.IsWrite ? options?.WriteConcern ?? WriteConcern : null,
        RawData = OperationSettings.WantsRawData(options),
    };
}

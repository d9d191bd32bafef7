using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Bson.Codecs;
using OpenQuizz.Typed.Cursors;
using OpenQuizz.Typed.Operations;
using OpenQuizz.Typed.Operations.Read;

namespace OpenQuizz.Typed;

// The database's settings (its own over the client's) and its read operations: runCommand, listCollections, aggregate.
public sealed partial class MongoDatabase
{
    /// <summary>The settings given to this handle (null values inherit the client's).</summary>
    internal DatabaseOptions? OwnOptions { get; }

    /// <summary>The read preference of reads, resolved.</summary>
    internal ReadPreference ReadPreference => OwnOptions?.ReadPreference ?? Client.ReadPreference;

    /// <summary>The read concern of reads, resolved.</summary>
    internal ReadConcern ReadConcern => OwnOptions?.ReadConcern ?? Client.ReadConcern;

    /// <summary>The write concern of writes, resolved.</summary>
    internal WriteConcern WriteConcern => OwnOptions?.WriteConcern ?? Client.WriteConcern;

    /// <summary>The codec options of this database's collections, resolved.</summary>
    internal BsonCodecOptions CodecOptions => OwnOptions?.CodecOptions ?? Client.CodecOptions;

    /// <summary>The client's operation executor.</summary>
    internal OperationExecutor Executor => Client.Executor;

    /// <summary>The settings in effect, every value resolved.</summary>
    public DatabaseOptions Options => new()
    {
        CodecOptions = CodecOptions,
        ReadPreference = ReadPreference,
        ReadConcern = ReadConcern,
        WriteConcern = WriteConcern,
    };

    /// <summary>This database with <paramref name="options"/> overriding its settings (a value left null keeps this handle's).</summary>
    public MongoDatabase WithOptions(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(Client, Name, new DatabaseOptions
        {
            CodecOptions = options.CodecOptions ?? OwnOptions?.CodecOptions,
            ReadPreference = options.ReadPreference ?? OwnOptions?.ReadPreference,
            ReadConcern = options.ReadConcern ?? OwnOptions?.ReadConcern,
            WriteConcern = options.WriteConcern ?? OwnOptions?.WriteConcern,
        });
    }

    /// <summary>The collection named <paramref name="name"/>, with <paramref name="options"/> overriding this database's settings.</summary>
    public MongoCollection<TDocument> GetCollection<TDocument>(string name, CollectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var codec = BsonCodecRegistry.Get<TDocument>();
        var codecOptions = options.CodecOptions ?? CodecOptions;
        if (codec is IConfigurableBsonCodec<TDocument> configurable && configurable.Options != codecOptions)
        {
            codec = configurable.WithOptions(codecOptions);
        }

        return new(this, name, codec, options);
    }

    /// <summary>Runs <paramref name="command"/> (PyMongo's <c>db.command</c>) on the primary, or where <see cref="RunCommandOptions.ReadPreference"/> says; never retried.</summary>
    public Task<BsonDocument> RunCommandAsync(BsonDocument command, RunCommandOptions? options = null, CancellationToken cancellationToken = default) =>
        RunCommandAsync<BsonDocument>(command, options, cancellationToken);

    /// <inheritdoc cref="RunCommandAsync(BsonDocument, RunCommandOptions?, CancellationToken)"/>
    public BsonDocument RunCommand(BsonDocument command, RunCommandOptions? options = null, CancellationToken cancellationToken = default) =>
        RunCommand<BsonDocument>(command, options, cancellationToken);

    /// <summary>Runs <paramref name="command"/> and decodes the reply with the registered codec of <typeparamref name="TResult"/>.</summary>
    public Task<TResult> RunCommandAsync<TResult>(BsonDocument command, RunCommandOptions? options = null, CancellationToken cancellationToken = default) =>
        Executor.ExecuteAsync(new RunCommandOperation<TResult>(Name, command, BsonCodecRegistry.Get<TResult>()), RunCommandSettings(options), cancellationToken).AsTask();

    /// <inheritdoc cref="RunCommandAsync{TResult}"/>
    public TResult RunCommand<TResult>(BsonDocument command, RunCommandOptions? options = null, CancellationToken cancellationToken = default) =>
        Executor.Execute(new RunCommandOperation<TResult>(Name, command, BsonCodecRegistry.Get<TResult>()), RunCommandSettings(options), cancellationToken);

    /// <inheritdoc cref="IMongoDatabase.RunCursorCommandAsync"/>
    public Task<IAsyncCursor<BsonDocument>> RunCursorCommandAsync(BsonDocument command, RunCursorCommandOptions? options = null, CancellationToken cancellationToken = default) =>
        CursorFactory.OpenAsync(Executor, new RunCursorCommandOperation(Name, command), RunCursorCommandSettings(options), BsonDocumentCodec.Instance, options?.BatchSize, options?.MaxAwaitTime, options?.Comment, cancellationToken);

    /// <inheritdoc cref="IMongoDatabase.RunCursorCommandAsync"/>
    public IAsyncCursor<BsonDocument> RunCursorCommand(BsonDocument command, RunCursorCommandOptions? options = null, CancellationToken cancellationToken = default) =>
        CursorFactory.Open(Executor, new RunCursorCommandOperation(Name, command), RunCursorCommandSettings(options), BsonDocumentCodec.Instance, options?.BatchSize, options?.MaxAwaitTime, options?.Comment, cancellationToken);

    private static OperationSettings RunCursorCommandSettings(RunCursorCommandOptions? options) =>
        options?.ReadPreference is { } readPreference ? new OperationSettings { ReadPreference = readPreference } : OperationSettings.Default;

    /// <summary>The collections and views of this database, one description document each.</summary>
    public Task<IAsyncCursor<BsonDocument>> ListCollectionsAsync(ListCollectionsOptions? options = null, CancellationToken cancellationToken = default) =>
        CursorFactory.OpenAsync(Executor, new ListCollectionsOperation(Name, options), OperationSettings.Default, BsonDocumentCodec.Instance, options?.BatchSize, null, options?.Comment, cancellationToken);

    /// <inheritdoc cref="ListCollectionsAsync"/>
    public IAsyncCursor<BsonDocument> ListCollections(ListCollectionsOptions? options = null, CancellationToken cancellationToken = default) =>
        CursorFactory.Open(Executor, new ListCollectionsOperation(Name, options), OperationSettings.Default, BsonDocumentCodec.Instance, options?.BatchSize, null, options?.Comment, cancellationToken);

    /// <summary>The names of the collections and views of this database.</summary>
    public async Task<IReadOnlyList<string>> ListCollectionNamesAsync(ListCollectionsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var cursor = await ListCollectionsAsync((options ?? new ListCollectionsOptions()) with { NameOnly = true }, cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        await foreach (var collection in cursor.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            names.Add(collection["name"].AsString);
        }

        return names;
    }

    /// <inheritdoc cref="ListCollectionNamesAsync"/>
    public IReadOnlyList<string> ListCollectionNames(ListCollectionsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        foreach (var collection in ListCollections((options ?? new ListCollectionsOptions()) with { NameOnly = true }, cancellationToken))
        {
            names.Add(collection["name"].AsString);
        }

        return names;
    }

    /// <summary>Runs a database-level pipeline (<c>aggregate: 1</c>, such as <c>$currentOp</c> or <c>$documents</c>).</summary>
    public Task<IAsyncCursor<TResult>> AggregateAsync<TResult>(Pipeline pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default)
    {
        var codec = BsonCodecRegistry.Get<TResult>();
        var operation = new AggregateOperation<TResult>(Name, null, pipeline.Render(), options, codec);
        return CursorFactory.OpenAsync(Executor, operation, AggregateSettings(operation, options), codec, options?.BatchSize, options?.MaxAwaitTime, options?.Comment, cancellationToken);
    }

    /// <inheritdoc cref="AggregateAsync{TResult}"/>
    public IAsyncCursor<TResult> Aggregate<TResult>(Pipeline pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default)
    {
        var codec = BsonCodecRegistry.Get<TResult>();
        var operation = new AggregateOperation<TResult>(Name, null, pipeline.Render(), options, codec);
        return CursorFactory.Open(Executor, operation, AggregateSettings(operation, options), codec, options?.BatchSize, options?.MaxAwaitTime, options?.Comment, cancellationToken);
    }

    DatabaseOptions IMongoDatabase.Options => Options;

    IMongoDatabase IMongoDatabase.WithOptions(DatabaseOptions options) => WithOptions(options);

    IMongoCollection<TDocument> IMongoDatabase.GetCollection<TDocument>(string name, CollectionOptions options) => GetCollection<TDocument>(name, options);

    Task<BsonDocument> IMongoDatabase.RunCommandAsync(BsonDocument command, RunCommandOptions? options, CancellationToken cancellationToken) => RunCommandAsync(command, options, cancellationToken);

    BsonDocument IMongoDatabase.RunCommand(BsonDocument command, RunCommandOptions? options, CancellationToken cancellationToken) => RunCommand(command, options, cancellationToken);

    Task<TResult> IMongoDatabase.RunCommandAsync<TResult>(BsonDocument command, RunCommandOptions? options, CancellationToken cancellationToken) => RunCommandAsync<TResult>(command, options, cancellationToken);

    TResult IMongoDatabase.RunCommand<TResult>(BsonDocument command, RunCommandOptions? options, CancellationToken cancellationToken) => RunCommand<TResult>(command, options, cancellationToken);

    Task<IAsyncCursor<BsonDocument>> IMongoDatabase.ListCollectionsAsync(ListCollectionsOptions? options, CancellationToken cancellationToken) => ListCollectionsAsync(options, cancellationToken);

    IAsyncCursor<BsonDocument> IMongoDatabase.ListCollections(ListCollectionsOptions? options, CancellationToken cancellationToken) => ListCollections(options, cancellationToken);

    Task<IReadOnlyList<string>> IMongoDatabase.ListCollectionNamesAsync(ListCollectionsOptions? options, CancellationToken cancellationToken) => ListCollectionNamesAsync(options, cancellationToken);

    IReadOnlyList<string> IMongoDatabase.ListCollectionNames(ListCollectionsOptions? options, CancellationToken cancellationToken) => ListCollectionNames(options, cancellationToken);

    Task<IAsyncCursor<TResult>> IMongoDatabase.AggregateAsync<TResult>(Pipeline pipeline, AggregateOptions? options, CancellationToken cancellationToken) => AggregateAsync<TResult>(pipeline, options, cancellationToken);

    IAsyncCursor<TResult> IMongoDatabase.Aggregate<TResult>(Pipeline pipeline, AggregateOptions? options, CancellationToken cancellationToken) => Aggregate<TResult>(pipeline, options, cancellationToken);

    // runCommand ignores the database's read preference: primary unless the call says otherwise (server-selection spec).
    private static OperationSettings RunCommandSettings(RunCommandOptions? options) =>
        options?.ReadPreference is { } readPreference ? new OperationSettings { ReadPreference = readPreference } : OperationSettings.Default;

    private OperationSettings AggregateSettings<TResult>(AggregateOperation<TResult> operation, AggregateOptions? options) => new()
    {
        ReadPreference = options?.ReadPreference ?? ReadPreference,
        ReadConcern = options?.ReadConcern ?? ReadConcern,
        WriteConcern = operation.IsWrite ? options?.WriteConcern ?? WriteConcern : null,
        RawData = OperationSettings.WantsRawData(options),
    };
}

using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Cursors;
using OpenQuizz.Typed.Operations;
using OpenQuizz.Typed.Operations.Read;
using OpenQuizz.Typed.Operations.Write;

namespace OpenQuizz.Typed;

public sealed partial class MongoCollection<TDocument>
{
    /// <inheritdoc/>
    public IMongoIndexManager<TDocument> Indexes => new MongoIndexManager<TDocument>(this);
}

/// <summary>The indexes of a <see cref="MongoCollection{TDocument}"/>: createIndexes, listIndexes and dropIndexes through the client's executor.</summary>
internal sealed class MongoIndexManager<TDocument>(MongoCollection<TDocument> collection) : IMongoIndexManager<TDocument>
{
    public CollectionNamespace Namespace => new(collection.Database.Name, collection.Name);

    private OperationExecutor Executor => collection.Database.Client.Executor;

    public async Task<string> CreateOneAsync(IndexKeys<TDocument> keys, CreateIndexOptions? index = null, IndexOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        (await CreateCore(async: true, [new CreateIndexModel<TDocument>(keys, index)], options, cancellationToken).ConfigureAwait(false))[0];

    public string CreateOne(IndexKeys<TDocument> keys, CreateIndexOptions? index = null, IndexOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(CreateCore(async: false, [new CreateIndexModel<TDocument>(keys, index)], options, cancellationToken))[0];

    public async Task<IReadOnlyList<string>> CreateManyAsync(IEnumerable<CreateIndexModel<TDocument>> models, IndexOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        await CreateCore(async: true, models, options, cancellationToken).ConfigureAwait(false);

    public IReadOnlyList<string> CreateMany(IEnumerable<CreateIndexModel<TDocument>> models, IndexOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(CreateCore(async: false, models, options, cancellationToken));

    public async Task<IAsyncCursor<BsonDocument>> ListAsync(OperationOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await CursorFactory.OpenAsync(Executor, new ListIndexesOperation(Namespace, null, options?.Comment), ListSettings(options), BsonDocumentCodec.Instance, null, null, options?.Comment, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ListIndexesOperation.IsNamespaceNotFound(e))
        {
            return AsyncCursor<BsonDocument>.FromList([], Namespace, BsonDocumentCodec.Instance);
        }
    }

    public IAsyncCursor<BsonDocument> List(OperationOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return CursorFactory.Open(Executor, new ListIndexesOperation(Namespace, null, options?.Comment), ListSettings(options), BsonDocumentCodec.Instance, null, null, options?.Comment, cancellationToken);
        }
        catch (Exception e) when (ListIndexesOperation.IsNamespaceNotFound(e))
        {
            return AsyncCursor<BsonDocument>.FromList([], Namespace, BsonDocumentCodec.Instance);
        }
    }

    public Task DropOneAsync(string name, IndexOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        DropCore(async: true, DropName(name), options, cancellationToken).AsTask();

    public void DropOne(string name, IndexOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(DropCore(async: false, DropName(name), options, cancellationToken));

    public Task DropOneAsync(IndexKeys<TDocument> keys, IndexOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        DropCore(async: true, DropKeys(keys), options, cancellationToken).AsTask();

    public void DropOne(IndexKeys<TDocument> keys, IndexOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(DropCore(async: false, DropKeys(keys), options, cancellationToken));

    public Task DropAllAsync(IndexOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        DropCore(async: true, new BsonString("*"), options, cancellationToken).AsTask();

    public void DropAll(IndexOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(DropCore(async: false, new BsonString("*"), options, cancellationToken));

    private static BsonValue DropName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name == "*")
        {
            throw new ArgumentException("DropOne drops one index; to drop every index but _id's, use DropAll.", nameof(name));
        }

        return new BsonString(name);
    }

    private static BsonValue DropKeys(IndexKeys<TDocument> keys) =>
        keys.IsEmpty ? throw new ArgumentException("An index needs at least one key.", nameof(keys)) : keys.Render();

    private async ValueTask<IReadOnlyList<string>> CreateCore(bool async, IEnumerable<CreateIndexModel<TDocument>> models, IndexOperationOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(models);
        var specs = models.Select(m => IndexSpec.From(m ?? throw new ArgumentException("A model is null.", nameof(models)))).ToList();
        if (specs.Count == 0)
        {
            throw new ArgumentException("CreateMany needs at least one index.", nameof(models));
        }

        var operation = new CreateIndexesOperation(collection.Database.Name, collection.Name, specs, options);
        await Executor.Run(async, operation, collection.WriteSettings(options), cancellationToken).ConfigureAwait(false);
        return specs.Select(s => s.Name).ToList();
    }

    private async ValueTask<bool> DropCore(bool async, BsonValue index, IndexOperationOptions? options, CancellationToken cancellationToken)
    {
        if (options?.CommitQuorum is not null)
        {
            throw new ArgumentException("commitQuorum applies to creating indexes only; dropIndexes refuses it.", nameof(options));
        }

        await Executor.Run(async, new DropIndexesOperation(collection.Database.Name, collection.Name, index, options), collection.WriteSettings(options), cancellationToken).ConfigureAwait(false);
        return true;
    }

    // listIndexes takes rawData too: any options implementing IRawDataOptions (such as IndexOperationOptions) can ask for it.
    private static OperationSettings ListSettings(OperationOptions? options) =>
        OperationSettings.WantsRawData(options) ? new OperationSettings { RawData = true } : OperationSettings.Default;
}

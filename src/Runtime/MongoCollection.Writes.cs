using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Operations;
using OpenQuizz.Typed.Operations.Write;

namespace OpenQuizz.Typed;

// The writes of a collection: each builds its operation(s) and hands them to the client's executor. Every sync member
// runs the same body as its async twin with async: false.
public sealed partial class MongoCollection<TDocument>
{
    /// <inheritdoc/>
    public Task<InsertOneResult> InsertOneAsync(TDocument document, InsertOneOptions? options = null, CancellationToken cancellationToken = default) =>
        InsertOneCore(async: true, document, options, cancellationToken).AsTask();

    /// <inheritdoc/>
    public InsertOneResult InsertOne(TDocument document, InsertOneOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(InsertOneCore(async: false, document, options, cancellationToken));

    /// <inheritdoc/>
    public Task<InsertManyResult> InsertManyAsync(IEnumerable<TDocument> documents, InsertManyOptions? options = null, CancellationToken cancellationToken = default) =>
        InsertManyCore(async: true, documents, options, cancellationToken).AsTask();

    /// <inheritdoc/>
    public InsertManyResult InsertMany(IEnumerable<TDocument> documents, InsertManyOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(InsertManyCore(async: false, documents, options, cancellationToken));

    /// <inheritdoc/>
    public Task<UpdateResult> UpdateOneAsync(Filter<TDocument> filter, Update<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default) =>
        UpdateCore(async: true, filter, update, multi: false, options, cancellationToken).AsTask();

    /// <inheritdoc/>
    public UpdateResult UpdateOne(Filter<TDocument> filter, Update<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(UpdateCore(async: false, filter, update, multi: false, options, cancellationToken));

    /// <inheritdoc/>
    public Task<UpdateResult> UpdateManyAsync(Filter<TDocument> filter, Update<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default) =>
        UpdateCore(async: true, filter, update, multi: true, options, cancellationToken).AsTask();

    /// <inheritdoc/>
    public UpdateResult UpdateMany(Filter<TDocument> filter, Update<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(UpdateCore(async: false, filter, update, multi: true, options, cancellationToken));

    /// <inheritdoc/>
    public Task<UpdateResult> ReplaceOneAsync(Filter<TDocument> filter, TDocument replacement, ReplaceOptions? options = null, CancellationToken cancellationToken = default) =>
        ReplaceOneCore(async: true, filter, replacement, options, cancellationToken).AsTask();

    /// <inheritdoc/>
    public UpdateResult ReplaceOne(Filter<TDocument> filter, TDocument replacement, ReplaceOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(ReplaceOneCore(async: false, filter, replacement, options, cancellationToken));

    /// <inheritdoc/>
    public Task<DeleteResult> DeleteOneAsync(Filter<TDocument> filter, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        DeleteCore(async: true, filter, multi: false, options, cancellationToken).AsTask();

    /// <inheritdoc/>
    public DeleteResult DeleteOne(Filter<TDocument> filter, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(DeleteCore(async: false, filter, multi: false, options, cancellationToken));

    /// <inheritdoc/>
    public Task<DeleteResult> DeleteManyAsync(Filter<TDocument> filter, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        DeleteCore(async: true, filter, multi: true, options, cancellationToken).AsTask();

    /// <inheritdoc/>
    public DeleteResult DeleteMany(Filter<TDocument> filter, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(DeleteCore(async: false, filter, multi: true, options, cancellationToken));

    /// <inheritdoc/>
    public Task<TDocument?> FindOneAndUpdateAsync(Filter<TDocument> filter, Update<TDocument> update, FindOneAndUpdateOptions<TDocument>? options = null, CancellationToken cancellationToken = default) =>
        FindAndModifyCore(async: true, UpdateSpec(filter, update, options), options, cancellationToken).AsTask();

    /// <inheritdoc/>
    public TDocument? FindOneAndUpdate(Filter<TDocument> filter, Update<TDocument> update, FindOneAndUpdateOptions<TDocument>? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(FindAndModifyCore(async: false, UpdateSpec(filter, update, options), options, cancellationToken));

    /// <inheritdoc/>
    public Task<TDocument?> FindOneAndReplaceAsync(Filter<TDocument> filter, TDocument replacement, FindOneAndReplaceOptions<TDocument>? options = null, CancellationToken cancellationToken = default) =>
        FindAndModifyCore(async: true, ReplaceSpec(filter, replacement, options), options, cancellationToken).AsTask();

    /// <inheritdoc/>
    public TDocument? FindOneAndReplace(Filter<TDocument> filter, TDocument replacement, FindOneAndReplaceOptions<TDocument>? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(FindAndModifyCore(async: false, ReplaceSpec(filter, replacement, options), options, cancellationToken));

    /// <inheritdoc/>
    public Task<TDocument?> FindOneAndDeleteAsync(Filter<TDocument> filter, FindOneAndDeleteOptions<TDocument>? options = null, CancellationToken cancellationToken = default) =>
        FindAndModifyCore(async: true, DeleteSpec(filter, options), options, cancellationToken).AsTask();

    /// <inheritdoc/>
    public TDocument? FindOneAndDelete(Filter<TDocument> filter, FindOneAndDeleteOptions<TDocument>? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(FindAndModifyCore(async: false, DeleteSpec(filter, options), options, cancellationToken));

    /// <inheritdoc/>
    public Task<BulkWriteResult> BulkWriteAsync(IEnumerable<WriteModel<TDocument>> requests, BulkWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        BulkWriteCore(async: true, requests, options, cancellationToken).AsTask();

    /// <inheritdoc/>
    public BulkWriteResult BulkWrite(IEnumerable<WriteModel<TDocument>> requests, BulkWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(BulkWriteCore(async: false, requests, options, cancellationToken));

    /// <inheritdoc/>
    public Task RenameAsync(string newName, RenameCollectionOptions? options = null, CancellationToken cancellationToken = default) =>
        Database.RenameCollectionCore(async: true, Name, newName, options, cancellationToken).AsTask();

    /// <inheritdoc/>
    public void Rename(string newName, RenameCollectionOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(Database.RenameCollectionCore(async: false, Name, newName, options, cancellationToken));

    /// <inheritdoc/>
    public Task DropAsync(WriteOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        Database.DropCollectionCore(async: true, Name, options, cancellationToken).AsTask();

    /// <inheritdoc/>
    public void Drop(WriteOperationOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteExecution.Complete(Database.DropCollectionCore(async: false, Name, options, cancellationToken));

    /// <summary>The settings a write runs with: the operation's write concern, else the collection's (which inherits the database's and client's).</summary>
    internal OperationSettings WriteSettings(WriteOperationOptions? options) =>
        new() { WriteConcern = options?.WriteConcern ?? WriteConcern, RawData = OperationSettings.WantsRawData(options) };

    private OperationExecutor Executor => Database.Client.Executor;

    private async ValueTask<InsertOneResult> InsertOneCore(bool async, TDocument document, InsertOneOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        InsertIds.EnsureDomId(document);
        var ids = new InsertIds(1);
        var operation = new InsertOperation<TDocument>(Database.Name, Name, [document], Codec, ids, new BatchCursor(0, 1), new WriteCommandSettings(true, options?.BypassDocumentValidation, null, options?.Comment));
        var result = await Executor.Run(async, operation, WriteSettings(options), cancellationToken).ConfigureAwait(false);
        WriteExecution.ThrowIfFailed(result);
        return new InsertOneResult(ids[0] ?? BsonNull.Value, result.IsAcknowledged);
    }

    private async ValueTask<InsertManyResult> InsertManyCore(bool async, IEnumerable<TDocument> documents, InsertManyOptions? options, CancellationToken cancellationToken)
    {
        var ordered = options?.IsOrdered ?? true;
        var runner = BulkWriteRunner<TDocument>.ForDocuments(Database.Name, Name, Codec, documents, new WriteCommandSettings(ordered, options?.BypassDocumentValidation, null, options?.Comment));
        var result = await runner.ExecuteAsync(async, new ExecutorBatchExecutor(Executor, WriteSettings(options)), cancellationToken).ConfigureAwait(false);
        return new InsertManyResult(runner.InsertedIds, result.IsAcknowledged);
    }

    private async ValueTask<UpdateResult> UpdateCore(bool async, Filter<TDocument> filter, Update<TDocument> update, bool multi, UpdateOptions? options, CancellationToken cancellationToken)
    {
        var statement = UpdateStatement.ForUpdate(filter, update, multi, options?.IsUpsert ?? false, options?.ArrayFilters, options?.Hint, options?.Collation, options?.Sort);
        return await RunUpdate(async, statement, new WriteCommandSettings(true, options?.BypassDocumentValidation, options?.Let, options?.Comment), options, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<UpdateResult> ReplaceOneCore(bool async, Filter<TDocument> filter, TDocument replacement, ReplaceOptions? options, CancellationToken cancellationToken)
    {
        var statement = UpdateStatement.ForReplacement(filter, replacement, Codec, options?.IsUpsert ?? false, options?.Hint, options?.Collation, options?.Sort);
        return await RunUpdate(async, statement, new WriteCommandSettings(true, options?.BypassDocumentValidation, options?.Let, options?.Comment), options, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<UpdateResult> RunUpdate(bool async, UpdateStatement statement, WriteCommandSettings settings, WriteOperationOptions? options, CancellationToken cancellationToken)
    {
        var operation = new UpdateOperation(Database.Name, Name, [statement], new BatchCursor(0, 1), settings);
        var result = await Executor.Run(async, operation, WriteSettings(options), cancellationToken).ConfigureAwait(false);
        WriteExecution.ThrowIfFailed(result);
        if (!result.IsAcknowledged)
        {
            return UpdateResult.Unacknowledged;
        }

        var upserted = result.Upserted.Count > 0 ? result.Upserted[0].Id : null;
        return UpdateResult.Acknowledged(result.N - result.Upserted.Count, result.NModified, upserted);
    }

    private async ValueTask<DeleteResult> DeleteCore(bool async, Filter<TDocument> filter, bool multi, DeleteOptions? options, CancellationToken cancellationToken)
    {
        var statement = DeleteStatement.Create(filter, multi, options?.Hint, options?.Collation);
        var operation = new DeleteOperation(Database.Name, Name, [statement], new BatchCursor(0, 1), new WriteCommandSettings(true, null, options?.Let, options?.Comment));
        var result = await Executor.Run(async, operation, WriteSettings(options), cancellationToken).ConfigureAwait(false);
        WriteExecution.ThrowIfFailed(result);
        return result.IsAcknowledged ? DeleteResult.Acknowledged(result.N) : DeleteResult.Unacknowledged;
    }

    private ValueTask<TDocument?> FindAndModifyCore(bool async, FindAndModifySpec spec, WriteOperationOptions? options, CancellationToken cancellationToken) =>
        Executor.Run(async, new FindAndModifyOperation<TDocument>(Database.Name, Name, spec, Codec), WriteSettings(options), cancellationToken);

    private ValueTask<BulkWriteResult> BulkWriteCore(bool async, IEnumerable<WriteModel<TDocument>> requests, BulkWriteOptions? options, CancellationToken cancellationToken)
    {
        var settings = new WriteCommandSettings(options?.IsOrdered ?? true, options?.BypassDocumentValidation, options?.Let, options?.Comment);
        var runner = BulkWriteRunner<TDocument>.ForRequests(Database.Name, Name, Codec, requests, settings);
        return runner.ExecuteAsync(async, new ExecutorBatchExecutor(Executor, WriteSettings(options)), cancellationToken);
    }

    private static FindAndModifySpec UpdateSpec(Filter<TDocument> filter, Update<TDocument> update, FindOneAndUpdateOptions<TDocument>? options) => new()
    {
        Kind = FindAndModifyKind.Update,
        Query = filter.RenderForWrite(),
        Update = UpdateDocuments.Render(update),
        Sort = options?.Sort.Render(),
        Fields = options?.Projection.Render(),
        ReturnNew = options?.ReturnDocument == ReturnDocument.After,
        Upsert = options?.IsUpsert ?? false,
        ArrayFilters = options?.ArrayFilters,
        Hint = options?.Hint,
        Collation = options?.Collation,
        Let = options?.Let,
        BypassDocumentValidation = options?.BypassDocumentValidation,
        MaxTime = options?.MaxTime,
        Comment = options?.Comment,
    };

    private FindAndModifySpec ReplaceSpec(Filter<TDocument> filter, TDocument replacement, FindOneAndReplaceOptions<TDocument>? options) => new()
    {
        Kind = FindAndModifyKind.Replace,
        Query = filter.RenderForWrite(),
        Replacement = Replacement.Encode(replacement, Codec),
        Sort = options?.Sort.Render(),
        Fields = options?.Projection.Render(),
        ReturnNew = options?.ReturnDocument == ReturnDocument.After,
        Upsert = options?.IsUpsert ?? false,
        Hint = options?.Hint,
        Collation = options?.Collation,
        Let = options?.Let,
        BypassDocumentValidation = options?.BypassDocumentValidation,
        MaxTime = options?.MaxTime,
        Comment = options?.Comment,
    };

    private static FindAndModifySpec DeleteSpec(Filter<TDocument> filter, FindOneAndDeleteOptions<TDocument>? options) => new()
    {
        Kind = FindAndModifyKind.Remove,
        Query = filter.RenderForWrite(),
        Sort = options?.Sort.Render(),
        Fields = options?.Projection.Render(),
        Hint = options?.Hint,
        Collation = options?.Collation,
        Let = options?.Let,
        MaxTime = options?.MaxTime,
        Comment = options?.Comment,
    };
}

using MongoDB.Bson;
using System.Runtime.CompilerServices;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Operations;
using OpenQuizz.Typed.Operations.Read;

namespace OpenQuizz.Typed.Cursors;

/// <summary>Runs an operation that returns a first batch and wraps it in an <see cref="AsyncCursor{T}"/>.</summary>
internal static class CursorFactory
{
    public static async Task<IAsyncCursor<T>> OpenAsync<T>(OperationExecutor executor, IOperation<CursorBatch<T>> operation, OperationSettings settings, IBsonCodec<T> codec,
        int? batchSize, TimeSpan? maxAwaitTime, BsonValue? comment, CancellationToken cancellationToken)
    {
        var first = await executor.ExecuteAsync(operation, settings, cancellationToken).ConfigureAwait(false);
        return new AsyncCursor<T>(executor, first, codec, batchSize, maxAwaitTime, comment);
    }

    public static IAsyncCursor<T> Open<T>(OperationExecutor executor, IOperation<CursorBatch<T>> operation, OperationSettings settings, IBsonCodec<T> codec,
        int? batchSize, TimeSpan? maxAwaitTime, BsonValue? comment, CancellationToken cancellationToken) =>
        OpenCursor(executor, operation, settings, codec, batchSize, maxAwaitTime, comment, cancellationToken);

    /// <summary>
    /// <see cref="OpenAsync"/> typed as the cursor itself, for callers inside this layer (find_one) that take its
    /// first batch directly. A pooled ValueTask rather than a Task: it is awaited once, by the caller, and suspends
    /// at the socket on every call.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<AsyncCursor<T>> OpenCursorAsync<T>(OperationExecutor executor, IOperation<CursorBatch<T>> operation, OperationSettings settings, IBsonCodec<T> codec,
        int? batchSize, TimeSpan? maxAwaitTime, BsonValue? comment, CancellationToken cancellationToken)
    {
        var first = await executor.ExecuteAsync(operation, settings, cancellationToken).ConfigureAwait(false);
        return new AsyncCursor<T>(executor, first, codec, batchSize, maxAwaitTime, comment);
    }

    /// <inheritdoc cref="OpenCursorAsync"/>
    public static AsyncCursor<T> OpenCursor<T>(OperationExecutor executor, IOperation<CursorBatch<T>> operation, OperationSettings settings, IBsonCodec<T> codec,
        int? batchSize, TimeSpan? maxAwaitTime, BsonValue? comment, CancellationToken cancellationToken) =>
        new(executor, executor.Execute(operation, settings, cancellationToken), codec, batchSize, maxAwaitTime, comment);
}

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
        new AsyncCursor<T>(executor, executor.Execute(operation, settings, cancellationToken), codec, batchSize, maxAwaitTime, comment);
}

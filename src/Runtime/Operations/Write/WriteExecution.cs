namespace OpenQuizz.Typed.Operations.Write;

/// <summary>How the public types run write operations: through the client's executor, with the resolved write concern.</summary>
internal static class WriteExecution
{
    /// <summary>Runs <paramref name="operation"/> asynchronously or on the calling thread (the same body either way).</summary>
    public static ValueTask<TResult> Run<TResult>(this OperationExecutor executor, bool async, IOperation<TResult> operation, OperationSettings settings, CancellationToken cancellationToken) =>
        async ? executor.ExecuteAsync(operation, settings, cancellationToken) : new ValueTask<TResult>(executor.Execute(operation, settings, cancellationToken));

    /// <summary>The result of a body run with <c>async: false</c>, which completes before it returns.</summary>
    public static T Complete<T>(ValueTask<T> task)
    {
        System.Diagnostics.Debug.Assert(task.IsCompleted, "A synchronous path returned an incomplete task.");
        return task.GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="Complete{T}(ValueTask{T})"/>
    public static void Complete(ValueTask task)
    {
        System.Diagnostics.Debug.Assert(task.IsCompleted, "A synchronous path returned an incomplete task.");
        task.GetAwaiter().GetResult();
    }

    /// <summary>Raises the error of a single-request write: its write error and/or its write concern error.</summary>
    /// <exception cref="MongoWriteException">The reply has either.</exception>
    public static void ThrowIfFailed(WriteCommandResult result)
    {
        if (result.WriteErrors.Count > 0 || result.WriteConcernError is not null)
        {
            throw new MongoWriteException(result.Address, result.WriteErrors.Count > 0 ? result.WriteErrors[0] : null, result.WriteConcernError, result.ErrorLabels);
        }
    }
}

/// <summary>Sends the batches of a bulk write through the executor, one operation (and one retry budget) per batch.</summary>
internal sealed class ExecutorBatchExecutor(OperationExecutor executor, OperationSettings settings) : IWriteBatchExecutor
{
    public ValueTask<WriteCommandResult> ExecuteAsync(bool async, IOperation<WriteCommandResult> operation, CancellationToken cancellationToken) =>
        executor.Run(async, operation, settings, cancellationToken);
}

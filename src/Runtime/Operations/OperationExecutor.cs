using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using OpenQuizz.Typed.Selection;
using OpenQuizz.Typed.Sessions;
using OpenQuizz.Typed.Topology;

namespace OpenQuizz.Typed.Operations;

// How to run an operation (one instance per client: MongoClient.Executor):
//
//     var result = await executor.ExecuteAsync(new InsertOperation(...), new OperationSettings
//     {
//         WriteConcern = resolvedWriteConcern,      // operation > collection > database > client, resolved by the caller
//     }, cancellationToken);
//     var same = executor.Execute(operation, settings, cancellationToken);   // the synchronous twin, same rules
//
// The operation writes only its own fields; the executor selects the server (ReadPreference for Traits.Read, else a
// writable one), rents a connection, appends lsid / txnNumber / $readPreference / readConcern / writeConcern as the
// traits allow, sends (w:0 → moreToCome and HandleUnacknowledged), raises MongoCommandException for ok:0 (the
// connection does), reports errors to SDAM, and retries once under the retryable reads/writes rules. HandleReply
// raises write errors and write concern errors; the executor reports a write concern error to SDAM itself.

/// <summary>
/// Runs every <see cref="IOperation{TResult}"/> the same way: server selection, connection check-out, the command
/// envelope, execution, SDAM error handling, implicit sessions and the retry rules. Thread-safe; one per client.
/// </summary>
internal sealed partial class OperationExecutor
{
    private readonly Cluster _cluster;
    private readonly ServerSessionPool _sessions;

    // Selectors are immutable; the two that nearly every first attempt uses are built once, not per operation.
    private readonly IServerSelector _writeSelector;
    private readonly IServerSelector _primaryReadSelector;

    public OperationExecutor(Cluster cluster, ExecutorSettings settings, ServerSessionPool sessions)
    {
        _cluster = cluster ?? throw new ArgumentNullException(nameof(cluster));
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _sessions = sessions ?? throw new ArgumentNullException(nameof(sessions));
        _writeSelector = ServerSelection.ForWrite(settings.LocalThreshold);
        _primaryReadSelector = ServerSelection.ForRead(ReadPreference.Primary, settings.LocalThreshold);
    }

    /// <summary>The client-wide settings (retryReads, retryWrites, latency window).</summary>
    public ExecutorSettings Settings { get; }

    /// <summary>The topology the executor selects from.</summary>
    public Cluster Cluster => _cluster;

    /// <summary>The client's server session pool.</summary>
    public ServerSessionPool Sessions => _sessions;

    /// <summary>Runs <paramref name="operation"/> and returns what its reply became.</summary>
    public ValueTask<TResult> ExecuteAsync<TResult>(IOperation<TResult> operation, OperationSettings? settings = null, CancellationToken cancellationToken = default) =>
        ExecuteCore(async: true, operation, settings ?? OperationSettings.Default, cancellationToken);

    /// <inheritdoc cref="ExecuteAsync"/>
    public TResult Execute<TResult>(IOperation<TResult> operation, OperationSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var pending = ExecuteCore(async: false, operation, settings ?? OperationSettings.Default, cancellationToken);
        System.Diagnostics.Debug.Assert(pending.IsCompleted, "The synchronous execution path returned an incomplete task.");
        return pending.GetAwaiter().GetResult();
    }

    /// <summary>Hands a session back to the pool (a cursor's implicit session once the cursor is exhausted or killed).</summary>
    public void ReleaseSession(ServerSession session) =>
        _sessions.Release(session, LogicalSessionTimeout(_cluster.Description));

    // Every async operation suspends here at the socket, so the state machine is boxed once per call: the pooled
    // builder reuses boxes instead of allocating one per operation (habit 4). The ValueTask is awaited exactly once.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TResult> ExecuteCore<TResult>(bool async, IOperation<TResult> operation, OperationSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var run = new Execution(operation.Traits, settings);
        try
        {
            while (true)
            {
                SelectedServer selected;
                try
                {
                    var selector = CreateSelector(run);
                    selected = async
                        ? await _cluster.SelectServerAsync(selector, cancellationToken, operation.CommandName).ConfigureAwait(false)
                        : _cluster.SelectServer(selector, cancellationToken, operation.CommandName);
                }
                catch (Exception e) when (run.FirstError is not null && e is not OperationCanceledException)
                {
                    // Retryable reads and writes: when no server can be selected for the retry, the original error stands
                    // (a cancellation by the caller is reported as such).
                    return FirstOutcome<TResult>(run);
                }

                using (selected)
                {
                    try
                    {
                        var result = await AttemptAsync(async, operation, selected, run, cancellationToken).ConfigureAwait(false);
                        run.SessionHandedOver = (run.Traits & OperationTraits.CreatesCursor) != 0;
                        return result;
                    }
                    catch (Exception e) when (run.Attempt == 1 && ShouldRetry(run, e, selected))
                    {
                        run.FirstError = ExceptionDispatchInfo.Capture(e);
                        run.Attempt = 2;
                        if (selected.Topology.Type == TopologyType.Sharded)
                        {
                            run.Deprioritized = [selected.Server.Address];
                        }
                    }
                    catch (Exception e) when (run.Attempt == 2 && run.FirstError is not null && e is not OperationCanceledException
                        && !ReferenceEquals(RetryRules.ErrorAfterFailedRetry(run.FirstError.SourceException, e), e))
                    {
                        return FirstOutcome<TResult>(run);
                    }
                    catch (RetryNotSupportedException)
                    {
                        return FirstOutcome<TResult>(run);
                    }
                }
            }
        }
        finally
        {
            if (run.ImplicitSession is { } session && !run.SessionHandedOver)
            {
                _sessions.Release(session, LogicalSessionTimeout(_cluster.Description));
            }
        }
    }

    // What the first attempt came to, when the retry does not replace it: its error, or the result it returned with a
    // retryable write concern error.
    private static TResult FirstOutcome<TResult>(Execution run)
    {
        if (run.FirstError!.SourceException is RetryableWriteConcernResult { Result: var result })
        {
            return (TResult)result!;
        }

        run.FirstError.Throw();
        throw new System.Diagnostics.UnreachableException();
    }

    private IServerSelector CreateSelector(Execution run)
    {
        if (run.Settings.Server is { } pinned)
        {
            return new PinnedServerSelector(pinned);
        }

        var read = (run.Traits & OperationTraits.Read) != 0;
        if (run.Deprioritized is null or { Count: 0 })
        {
            if (!read)
            {
                return _writeSelector;
            }

            if (run.Settings.ReadPreference is null || ReferenceEquals(run.Settings.ReadPreference, ReadPreference.Primary))
            {
                return _primaryReadSelector;
            }
        }

        return read
            ? ServerSelection.ForRead(run.Settings.ReadPreference ?? ReadPreference.Primary, Settings.LocalThreshold, run.Deprioritized)
            : ServerSelection.ForWrite(Settings.LocalThreshold, run.Deprioritized);
    }

    private static TimeSpan? LogicalSessionTimeout(TopologyDescription topology) =>
        topology.LogicalSessionTimeoutMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null;

    /// <summary>The state of one execution across its attempts.</summary>
    private sealed class Execution(OperationTraits traits, OperationSettings settings)
    {
        public OperationTraits Traits { get; } = traits;

        public OperationSettings Settings { get; } = settings;

        public int Attempt { get; set; } = 1;

        public ExceptionDispatchInfo? FirstError { get; set; }

        public IReadOnlyCollection<MongoServerAddress>? Deprioritized { get; set; }

        /// <summary>The implicit session the executor acquired (released at the end unless a cursor took it).</summary>
        public ServerSession? ImplicitSession { get; set; }

        public bool SessionHandedOver { get; set; }

        /// <summary>Decided on the first attempt: whether this is a retryable read or write at all.</summary>
        public bool? Retryable { get; set; }

        /// <summary>True when the first attempt decided this is a retryable write (it then has a txnNumber).</summary>
        public bool RetryableWrite { get; set; }

        public long? TxnNumber { get; set; }
    }

    /// <summary>The server chosen for a retry cannot retry the write: the original error is raised instead.</summary>
    private sealed class RetryNotSupportedException() : Exception("The selected server does not support retryable writes.");
}

using Microsoft.Extensions.Logging;

namespace OpenQuizz.Typed.Topology;

internal sealed partial class Cluster
{
    /// <summary>
    /// Selects a server: applies <paramref name="selector"/> to the current snapshot and, among the servers it returns,
    /// picks the one with fewer operations in flight of two chosen at random. While nothing is suitable it asks the
    /// monitors to check now and waits for the topology to change, up to <c>serverSelectionTimeoutMS</c>.
    /// </summary>
    /// <param name="selector">What is suitable.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <param name="operation">The operation's command name, for the log messages.</param>
    /// <exception cref="ServerSelectionTimeoutException">Nothing suitable appeared in time; the message shows the topology.</exception>
    /// <exception cref="MongoException">The deployment's wire versions are incompatible with this client.</exception>
    public ValueTask<SelectedServer> SelectServerAsync(IServerSelector selector, CancellationToken cancellationToken = default, string? operation = null) =>
        SelectServerCore(async: true, selector, operation, cancellationToken);

    /// <inheritdoc cref="SelectServerAsync"/>
    /// <remarks>Blocks the calling thread while it waits; the topology changes on the monitors' threads, never on this one.</remarks>
    public SelectedServer SelectServer(IServerSelector selector, CancellationToken cancellationToken = default, string? operation = null)
    {
        var pending = SelectServerCore(async: false, selector, operation, cancellationToken);
        System.Diagnostics.Debug.Assert(pending.IsCompleted, "The synchronous selection path returned an incomplete task.");
        return pending.GetAwaiter().GetResult();
    }

    private async ValueTask<SelectedServer> SelectServerCore(bool async, IServerSelector selector, string? operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selector);
        Open();
        var started = _time.GetTimestamp();
        var timeout = Settings.ServerSelectionTimeout;
        var requested = false;
        var logging = _selectionLogger.IsEnabled(LogLevel.Debug);
        var criteria = logging ? selector.ToString() ?? "the selector" : string.Empty;
        operation ??= "(none)";
        if (logging)
        {
            TopologyLog.SelectionStarted(_selectionLogger, criteria, operation, Description);
        }

        try
        {
            while (true)
            {
                TopologyDescription topology;
                Task changed;
                lock (_lock)
                {
                    ObjectDisposedException.ThrowIf(_disposed, this);
                    topology = _description;
                    changed = _changed.Task;
                    if (TrySelectLocked(selector, topology) is { } selected)
                    {
                        if (logging)
                        {
                            TopologyLog.SelectionSucceeded(_selectionLogger, criteria, operation, selected.Server.Address.Host, selected.Server.Address.Port);
                        }

                        return selected;
                    }
                }

                var remaining = timeout - _time.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero)
                {
                    throw new ServerSelectionTimeoutException(selector.ToString() ?? "the selector", timeout, topology.ToString(),
                        topology.Servers.Select(s => s.Error).LastOrDefault(e => e is not null));
                }

                if (!requested)
                {
                    if (logging)
                    {
                        TopologyLog.WaitingForServer(_selectionLogger, criteria, operation, remaining.TotalMilliseconds, topology);
                    }

                    RequestImmediateCheck();
                    requested = true;
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(remaining, _time, wait.Token);
                if (async)
                {
                    await Task.WhenAny(changed, delay).ConfigureAwait(false);
                    await wait.CancelAsync().ConfigureAwait(false);
                }
                else
                {
                    // Both tasks complete on other threads (a monitor's report, the timer), so blocking here cannot deadlock.
                    Task.WaitAny(changed, delay);
                    wait.Cancel();
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch (Exception e) when (logging)
        {
            TopologyLog.SelectionFailed(_selectionLogger, criteria, operation, e.Message);
            throw;
        }
    }

    private SelectedServer? TrySelectLocked(IServerSelector selector, TopologyDescription topology)
    {
        if (topology.CompatibilityError is { } incompatible)
        {
            throw new MongoException(incompatible);
        }

        var candidates = selector.Select(topology, topology.Servers);
        if (candidates.Count == 0)
        {
            return null;
        }

        var live = new List<Server>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (_servers.TryGetValue(candidate.Address, out var server))
            {
                live.Add(server);
            }
        }

        var chosen = OperationCountChoice.Choose(live, s => s.OperationCount, _random);
        return chosen is null ? null : new SelectedServer(chosen, topology.GetServer(chosen.Address)!, topology);
    }
}

namespace OpenQuizz.Typed.Topology;

internal sealed partial class Cluster
{
    /// <summary>
    /// Selects a server: applies <paramref name="selector"/> to the current snapshot and, among the servers it returns,
    /// picks the one with fewer operations in flight of two chosen at random. While nothing is suitable it asks the
    /// monitors to check now and waits for the topology to change, up to <c>serverSelectionTimeoutMS</c>.
    /// </summary>
    /// <exception cref="ServerSelectionTimeoutException">Nothing suitable appeared in time; the message shows the topology.</exception>
    /// <exception cref="MongoException">The deployment's wire versions are incompatible with this client.</exception>
    public async ValueTask<SelectedServer> SelectServerAsync(IServerSelector selector, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selector);
        Open();
        var started = _time.GetTimestamp();
        var timeout = Settings.ServerSelectionTimeout;
        var requested = false;
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
                RequestImmediateCheck();
                requested = true;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(remaining, _time, wait.Token);
            await Task.WhenAny(changed, delay).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
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

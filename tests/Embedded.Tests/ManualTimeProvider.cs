namespace OpenQuizz.Typed.Embedded.Tests;

/// <summary>A clock that moves only when told; its timers fire synchronously inside <see cref="Advance"/>.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];
    private readonly List<(TimeSpan DueTime, TaskCompletionSource Created)> _waiters = [];
    private DateTimeOffset _now = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_timers)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        List<TaskCompletionSource> created = [];
        lock (_timers)
        {
            _timers.Add(timer);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].DueTime == dueTime)
                {
                    created.Add(_waiters[i].Created);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var signal in created)
        {
            signal.TrySetResult();
        }

        return timer;
    }

    /// <summary>
    /// Completes once a timer due <paramref name="dueTime"/> after its creation is created (from then on): the event a
    /// test waits for before moving the clock, instead of sleeping until the server has got that far.
    /// </summary>
    public Task WhenTimerCreatedAsync(TimeSpan dueTime, CancellationToken cancellationToken)
    {
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_timers)
        {
            _waiters.Add((dueTime, created));
        }

        return created.Task.WaitAsync(cancellationToken);
    }

    public void Advance(TimeSpan by)
    {
        var target = GetUtcNow() + by;
        while (true)
        {
            ManualTimer? next = null;
            lock (_timers)
            {
                foreach (var timer in _timers)
                {
                    if (timer.Due is { } due && due <= target && (next is null || due < next.Due))
                    {
                        next = timer;
                    }
                }

                _now = next?.Due ?? target;
            }

            if (next is null)
            {
                return;
            }

            next.Fire();
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_timers)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period;

        public DateTimeOffset? Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
            return true;
        }

        public void Fire()
        {
            Due = _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan ? Due + _period : null;
            callback(state);
        }

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

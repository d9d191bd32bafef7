namespace OpenQuizz.Typed.Tests.Topology;

/// <summary>A clock that moves only when a test calls <see cref="Advance"/>; timers fire synchronously as it passes them.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private DateTimeOffset _now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp()
    {
        lock (_lock)
        {
            return _ticks;
        }
    }

    public int PendingTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(t => t.Due is not null);
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        TimersChanged();
        return timer;
    }

    /// <summary>
    /// Completes once <paramref name="condition"/> holds, checked now and whenever a timer is created, rescheduled or
    /// disposed: background code has reached its next wait on this clock (the event a test waits for before moving it).
    /// The timeout is only a safety net.
    /// </summary>
    public Task WhenAsync(Func<bool> condition, string because)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((condition, done));
        }

        TimersChanged();
        return done.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken)
            .ContinueWith(t => t.IsFaulted && t.Exception!.InnerException is TimeoutException ? throw new TimeoutException("Timed out waiting until " + because) : t, TaskScheduler.Default).Unwrap();
    }

    // Conditions read test state and PendingTimers (which takes the lock), so they are evaluated outside it.
    private void TimersChanged()
    {
        (Func<bool> Condition, TaskCompletionSource Done)[] waiters;
        lock (_lock)
        {
            waiters = [.. _waiters];
        }

        foreach (var waiter in waiters)
        {
            if (waiter.Condition())
            {
                lock (_lock)
                {
                    _waiters.Remove(waiter);
                }

                waiter.Done.TrySetResult();
            }
        }
    }

    public void Advance(TimeSpan by)
    {
        long target;
        lock (_lock)
        {
            target = _ticks + by.Ticks;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_lock)
            {
                next = _timers.Where(t => t.Due is { } due && due <= target).MinBy(t => t.Due);
                if (next is null)
                {
                    _now += TimeSpan.FromTicks(target - _ticks);
                    _ticks = target;
                    return;
                }

                _now += TimeSpan.FromTicks(next.Due!.Value - _ticks);
                _ticks = next.Due!.Value;
                next.Due = next.Period > TimeSpan.Zero ? _ticks + next.Period.Ticks : null;
            }

            next.Fire();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public long? Due { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                Period = period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._ticks + Math.Max(0, dueTime.Ticks);
            }

            owner.TimersChanged();
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._lock)
            {
                Due = null;
                owner._timers.Remove(this);
            }

            owner.TimersChanged();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

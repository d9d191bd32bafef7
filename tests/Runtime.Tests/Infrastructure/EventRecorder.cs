using OpenQuizz.Typed.Pooling.Events;
using OpenQuizz.Typed.Topology.Events;

namespace OpenQuizz.Typed.Tests.Infrastructure;

/// <summary>
/// Records events from any thread and lets a test await the first one that matches, or a condition over everything
/// recorded so far (re-evaluated on each <see cref="Record"/>, never on a timer).
/// </summary>
public sealed class EventRecorder<TEvent>
    where TEvent : class
{
    private readonly Lock _lock = new();
    private readonly List<TEvent> _events = [];
    private readonly List<(Func<TEvent, bool> Match, TaskCompletionSource<TEvent> Done)> _waiters = [];
    private readonly List<(Func<IReadOnlyList<TEvent>, bool> Condition, TaskCompletionSource Done)> _conditions = [];

    public IReadOnlyList<TEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public void Record(TEvent recorded)
    {
        List<TaskCompletionSource<TEvent>> done = [];
        List<TaskCompletionSource> met = [];
        lock (_lock)
        {
            _events.Add(recorded);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(recorded))
                {
                    done.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }

            if (_conditions.Count > 0)
            {
                // Evaluated under the lock so each condition sees exactly the events up to this one.
                var snapshot = _events.ToArray();
                for (var i = _conditions.Count - 1; i >= 0; i--)
                {
                    var (condition, waiter) = _conditions[i];
                    try
                    {
                        if (!condition(snapshot))
                        {
                            continue;
                        }

                        met.Add(waiter);
                    }
                    catch (Exception ex)
                    {
                        // A faulty condition fails its own test, not the client thread that raised the event.
                        waiter.TrySetException(ex);
                    }

                    _conditions.RemoveAt(i);
                }
            }
        }

        foreach (var waiter in done)
        {
            waiter.TrySetResult(recorded);
        }

        foreach (var waiter in met)
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>
    /// Completes when <paramref name="condition"/> holds over the events recorded so far: checked now, then again on
    /// each new event. The timeout (default <see cref="Eventually.DefaultTimeout"/>) is only a safety net; it fails
    /// the test with <paramref name="because"/>.
    /// </summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<TEvent>, bool> condition, string because, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition(_events.ToArray()))
            {
                return;
            }

            _conditions.Add((condition, done));
        }

        await Eventually.Within(done.Task, because, timeout);
    }

    /// <summary>The first event (already recorded or still to come) of type <typeparamref name="T"/> matching <paramref name="predicate"/>.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null)
        where T : class, TEvent
    {
        bool Match(TEvent e) => e is T typed && (predicate?.Invoke(typed) ?? true);
        var done = new TaskCompletionSource<TEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_events.Find(Match) is { } existing)
            {
                return (T)existing;
            }

            _waiters.Add((Match, done));
        }

        return (T)await done.Task.WaitAsync(timeout ?? Eventually.DefaultTimeout, TestContext.Current.CancellationToken);
    }
}

public sealed class SdamRecorder : ISdamEventSubscriber
{
    public EventRecorder<SdamEvent> Recorder { get; } = new();

    public void Handle(SdamEvent sdamEvent) => Recorder.Record(sdamEvent);
}

public sealed class PoolRecorder : IConnectionPoolEventSubscriber
{
    public EventRecorder<ConnectionPoolEvent> Recorder { get; } = new();

    public void Handle(ConnectionPoolEvent poolEvent) => Recorder.Record(poolEvent);
}

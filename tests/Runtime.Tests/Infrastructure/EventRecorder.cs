using OpenQuizz.Typed.Pooling.Events;
using OpenQuizz.Typed.Topology.Events;

namespace OpenQuizz.Typed.Tests.Infrastructure;

/// <summary>Records events from any thread and lets a test await the first one that matches.</summary>
public sealed class EventRecorder<TEvent>
    where TEvent : class
{
    private readonly Lock _lock = new();
    private readonly List<TEvent> _events = [];
    private readonly List<(Func<TEvent, bool> Match, TaskCompletionSource<TEvent> Done)> _waiters = [];

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
        }

        foreach (var waiter in done)
        {
            waiter.TrySetResult(recorded);
        }
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

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OpenQuizz.Typed.Tests.Infrastructure;

/// <summary>
/// Captures every log line (with its exception text) so tests can search the output, and lets a test await a line
/// (signalled by the write itself).
/// </summary>
public sealed class ListLoggerFactory : ILoggerFactory, ILoggerProvider
{
    private readonly Lock _lock = new();
    private readonly List<(string Fragment, TaskCompletionSource Done)> _waiters = [];

    public ConcurrentQueue<string> Lines { get; } = new();

    public string AllText => string.Join('\n', Lines);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Completes when a line containing <paramref name="fragment"/> has been logged (already, or on a later write).</summary>
    public Task WhenLoggedAsync(string fragment)
    {
        lock (_lock)
        {
            if (Lines.Any(line => line.Contains(fragment, StringComparison.Ordinal)))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((fragment, done));
            return done.Task;
        }
    }

    private void Write(string line)
    {
        lock (_lock)
        {
            Lines.Enqueue(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (line.Contains(_waiters[i].Fragment, StringComparison.Ordinal))
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ListLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Write($"{logLevel} {category} [{eventId.Id}] {formatter(state, exception)} {exception}");
    }
}

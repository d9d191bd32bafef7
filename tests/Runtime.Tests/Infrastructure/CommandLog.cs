using System.Collections.Concurrent;
using OpenQuizz.Typed.Diagnostics;

namespace OpenQuizz.Typed.Tests.Infrastructure;

/// <summary>Records command events from any thread, for assertions on what the client sent.</summary>
public sealed class CommandLog : ICommandEventSubscriber
{
    private readonly ConcurrentQueue<CommandStartedEvent> _started = new();
    private readonly ConcurrentQueue<CommandFailedEvent> _failed = new();

    public IReadOnlyList<CommandStartedEvent> Started => [.. _started];

    public IReadOnlyList<CommandFailedEvent> Failed => [.. _failed];

    public IReadOnlyList<CommandStartedEvent> StartedOf(string name) => [.. _started.Where(e => e.CommandName == name)];

    public void OnCommandStarted(CommandStartedEvent e) => _started.Enqueue(e);

    public void OnCommandSucceeded(CommandSucceededEvent e)
    {
    }

    public void OnCommandFailed(CommandFailedEvent e) => _failed.Enqueue(e);
}

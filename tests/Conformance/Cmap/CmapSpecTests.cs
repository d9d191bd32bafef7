using MongoDB.Bson;
using System.Text.Json;
using OpenQuizz.Typed.Conformance.Sdam;
using OpenQuizz.Typed.Pooling;
using OpenQuizz.Typed.Pooling.Events;

namespace OpenQuizz.Typed.Conformance.Cmap;

/// <summary>
/// The cmap-format vectors, unit and integration alike: a <see cref="ConnectionPool"/> over fake connections whose
/// establishment the integration vectors' fail points slow down or fail, driven by the vector's operations on named
/// threads, with its events matched against the expected ones. The vectors' <c>wait</c> operations are real time.
/// </summary>
[Trait("Suite", "connection-monitoring-and-pooling")]
public sealed class CmapSpecTests
{
    private static readonly TimeSpan DefaultEventTimeout = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Files => VectorJson.Files("connection-monitoring-and-pooling", "cmap-format");

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Pool_behaves_and_publishes_events_as_specified(string file)
    {
        var vector = VectorJson.Load(file);
        var events = new RecordingPoolSubscriber();
        var factory = new FakeConnectionFactory();
        var address = new MongoServerAddress("localhost", 27017);
        if (vector.Optional("failPoint") is { } failPoint)
        {
            ApplyFailPoint(failPoint, factory);
        }

        var (options, background) = PoolOptions(vector.Optional("poolOptions"));
        using var pool = new ConnectionPool(address, options, factory, TimeProvider.System, events, background);
        var runner = new Runner(pool, events);
        Exception? mainError = null;
        try
        {
            foreach (var operation in vector["operations"].Items())
            {
                await runner.RunAsync(operation);
            }
        }
        catch (Exception e) when (e is not Xunit.Sdk.IAssertionException)
        {
            mainError = e;
        }

        if (vector.Optional("error") is { } expectedError)
        {
            Assert.True(mainError is not null, $"{file}: expected a {expectedError["type"].String()} error");
            Assert.Equal(expectedError["type"].String(), ErrorName(mainError!));
        }
        else if (mainError is not null)
        {
            throw new Xunit.Sdk.XunitException($"{file}: unexpected error: {mainError}");
        }

        var ignore = vector.Optional("ignore") is { } i ? i.Items().Select(n => n.String()).ToHashSet() : [];
        var actual = events.Snapshot().Where(e => !ignore.Contains(EventName(e))).ToList();
        var expected = vector["events"].Items().ToList();
        for (var index = 0; index < expected.Count; index++)
        {
            Assert.True(index < actual.Count, $"{file}: {expected[index].Path}: missing; events were:\n{string.Join("\n", actual)}");
            AssertMatches(expected[index], actual[index], actual);
        }
    }

    private static void ApplyFailPoint(VectorNode failPoint, FakeConnectionFactory factory)
    {
        var data = failPoint["data"];
        if (data.Optional("blockConnection") is { } block && block.Bool())
        {
            factory.EstablishDelay = TimeSpan.FromMilliseconds(data["blockTimeMS"].Long());
        }

        if (data.Optional("errorCode") is { } code)
        {
            factory.Failure = a => new MongoCommandException(a, "hello", new MongoDB.Bson.BsonDocument { { "ok", 0 }, { "code", (int)code.Long() } });
        }
        else if (data.Optional("closeConnection") is { } close && close.Bool())
        {
            factory.Failure = a => new MongoConnectionException(a, "Simulated closed connection.");
        }

        if (failPoint["mode"].Element.ValueKind == JsonValueKind.Object)
        {
            factory.FailuresLeft = (int)failPoint["mode"]["times"].Long();
        }
    }

    private static (ConnectionPoolOptions Options, TimeSpan? Background) PoolOptions(VectorNode? node)
    {
        var options = new ConnectionPoolOptions();
        TimeSpan? background = null;
        if (node is not { } poolOptions)
        {
            return (options, background);
        }

        foreach (var (name, value) in poolOptions.Properties())
        {
            options = name switch
            {
                "maxPoolSize" => options with { MaxPoolSize = (int)value.Long() },
                "minPoolSize" => options with { MinPoolSize = (int)value.Long() },
                "maxConnecting" => options with { MaxConnecting = (int)value.Long() },
                "waitQueueTimeoutMS" => options with { WaitQueueTimeout = TimeSpan.FromMilliseconds(value.Long()) },
                "maxIdleTimeMS" => options with { MaxIdleTime = TimeSpan.FromMilliseconds(value.Long()) },
                "backgroundThreadIntervalMS" or "appName" => options,
                _ => throw value.Fail("is a pool option the runner does not know"),
            };
            if (name == "backgroundThreadIntervalMS")
            {
                background = TimeSpan.FromMilliseconds(value.Long());
            }
        }

        return (options, background);
    }

    private static void AssertMatches(VectorNode expected, ConnectionPoolEvent actual, List<ConnectionPoolEvent> all)
    {
        void Fail(string what) => Assert.Fail($"{expected.File}: {expected.Path}: {what} (actual {actual}); events were:\n{string.Join("\n", all)}");
        foreach (var (name, value) in expected.Properties())
        {
            var any = value.Element.ToString() == "42";
            switch (name)
            {
                case "type":
                    if (value.String() != EventName(actual))
                    {
                        Fail($"expected {value.String()}");
                    }

                    break;
                case "address" or "duration":
                    break;
                case "connectionId":
                    var id = actual switch
                    {
                        ConnectionCreatedEvent e => e.ConnectionId,
                        ConnectionReadyEvent e => e.ConnectionId,
                        ConnectionClosedEvent e => e.ConnectionId,
                        ConnectionCheckedOutEvent e => e.ConnectionId,
                        ConnectionCheckedInEvent e => e.ConnectionId,
                        _ => (long?)null,
                    };
                    if (id is null || (!any && id != value.Long()))
                    {
                        Fail($"expected connection id {value.Element}");
                    }

                    break;
                case "reason":
                    var reason = actual switch
                    {
                        ConnectionClosedEvent e => Camel(e.Reason.ToString()),
                        ConnectionCheckOutFailedEvent e => Camel(e.Reason.ToString()),
                        _ => null,
                    };
                    if (reason != value.String())
                    {
                        Fail($"expected reason {value.String()}");
                    }

                    break;
                case "interruptInUseConnections":
                    if (actual is not ConnectionPoolClearedEvent cleared || cleared.InterruptInUseConnections != value.Bool())
                    {
                        Fail($"expected interruptInUseConnections {value.Bool()}");
                    }

                    break;
                case "options":
                    var options = Assert.IsType<ConnectionPoolCreatedEvent>(actual).Options;
                    if (value.Element.ToString() == "42")
                    {
                        break;
                    }

                    foreach (var (option, optionValue) in value.Properties())
                    {
                        long? actualValue = option switch
                        {
                            "maxPoolSize" => options.MaxPoolSize,
                            "minPoolSize" => options.MinPoolSize,
                            "maxConnecting" => options.MaxConnecting,
                            "maxIdleTimeMS" => (long?)options.MaxIdleTime?.TotalMilliseconds,
                            "waitQueueTimeoutMS" => (long?)options.WaitQueueTimeout?.TotalMilliseconds,
                            _ => null,
                        };
                        if (actualValue != optionValue.Long())
                        {
                            Fail($"expected option {option} = {optionValue.Long()}");
                        }
                    }

                    break;
                default:
                    throw value.Fail("is an event field the runner does not know");
            }
        }
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    internal static string EventName(ConnectionPoolEvent e)
    {
        var name = e.GetType().Name;
        return name.EndsWith("Event", StringComparison.Ordinal) ? name[..^"Event".Length] : name;
    }

    private static string ErrorName(Exception e) => e switch
    {
        MongoWaitQueueTimeoutException => "WaitQueueTimeoutError",
        MongoPoolClosedException => "PoolClosedError",
        MongoPoolClearedException => "PoolClearedError",
        _ => e.GetType().Name,
    };

    /// <summary>Runs the vector's operations, each on the main thread or on its named thread (a serial task chain).</summary>
    private sealed class Runner(ConnectionPool pool, RecordingPoolSubscriber events)
    {
        private readonly Dictionary<string, Task> _threads = [];
        private readonly Dictionary<string, IPoolableConnection> _labels = [];
        private readonly Lock _labelsLock = new();

        public async Task RunAsync(VectorNode operation)
        {
            if (operation.Optional("thread") is { } thread)
            {
                var name = thread.String();
                var previous = _threads.GetValueOrDefault(name) ?? Task.CompletedTask;
                _threads[name] = ChainAsync(previous, operation);
                return;
            }

            await ExecuteAsync(operation);
        }

        private async Task ChainAsync(Task previous, VectorNode operation)
        {
            await previous;
            await ExecuteAsync(operation);
        }

        private async Task ExecuteAsync(VectorNode operation)
        {
            switch (operation["name"].String())
            {
                case "start":
                    _threads.TryAdd(operation["target"].String(), Task.CompletedTask);
                    break;
                case "wait":
                    await Task.Delay(TimeSpan.FromMilliseconds(operation["ms"].Long()));
                    break;
                case "waitForThread":
                    await _threads[operation["target"].String()];
                    break;
                case "waitForEvent":
                    var timeout = operation.Optional("timeout") is { } t ? TimeSpan.FromMilliseconds(t.Long()) : DefaultEventTimeout;
                    var name = operation["event"].String();
                    var count = (int)operation["count"].Long();
                    if (!await events.WaitForAsync(e => EventName(e) == name, count, timeout))
                    {
                        Assert.Fail($"{operation.File}: {operation.Path}: {name} did not occur {count} times within {timeout.TotalMilliseconds} ms; events were:\n{string.Join("\n", events.Snapshot())}");
                    }

                    break;
                case "checkOut":
                    var connection = await pool.CheckOutAsync();
                    if (operation.Optional("label") is { } label)
                    {
                        lock (_labelsLock)
                        {
                            _labels[label.String()] = connection;
                        }
                    }

                    break;
                case "checkIn":
                    IPoolableConnection labelled;
                    lock (_labelsLock)
                    {
                        labelled = _labels[operation["connection"].String()];
                    }

                    pool.CheckIn(labelled);
                    break;
                case "clear":
                    pool.Clear(operation.Optional("interruptInUseConnections") is { } interrupt && interrupt.Bool());
                    break;
                case "close":
                    pool.Dispose();
                    break;
                case "ready":
                    pool.Ready();
                    break;
                default:
                    throw operation["name"].Fail("is an operation the runner does not know");
            }
        }
    }
}

/// <summary>Records CMAP events and lets a test wait for a number of them.</summary>
internal sealed class RecordingPoolSubscriber : IConnectionPoolEventSubscriber
{
    private readonly List<ConnectionPoolEvent> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Handle(ConnectionPoolEvent poolEvent)
    {
        TaskCompletionSource changed;
        lock (_events)
        {
            _events.Add(poolEvent);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public List<ConnectionPoolEvent> Snapshot()
    {
        lock (_events)
        {
            return [.. _events];
        }
    }

    public async Task<bool> WaitForAsync(Func<ConnectionPoolEvent, bool> match, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_events)
            {
                if (_events.Count(match) >= count)
                {
                    return true;
                }

                changed = _changed.Task;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.WhenAny(changed, Task.Delay(remaining));
        }
    }
}

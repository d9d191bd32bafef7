using MongoDB.Bson;
using OpenQuizz.Typed.Bson;
using OpenQuizz.Typed.Topology.Events;

namespace OpenQuizz.Typed.Topology;

/// <summary>
/// Monitors one server as the server-monitoring specification describes: checks it every
/// <c>heartbeatFrequencyMS</c> (or sooner on request, but never more often than every 500 ms), switches to the
/// streaming protocol when the server reports a <c>topologyVersion</c> (unless polling is configured), measures round
/// trip times on a separate connection while streaming, retries once at once after a network error on a known server,
/// and reports every outcome to the cluster. Time comes from a <see cref="TimeProvider"/>, so tests drive it without sleeping.
/// </summary>
internal sealed class ServerMonitor : IServerMonitor
{
    private const int RttSamples = 10;

    private readonly MongoServerAddress _address;
    private readonly IServerCheckSink _sink;
    private readonly IMonitorConnectionFactory _connections;
    private readonly TimeSpan _heartbeatFrequency;
    private readonly ServerMonitoringMode _mode;
    private readonly TimeProvider _time;
    private readonly ISdamEventSubscriber? _events;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly Queue<TimeSpan> _rttWindow = new();
    private TaskCompletionSource _checkRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _currentCheck;
    private IMonitorConnection? _connection;
    private TimeSpan? _averageRtt;
    private Task? _loop;
    private Task? _rttLoop;

    public ServerMonitor(
        MongoServerAddress address,
        IServerCheckSink sink,
        IMonitorConnectionFactory connections,
        TimeSpan heartbeatFrequency,
        ServerMonitoringMode mode,
        TimeProvider? time = null,
        ISdamEventSubscriber? events = null)
    {
        _address = address;
        _sink = sink;
        _connections = connections;
        _heartbeatFrequency = heartbeatFrequency < TopologySettings.MinHeartbeatFrequency ? TopologySettings.MinHeartbeatFrequency : heartbeatFrequency;
        _mode = mode;
        _time = time ?? TimeProvider.System;
        _events = events;
    }

    /// <summary>The running check loop (for tests).</summary>
    internal Task? Loop => _loop;

    /// <summary>True once the streaming protocol is in use.</summary>
    internal bool IsStreaming { get; private set; }

    /// <inheritdoc/>
    public void Start() => _loop ??= Task.Run(RunAsync);

    /// <inheritdoc/>
    public void RequestImmediateCheck()
    {
        lock (_lock)
        {
            _checkRequested.TrySetResult();
        }
    }

    /// <inheritdoc/>
    public void CancelCheck()
    {
        lock (_lock)
        {
            _currentCheck?.Cancel();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        lock (_lock)
        {
            _connection?.Dispose();
            _connection = null;
        }
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        var retryNow = false;
        while (!token.IsCancellationRequested)
        {
            var started = _time.GetTimestamp();
            var failed = await CheckOnceAsync(token).ConfigureAwait(false);
            if (token.IsCancellationRequested)
            {
                return;
            }

            // A network error on a server that was known is retried at once, once (a single dropped connection).
            if (failed is { WasKnown: true } && !retryNow)
            {
                retryNow = true;
                continue;
            }

            retryNow = false;
            if (failed is null && IsStreaming)
            {
                continue;
            }

            try
            {
                await WaitForNextCheckAsync(started, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<FailedCheck?> CheckOnceAsync(CancellationToken stop)
    {
        using var check = CancellationTokenSource.CreateLinkedTokenSource(stop);
        lock (_lock)
        {
            _currentCheck = check;
        }

        var connection = _connection;
        var awaited = IsStreaming && connection is not null;
        Emit(new ServerHeartbeatStartedEvent(_sink.TopologyId, _address, awaited));
        var started = _time.GetTimestamp();
        try
        {
            BsonDocument reply;
            if (connection is null)
            {
                connection = await _connections.OpenAsync(_address, check.Token).ConfigureAwait(false);
                lock (_lock)
                {
                    if (stop.IsCancellationRequested)
                    {
                        // Disposed while the connection opened: close it here, nobody else will.
                        connection.Dispose();
                        return null;
                    }

                    _connection = connection;
                }

                reply = connection.HandshakeReply;
                AddRttSample(_time.GetElapsedTime(started));
            }
            else if (awaited)
            {
                reply = connection.MoreToCome
                    ? await connection.ReadNextAsync(check.Token).ConfigureAwait(false)
                    : await connection.HelloAsync(_sink.CurrentDescription(_address)?.TopologyVersion, _heartbeatFrequency, check.Token).ConfigureAwait(false);
            }
            else
            {
                reply = await connection.HelloAsync(null, null, check.Token).ConfigureAwait(false);
                AddRttSample(_time.GetElapsedTime(started));
            }

            var duration = _time.GetElapsedTime(started);
            Emit(new ServerHeartbeatSucceededEvent(_sink.TopologyId, _address, duration, reply, awaited));
            var (average, minimum) = RoundTripTimes();
            _sink.OnCheckSucceeded(ServerDescription.FromHello(_address, reply, average, _time.GetUtcNow().UtcDateTime, minimum));
            if (_mode != ServerMonitoringMode.Poll && reply.Contains("topologyVersion") && ServerDescription.IsOk(reply) && !IsStreaming)
            {
                IsStreaming = true;
                _rttLoop ??= Task.Run(() => RunRttMonitorAsync(_stop.Token));
            }

            return null;
        }
        catch (Exception error) when (!stop.IsCancellationRequested)
        {
            Emit(new ServerHeartbeatFailedEvent(_sink.TopologyId, _address, _time.GetElapsedTime(started), error, awaited));
            lock (_lock)
            {
                _connection?.Dispose();
                _connection = null;
            }

            IsStreaming = false;
            if (check.IsCancellationRequested)
            {
                // Cancelled because an application error already marked the server Unknown: nothing more to report.
                return new FailedCheck(false);
            }

            var wasKnown = _sink.CurrentDescription(_address)?.IsAvailable == true;
            lock (_lock)
            {
                _averageRtt = null;
                _rttWindow.Clear();
            }

            _sink.OnCheckFailed(_address, error);
            return new FailedCheck(wasKnown && error is MongoConnectionException { IsTimeout: false });
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            lock (_lock)
            {
                _currentCheck = null;
            }
        }
    }

    // Waits heartbeatFrequencyMS from the start of the last check, or less when a check is requested — but never less
    // than minHeartbeatFrequencyMS, so a burst of requests cannot flood the server.
    private async Task WaitForNextCheckAsync(long checkStarted, CancellationToken token)
    {
        Task requested;
        lock (_lock)
        {
            requested = _checkRequested.Task;
        }

        var remaining = _heartbeatFrequency - _time.GetElapsedTime(checkStarted);
        if (remaining > TimeSpan.Zero)
        {
            using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(token);
            var delay = Task.Delay(remaining, _time, delayCancel.Token);
            await Task.WhenAny(delay, requested).ConfigureAwait(false);
            await delayCancel.CancelAsync().ConfigureAwait(false);
            token.ThrowIfCancellationRequested();
        }

        var minimum = TopologySettings.MinHeartbeatFrequency - _time.GetElapsedTime(checkStarted);
        if (minimum > TimeSpan.Zero)
        {
            await Task.Delay(minimum, _time, token).ConfigureAwait(false);
        }

        lock (_lock)
        {
            if (_checkRequested.Task.IsCompleted)
            {
                _checkRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    // While streaming, awaited hellos say nothing about latency: a separate connection measures it every heartbeat.
    private async Task RunRttMonitorAsync(CancellationToken token)
    {
        IMonitorConnection? connection = null;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var started = _time.GetTimestamp();
                try
                {
                    if (connection is null)
                    {
                        connection = await _connections.OpenAsync(_address, token).ConfigureAwait(false);
                    }
                    else
                    {
                        await connection.HelloAsync(null, null, token).ConfigureAwait(false);
                    }

                    AddRttSample(_time.GetElapsedTime(started));
                }
                catch (Exception) when (!token.IsCancellationRequested)
                {
                    // The main monitor reports failures; the RTT monitor just reconnects next time.
                    connection?.Dispose();
                    connection = null;
                }

                await Task.Delay(_heartbeatFrequency, _time, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private void AddRttSample(TimeSpan sample)
    {
        lock (_lock)
        {
            _averageRtt = RoundTripTimeAverage.Next(_averageRtt, sample);
            _rttWindow.Enqueue(sample);
            if (_rttWindow.Count > RttSamples)
            {
                _rttWindow.Dequeue();
            }
        }
    }

    private (TimeSpan? Average, TimeSpan? Minimum) RoundTripTimes()
    {
        lock (_lock)
        {
            return (_averageRtt, _rttWindow.Count == 0 ? null : _rttWindow.Min());
        }
    }

    private void Emit(SdamEvent sdamEvent)
    {
        try
        {
            _events?.Handle(sdamEvent);
        }
        catch (Exception)
        {
            // A failing subscriber must not stop monitoring.
        }
    }

    private sealed record FailedCheck(bool WasKnown);
}

/// <summary>Creates <see cref="ServerMonitor"/>s over real monitoring connections.</summary>
internal sealed class ServerMonitorFactory(
    IMonitorConnectionFactory connections,
    TopologySettings settings,
    TimeProvider? time = null,
    ISdamEventSubscriber? events = null) : IServerMonitorFactory
{
    public IServerMonitor Create(MongoServerAddress address, IServerCheckSink sink) =>
        new ServerMonitor(address, sink, connections, settings.HeartbeatFrequency, ResolveMode(settings.MonitoringMode, IsFaas(Environment.GetEnvironmentVariable)), time, events);

    /// <summary>The mode to monitor with: <c>auto</c> streams, except on a FaaS platform, where a long-lived awaited hello would outlive the frozen function.</summary>
    internal static ServerMonitoringMode ResolveMode(ServerMonitoringMode mode, bool faas) =>
        mode == ServerMonitoringMode.Auto ? (faas ? ServerMonitoringMode.Poll : ServerMonitoringMode.Stream) : mode;

    /// <summary>True on AWS Lambda, Azure Functions, Google Cloud Functions/Run or Vercel, by the handshake spec's environment variables.</summary>
    internal static bool IsFaas(Func<string, string?> environment) =>
        environment("AWS_EXECUTION_ENV")?.StartsWith("AWS_Lambda_", StringComparison.Ordinal) == true
        || !string.IsNullOrEmpty(environment("AWS_LAMBDA_RUNTIME_API"))
        || !string.IsNullOrEmpty(environment("FUNCTIONS_WORKER_RUNTIME"))
        || !string.IsNullOrEmpty(environment("K_SERVICE"))
        || !string.IsNullOrEmpty(environment("FUNCTION_NAME"))
        || !string.IsNullOrEmpty(environment("VERCEL"));
}

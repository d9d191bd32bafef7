using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenQuizz.Typed.Configuration.Dns;

namespace OpenQuizz.Typed.Configuration;

/// <summary>
/// Polls the SRV records of a <c>mongodb+srv</c> host for mongos discovery (polling-srv-records-for-mongos-discovery
/// spec) on its own task: waits <c>max(60 s, smallest TTL)</c> from the end of the previous scan, rescans while the
/// topology is Sharded or Unknown, and hands the new seed list to the <see cref="ISrvPollingTarget"/>. On DNS errors or
/// when no valid host comes back, it changes nothing, logs, and retries after heartbeatFrequencyMS. It stops when the
/// topology becomes another type or on dispose. The waits use the given <see cref="TimeProvider"/>, so tests advance a
/// manual clock instead of sleeping.
/// </summary>
internal sealed class SrvPoller : IAsyncDisposable
{
    private readonly IDnsResolver _resolver;
    private readonly ISrvPollingTarget _target;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly ILogger _logger;
    private readonly string _srvHost;
    private readonly CancellationTokenSource _stop = new();
    private TimeSpan _interval;
    private Task? _loop;

    /// <param name="srvSettings">The client's own <c>mongodb+srv</c> settings (before <see cref="SrvResolution"/>).</param>
    /// <param name="resolver">The DNS resolver.</param>
    /// <param name="target">The topology to update.</param>
    /// <param name="firstInterval">The wait before the first rescan (<see cref="SrvResolutionResult.RescanInterval"/>); 60 s when null.</param>
    /// <param name="time">The clock; the system clock when null.</param>
    /// <param name="random">Drives the srvMaxHosts selection; <see cref="Random.Shared"/> when null.</param>
    public SrvPoller(
        MongoClientSettings srvSettings,
        IDnsResolver resolver,
        ISrvPollingTarget target,
        TimeSpan? firstInterval = null,
        TimeProvider? time = null,
        Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(srvSettings);
        if (srvSettings.Scheme != ConnectionStringScheme.MongoDBPlusSrv || srvSettings.Hosts.Count != 1)
        {
            throw new ArgumentException("SRV polling needs the mongodb+srv settings the client was given.", nameof(srvSettings));
        }

        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _time = time ?? TimeProvider.System;
        _random = random ?? Random.Shared;
        _logger = srvSettings.LoggerFactory?.CreateLogger(SrvPollingLog.CategoryName) ?? NullLogger.Instance;
        _srvHost = srvSettings.Hosts[0].Host.TrimEnd('.');
        QueryName = SrvSeedList.QueryName(_srvHost, srvSettings.SrvServiceName);
        MaxHosts = srvSettings.SrvMaxHosts;
        HeartbeatFrequency = srvSettings.HeartbeatFrequency;
        _interval = firstInterval is { } first && first > SrvSeedList.MinRescanInterval ? first : SrvSeedList.MinRescanInterval;
    }

    /// <summary>The SRV name polled, <c>_{srvServiceName}._tcp.{host}</c>.</summary>
    public string QueryName { get; }

    public int? MaxHosts { get; }

    /// <summary>The retry interval after a failed or empty scan.</summary>
    public TimeSpan HeartbeatFrequency { get; }

    /// <summary>The wait before the next rescan.</summary>
    public TimeSpan Interval => _interval;

    /// <summary>The polling task once started; it completes when polling stops.</summary>
    public Task Completion => _loop ?? Task.CompletedTask;

    /// <summary>Starts polling on a background task. Idempotent.</summary>
    public void Start()
    {
        if (_loop is null)
        {
            _loop = Task.Run(() => RunAsync(_stop.Token));
        }
    }

    /// <summary>
    /// Rescans once, unless the topology is no longer Sharded or Unknown (then returns null: polling is over). Applies
    /// the result to the target and returns the next interval. Never throws for DNS trouble.
    /// </summary>
    public async Task<TimeSpan?> RescanAsync(CancellationToken cancellationToken)
    {
        if (!_target.IsSrvPollingActive)
        {
            SrvPollingLog.Stopped(_logger, QueryName);
            return null;
        }

        IReadOnlyList<DnsSrvRecord> records;
        try
        {
            records = await _resolver.ResolveSrvAsync(QueryName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SrvPollingLog.RescanFailed(_logger, error, QueryName, HeartbeatFrequency);
            return _interval = HeartbeatFrequency;
        }

        var valid = new List<MongoServerAddress>();
        foreach (var record in records)
        {
            if (!SrvSeedList.IsValidTarget(_srvHost, record.Target) || SrvSeedList.ToAddress(record) is not { } address)
            {
                SrvPollingLog.InvalidTarget(_logger, QueryName, record.Target, _srvHost);
                continue;
            }

            if (!valid.Contains(address))
            {
                valid.Add(address);
            }
        }

        if (valid.Count == 0)
        {
            SrvPollingLog.NoValidHosts(_logger, QueryName, HeartbeatFrequency);
            return _interval = HeartbeatFrequency;
        }

        if (!_target.IsSrvPollingActive)
        {
            SrvPollingLog.Stopped(_logger, QueryName);
            return null;
        }

        var hosts = SrvSeedList.ApplyRescan(_target.CurrentHosts, valid, MaxHosts, _random);
        _target.ApplySrvHosts(hosts);
        _interval = SrvSeedList.RescanInterval(records);
        SrvPollingLog.Applied(_logger, QueryName, string.Join(",", hosts), _interval);
        return _interval;
    }

    /// <summary>Stops polling and waits for the loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                // The interval runs from the end of the previous scan (the spec), so the wait starts after it.
                await Task.Delay(_interval, _time, cancellationToken).ConfigureAwait(false);
                if (await RescanAsync(cancellationToken).ConfigureAwait(false) is null)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}

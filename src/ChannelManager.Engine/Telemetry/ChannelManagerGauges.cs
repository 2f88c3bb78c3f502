using System.Diagnostics.Metrics;
using ChannelManager.Connections;
using ChannelManager.Engine.Resilience;
using ChannelManager.Engine.Sync;
using ChannelManager.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Telemetry;

/// <summary>
/// The observable gauges of <see cref="ChannelManagerMetrics"/>. Those that would need a store query per scrape
/// (active connections per platform, dead letters) read values this service refreshes in the background every
/// <see cref="ChannelManagerTelemetryOptions.GaugeRefreshInterval"/>; the others (dirty-range backlog, circuit state)
/// are read from memory at the scrape. Every enabled platform reports a value (0 when it has nothing), so its series
/// exists from the start.
/// </summary>
internal sealed class ChannelManagerGauges : BackgroundService
{
    private const int PageSize = 500;

    private readonly IChannelConnectionStore _connections;
    private readonly IDeadLetterQueue _deadLetters;
    private readonly AdapterRegistry _adapters;
    private readonly DirtyRangeQueue _queue;
    private readonly PlatformResiliencePipelineProvider _resilience;
    private readonly ChannelManagerTelemetryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ChannelManagerGauges> _logger;
    private IReadOnlyDictionary<Platform, long> _activeConnections = new Dictionary<Platform, long>();
    private long _deadLetterCount;
    private bool _refreshFailedLogged;

    public ChannelManagerGauges(
        ChannelManagerInstruments instruments,
        IChannelConnectionStore connections,
        IDeadLetterQueue deadLetters,
        AdapterRegistry adapters,
        DirtyRangeQueue queue,
        PlatformResiliencePipelineProvider resilience,
        IOptions<ChannelManagerTelemetryOptions> options,
        TimeProvider time,
        ILogger<ChannelManagerGauges> logger)
    {
        _connections = connections;
        _deadLetters = deadLetters;
        _adapters = adapters;
        _queue = queue;
        _resilience = resilience;
        _options = options.Value;
        _time = time;
        _logger = logger;
        var meter = instruments.Meter;
        meter.CreateObservableGauge(ChannelManagerMetrics.ConnectionsActive, ObserveConnections, "{connection}", "Active connections (status active, not deleted) per platform, all tenants.");
        meter.CreateObservableGauge(ChannelManagerMetrics.DirtyNightsPending, ObserveDirtyNights, "{night}", "Dirty nights waiting to be pushed, per lane.");
        meter.CreateObservableGauge(ChannelManagerMetrics.DirtyConnectionsPending, () => _queue.Backlog().Connections, "{connection}", "Connections with dirty nights waiting or a push in flight.");
        meter.CreateObservableGauge(ChannelManagerMetrics.DeadLetters, () => Volatile.Read(ref _deadLetterCount), "{event}", "Events set aside as dead letters, waiting for a replay.");
        meter.CreateObservableGauge(ChannelManagerMetrics.CircuitBreakerState, ObserveCircuits, "{state}", "Circuit breaker per platform: 0 closed, 1 half-open, 2 open.");
        meter.CreateObservableCounter(ChannelManagerMetrics.RateLimiterRejections, () => ObserveRejections(instruments), "{rejection}", "Platform calls refused by the rate limiter, and rate/restriction pushes deferred by a spent push budget.");
    }

    /// <summary>Reads the store-backed values once (the background loop does this every interval).</summary>
    /// <param name="cancellationToken">Cancels the refresh.</param>
    /// <returns>A task that completes when the values are current.</returns>
    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var active = new Dictionary<Platform, long>();
        Guid? after = null;
        while (true)
        {
            var page = await _connections.ListSyncableAsync(after, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var c in page)
            {
                if (c.Status == ConnectionStatus.Active)
                {
                    active[c.Platform] = active.GetValueOrDefault(c.Platform) + 1;
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Id;
        }

        Volatile.Write(ref _activeConnections, active);
        var dead = _deadLetters is IDeadLetterCounter counter
            ? await counter.CountDeadLettersAsync(cancellationToken).ConfigureAwait(false)
            : (await _deadLetters.ListAsync(10_000, cancellationToken).ConfigureAwait(false)).Count;
        Volatile.Write(ref _deadLetterCount, dead);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
                _refreshFailedLogged = false;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The gauges keep their last values; one warning per outage.
                if (!_refreshFailedLogged)
                {
                    _logger.LogWarning(ex, "Could not refresh the connection and dead-letter gauges; they keep their last values");
                    _refreshFailedLogged = true;
                }
            }

            try
            {
                await Task.Delay(_options.GaugeRefreshInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveConnections()
    {
        var active = Volatile.Read(ref _activeConnections);
        var platforms = new HashSet<Platform>(_adapters.EnabledPlatforms);
        platforms.UnionWith(active.Keys);
        foreach (var platform in platforms)
        {
            yield return new Measurement<long>(active.GetValueOrDefault(platform), new KeyValuePair<string, object?>(ChannelManagerMetrics.PlatformLabel, platform.ToWireName()));
        }
    }

    private IEnumerable<Measurement<long>> ObserveDirtyNights()
    {
        var backlog = _queue.Backlog();
        yield return new Measurement<long>(backlog.UrgentNights, new KeyValuePair<string, object?>(ChannelManagerMetrics.LaneLabel, "urgent"));
        yield return new Measurement<long>(backlog.BudgetedNights, new KeyValuePair<string, object?>(ChannelManagerMetrics.LaneLabel, "budgeted"));
    }

    private IEnumerable<Measurement<long>> ObserveRejections(ChannelManagerInstruments instruments)
    {
        foreach (var platform in _adapters.EnabledPlatforms)
        {
            var label = new KeyValuePair<string, object?>(ChannelManagerMetrics.PlatformLabel, platform.ToWireName());
            yield return new Measurement<long>(instruments.RejectionsOf(platform, TelemetryLabels.PlatformRateLimit), label, new KeyValuePair<string, object?>(ChannelManagerMetrics.LimiterLabel, TelemetryLabels.PlatformRateLimit));
            yield return new Measurement<long>(instruments.RejectionsOf(platform, TelemetryLabels.PushBudget), label, new KeyValuePair<string, object?>(ChannelManagerMetrics.LimiterLabel, TelemetryLabels.PushBudget));
        }
    }

    private IEnumerable<Measurement<int>> ObserveCircuits()
    {
        foreach (var platform in _adapters.EnabledPlatforms)
        {
            yield return new Measurement<int>((int)_resilience.CircuitStatusOf(platform).State, new KeyValuePair<string, object?>(ChannelManagerMetrics.PlatformLabel, platform.ToWireName()));
        }
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChannelManager.Engine.Telemetry;
using ChannelManager.Adapters;
using ChannelManager.Connections;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Engine.Resilience;
using ChannelManager.Inventory;
using ChannelManager.Sync;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Sync;

/// <summary>
/// Drift repair. Every <see cref="ChannelManagerOptions.ReconciliationInterval"/> it visits each syncable connection
/// whose adapter can read the calendar back (<see cref="IChannelCalendarReader"/>), reads the sync window through the
/// platform's resilience pipeline, compares it with the ledger (<see cref="CalendarDrift"/>), marks the nights that
/// differ dirty so the dispatcher pushes their current state, writes a <c>calendar_reconcile</c> sync-log row saying
/// what differed, and counts the nights in <c>channel_manager_calendar_drift_nights_total{platform}</c>. A connection
/// with a push pending or in flight is skipped this round: its platform is about to be told anyway.
/// </summary>
internal sealed class CalendarReconciler : BackgroundService
{
    /// <summary>The trigger of a reconciliation's sync-log rows and of the pushes it causes.</summary>
    public const string Trigger = "schedule:reconcile";

    private const int PageSize = 200;

    private readonly IChannelConnectionStore _connections;
    private readonly IInventoryLedger _ledger;
    private readonly AdapterRegistry _adapters;
    private readonly PlatformResiliencePipelineProvider _resilience;
    private readonly SyncEngine _engine;
    private readonly DirtyRangeQueue _queue;
    private readonly SyncLogWriter _syncLog;
    private readonly TimeProvider _time;
    private readonly ChannelManagerOptions _options;
    private readonly ILogger<CalendarReconciler> _logger;
    private readonly Counter<long> _driftNights;

    public CalendarReconciler(
        IChannelConnectionStore connections,
        IInventoryLedger ledger,
        AdapterRegistry adapters,
        PlatformResiliencePipelineProvider resilience,
        SyncEngine engine,
        DirtyRangeQueue queue,
        SyncLogWriter syncLog,
        TimeProvider time,
        IOptions<ChannelManagerOptions> options,
        ILogger<CalendarReconciler> logger,
        ChannelManagerInstruments instruments)
    {
        _connections = connections;
        _ledger = ledger;
        _adapters = adapters;
        _resilience = resilience;
        _engine = engine;
        _queue = queue;
        _syncLog = syncLog;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _driftNights = instruments.CalendarDriftNights;
    }

    /// <summary>Visits every syncable connection once.</summary>
    /// <param name="cancellationToken">Cancels the round.</param>
    /// <returns>How many nights differed in all.</returns>
    public async Task<int> ReconcileAllAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        Guid? after = null;
        while (true)
        {
            var page = await _connections.ListSyncableAsync(after, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var connection in page)
            {
                if (_queue.IsBusy(new ConnectionKey(connection.TenantId, connection.Id)))
                {
                    continue;
                }

                try
                {
                    total += await ReconcileAsync(connection, cancellationToken).ConfigureAwait(false) ?? 0;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    _logger.LogWarning(ex, "Reconciling connection {ConnectionId} failed", connection.Id);
                }
            }

            if (page.Count < PageSize)
            {
                return total;
            }

            after = page[^1].Id;
        }
    }

    /// <summary>Reconciles one connection.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many nights differed; <see langword="null"/> when its platform cannot read calendars or the read failed.</returns>
    public async Task<int?> ReconcileAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        if (!_adapters.TryGet(connection.Platform, out var adapter) || adapter is not IChannelCalendarReader reader)
        {
            return null;
        }

        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var window = new DateRange(today, today.AddDays(_options.SyncWindowDays));
        var started = _time.GetUtcNow();
        PlatformCalendarRead read;
        try
        {
            read = await _resilience.GetPipeline(connection.Platform).ExecuteAsync(
                static async (state, ct) => await state.reader.ReadCalendarAsync(state.connection, state.window, ct).ConfigureAwait(false),
                (reader, connection, window),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var outcome = PlatformResiliencePipelineProvider.IsCircuitOpen(ex) ? SyncOutcome.Skipped : SyncOutcome.Failed;
            await _syncLog.WriteAsync(connection, SyncOperations.CalendarReconcile, Trigger, window, 1, outcome, started, 0, SyncDispatcher.Describe(ex), cancellationToken).ConfigureAwait(false);
            return null;
        }

        var ledger = await _ledger.GetAriAsync(connection.TenantId, connection.PropertyId, window, cancellationToken).ConfigureAwait(false);
        var (ranges, nights, fields) = CalendarDrift.Find(ledger, read.Nights);
        string? details = null;
        if (nights > 0)
        {
            await _engine.MarkDirtyAsync(connection, ranges, AriPushScope.All, Trigger, cancellationToken).ConfigureAwait(false);
            _driftNights.Add(nights, new KeyValuePair<string, object?>(ChannelManagerMetrics.PlatformLabel, connection.Platform.ToWireName()));
            details = CalendarDrift.Describe(ranges, nights, fields);
            _logger.LogWarning("Calendar drift on connection {ConnectionId} ({Platform}): {Details}", connection.Id, connection.Platform.ToWireName(), details);
        }

        await _syncLog.WriteAsync(connection, SyncOperations.CalendarReconcile, Trigger, window, 1, SyncOutcome.Succeeded, started, read.PlatformCalls, null, cancellationToken, details ?? "no difference").ConfigureAwait(false);
        return nights;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.ReconciliationInterval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ReconciliationInterval, _time, stoppingToken).ConfigureAwait(false);
                var sw = Stopwatch.StartNew();
                var nights = await ReconcileAllAsync(stoppingToken).ConfigureAwait(false);
                _logger.LogInformation("Reconciliation round found {Nights} differing nights in {Elapsed} ms", nights, sw.ElapsedMilliseconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "A reconciliation round failed; the next one runs as scheduled");
            }
        }
    }
}

using System.Globalization;
using System.Diagnostics;
using ChannelManager.Adapters;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Engine.Inbound;
using ChannelManager.Engine.Resilience;
using ChannelManager.Engine.Telemetry;
using ChannelManager.Inventory;
using ChannelManager.Sync;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Sync;

/// <summary>
/// Drains dirty connections: reads the current state of the dirty nights from the ledger and pushes it through the
/// platform's adapter and resilience pipeline; pulls reservations where asked. A failed push keeps its nights dirty
/// and is retried with backoff; every attempt writes a sync-log row.
/// </summary>
internal sealed class SyncDispatcher : BackgroundService
{
    private readonly DirtyRangeQueue _queue;
    private readonly IChannelConnectionStore _connections;
    private readonly IInventoryLedger _ledger;
    private readonly AdapterRegistry _adapters;
    private readonly PlatformResiliencePipelineProvider _resilience;
    private readonly SyncLogWriter _syncLog;
    private readonly FetchedReservationsImporter _importer;
    private readonly IDirtyRangeStore _dirtyStore;
    private readonly ConnectionPushBudget _budget;
    private readonly TimeProvider _time;
    private readonly ChannelManagerOptions _options;
    private readonly ILogger<SyncDispatcher> _logger;
    private readonly ChannelManagerInstruments _instruments;
    private readonly IConnectionPushLock _pushLock;
    private readonly DispatchSlots _slots;

    public SyncDispatcher(DirtyRangeQueue queue, IChannelConnectionStore connections, IInventoryLedger ledger, AdapterRegistry adapters, PlatformResiliencePipelineProvider resilience, SyncLogWriter syncLog, FetchedReservationsImporter importer, IDirtyRangeStore dirtyStore, ConnectionPushBudget budget, TimeProvider time, IOptions<ChannelManagerOptions> options, ILogger<SyncDispatcher> logger, ChannelManagerInstruments instruments, IConnectionPushLock pushLock)
    {
        _instruments = instruments;
        _budget = budget;
        _queue = queue;
        _pushLock = pushLock;
        _connections = connections;
        _ledger = ledger;
        _adapters = adapters;
        _resilience = resilience;
        _syncLog = syncLog;
        _importer = importer;
        _dirtyStore = dirtyStore;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _slots = new DispatchSlots(_options.DispatchConcurrency, _options.DispatchConcurrencyPerPlatform, PlatformOfAsync);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        _slots.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken).ConfigureAwait(false);
        var running = new HashSet<Task>();
        try
        {
            await foreach (var key in _queue.Ready.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                if (await _slots.AdmitAsync(key, stoppingToken).ConfigureAwait(false) is { } admission)
                {
                    Start(admission, running, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        Task[] pending;
        lock (running)
        {
            pending = [.. running];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs admitted work on the thread pool; when it ends, the slot goes to the next work waiting for the same
    /// platform's share, if any, or is freed.
    /// </summary>
    private void Start(DispatchSlots.Admission admission, HashSet<Task> running, CancellationToken stoppingToken)
    {
        var task = Task.Run(
            async () =>
            {
                DispatchSlots.Admission? next = admission;
                while (next is { } current)
                {
                    try
                    {
                        await ProcessAsync(current.Key, stoppingToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        next = _slots.Release(current);
                    }
                }
            },
            CancellationToken.None);
        lock (running)
        {
            running.Add(task);
        }

        _ = task.ContinueWith(
            t =>
            {
                lock (running)
                {
                    running.Remove(t);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async ValueTask<Platform?> PlatformOfAsync(ConnectionKey key, CancellationToken cancellationToken) =>
        (await _connections.GetAsync(key.TenantId, key.ConnectionId, cancellationToken).ConfigureAwait(false))?.Platform;

    /// <summary>Reloads the marks a previous process persisted but did not push (crash recovery), retrying while the store is down.</summary>
    private async Task RecoverAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var marks = await _dirtyStore.LoadAsync(stoppingToken).ConfigureAwait(false);
                foreach (var m in marks)
                {
                    _queue.MarkDirty(new ConnectionKey(m.Mark.TenantId, m.Mark.ConnectionId), m.Mark.Range, m.Mark.Scope, m.Mark.Trigger, m.Sequence);
                }

                if (marks.Count > 0)
                {
                    _logger.LogInformation("Recovered {Count} pending dirty ranges", marks.Count);
                }

                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogWarning(ex, "Could not load pending dirty ranges (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt)), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    internal async Task ProcessAsync(ConnectionKey key, CancellationToken cancellationToken)
    {
        var work = _queue.Take(key);
        if (work is null)
        {
            return;
        }

        var succeeded = false;
        try
        {
            var connection = await _connections.GetAsync(key.TenantId, key.ConnectionId, cancellationToken).ConfigureAwait(false);
            if (connection is null || !connection.IsSyncable)
            {
                _queue.Forget(key);
                _slots.Forget(key);
                await _dirtyStore.ClearAllAsync(key.TenantId, key.ConnectionId, cancellationToken).ConfigureAwait(false);
                return;
            }

            _slots.Remember(key, connection.Platform);
            using var scope = LogScopes.ForConnection(_logger, connection);
            if (!_adapters.TryGet(connection.Platform, out var adapter))
            {
                _logger.LogError("No adapter is registered for {Platform}; dropping work for connection {ConnectionId}", connection.Platform.ToWireName(), connection.Id);
                _queue.Forget(key);
                return;
            }

            // One push of this connection at a time across worker processes, from the ledger read to the answer.
            await using var pushLock = await _pushLock.AcquireAsync(key.TenantId, key.ConnectionId, cancellationToken).ConfigureAwait(false);
            work = ApplyBudget(key, connection, work);
            var pushed = await PushAsync(connection, adapter, work, cancellationToken).ConfigureAwait(false);
            succeeded = pushed == PushOutcome.Succeeded;
            if (pushed == PushOutcome.Refused && work.Urgent.HasRanges && work.Scope != AriPushScope.Availability)
            {
                // The platform refused the push for good (a bad rate or restriction, say): a booking's closure must not
                // wait behind it. Push the urgent nights' availability alone; the rest is retried with backoff.
                var urgentOnly = work with { Budgeted = LaneWork.Empty, Urgent = work.Urgent with { Scope = AriPushScope.Availability } };
                if (await PushAsync(connection, adapter, urgentOnly, cancellationToken).ConfigureAwait(false) == PushOutcome.Succeeded)
                {
                    work = work with { Urgent = LaneWork.Empty };
                    if (urgentOnly.Urgent.Sequences.Count > 0)
                    {
                        await _dirtyStore.ClearAsync(key.TenantId, key.ConnectionId, urgentOnly.Urgent.Sequences, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            if (succeeded && work.Sequences.Count > 0)
            {
                await _dirtyStore.ClearAsync(key.TenantId, key.ConnectionId, work.Sequences, cancellationToken).ConfigureAwait(false);
            }

            if (succeeded && work.PullReservations)
            {
                succeeded = await PullAsync(connection, adapter, work, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Dispatching work for connection {ConnectionId} failed", key.ConnectionId);
        }
        finally
        {
            var delay = _options.DispatchRetryBaseDelay * Math.Pow(2, Math.Min(20, work.Attempt - 1));
            _queue.Complete(key, work, succeeded, delay > _options.DispatchRetryMaxDelay ? _options.DispatchRetryMaxDelay : delay, _time);
        }
    }

    /// <summary>
    /// Budgeted nights go out only with a permit of the connection's push budget; without one they are given back to
    /// the queue until a permit is due, and only the urgent nights (a booking's) go out now. One push carries both
    /// lanes when both may go.
    /// </summary>
    private PendingWork ApplyBudget(ConnectionKey key, ChannelConnection connection, PendingWork work)
    {
        if (!work.Budgeted.HasRanges)
        {
            if (work.Urgent.HasRanges)
            {
                _budget.TakeIfLeft(connection);
            }

            return work;
        }

        if (_budget.TryTake(connection, out var retryAfter))
        {
            return work;
        }

        _queue.Defer(key, work.Budgeted, _time.GetUtcNow() + retryAfter);
        _instruments.RecordRejection(connection.Platform, TelemetryLabels.PushBudget);
        _logger.LogDebug("Push budget of connection {ConnectionId} spent; rates and restrictions wait {Delay}", connection.Id, retryAfter);
        if (work.Urgent.HasRanges)
        {
            _budget.TakeIfLeft(connection);
        }

        return work with { Budgeted = LaneWork.Empty };
    }

    private async Task<PushOutcome> PushAsync(ChannelConnection connection, IChannelAdapter adapter, PendingWork work, CancellationToken cancellationToken)
    {
        if (!work.HasRanges || work.Scope == AriPushScope.None)
        {
            return PushOutcome.Succeeded;
        }

        // Every dirty range goes out in one request: the adapter merges equal runs and splits only where the
        // platform's batch limits demand. One sync-log row covers the push, its range the hull of the nights.
        var ranges = work.Ranges;
        var hull = new DateRange(ranges[0].Start, ranges[^1].End);
        var started = _time.GetUtcNow();
        using var activity = StartPlatformActivity(ChannelManagerActivitySource.PlatformPush, connection, SyncOperations.AriPush, work.Origins);
        try
        {
            IReadOnlyList<AriDay> days;
            if (ranges.Count == 1)
            {
                days = await _ledger.GetAriAsync(connection.TenantId, connection.PropertyId, ranges[0], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var all = new List<AriDay>();
                foreach (var range in ranges)
                {
                    all.AddRange(await _ledger.GetAriAsync(connection.TenantId, connection.PropertyId, range, cancellationToken).ConfigureAwait(false));
                }

                days = all;
            }

            activity?.SetTag(ChannelManagerActivitySource.NightCountTag, days.Count);
            var result = await _resilience.GetPipeline(connection.Platform).ExecuteAsync(
                static async (state, ct) => await state.adapter.PushAriAsync(new AriPushRequest(state.connection, state.days, state.Scope), ct).ConfigureAwait(false),
                (adapter, connection, days, work.Scope),
                cancellationToken).ConfigureAwait(false);
            _instruments.RecordLatency(connection.Platform, work.Origins, _time.GetUtcNow());
            activity?.SetTag(ChannelManagerActivitySource.OutcomeTag, "succeeded");
            if (result.PlatformCalls > 1)
            {
                _budget.TakeIfLeft(connection, result.PlatformCalls - 1);
            }

            var details = ranges.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"{ranges.Count} ranges, {days.Count} nights") : null;
            await _syncLog.WriteAsync(connection, SyncOperations.AriPush, work.Trigger, hull, work.Attempt, SyncOutcome.Succeeded, started, result.PlatformCalls, null, cancellationToken, details).ConfigureAwait(false);
            return PushOutcome.Succeeded;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var outcome = PlatformResiliencePipelineProvider.IsCircuitOpen(ex) ? SyncOutcome.Skipped : SyncOutcome.Failed;
            MarkFailed(activity, ex, outcome);
            await _syncLog.WriteAsync(connection, SyncOperations.AriPush, work.Trigger, hull, work.Attempt, outcome, started, 0, Describe(ex), cancellationToken).ConfigureAwait(false);
            if (ex is PlatformCallException { IsTransient: false, StatusCode: 401 or 403 or 404 })
            {
                // The platform no longer takes this connection (access revoked, listing gone): show it on the
                // connection (status error, last_error). Pushes keep retrying at the backoff's pace until the host fixes
                // it; a healthy /test sets the connection active again.
                await _syncLog.UpdateConnectionAsync(connection, c => c.Status == ConnectionStatus.Active ? c with { Status = ConnectionStatus.Error } : c, cancellationToken).ConfigureAwait(false);
            }

            return ex is PlatformCallException { IsTransient: false } ? PushOutcome.Refused : PushOutcome.Failed;
        }
    }

    private async Task<bool> PullAsync(ChannelConnection connection, IChannelAdapter adapter, PendingWork work, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        using var activity = StartPlatformActivity(ChannelManagerActivitySource.PlatformPull, connection, SyncOperations.ReservationPull, work.Origins);
        try
        {
            var reservations = await _resilience.GetPipeline(connection.Platform).ExecuteAsync(
                static async (state, ct) => await state.adapter.FetchReservationsAsync(state.connection, new ReservationFetchRequest(), ct).ConfigureAwait(false),
                (adapter, connection),
                cancellationToken).ConfigureAwait(false);
            // Each reservation on its own, under the connection of its listing (a shared queue serves siblings' too): one
            // that fails to import is not acknowledged (the platform serves it again) and fails the pull, which is
            // retried; the others are stored and acknowledged. One whose listing has no connection stays in the
            // platform's queue and is named in the log row, without failing the pull.
            var batch = await _importer.ImportAsync(connection, adapter, reservations, work.Trigger, cancellationToken).ConfigureAwait(false);
            var calls = 1 + batch.AcknowledgementCalls;
            var firstError = batch.FirstError;
            var stored = batch.Stored;
            var imported = batch.Imported;
            var failed = reservations.Count - stored.Count - batch.Unrouted.Count;
            var details = string.Create(CultureInfo.InvariantCulture, $"{reservations.Count} fetched, {imported} new or changed, {failed} failed");
            if (batch.Unrouted.Count > 0)
            {
                details += string.Create(
                    CultureInfo.InvariantCulture,
                    $", {batch.Unrouted.Count} for listings without a connection, left in the platform's queue ({string.Join(", ", batch.Unrouted.Select(r => r.ConfirmationCode + " for " + r.ListingId).Take(5))})");
            }

            activity?.SetTag(ChannelManagerActivitySource.OutcomeTag, firstError is null ? "succeeded" : "failed");
            await _syncLog.WriteAsync(connection, SyncOperations.ReservationPull, work.Trigger, null, work.Attempt, firstError is null ? SyncOutcome.Succeeded : SyncOutcome.Failed, started, calls, firstError, cancellationToken, details).ConfigureAwait(false);
            return firstError is null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            MarkFailed(activity, ex, SyncOutcome.Failed);
            await _syncLog.WriteAsync(connection, SyncOperations.ReservationPull, work.Trigger, null, work.Attempt, SyncOutcome.Failed, started, 0, Describe(ex), cancellationToken).ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>
    /// A client span for one platform operation of a connection: child of the span that handled the first event behind
    /// the work (so the booking's trace reaches the platform call), linked to the others; <see langword="null"/> when
    /// nothing listens.
    /// </summary>
    private static Activity? StartPlatformActivity(string name, ChannelConnection connection, string operation, IReadOnlyList<SyncOrigin> origins)
    {
        var source = ChannelManagerActivitySource.Source;
        if (!source.HasListeners())
        {
            return null;
        }

        var parent = origins.Count > 0 ? origins[0].Context : default;
        List<ActivityLink>? links = null;
        for (var i = 1; i < origins.Count; i++)
        {
            if (origins[i].Context != default && origins[i].Context != parent)
            {
                (links ??= []).Add(new ActivityLink(origins[i].Context));
            }
        }

        var activity = source.StartActivity(name, ActivityKind.Client, parent, tags: null, links: links);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ChannelManagerActivitySource.PlatformTag, connection.Platform.ToWireName());
            activity.SetTag(ChannelManagerActivitySource.OperationTag, operation);
            activity.SetTag(ChannelManagerActivitySource.ConnectionIdTag, connection.Id.ToString("D"));
            activity.SetTag(ChannelManagerActivitySource.PropertyIdTag, connection.PropertyId.ToString("D"));
            activity.SetTag(ChannelManagerActivitySource.ListingCountTag, 1);
            if (origins.Count > 0)
            {
                activity.SetTag(ChannelManagerActivitySource.EventIdTag, origins[0].EventId.ToString("D"));
                activity.SetTag(ChannelManagerActivitySource.EventTypeTag, origins[0].EventType);
                activity.SetTag(ChannelManagerActivitySource.EventCountTag, origins.Count);
            }
        }

        return activity;
    }

    private static void MarkFailed(Activity? activity, Exception ex, SyncOutcome outcome)
    {
        if (activity is null)
        {
            return;
        }

        var refused = ex is PlatformCallException { IsTransient: false };
        activity.SetTag(ChannelManagerActivitySource.OutcomeTag, refused ? "refused" : TelemetryLabels.StatusOf(outcome));
        activity.SetStatus(ActivityStatusCode.Error, ex is PlatformCallException { StatusCode: { } status } ? "HTTP " + status.ToString(CultureInfo.InvariantCulture) : ex.GetType().Name);
    }

    internal static string Describe(Exception ex) => ex switch
    {
        PlatformCallException p => p.StatusCode is { } s ? $"{p.Message} (HTTP {s})" : p.Message,
        _ when PlatformResiliencePipelineProvider.IsCircuitOpen(ex) => "circuit open: the platform failed repeatedly; calls are paused",
        _ => ex.GetType().Name + ": " + ex.Message,
    };

    /// <summary>How a push ended.</summary>
    private enum PushOutcome
    {
        /// <summary>The platform took it.</summary>
        Succeeded,

        /// <summary>It failed in a way a retry may mend (5xx, 429, timeout, open circuit).</summary>
        Failed,

        /// <summary>The platform refused it for good (a non-transient error such as 400).</summary>
        Refused,
    }
}

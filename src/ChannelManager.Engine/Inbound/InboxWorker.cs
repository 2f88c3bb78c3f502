using System.Diagnostics;
using ChannelManager.Engine.Telemetry;
using ChannelManager.Adapters;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Engine.Resilience;
using ChannelManager.Engine.Sync;
using ChannelManager.Unmapped;
using ChannelManager.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Inbound;

/// <summary>
/// Processes the webhook inbox in the background: finds the connection of the notified listing, fetches the
/// reservation's current state from the platform when the webhook does not carry it, and imports it. A failed
/// entry stays in the inbox and is retried with backoff, so nothing is lost. An entry whose listing has no connection is
/// recorded as an unmapped reservation and parked (<see cref="UnmappedReservationTracker"/>): not retried with backoff,
/// but rechecked after <see cref="ChannelManagerOptions.UnmappedReservationRecheckInterval"/>, or at once when a
/// connection for the listing is created.
/// </summary>
internal sealed class InboxWorker : BackgroundService
{
    private readonly IWebhookInbox _inbox;
    private readonly InboxSignal _signal;
    private readonly IChannelConnectionStore _connections;
    private readonly AdapterRegistry _adapters;
    private readonly PlatformResiliencePipelineProvider _resilience;
    private readonly BookingImporter _importer;
    private readonly FetchedReservationsImporter _fetchedImporter;
    private readonly ReservationRouter _router;
    private readonly DirtyRangeQueue _queue;
    private readonly UnmappedReservationTracker _unmapped;
    private readonly TimeProvider _time;
    private readonly ChannelManagerOptions _options;
    private readonly ILogger<InboxWorker> _logger;

    public InboxWorker(IWebhookInbox inbox, InboxSignal signal, IChannelConnectionStore connections, AdapterRegistry adapters, PlatformResiliencePipelineProvider resilience, BookingImporter importer, FetchedReservationsImporter fetchedImporter, ReservationRouter router, DirtyRangeQueue queue, UnmappedReservationTracker unmapped, TimeProvider time, IOptions<ChannelManagerOptions> options, ILogger<InboxWorker> logger)
    {
        _queue = queue;
        _unmapped = unmapped;
        _inbox = inbox;
        _signal = signal;
        _connections = connections;
        _adapters = adapters;
        _resilience = resilience;
        _importer = importer;
        _fetchedImporter = fetchedImporter;
        _router = router;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken).ConfigureAwait(false);
                await _signal.WaitAsync(_options.InboxPollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Inbox processing failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    internal async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var due = await _inbox.GetDueAsync(100, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (due.Count == 0)
            {
                return;
            }

            foreach (var entry in due)
            {
                await ProcessAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One entry, as an <c>inbox process</c> span (the booking events it publishes continue its trace) inside a log scope naming the platform and the entry.</summary>
    private async Task ProcessAsync(WebhookInboxEntry entry, CancellationToken cancellationToken)
    {
        using var activity = ChannelManagerActivitySource.Source.StartActivity(ChannelManagerActivitySource.InboxProcess, ActivityKind.Consumer);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ChannelManagerActivitySource.PlatformTag, entry.Platform.ToWireName());
            activity.SetTag(ChannelManagerActivitySource.InboxEntryIdTag, entry.Id.ToString("D"));
            activity.SetTag(ChannelManagerActivitySource.DeliveryCountTag, entry.Attempts + 1);
        }

        using var scope = LogScopes.ForWebhook(_logger, entry.Platform, entry.Id);
        await ProcessCoreAsync(entry, activity, cancellationToken).ConfigureAwait(false);
    }

    private async Task ProcessCoreAsync(WebhookInboxEntry entry, Activity? activity, CancellationToken cancellationToken)
    {
        var n = entry.Notification;
        try
        {
            if (n.Kind is WebhookNotificationKind.Test or WebhookNotificationKind.Other)
            {
                await _inbox.MarkProcessedAsync(entry.Id, tenantId: null, cancellationToken).ConfigureAwait(false);
                return;
            }

            // A notification that carries the reservation goes to that reservation's connection (for one that names only
            // a parent listing, as an Expedia cancellation does, the connection holding the booking); an alert to its
            // listing's connection, or to a connection of one of its sub-listings, which shares its queue.
            var listingId = n.Reservation?.ListingId ?? n.ListingId;
            var connection = n.Reservation is not null
                ? await _router.FindOwnerAsync(n.Reservation, fetchedVia: null, cancellationToken).ConfigureAwait(false)
                : listingId is null ? null : await FindConnectionAsync(entry.Platform, listingId, cancellationToken).ConfigureAwait(false);
            if (connection is null)
            {
                if (listingId is null)
                {
                    throw new InvalidOperationException($"The {entry.Platform.ToWireName()} notification names no listing.");
                }

                var record = await _unmapped.RecordWebhookAsync(entry, listingId, cancellationToken).ConfigureAwait(false);
                await ParkAsync(entry, [record], cancellationToken).ConfigureAwait(false);
                return;
            }

            if (!_adapters.TryGet(entry.Platform, out var adapter))
            {
                throw new InvalidOperationException($"The {entry.Platform.ToWireName()} integration is not enabled.");
            }

            using var connectionScope = LogScopes.ForConnection(_logger, connection);
            activity?.SetTag(ChannelManagerActivitySource.ConnectionIdTag, connection.Id.ToString("D"));
            activity?.SetTag(ChannelManagerActivitySource.PropertyIdTag, connection.PropertyId.ToString("D"));

            var trigger = "webhook:" + (n.PlatformEventName ?? n.Kind.ToString());
            if (n.Reservation is null && n.ConfirmationCode is null)
            {
                // An alert that names no reservation (Booking.com's notifications): pull the listing's queue, which
                // imports and acknowledges whatever is new, modified or cancelled.
                _queue.RequestReservationPull(new ConnectionKey(connection.TenantId, connection.Id), trigger);
                await MarkProcessedAsync(entry, connection, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (n.Reservation is not null)
            {
                await _importer.ImportAsync(connection, n.Reservation, trigger, cancellationToken).ConfigureAwait(false);
                await _unmapped.MarkImportedAsync(UnmappedReservationTracker.RecordId(n.Reservation), connection, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Fetched from the platform: possibly in parts (one per listing of a multi-room reservation), each
                // imported under its own listing's connection, and acknowledged (where the platform queues) once stored.
                var fetched = await FetchAsync(adapter, connection, n, cancellationToken).ConfigureAwait(false);
                var batch = await _fetchedImporter.ImportAsync(connection, adapter, fetched, trigger, cancellationToken).ConfigureAwait(false);
                if (batch.FirstError is not null)
                {
                    throw new InvalidOperationException(batch.FirstError);
                }

                if (batch.Unmapped.Count > 0)
                {
                    // Parts for listings without a connection: recorded by the importer; the entry waits for them.
                    await ParkAsync(entry, batch.Unmapped, cancellationToken).ConfigureAwait(false);
                    return;
                }
            }

            await MarkProcessedAsync(entry, connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            var delay = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(entry.Attempts, 10))));
            _logger.LogWarning("Inbox entry {EntryId} ({Platform}) failed on attempt {Attempt}; retrying in {Delay}: {Error}", entry.Id, entry.Platform.ToWireName(), entry.Attempts + 1, delay, ex.Message);
            await _inbox.MarkFailedAsync(entry.Id, SyncDispatcher.Describe(ex), _time.GetUtcNow() + delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Parks an entry for the first of its unmapped reservations that is not dismissed; when an operator dismissed them
    /// all, the entry is done (dropped).
    /// </summary>
    private async Task ParkAsync(WebhookInboxEntry entry, IReadOnlyList<UnmappedReservation> records, CancellationToken cancellationToken)
    {
        if (records.FirstOrDefault(r => r.State != UnmappedReservationState.Dismissed) is not { } record)
        {
            _logger.LogInformation("Inbox entry {EntryId} ({Platform}) is for dismissed unmapped reservation {UnmappedReservationId}; dropped", entry.Id, entry.Platform.ToWireName(), records[0].Id);
            await _inbox.MarkProcessedAsync(entry.Id, tenantId: null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var recheckAt = _time.GetUtcNow() + _options.UnmappedReservationRecheckInterval;
        _logger.LogInformation(
            "Inbox entry {EntryId} ({Platform}) is parked for unmapped reservation {UnmappedReservationId} (listing '{ListingId}' has no connection) until the listing is connected, rechecked at {RecheckAt}",
            entry.Id,
            entry.Platform.ToWireName(),
            record.Id,
            record.ListingId,
            recheckAt);
        await _inbox.ParkAsync(
            entry.Id,
            record.Id,
            $"No connection exists for {entry.Platform.ToWireName()} listing '{record.ListingId}'; parked as unmapped reservation {record.Id} until one does.",
            recheckAt,
            cancellationToken).ConfigureAwait(false);
        await _unmapped.ReleaseParkedIfClosedAsync(record.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks an entry processed, and the unmapped reservation it was parked for (if any) imported.</summary>
    private async Task MarkProcessedAsync(WebhookInboxEntry entry, ChannelConnection connection, CancellationToken cancellationToken)
    {
        await _inbox.MarkProcessedAsync(entry.Id, connection.TenantId, cancellationToken).ConfigureAwait(false);
        if (entry.ParkedFor is { } parkedFor)
        {
            await _unmapped.MarkImportedAsync(parkedFor, connection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The connection of the notified listing; for an alert that names only a parent listing (a Booking.com hotel whose
    /// rooms are connected as <c>{hotel}:{room}</c>), a connection of one of its sub-listings, which shares its queue.
    /// </summary>
    private async Task<ChannelConnection?> FindConnectionAsync(Platform platform, string listingId, CancellationToken cancellationToken) =>
        await _connections.FindByListingAsync(platform, listingId, cancellationToken).ConfigureAwait(false)
        ?? await _connections.FindBySubListingOfAsync(platform, listingId, cancellationToken).ConfigureAwait(false);

    /// <summary>Fetches the named reservation: every part the platform returns for it (all of them when it splits one reservation per listing).</summary>
    private async Task<IReadOnlyList<PlatformReservation>> FetchAsync(IChannelAdapter adapter, ChannelConnection connection, WebhookNotification n, CancellationToken cancellationToken)
    {
        if (n.ConfirmationCode is null)
        {
            throw new InvalidOperationException("The notification names no reservation.");
        }

        var found = await _resilience.GetPipeline(connection.Platform).ExecuteAsync(
            static async (state, ct) => await state.adapter.FetchReservationsAsync(state.connection, new ReservationFetchRequest(state.ConfirmationCode), ct).ConfigureAwait(false),
            (adapter, connection, n.ConfirmationCode),
            cancellationToken).ConfigureAwait(false);
        return found.Count > 0
            ? found
            : throw new InvalidOperationException($"The platform does not know reservation '{n.ConfirmationCode}'.");
    }
}

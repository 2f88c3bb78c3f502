using System.Diagnostics.Metrics;
using ChannelManager.Engine.Telemetry;
using System.Security.Cryptography;
using System.Text;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Engine.Sync;
using ChannelManager.Unmapped;
using ChannelManager.Webhooks;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Engine.Inbound;

/// <summary>
/// Keeps bookings for listings no connection maps instead of dropping them: records each sighting
/// (<see cref="IUnmappedReservationStore"/>, one record per platform + listing + confirmation code or webhook delivery),
/// raises a record once when it is opened (a structured warning without guest data,
/// <c>channel_manager_unmapped_reservations_total{platform}</c>, every <see cref="IUnmappedReservationObserver"/>), marks
/// it imported once its booking is stored, and, when a connection for the listing appears, wakes what waits for it:
/// the webhook inbox entries parked for its records and a reservation pull of the new connection.
/// </summary>
internal sealed class UnmappedReservationTracker
{
    private const int MaxResolvedPerConnection = 1000;

    private readonly IUnmappedReservationStore _store;
    private readonly IChannelConnectionStore _connections;
    private readonly IWebhookInbox _inbox;
    private readonly InboxSignal _signal;
    private readonly DirtyRangeQueue _queue;
    private readonly IReadOnlyList<IUnmappedReservationObserver> _observers;
    private readonly TimeProvider _time;
    private readonly ILogger<UnmappedReservationTracker> _logger;
    private readonly Counter<long> _opened;

    public UnmappedReservationTracker(
        IUnmappedReservationStore store,
        IChannelConnectionStore connections,
        IWebhookInbox inbox,
        InboxSignal signal,
        DirtyRangeQueue queue,
        IEnumerable<IUnmappedReservationObserver> observers,
        TimeProvider time,
        ILogger<UnmappedReservationTracker> logger,
        ChannelManagerInstruments instruments)
    {
        _store = store;
        _connections = connections;
        _inbox = inbox;
        _signal = signal;
        _queue = queue;
        _observers = observers.ToArray();
        _time = time;
        _logger = logger;
        _opened = instruments.UnmappedReservations;
    }

    /// <summary>The id of the record of a platform, listing and dedupe key: the same for every sighting.</summary>
    public static Guid RecordId(Platform platform, string listingId, string dedupeKey)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("unmapped:" + platform.ToWireName() + "\n" + listingId + "\n" + dedupeKey), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8 (name-based, custom)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>The id of the record a reservation would have.</summary>
    public static Guid RecordId(PlatformReservation reservation) =>
        RecordId(reservation.Platform, reservation.ListingId, ReservationKey(reservation.ConfirmationCode));

    /// <summary>The parent of a <c>{parent}:{child}</c> listing, or <see langword="null"/>.</summary>
    public static string? ParentOf(string listingId)
    {
        var colon = listingId.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? listingId[..colon] : null;
    }

    /// <summary>Records a webhook whose listing has no connection.</summary>
    /// <param name="entry">The inbox entry.</param>
    /// <param name="listingId">The listing it names.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record as stored.</returns>
    public async Task<UnmappedReservation> RecordWebhookAsync(WebhookInboxEntry entry, string listingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var n = entry.Notification;
        var code = n.Reservation?.ConfirmationCode ?? n.ConfirmationCode;
        // An alert that names no reservation (a Booking.com hotel's "new reservations in your queue") is counted on one
        // record per listing: the reservations themselves come from the pull once the listing is connected.
        var key = code is null ? "alert" : ReservationKey(code);
        var now = _time.GetUtcNow();
        var sighting = new UnmappedReservation
        {
            Id = RecordId(entry.Platform, listingId, key),
            Platform = entry.Platform,
            ListingId = listingId,
            ParentListingId = ParentOf(listingId),
            ConfirmationCode = code,
            DedupeKey = key,
            Reservation = n.Reservation,
            Source = UnmappedReservationSource.Webhook,
            TenantId = await AttributeAsync(entry.Platform, listingId, fetchedVia: null, cancellationToken).ConfigureAwait(false),
            FirstSeenAt = now,
            LastSeenAt = now,
        };
        return await RecordAsync(sighting, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a fetched reservation whose listing has no connection (it stays in the platform's queue).</summary>
    /// <param name="reservation">The reservation.</param>
    /// <param name="fetchedVia">The connection whose pull returned it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record as stored.</returns>
    public async Task<UnmappedReservation> RecordFetchedAsync(PlatformReservation reservation, ChannelConnection fetchedVia, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        ArgumentNullException.ThrowIfNull(fetchedVia);
        var now = _time.GetUtcNow();
        var sighting = new UnmappedReservation
        {
            Id = RecordId(reservation),
            Platform = reservation.Platform,
            ListingId = reservation.ListingId,
            ParentListingId = ParentOf(reservation.ListingId),
            ConfirmationCode = reservation.ConfirmationCode,
            DedupeKey = ReservationKey(reservation.ConfirmationCode),
            Reservation = reservation,
            Source = UnmappedReservationSource.Pull,
            FetchedViaConnectionId = fetchedVia.Id,
            TenantId = await AttributeAsync(reservation.Platform, reservation.ListingId, fetchedVia, cancellationToken).ConfigureAwait(false),
            FirstSeenAt = now,
            LastSeenAt = now,
        };
        return await RecordAsync(sighting, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks a record imported under a connection, if it is open; a failure is logged, not thrown (the booking is stored).</summary>
    /// <param name="id">The record.</param>
    /// <param name="connection">The connection the booking was stored under.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when done.</returns>
    public async Task MarkImportedAsync(Guid id, ChannelConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            if (await _store.MarkImportedAsync(id, connection, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                _logger.LogInformation("Unmapped reservation {UnmappedReservationId} was imported under connection {ConnectionId}", id, connection.Id);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "Marking unmapped reservation {UnmappedReservationId} imported failed; it stays open", id);
        }
    }

    /// <summary>
    /// A connection for a listing appeared (created, relisted or resumed): requeues the inbox entries parked for the open
    /// records of that listing (or of its parent, for alerts that name only the hotel) and asks the connection for a
    /// reservation pull, which brings the reservations left in the platform's queue. Failures are logged, not thrown.
    /// </summary>
    /// <param name="connection">The new or changed connection.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many open records were found.</returns>
    public async Task<int> ResolveForConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            var listings = ParentOf(connection.PlatformListingId) is { } parent
                ? new[] { connection.PlatformListingId, parent }
                : new[] { connection.PlatformListingId };
            var open = await _store.ListOpenForListingsAsync(connection.Platform, listings, MaxResolvedPerConnection, cancellationToken).ConfigureAwait(false);
            if (open.Count == 0)
            {
                return 0;
            }

            var requeued = 0;
            var now = _time.GetUtcNow();
            foreach (var record in open)
            {
                requeued += await _inbox.RequeueParkedAsync(record.Id, now, cancellationToken).ConfigureAwait(false);
            }

            if (open.Any(r => r.Source == UnmappedReservationSource.Pull))
            {
                _queue.RequestReservationPull(new ConnectionKey(connection.TenantId, connection.Id), "unmapped.connected");
            }

            if (requeued > 0)
            {
                _signal.Notify();
            }

            _logger.LogInformation(
                "Connection {ConnectionId} ({Platform}) maps {Count} open unmapped reservations; {Requeued} parked webhooks requeued",
                connection.Id,
                connection.Platform.ToWireName(),
                open.Count,
                requeued);
            return open.Count;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "Importing the unmapped reservations of connection {ConnectionId} failed; parked webhooks are rechecked later", connection.Id);
            return 0;
        }
    }

    /// <summary>Requeues the inbox entries parked for a record (after a dismissal, so the worker drops them).</summary>
    /// <param name="id">The record.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when done.</returns>
    public async Task ReleaseParkedAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await _inbox.RequeueParkedAsync(id, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false) > 0)
        {
            _signal.Notify();
        }
    }

    /// <summary>
    /// Requeues the entries parked for a record if it is no longer open: a dismissal or a new connection that came
    /// between reading the record and parking an entry for it found nothing parked to wake, so the entry would
    /// otherwise wait for its recheck time.
    /// </summary>
    /// <param name="id">The record.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when done.</returns>
    public async Task ReleaseParkedIfClosedAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await _store.GetAsync(null, id, cancellationToken).ConfigureAwait(false) is { State: not UnmappedReservationState.Open })
        {
            await ReleaseParkedAsync(id, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string ReservationKey(string confirmationCode) => "reservation:" + confirmationCode;

    private async Task<UnmappedReservation> RecordAsync(UnmappedReservation sighting, CancellationToken cancellationToken)
    {
        var (record, opened) = await _store.RecordSightingAsync(sighting, cancellationToken).ConfigureAwait(false);
        if (!opened)
        {
            return record;
        }

        _opened.Add(1, new KeyValuePair<string, object?>(ChannelManagerMetrics.PlatformLabel, record.Platform.ToWireName()));
        _logger.LogWarning(
            "Unmapped reservation {UnmappedReservationId}: {Platform} reservation {ConfirmationCode} ({Source}) is for listing '{ListingId}', which no connection maps; it is kept until the listing is connected or the record is dismissed",
            record.Id,
            record.Platform.ToWireName(),
            record.ConfirmationCode ?? "(not named)",
            record.Source.ToWireName(),
            record.ListingId);
        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnUnmappedReservationAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Unmapped-reservation observer {Observer} failed for record {UnmappedReservationId}", observer.GetType().Name, record.Id);
            }
        }

        return record;
    }

    /// <summary>
    /// The tenant a record can safely be attributed to: that of the connection it was fetched through when that is a
    /// sibling (same parent listing), else that of a live connection of a sibling; none for a lone listing.
    /// </summary>
    private async Task<string?> AttributeAsync(Platform platform, string listingId, ChannelConnection? fetchedVia, CancellationToken cancellationToken)
    {
        var parent = ParentOf(listingId) ?? listingId;
        if (fetchedVia is not null && fetchedVia.Platform == platform && fetchedVia.PlatformListingId.StartsWith(parent + ":", StringComparison.Ordinal))
        {
            return fetchedVia.TenantId;
        }

        var sibling = await _connections.FindBySubListingOfAsync(platform, parent, cancellationToken).ConfigureAwait(false);
        return sibling?.TenantId;
    }
}

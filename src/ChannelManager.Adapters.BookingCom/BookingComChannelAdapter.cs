using System.Collections.Concurrent;
using ChannelManager.Adapters.BookingCom.Api;
using ChannelManager.Adapters.BookingCom.Ari;
using ChannelManager.Adapters.BookingCom.Calendar;
using ChannelManager.Adapters.BookingCom.Reservations;
using ChannelManager.Adapters.BookingCom.Webhooks;
using ChannelManager.Bookings;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.BookingCom;

/// <summary>
/// Speaks Booking.com's Connectivity APIs (platforms.md §1): OTA ARI out, the OTA reservation queue in (with
/// acknowledgement), B.XML <c>roomrateavailability</c> read-back, Connectivity Notification Service verification.
/// Every failed call throws <see cref="PlatformCallException"/>; nothing is retried here.
/// </summary>
internal sealed class BookingComChannelAdapter(
    BookingComApiClient client,
    BookingComTokenProvider tokens,
    IOptions<BookingComOptions> options,
    TimeProvider timeProvider,
    ILogger<BookingComChannelAdapter> logger) : IChannelAdapter, IChannelCalendarReader, IReservationAcknowledger
{
    private readonly RoomRateAvailabilityReader _calendarReader = new(client, options);

    /// <summary>The queue each pulled, unacknowledged reservation came from (hotel + ResID_Value), so that its acknowledgement goes to the same endpoint.</summary>
    private readonly ConcurrentDictionary<(string Hotel, string ResId), ReservationQueue> _unacknowledged = new();

    /// <summary>The two queues a pull reads, in order: new reservations, then modifications and cancellations.</summary>
    private static readonly (ReservationQueue Queue, string Path)[] Queues =
        [(ReservationQueue.New, BookingComUrls.ResNotif), (ReservationQueue.Modify, BookingComUrls.ResModifyNotif)];

    public Platform Platform => Platform.BookingCom;

    public async Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = BookingComTarget.Of(request.Connection, needsRatePlan: (request.Scope & (AriPushScope.Rates | AriPushScope.Restrictions)) != 0);
        var now = timeProvider.GetUtcNow();

        // Booking.com refuses dates more than a day in the past (NOT_A_VALID_DATE, CET): such nights are left out.
        var earliest = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1);
        var requests = OtaAriMessageBuilder.Build(target, request.Days, request.Scope, now, options.Value.Target, earliest);
        var root = BookingComUrls.Root(options.Value.BaseUrl);
        foreach (var ota in requests)
        {
            var (operation, path) = ota.Kind == OtaAriKind.Availability
                ? ("OTA_HotelAvailNotif", BookingComUrls.AvailNotif)
                : ("OTA_HotelRateAmountNotif", BookingComUrls.RateAmountNotif);
            await client.SendAsync(operation, HttpMethod.Post, new Uri(root, path), ota.Body, cancellationToken).ConfigureAwait(false);
        }

        logger.LogDebug(
            "Pushed {Nights} nights to Booking.com hotel {HotelId} room {RoomId} in {Calls} calls",
            request.Days.Count,
            target.HotelId,
            target.RoomId,
            requests.Count);
        return new AriPushResult(requests.Count);
    }

    public Task<PlatformCalendarRead> ReadCalendarAsync(ChannelConnection connection, DateRange range, CancellationToken cancellationToken = default)
    {
        var target = BookingComTarget.Of(connection, needsRatePlan: false);
        return _calendarReader.ReadAsync(target, range, cancellationToken);
    }

    public async Task<IReadOnlyList<PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = BookingComTarget.Of(connection, needsRatePlan: false);
        if (request.MaxResults <= 0)
        {
            return [];
        }

        var query = "?hotel_ids=" + Uri.EscapeDataString(target.HotelId);
        if (!string.IsNullOrWhiteSpace(request.ConfirmationCode))
        {
            query += "&id=" + Uri.EscapeDataString(request.ConfirmationCode.Trim());
        }

        var results = new List<PlatformReservation>();
        foreach (var (queue, path) in Queues)
        {
            var operation = queue == ReservationQueue.New ? "OTA_HotelResNotif" : "OTA_HotelResModifyNotif";
            var url = new Uri(BookingComUrls.Root(options.Value.EffectiveReservationsBaseUrl), path + query);
            var document = await client.SendAsync(operation, HttpMethod.Get, url, body: null, cancellationToken).ConfigureAwait(false);
            if (document is null)
            {
                continue;
            }

            IReadOnlyList<QueuedReservation> queued;
            try
            {
                queued = OtaReservationParser.Parse(document);
            }
            catch (FormatException ex)
            {
                throw new PlatformCallException(Platform.BookingCom, $"Booking.com {operation}: {ex.Message}", isTransient: false, statusCode: 200, innerException: ex);
            }

            foreach (var item in queued)
            {
                if (item.HotelId != target.HotelId || !item.RoomIds.Contains(target.RoomId))
                {
                    // Another hotel's or another room's reservation: left unacknowledged for its own connection's pull.
                    continue;
                }

                PlatformReservation? reservation;
                try
                {
                    reservation = item.Map(target.RoomId);
                }
                catch (FormatException ex)
                {
                    throw new PlatformCallException(Platform.BookingCom, $"Booking.com {operation}: {ex.Message}", isTransient: false, statusCode: 200, innerException: ex);
                }

                if (reservation is null ||
                    (request.ChangedSince is { } since && reservation.UpdatedAt is { } updated && updated < since) ||
                    (!string.IsNullOrWhiteSpace(request.ConfirmationCode) && reservation.ConfirmationCode != request.ConfirmationCode.Trim()))
                {
                    continue;
                }

                _unacknowledged[(target.HotelId, reservation.ConfirmationCode)] = queue;
                if (results.Count < request.MaxResults)
                {
                    results.Add(reservation);
                }
            }
        }

        return results;
    }

    public async Task<int> AcknowledgeReservationsAsync(ChannelConnection connection, IReadOnlyList<PlatformReservation> reservations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservations);
        var target = BookingComTarget.Of(connection, needsRatePlan: false);
        var byQueue = new Dictionary<ReservationQueue, List<string>>();
        foreach (var reservation in reservations.DistinctBy(r => r.ConfirmationCode))
        {
            if (!_unacknowledged.TryGetValue((target.HotelId, reservation.ConfirmationCode), out var queue))
            {
                // Not served by this process's last pull (e.g. already acknowledged): the next pull serves it again if needed.
                logger.LogDebug("Booking.com reservation {ResId} was not pulled from a queue here; not acknowledged", reservation.ConfirmationCode);
                continue;
            }

            if (!byQueue.TryGetValue(queue, out var ids))
            {
                ids = [];
                byQueue[queue] = ids;
            }

            ids.Add(reservation.ConfirmationCode);
        }

        var calls = 0;
        foreach (var (queue, ids) in byQueue.OrderBy(kv => kv.Key))
        {
            var (operation, path) = queue == ReservationQueue.New
                ? ("OTA_HotelResNotif acknowledgement", BookingComUrls.ResNotif)
                : ("OTA_HotelResModifyNotif acknowledgement", BookingComUrls.ResModifyNotif);
            var body = OtaAcknowledgementWriter.Write(queue, target.HotelId, ids, timeProvider.GetUtcNow(), options.Value.Target);
            var url = new Uri(BookingComUrls.Root(options.Value.EffectiveReservationsBaseUrl), path);
            await client.SendAsync(operation, HttpMethod.Post, url, body, cancellationToken).ConfigureAwait(false);
            calls++;
            foreach (var id in ids)
            {
                _unacknowledged.TryRemove(new KeyValuePair<(string, string), ReservationQueue>((target.HotelId, id), queue));
            }
        }

        return calls;
    }

    public WebhookVerificationResult VerifyWebhook(WebhookRequest request) =>
        BookingComNotificationVerifier.Verify(request, options.Value, timeProvider.GetUtcNow());

    public WebhookNotification ParseWebhook(WebhookRequest request) => BookingComNotificationParser.Parse(request);

    public async Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default)
    {
        BookingComTarget target;
        try
        {
            target = BookingComTarget.Of(connection, needsRatePlan: false);
        }
        catch (ChannelManagerValidationException ex)
        {
            return new ConnectionTestResult(false, "The connection is not set up for Booking.com: " + string.Join(" ", ex.Errors.SelectMany(kv => kv.Value.Select(m => $"{kv.Key}: {m}"))));
        }

        var started = timeProvider.GetTimestamp();
        try
        {
            await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
            await _calendarReader.ReadChunkAsync(target, today, 1, cancellationToken).ConfigureAwait(false);
            return new ConnectionTestResult(true, $"Booking.com hotel {target.HotelId} room {target.RoomId} is reachable with the machine account.", Elapsed(started));
        }
        catch (PlatformCallException ex)
        {
            var message = ex.StatusCode switch
            {
                401 => "Booking.com rejected the machine account's credentials or token.",
                403 => $"The machine account has no access to Booking.com hotel {target.HotelId}.",
                _ when ex.IsTransient => $"Booking.com is not reachable right now: {ex.Message}",
                _ => ex.Message,
            };
            return new ConnectionTestResult(false, message, Elapsed(started));
        }
    }

    private double Elapsed(long started) => Math.Round(timeProvider.GetElapsedTime(started).TotalMilliseconds, 3);
}

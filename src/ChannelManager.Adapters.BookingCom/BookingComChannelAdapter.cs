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
    ILogger<BookingComChannelAdapter> logger) : IChannelAdapter, IChannelCalendarReader, IReservationAcknowledger, IChannelConnectionValidator, IWebhookReceptionContract
{
    private readonly RoomRateAvailabilityReader _calendarReader = new(client, options);

    /// <summary>
    /// Each pulled, unacknowledged reservation part (hotel + confirmation code): its reservation, the queue it came from
    /// (so that its acknowledgement goes to the same endpoint) and all the reservation's parts (it is acknowledged only
    /// when all of them are stored).
    /// </summary>
    private readonly ConcurrentDictionary<(string Hotel, string Code), PulledReservation> _unacknowledged = new();

    /// <summary>The two queues a pull reads, in order: new reservations, then modifications and cancellations.</summary>
    private static readonly (ReservationQueue Queue, string Path)[] Queues =
        [(ReservationQueue.New, BookingComUrls.ResNotif), (ReservationQueue.Modify, BookingComUrls.ResModifyNotif)];

    public Platform Platform => Platform.BookingCom;

    /// <summary>Connectivity Notification Service calls are JSON.</summary>
    public WebhookBodyFormat WebhookBodyFormat => WebhookBodyFormat.Json;

    /// <summary>Whether a notification signing key or the Basic pair is set (the options validator requires one).</summary>
    public bool IsWebhookVerificationConfigured =>
        !string.IsNullOrEmpty(options.Value.NotificationSigningKey)
        || (!string.IsNullOrEmpty(options.Value.NotificationBasicUsername) && !string.IsNullOrEmpty(options.Value.NotificationBasicPassword));

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

        // The hotel's queue is shared by all its rooms' connections: every room's reservations are returned (one part per
        // room type, listing {hotel}:{room}), and the engine imports each under its own room's connection.
        var code = string.IsNullOrWhiteSpace(request.ConfirmationCode) ? null : request.ConfirmationCode.Trim();
        var query = "?hotel_ids=" + Uri.EscapeDataString(target.HotelId);
        if (code is not null)
        {
            query += "&id=" + Uri.EscapeDataString(OtaReservationParser.ResIdOf(code));
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
                if (item.HotelId != target.HotelId || (code is not null && item.ResId != code && item.Parts.All(p => p.ConfirmationCode != code)))
                {
                    // Another hotel's: left unacknowledged for its own connections' pull.
                    continue;
                }

                if (item.Parts.Count == 0)
                {
                    logger.LogWarning("Booking.com reservation {ResId} of hotel {HotelId} names no room type; it is left in the queue", item.ResId, item.HotelId);
                    continue;
                }

                if ((request.ChangedSince is { } since && item.Parts[0].UpdatedAt is { } updated && updated < since) ||
                    results.Count + item.Parts.Count > request.MaxResults)
                {
                    continue;
                }

                var pulled = new PulledReservation(item.ResId, queue, item.Parts.Select(p => p.ConfirmationCode).ToArray());
                foreach (var part in item.Parts)
                {
                    _unacknowledged[(target.HotelId, part.ConfirmationCode)] = pulled;
                    results.Add(part);
                }
            }
        }

        return results;
    }

    public async Task<int> AcknowledgeReservationsAsync(ChannelConnection connection, IReadOnlyList<PlatformReservation> reservations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservations);
        var target = BookingComTarget.Of(connection, needsRatePlan: false);
        // A reservation is acknowledged once all its parts (one per room type) are stored: acknowledging it takes it out
        // of the queue for every room.
        var stored = reservations.Select(r => r.ConfirmationCode).ToHashSet(StringComparer.Ordinal);
        var byQueue = new Dictionary<ReservationQueue, List<PulledReservation>>();
        foreach (var code in stored)
        {
            if (!_unacknowledged.TryGetValue((target.HotelId, code), out var pulled))
            {
                // Not served by this process's last pull (e.g. already acknowledged): the next pull serves it again if needed.
                logger.LogDebug("Booking.com reservation {Code} was not pulled from a queue here; not acknowledged", code);
                continue;
            }

            if (!pulled.Parts.All(stored.Contains))
            {
                logger.LogDebug("Booking.com reservation {ResId} has parts not stored yet; not acknowledged", pulled.ResId);
                continue;
            }

            if (!byQueue.TryGetValue(pulled.Queue, out var list))
            {
                list = [];
                byQueue[pulled.Queue] = list;
            }

            if (!list.Any(p => p.ResId == pulled.ResId))
            {
                list.Add(pulled);
            }
        }

        var calls = 0;
        foreach (var (queue, pulledList) in byQueue.OrderBy(kv => kv.Key))
        {
            var (operation, path) = queue == ReservationQueue.New
                ? ("OTA_HotelResNotif acknowledgement", BookingComUrls.ResNotif)
                : ("OTA_HotelResModifyNotif acknowledgement", BookingComUrls.ResModifyNotif);
            var body = OtaAcknowledgementWriter.Write(queue, target.HotelId, pulledList.Select(p => p.ResId).ToArray(), timeProvider.GetUtcNow(), options.Value.Target);
            var url = new Uri(BookingComUrls.Root(options.Value.EffectiveReservationsBaseUrl), path);
            await client.SendAsync(operation, HttpMethod.Post, url, body, cancellationToken).ConfigureAwait(false);
            calls++;
            foreach (var pulled in pulledList)
            {
                foreach (var part in pulled.Parts)
                {
                    _unacknowledged.TryRemove(new KeyValuePair<(string, string), PulledReservation>((target.HotelId, part), pulled));
                }
            }
        }

        return calls;
    }

    public ValidationErrors ValidateConnection(string platformListingId, IReadOnlyDictionary<string, string> platformMetadata) =>
        BookingComTarget.Validate(platformListingId, platformMetadata);

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

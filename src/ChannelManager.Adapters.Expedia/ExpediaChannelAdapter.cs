using System.Collections.Concurrent;
using ChannelManager.Adapters.Expedia.Api;
using ChannelManager.Adapters.Expedia.Ari;
using ChannelManager.Adapters.Expedia.Notifications;
using ChannelManager.Adapters.Expedia.Reservations;
using ChannelManager.Bookings;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Expedia;

/// <summary>
/// Speaks Expedia QuickConnect (EQC, platforms.md §3): Availability and Rates (<c>AvailRateUpdateRQ</c>) out, Booking
/// Retrieval (<c>BookingRetrievalRQ</c>) in, Booking Confirmation (<c>BookingConfirmRQ</c>) as the acknowledgement;
/// and, where the property uses Booking Notification instead, Expedia's pushed SOAP <c>OTA_HotelResNotifRQ</c> in
/// (verified, parsed and answered with <c>OTA_HotelResNotifRS</c>). Every failed call throws
/// <see cref="PlatformCallException"/>; nothing is retried here.
/// </summary>
internal sealed class ExpediaChannelAdapter(
    EqcClient client,
    IOptions<ExpediaOptions> options,
    TimeProvider timeProvider,
    ILogger<ExpediaChannelAdapter> logger) : IChannelAdapter, IReservationAcknowledger, IWebhookReplyWriter, IChannelConnectionValidator, IWebhookReceptionContract
{
    /// <summary>The booking types of each retrieved, unconfirmed booking (hotel + booking id), so that its confirmation echoes them.</summary>
    private readonly ConcurrentDictionary<(string Hotel, string BookingId), string[]> _unconfirmed = new();

    public Platform Platform => Platform.Expedia;

    /// <summary>Booking Notifications are SOAP XML.</summary>
    public WebhookBodyFormat WebhookBodyFormat => WebhookBodyFormat.Xml;

    /// <summary>
    /// Whether the Booking Notification credentials are set. They are optional (reservations also come by Booking
    /// Retrieval); without them <c>/webhooks/expedia</c> answers 404 "not configured".
    /// </summary>
    public bool IsWebhookVerificationConfigured =>
        !string.IsNullOrEmpty(options.Value.NotificationUsername) && !string.IsNullOrEmpty(options.Value.NotificationPassword);

    public async Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = ExpediaTarget.Of(request.Connection, needsRatePlan: (request.Scope & (AriPushScope.Rates | AriPushScope.Restrictions)) != 0);
        var settings = options.Value;
        var today = Today();

        // Yesterday (UTC) is still today somewhere west of UTC; Expedia takes updates up to 2 years ahead.
        var messages = AvailRateUpdateBuilder.Build(target, request.Days, request.Scope, settings.Username!, settings.Password!, settings.MaxUpdatesPerMessage, today.AddDays(-1), today.AddYears(2));
        var url = ExpediaUrls.Of(settings.BaseUrl, ExpediaUrls.AvailRates);
        foreach (var message in messages)
        {
            await client.SendAsync("AvailRateUpdate", url, message.Body, "AvailRateUpdateRS", cancellationToken).ConfigureAwait(false);
        }

        logger.LogDebug(
            "Pushed {Nights} nights to Expedia property {HotelId} room type {RoomTypeId} in {Calls} calls",
            request.Days.Count,
            target.HotelId,
            target.RoomTypeId,
            messages.Count);
        return new AriPushResult(messages.Count);
    }

    public async Task<IReadOnlyList<PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = ExpediaTarget.Of(connection, needsRatePlan: false);
        if (request.MaxResults <= 0)
        {
            return [];
        }

        var code = string.IsNullOrWhiteSpace(request.ConfirmationCode) ? null : request.ConfirmationCode.Trim();
        var bookings = await RetrieveAsync(target, code, daysInPast: null, cancellationToken).ConfigureAwait(false);
        // Booking Retrieval serves the whole property: every room type's bookings are returned (listing
        // {property}:{room type}), and the engine imports each under its own room type's connection.
        var results = new List<PlatformReservation>();
        foreach (var group in bookings.Where(b => b.HotelId == target.HotelId).GroupBy(b => b.BookingId))
        {
            var messages = group.ToArray();

            // Several versions of one booking (e.g. Book then Modify) in one answer: the latest one tells its state.
            var latest = messages.OrderBy(b => b.Reservation.UpdatedAt ?? DateTimeOffset.MinValue).ThenBy(b => TypeOrder(b.BookingType)).Last().Reservation;
            if ((request.ChangedSince is { } since && latest.UpdatedAt is { } updated && updated < since) ||
                (code is not null && latest.ConfirmationCode != code) ||
                results.Count >= request.MaxResults)
            {
                continue;
            }

            // A cancellation names no room type (roomTypeID="0"): the booking's earlier message in this answer names it;
            // else its listing is the property alone and the engine imports it under the connection that holds the booking.
            if (latest.ListingId == target.HotelId &&
                messages.LastOrDefault(b => b.RoomTypeId != ExpediaListingIds.NoRoomType) is { } named)
            {
                latest = latest with { ListingId = named.Reservation.ListingId };
            }

            _unconfirmed[(target.HotelId, group.Key)] = messages.Select(b => b.BookingType).Distinct(StringComparer.Ordinal).ToArray();
            results.Add(latest);
        }

        return results;
    }

    public ValidationErrors ValidateConnection(string platformListingId, IReadOnlyDictionary<string, string> platformMetadata) =>
        ExpediaTarget.Validate(platformListingId, platformMetadata);

    public async Task<int> AcknowledgeReservationsAsync(ChannelConnection connection, IReadOnlyList<PlatformReservation> reservations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservations);
        var target = ExpediaTarget.Of(connection, needsRatePlan: false);
        var settings = options.Value;
        var toConfirm = new List<BookingToConfirm>();
        foreach (var reservation in reservations.DistinctBy(r => r.ConfirmationCode))
        {
            if (!_unconfirmed.TryGetValue((target.HotelId, reservation.ConfirmationCode), out var types))
            {
                // Not retrieved by this process (e.g. already confirmed): the next pull serves it again if needed.
                logger.LogDebug("Expedia booking {BookingId} was not retrieved here; not confirmed", reservation.ConfirmationCode);
                continue;
            }

            toConfirm.AddRange(types.Select(type => new BookingToConfirm(reservation.ConfirmationCode, type, settings.ConfirmNumberPrefix + reservation.ConfirmationCode)));
        }

        if (toConfirm.Count == 0)
        {
            return 0;
        }

        var body = EqcBookingMessages.Confirmation(settings.Username!, settings.Password!, target.HotelId, toConfirm, timeProvider.GetUtcNow());
        await client.SendAsync("BookingConfirm", ExpediaUrls.Of(settings.BaseUrl, ExpediaUrls.BookingConfirmation), body, "BookingConfirmRS", cancellationToken).ConfigureAwait(false);
        foreach (var id in toConfirm.Select(b => b.BookingId).Distinct())
        {
            _unconfirmed.TryRemove((target.HotelId, id), out _);
        }

        return 1;
    }

    /// <summary>
    /// Checks a Booking Notification's SOAP header credentials against <see cref="ExpediaOptions.NotificationUsername"/>
    /// and <see cref="ExpediaOptions.NotificationPassword"/>; refuses every request when they are not configured.
    /// </summary>
    public WebhookVerificationResult VerifyWebhook(WebhookRequest request)
    {
        var settings = options.Value;
        return BookingNotificationVerifier.Verify(request, settings.NotificationUsername, settings.NotificationPassword);
    }

    /// <summary>Maps a verified Booking Notification to the whole reservation.</summary>
    public WebhookNotification ParseWebhook(WebhookRequest request) => BookingNotificationParser.Parse(request);

    /// <summary>
    /// Answers a stored (or duplicate) Booking Notification with <c>OTA_HotelResNotifRS</c> <c>&lt;Success/&gt;</c>,
    /// echoing Expedia's booking id and giving ours (<see cref="ExpediaOptions.ConfirmNumberPrefix"/> + booking id, the
    /// same number Booking Confirmation sends).
    /// </summary>
    public WebhookReply? CreateReply(WebhookRequest request, bool duplicate)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var envelope = BookingNotificationEnvelope.Read(request.Body);
            var reservation = BookingNotificationParser.Parse(request).Reservation!;
            var bookingId = reservation.ConfirmationCode;
            var content = BookingNotificationReplyWriter.Success(envelope, bookingId, options.Value.ConfirmNumberPrefix + bookingId, ExpediaListingIds.PropertyOf(reservation.ListingId), request.ReceivedAt);
            logger.LogDebug("Answering Expedia Booking Notification {RequestId} for booking {BookingId} (duplicate: {Duplicate})", envelope.RequestId, bookingId, duplicate);
            return new WebhookReply(content, BookingNotificationReplyWriter.ContentTypeOf(envelope));
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or FormatException or WebhookFormatException)
        {
            // Not reached for a notification that was verified and parsed; the endpoint's default answer then.
            return null;
        }
    }

    public async Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default)
    {
        ExpediaTarget target;
        try
        {
            target = ExpediaTarget.Of(connection, needsRatePlan: false);
        }
        catch (ChannelManagerValidationException ex)
        {
            return new ConnectionTestResult(false, "The connection is not set up for Expedia: " + string.Join(" ", ex.Errors.SelectMany(kv => kv.Value.Select(m => $"{kv.Key}: {m}"))));
        }

        var started = timeProvider.GetTimestamp();
        try
        {
            // Authentication is inside every EQC message: one read-only retrieval (yesterday's bookings) checks it and the property access.
            await RetrieveAsync(target, bookingId: null, daysInPast: 1, cancellationToken).ConfigureAwait(false);
            return new ConnectionTestResult(true, $"Expedia property {target.HotelId} (room type {target.RoomTypeId}) is reachable with the EQC credentials.", Elapsed(started));
        }
        catch (PlatformCallException ex)
        {
            var message = ex.Message.Contains($"[{EqcIssue.AuthenticationCode}]", StringComparison.Ordinal) || ex.StatusCode == 401
                ? "Expedia rejected the EQC credentials (user name or password)."
                : ex.Message.Contains($"[{EqcIssue.AuthorizationCode}]", StringComparison.Ordinal) || ex.StatusCode == 403
                    ? $"The EQC user has no access to Expedia property {target.HotelId}."
                    : ex.IsTransient ? $"Expedia is not reachable right now: {ex.Message}" : ex.Message;
            return new ConnectionTestResult(false, message, Elapsed(started));
        }
    }

    private async Task<IReadOnlyList<RetrievedBooking>> RetrieveAsync(ExpediaTarget target, string? bookingId, int? daysInPast, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var body = EqcBookingMessages.Retrieval(settings.Username!, settings.Password!, target.HotelId, bookingId, daysInPast);
        var (root, _) = await client.SendAsync("BookingRetrieval", ExpediaUrls.Of(settings.BaseUrl, ExpediaUrls.BookingRetrieval), body, "BookingRetrievalRS", cancellationToken).ConfigureAwait(false);
        try
        {
            return EqcBookingMessages.Parse(root);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new PlatformCallException(Platform.Expedia, $"Expedia BookingRetrieval: {ex.Message}", isTransient: false, statusCode: 200, innerException: ex);
        }
    }

    private static int TypeOrder(string type) => type switch { "Book" => 0, "Modify" => 1, _ => 2 };

    private DateOnly Today() => DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);

    private double Elapsed(long started) => Math.Round(timeProvider.GetElapsedTime(started).TotalMilliseconds, 3);
}

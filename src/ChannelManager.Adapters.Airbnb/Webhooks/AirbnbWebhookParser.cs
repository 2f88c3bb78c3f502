using System.Text.Json;
using ChannelManager.Adapters.Airbnb.Api;
using ChannelManager.Adapters.Airbnb.Reservations;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Webhooks;

namespace ChannelManager.Adapters.Airbnb.Webhooks;

/// <summary>
/// Parses Airbnb's notifications <c>{"action", "reservation":{…}}</c>. Reservation actions must carry a valid
/// reservation; other actions are acknowledged as <see cref="WebhookNotificationKind.Other"/> (or
/// <see cref="WebhookNotificationKind.Test"/>) with whatever listing and code they name.
/// </summary>
internal static class AirbnbWebhookParser
{
    public const string ReservationAccepted = "reservation_acceptance_confirmation";
    public const string ReservationAltered = "reservation_alteration_confirmation";
    public const string ReservationCancelled = "reservation_cancellation_confirmation";
    public const string TestNotification = "test_notification";

    public static WebhookNotification Parse(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        AirbnbWebhookPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(request.Body.Span, AirbnbJsonContext.Default.AirbnbWebhookPayload);
        }
        catch (JsonException ex)
        {
            throw new WebhookFormatException($"The Airbnb webhook body is not a valid notification: {ex.Message}", ex);
        }

        if (payload is null)
        {
            throw new WebhookFormatException("The Airbnb webhook body is empty (JSON null).");
        }

        if (string.IsNullOrWhiteSpace(payload.Action))
        {
            throw new WebhookFormatException("The Airbnb webhook has no action.");
        }

        var action = payload.Action.Trim();
        var kind = action switch
        {
            ReservationAccepted => WebhookNotificationKind.ReservationCreated,
            ReservationAltered => WebhookNotificationKind.ReservationModified,
            ReservationCancelled => WebhookNotificationKind.ReservationCancelled,
            TestNotification => WebhookNotificationKind.Test,
            _ => WebhookNotificationKind.Other,
        };

        PlatformReservation? reservation = null;
        if (kind is WebhookNotificationKind.ReservationCreated or WebhookNotificationKind.ReservationModified or WebhookNotificationKind.ReservationCancelled)
        {
            if (payload.Reservation is null)
            {
                throw new WebhookFormatException($"The Airbnb webhook {action} has no reservation.");
            }

            try
            {
                reservation = AirbnbReservationMapper.Map(payload.Reservation, StatusFor(kind, payload.Reservation));
            }
            catch (AirbnbReservationFormatException ex)
            {
                throw new WebhookFormatException($"The Airbnb webhook {action} is invalid: {ex.Message}", ex);
            }
        }

        return new WebhookNotification
        {
            Platform = Platform.Airbnb,
            DeliveryId = request.Header(AirbnbWebhookSignatureVerifier.DeliveryIdHeader)?.Trim() is { Length: > 0 } id ? id : null,
            Kind = kind,
            ListingId = reservation?.ListingId ?? payload.Reservation?.ListingId ?? payload.ListingId,
            ConfirmationCode = reservation?.ConfirmationCode ?? payload.Reservation?.ConfirmationCode,
            Reservation = reservation,
            PlatformEventName = action,
        };
    }

    /// <summary>
    /// A cancellation is cancelled whatever its <c>status_type</c> says; an acceptance or alteration is confirmed
    /// unless its <c>status_type</c> says cancelled (a late, superseded notification).
    /// </summary>
    private static BookingStatus StatusFor(WebhookNotificationKind kind, AirbnbReservationDto reservation) =>
        kind == WebhookNotificationKind.ReservationCancelled
            ? BookingStatus.Cancelled
            : AirbnbReservationMapper.StatusOf(reservation.StatusType) ?? BookingStatus.Confirmed;
}

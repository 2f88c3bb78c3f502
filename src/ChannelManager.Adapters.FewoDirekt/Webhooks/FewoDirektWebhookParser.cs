using System.Xml;
using ChannelManager.Adapters.FewoDirekt.Api;
using ChannelManager.Adapters.FewoDirekt.Reservations;
using ChannelManager.Connections;
using ChannelManager.Webhooks;

namespace ChannelManager.Adapters.FewoDirekt.Webhooks;

/// <summary>
/// Parses a verified notification: <c>bookingRequest</c> → reservation created (cancelled when its status says so),
/// <c>bookingUpdate</c> → modified or cancelled, <c>ping</c> → test; the whole reservation is carried, so the worker
/// needs no fetch. The delivery id is the <c>X-FewoDirekt-Delivery-Id</c> header.
/// </summary>
internal static class FewoDirektWebhookParser
{
    public static WebhookNotification Parse(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        System.Xml.Linq.XDocument document;
        try
        {
            document = FewoXml.Parse(request.Body);
        }
        catch (XmlException ex)
        {
            throw new WebhookFormatException($"The FeWo-direkt notification is not well-formed XML: {ex.Message}", ex);
        }

        var deliveryId = request.Header(FewoDirektWire.DeliveryIdHeader)?.Trim() is { Length: > 0 } id ? id : null;
        if (document.Root?.Name.LocalName == FewoDirektWire.PingRoot)
        {
            return new WebhookNotification { Platform = Platform.FewoDirekt, DeliveryId = deliveryId, Kind = WebhookNotificationKind.Test, PlatformEventName = FewoDirektWire.PingRoot };
        }

        FewoBooking booking;
        try
        {
            booking = FewoBookingParser.Parse(document);
        }
        catch (FormatException ex)
        {
            throw new WebhookFormatException($"The FeWo-direkt notification is not a valid booking: {ex.Message}", ex);
        }

        var kind = booking.Status == FewoDirektWire.StatusCancelled
            ? WebhookNotificationKind.ReservationCancelled
            : booking.Root == FewoDirektWire.BookingRequestRoot ? WebhookNotificationKind.ReservationCreated : WebhookNotificationKind.ReservationModified;
        return new WebhookNotification
        {
            Platform = Platform.FewoDirekt,
            DeliveryId = deliveryId,
            Kind = kind,
            ListingId = booking.Reservation.ListingId,
            ConfirmationCode = booking.Reservation.ConfirmationCode,
            Reservation = booking.Reservation,
            PlatformEventName = booking.Root + ":" + booking.Status,
        };
    }
}

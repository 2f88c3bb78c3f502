using System.Xml;
using System.Xml.Linq;
using ChannelManager.Adapters.FewoDirekt.Api;
using ChannelManager.Adapters.FewoDirekt.Reservations;
using ChannelManager.Connections;
using ChannelManager.Webhooks;

namespace ChannelManager.Adapters.FewoDirekt.Webhooks;

/// <summary>
/// Parses a verified booking document Vrbo posted: <c>bookingRequest</c> → reservation created (cancelled when its
/// status says so), <c>bookingUpdate</c> → modified or cancelled; the whole reservation is carried, so the worker
/// needs no fetch. Vrbo sends no delivery id: the inbox deduplicates by the body's hash.
/// </summary>
internal static class FewoDirektWebhookParser
{
    public static WebhookNotification Parse(WebhookRequest request)
    {
        var booking = ParseBooking(request);
        var kind = booking.Status == FewoDirektWire.StatusCancelled
            ? WebhookNotificationKind.ReservationCancelled
            : booking.Root == FewoDirektWire.BookingRequestRoot ? WebhookNotificationKind.ReservationCreated : WebhookNotificationKind.ReservationModified;
        return new WebhookNotification
        {
            Platform = Platform.FewoDirekt,
            Kind = kind,
            ListingId = booking.Reservation.ListingId,
            ConfirmationCode = booking.Reservation.ConfirmationCode,
            Reservation = booking.Reservation,
            PlatformEventName = booking.Root + ":" + booking.Status,
        };
    }

    /// <summary>Reads the booking document of a request.</summary>
    /// <exception cref="WebhookFormatException">When the body is not well-formed (or has a DTD) or not a valid booking.</exception>
    public static FewoBooking ParseBooking(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        XDocument document;
        try
        {
            document = FewoXml.Parse(request.Body);
        }
        catch (XmlException ex)
        {
            throw new WebhookFormatException($"The FeWo-direkt booking document is not well-formed XML: {ex.Message}", ex);
        }

        try
        {
            return FewoBookingParser.Parse(document);
        }
        catch (FormatException ex)
        {
            throw new WebhookFormatException($"The FeWo-direkt booking document is not valid: {ex.Message}", ex);
        }
    }
}

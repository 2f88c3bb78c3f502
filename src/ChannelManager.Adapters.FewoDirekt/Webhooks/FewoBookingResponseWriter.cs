using System.Text;
using ChannelManager.Adapters.FewoDirekt.Api;
using ChannelManager.Adapters.FewoDirekt.Reservations;
using ChannelManager.Connections;

namespace ChannelManager.Adapters.FewoDirekt.Webhooks;

/// <summary>
/// Writes the synchronous <c>bookingResponse</c> to a booking document once it is durably stored (ASSUMED shape, see
/// <see cref="FewoDirektWire.BookingResponseRoot"/>): the ids Vrbo sent, the partner's booking id as
/// <c>externalId</c> (<c>fewo_direkt:{reservationId}</c>, the id the ledger and the booking events use) and
/// <c>CONFIRMED</c> — or <c>CANCELLED</c> for a cancellation. The PMS is the system of record and accepts every
/// instant booking (an overbooking is kept and reported as a conflict, never refused here).
/// </summary>
internal static class FewoBookingResponseWriter
{
    public const string ContentType = "application/xml; charset=utf-8";

    public static string Write(FewoBooking booking)
    {
        var bytes = FewoXml.Write(w =>
        {
            w.WriteStartElement(FewoDirektWire.BookingResponseRoot);
            w.WriteElementString("documentVersion", FewoDirektWire.BookingDocumentVersion);
            w.WriteStartElement("bookingResponseDetails");
            if (booking.AdvertiserId is not null)
            {
                w.WriteElementString("advertiserAssignedId", booking.AdvertiserId);
            }

            w.WriteElementString("listingExternalId", booking.Reservation.ListingId);
            w.WriteElementString("unitExternalId", booking.UnitId);
            w.WriteElementString(FewoDirektWire.ReservationIdElement, booking.Reservation.ConfirmationCode);
            w.WriteElementString("externalId", $"{Platform.FewoDirekt.ToWireName()}:{booking.Reservation.ConfirmationCode}");
            w.WriteElementString("bookingStatus", booking.Status == FewoDirektWire.StatusCancelled ? FewoDirektWire.ResponseCancelled : FewoDirektWire.ResponseConfirmed);
            w.WriteEndElement();
            w.WriteEndElement();
        });
        return Encoding.UTF8.GetString(bytes);
    }
}

using ChannelManager.Adapters.BookingCom.Api;
using ChannelManager.Adapters.Shared.Ota;

namespace ChannelManager.Adapters.BookingCom.Reservations;

/// <summary>
/// Writes the acknowledgement of pulled reservations: <c>OTA_HotelResNotifRS</c> (or <c>OTA_HotelResModifyNotifRS</c>)
/// with <c>&lt;Success/&gt;</c> and one <c>HotelReservation/ResGlobalInfo/HotelReservationIDs/HotelReservationID
/// @ResID_Value</c> per reservation (plus <c>BasicPropertyInfo @HotelCode</c>, which the OTA schema requires).
/// </summary>
internal static class OtaAcknowledgementWriter
{
    public static byte[] Write(ReservationQueue queue, string hotelId, IReadOnlyList<string> resIds, DateTimeOffset timestamp, string otaTarget) =>
        OtaXml.Write(w =>
        {
            w.WriteStartElement(queue == ReservationQueue.New ? "OTA_HotelResNotifRS" : "OTA_HotelResModifyNotifRS", OtaXml.Namespace);
            w.WriteAttributeString("TimeStamp", OtaXml.Timestamp(timestamp));
            w.WriteAttributeString("Target", otaTarget);
            w.WriteAttributeString("Version", OtaMessageVersion.Value);
            w.WriteStartElement("Success", OtaXml.Namespace);
            w.WriteEndElement();
            w.WriteStartElement("HotelReservations", OtaXml.Namespace);
            foreach (var resId in resIds)
            {
                w.WriteStartElement("HotelReservation", OtaXml.Namespace);
                w.WriteStartElement("ResGlobalInfo", OtaXml.Namespace);
                w.WriteStartElement("HotelReservationIDs", OtaXml.Namespace);
                w.WriteStartElement("HotelReservationID", OtaXml.Namespace);
                w.WriteAttributeString("ResID_Type", "14");
                w.WriteAttributeString("ResID_Value", resId);
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteStartElement("BasicPropertyInfo", OtaXml.Namespace);
                w.WriteAttributeString("HotelCode", hotelId);
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });
}

using System.Globalization;
using System.Text;
using System.Xml;
using ChannelManager.Adapters.Expedia.Api;

namespace ChannelManager.Adapters.Expedia.Notifications;

/// <summary>
/// Writes the synchronous answer to a Booking Notification: a SOAP envelope (the request's SOAP version) whose header
/// echoes the request's <c>Interface/PayloadInfo</c> (<c>RequestId</c>, <c>RequestorId</c>, <c>ResponderId</c>,
/// <c>Location</c>; <c>CommDescriptor</c> with source and destination swapped and the <c>RetryIndicator</c>;
/// <c>PayloadDescriptor Name="OTA_HotelResNotifRS"</c> with the <c>PayloadReference</c>) — never the
/// <c>Authentication</c> — and whose body is <c>OTA_HotelResNotifRS</c> with <c>&lt;Success/&gt;</c> and
/// <c>HotelReservationID</c>s: Expedia's booking id (<c>ResID_Type</c> 8) and ours (<c>ResID_Type</c> 10, OTA UIT
/// "Hotel": the property's own confirmation number), and the property (<c>BasicPropertyInfo@HotelCode</c>, which the
/// OTA schema requires in <c>ResGlobalInfo</c>).
/// </summary>
internal static class BookingNotificationReplyWriter
{
    /// <summary><c>HotelReservationID@ResID_Type</c> of the partner's confirmation number (OTA code list UIT 10, Hotel).</summary>
    public const string PartnerIdType = "10";

    /// <summary>The OTA <c>Version</c> of the answer.</summary>
    public const string OtaVersion = "1.000";

    /// <summary>UTF-8 without BOM, two-space indentation, <c>\n</c> line ends: the same bytes on every machine.</summary>
    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
        OmitXmlDeclaration = false,
        CloseOutput = false,
    };

    /// <summary>The media type of the answer: SOAP 1.1 <c>text/xml</c>, SOAP 1.2 <c>application/soap+xml</c>.</summary>
    public static string ContentTypeOf(BookingNotificationEnvelope request) =>
        request.SoapNamespace == BookingNotificationXml.Soap12Namespace ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8";

    /// <summary>Writes the success answer.</summary>
    /// <param name="request">The notification's envelope.</param>
    /// <param name="bookingId">Expedia's booking id.</param>
    /// <param name="confirmNumber">Our confirmation number.</param>
    /// <param name="hotelCode">The property (<c>BasicPropertyInfo@HotelCode</c>).</param>
    /// <param name="timestamp">The answer's <c>TimeStamp</c>.</param>
    /// <returns>The document's text.</returns>
    public static string Success(BookingNotificationEnvelope request, string bookingId, string confirmNumber, string hotelCode, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string H = BookingNotificationXml.HeaderNamespace;
        const string Ota = BookingNotificationXml.OtaNamespace;
        var soap = request.SoapNamespace;
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, WriterSettings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("soap-env", "Envelope", soap);
            w.WriteStartElement("soap-env", "Header", soap);
            w.WriteStartElement("Interface", H);
            w.WriteAttributeString("Name", BookingNotificationXml.InterfaceName);
            w.WriteAttributeString("Version", BookingNotificationXml.InterfaceVersion);
            w.WriteStartElement("PayloadInfo", H);
            Optional(w, "RequestId", request.RequestId);
            Optional(w, "RequestorId", request.RequestorId);
            Optional(w, "ResponderId", request.ResponderId);
            Optional(w, "Location", request.Location ?? "Body");
            w.WriteStartElement("CommDescriptor", H);
            Optional(w, "SourceId", request.DestinationId);
            Optional(w, "DestinationId", request.SourceId);
            Optional(w, "RetryIndicator", request.RetryIndicator);
            w.WriteEndElement();
            w.WriteStartElement("PayloadDescriptor", H);
            w.WriteAttributeString("Name", BookingNotificationXml.ResponseRoot);
            w.WriteAttributeString("Version", BookingNotificationXml.PayloadVersion);
            if (request.SupplierHotelCode is not null || request.DistributorHotelId is not null)
            {
                w.WriteStartElement("PayloadReference", H);
                Optional(w, "SupplierHotelCode", request.SupplierHotelCode);
                Optional(w, "DistributorHotelId", request.DistributorHotelId);
                w.WriteEndElement();
            }

            w.WriteEndElement(); // PayloadDescriptor
            w.WriteEndElement(); // PayloadInfo
            w.WriteEndElement(); // Interface
            w.WriteEndElement(); // Header
            w.WriteStartElement("soap-env", "Body", soap);
            w.WriteStartElement(BookingNotificationXml.ResponseRoot, Ota);
            Optional(w, "EchoToken", EchoToken(request));
            w.WriteAttributeString("TimeStamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            if (request.Body.Attr("Target") is "Test" or "Production")
            {
                w.WriteAttributeString("Target", request.Body.Attr("Target"));
            }

            w.WriteAttributeString("Version", OtaVersion);
            w.WriteStartElement("Success", Ota);
            w.WriteEndElement();
            w.WriteStartElement("HotelReservations", Ota);
            w.WriteStartElement("HotelReservation", Ota);
            w.WriteStartElement("ResGlobalInfo", Ota);
            w.WriteStartElement("HotelReservationIDs", Ota);
            ReservationId(w, BookingNotificationParser.ExpediaIdType, bookingId);
            ReservationId(w, PartnerIdType, confirmNumber);
            w.WriteEndElement(); // HotelReservationIDs
            w.WriteStartElement("BasicPropertyInfo", Ota);
            w.WriteAttributeString("HotelCode", hotelCode);
            w.WriteEndElement();
            w.WriteEndElement(); // ResGlobalInfo
            w.WriteEndElement(); // HotelReservation
            w.WriteEndElement(); // HotelReservations
            w.WriteEndElement(); // OTA_HotelResNotifRS
            w.WriteEndElement(); // Body
            w.WriteEndElement(); // Envelope
            w.WriteEndDocument();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string? EchoToken(BookingNotificationEnvelope request) =>
        request.Body.Attr("EchoToken") is { Length: <= 128 } token ? token : null;

    private static void ReservationId(XmlWriter w, string type, string value)
    {
        w.WriteStartElement("HotelReservationID", BookingNotificationXml.OtaNamespace);
        w.WriteAttributeString("ResID_Type", type);
        w.WriteAttributeString("ResID_Value", value);
        w.WriteEndElement();
    }

    private static void Optional(XmlWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteAttributeString(name, value);
        }
    }
}

using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ChannelManager.Simulator.Expedia;

/// <summary>What the simulated Expedia read from a partner's answer to a Booking Notification.</summary>
/// <param name="Success">Whether the answer is an <c>OTA_HotelResNotifRS</c> with <c>&lt;Success/&gt;</c> for the right request and booking.</param>
/// <param name="ConfirmNumber">The partner's confirmation number (<c>HotelReservationID</c> of a <c>ResID_Type</c> other than 8).</param>
/// <param name="Problem">Why the answer does not count as a success.</param>
public sealed record ExpediaBookingNotificationAnswer(bool Success, string? ConfirmNumber, string? Problem);

/// <summary>
/// The Booking Notification (BN) messages of the simulated Expedia (platforms.md §3): a SOAP 1.1 envelope whose header
/// is <c>Interface[Name="ExpediaDirectConnect" Version="4.0"]/PayloadInfo[@RequestId @RequestorId @ResponderId]</c>
/// → <c>CommDescriptor[@SourceId @DestinationId @RetryIndicator]/Authentication[@Username @Password]</c> and
/// <c>PayloadDescriptor[@Name @Version="2003A"]/PayloadReference[@SupplierHotelCode @DistributorHotelId]</c>, and whose
/// body is an OTA 2015A-valid <c>OTA_HotelResNotifRQ</c>; and the check of the partner's <c>OTA_HotelResNotifRS</c>.
/// </summary>
internal static class ExpediaBookingNotificationWire
{
    public const string SoapNamespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string HeaderNamespace = "http://www.newtrade.com/expedia/R14/header";
    public const string OtaNamespace = "http://www.opentravel.org/OTA/2003/05";

    /// <summary><c>HotelReservationID@ResID_Type</c> of Expedia's booking id.</summary>
    public const string ExpediaIdType = "8";

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
    };

    /// <summary>The <c>@ResStatus</c> of a booking's latest message: <c>Commit</c> (new), <c>Modify</c> or <c>Cancel</c>.</summary>
    public static string ResStatusOf(ExpediaReservation reservation) => reservation.Type switch
    {
        "Modify" => "Modify",
        "Cancel" => "Cancel",
        _ => "Commit",
    };

    /// <summary>Writes the notification of a booking's latest message.</summary>
    public static byte[] Request(ExpediaReservation r, string requestId, bool retry, string? username, string? password)
    {
        const string S = SoapNamespace;
        const string H = HeaderNamespace;
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, WriterSettings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("soap-env", "Envelope", S);
            w.WriteStartElement("soap-env", "Header", S);
            w.WriteStartElement("Interface", H);
            w.WriteAttributeString("Name", "ExpediaDirectConnect");
            w.WriteAttributeString("Version", "4.0");
            w.WriteStartElement("PayloadInfo", H);
            w.WriteAttributeString("RequestId", requestId);
            w.WriteAttributeString("RequestorId", "Expedia.com");
            w.WriteAttributeString("ResponderId", "EQCHotelPartner");
            w.WriteAttributeString("Location", "Body");
            w.WriteStartElement("CommDescriptor", H);
            w.WriteAttributeString("SourceId", "ExpediaDC");
            w.WriteAttributeString("DestinationId", "EQCHotelPartner");
            w.WriteAttributeString("RetryIndicator", retry ? "true" : "false");
            if (username is not null || password is not null)
            {
                w.WriteStartElement("Authentication", H);
                w.WriteAttributeString("Username", username ?? string.Empty);
                w.WriteAttributeString("Password", password ?? string.Empty);
                w.WriteEndElement();
            }

            w.WriteEndElement(); // CommDescriptor
            w.WriteStartElement("PayloadDescriptor", H);
            w.WriteAttributeString("Name", "OTA_HotelResNotifRQ");
            w.WriteAttributeString("Version", "2003A");
            w.WriteStartElement("PayloadReference", H);
            w.WriteAttributeString("SupplierHotelCode", r.HotelId);
            w.WriteAttributeString("DistributorHotelId", r.HotelId);
            w.WriteEndElement();
            w.WriteEndElement(); // PayloadDescriptor
            w.WriteEndElement(); // PayloadInfo
            w.WriteEndElement(); // Interface
            w.WriteEndElement(); // Header
            w.WriteStartElement("soap-env", "Body", S);
            WriteOta(w, r, requestId);
            w.WriteEndElement(); // Body
            w.WriteEndElement(); // Envelope
            w.WriteEndDocument();
        }

        return stream.ToArray();
    }

    /// <summary>Reads the partner's answer: a success names the request and the booking.</summary>
    public static ExpediaBookingNotificationAnswer ReadAnswer(string body, string requestId, string bookingId)
    {
        XDocument document;
        try
        {
            document = ExpediaWire.Parse(body);
        }
        catch (XmlException ex)
        {
            return new ExpediaBookingNotificationAnswer(false, null, $"The answer is not well-formed XML: {ex.Message}");
        }

        XNamespace s = SoapNamespace;
        XNamespace h = HeaderNamespace;
        XNamespace o = OtaNamespace;
        var envelope = document.Root;
        if (envelope?.Name != s + "Envelope")
        {
            return new ExpediaBookingNotificationAnswer(false, null, "The answer is not a SOAP 1.1 envelope.");
        }

        var info = envelope.Element(s + "Header")?.Element(h + "Interface")?.Element(h + "PayloadInfo");
        if (info?.Attr("RequestId") != requestId)
        {
            return new ExpediaBookingNotificationAnswer(false, null, $"The answer's header does not echo RequestId {requestId}.");
        }

        var rs = envelope.Element(s + "Body")?.Element(o + "OTA_HotelResNotifRS");
        if (rs is null)
        {
            return new ExpediaBookingNotificationAnswer(false, null, "The answer's body holds no OTA_HotelResNotifRS.");
        }

        if (rs.Element(o + "Success") is null)
        {
            var errors = rs.Descendants(o + "Error").Select(e => $"[{e.Attr("Code")}] {e.Attr("ShortText") ?? e.Value}").ToArray();
            return new ExpediaBookingNotificationAnswer(false, null, errors.Length > 0 ? "The partner answered errors: " + string.Join("; ", errors) : "The answer has no Success.");
        }

        var ids = rs.Descendants(o + "HotelReservationID").ToArray();
        if (!ids.Any(i => i.Attr("ResID_Type") == ExpediaIdType && i.Attr("ResID_Value") == bookingId))
        {
            return new ExpediaBookingNotificationAnswer(false, null, $"The answer does not echo booking {bookingId} (ResID_Type {ExpediaIdType}).");
        }

        var confirmNumber = ids.Where(i => i.Attr("ResID_Type") != ExpediaIdType).Select(i => i.Attr("ResID_Value")).FirstOrDefault(v => v is not null);
        return new ExpediaBookingNotificationAnswer(true, confirmNumber, null);
    }

    private static void WriteOta(XmlWriter w, ExpediaReservation r, string requestId)
    {
        const string O = OtaNamespace;
        w.WriteStartElement("OTA_HotelResNotifRQ", O);
        w.WriteAttributeString("EchoToken", requestId);
        w.WriteAttributeString("TimeStamp", ExpediaWire.Timestamp(r.CreatedAt));
        w.WriteAttributeString("Target", "Production");
        w.WriteAttributeString("Version", "1.000");
        w.WriteAttributeString("PrimaryLangID", "en-us");
        w.WriteAttributeString("ResStatus", ResStatusOf(r));
        w.WriteStartElement("POS", O);
        w.WriteStartElement("Source", O);
        w.WriteStartElement("RequestorID", O);
        w.WriteAttributeString("Type", "18");
        w.WriteAttributeString("ID", "Expedia");
        w.WriteEndElement();
        w.WriteStartElement("BookingChannel", O);
        w.WriteAttributeString("Type", "7");
        w.WriteStartElement("CompanyName", O);
        w.WriteAttributeString("Code", r.Source);
        w.WriteString(r.Source);
        w.WriteEndElement();
        w.WriteEndElement(); // BookingChannel
        w.WriteEndElement(); // Source
        w.WriteEndElement(); // POS
        w.WriteStartElement("HotelReservations", O);
        w.WriteStartElement("HotelReservation", O);
        w.WriteAttributeString(r.Type == "Book" ? "CreateDateTime" : "LastModifyDateTime", ExpediaWire.Timestamp(r.CreatedAt));
        w.WriteAttributeString("CreatorID", "Expedia");
        w.WriteAttributeString("RoomStayReservation", "true");
        w.WriteStartElement("UniqueID", O);
        w.WriteAttributeString("Type", "14");
        w.WriteAttributeString("ID", r.BookingId);
        w.WriteEndElement();
        w.WriteStartElement("RoomStays", O);
        w.WriteStartElement("RoomStay", O);
        w.WriteStartElement("RoomTypes", O);
        w.WriteStartElement("RoomType", O);
        w.WriteAttributeString("RoomTypeCode", r.Type == "Cancel" ? "0" : r.RoomTypeId);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("RatePlans", O);
        w.WriteStartElement("RatePlan", O);
        w.WriteAttributeString("RatePlanCode", r.Type == "Cancel" ? "0" : r.RatePlanId);
        w.WriteEndElement();
        w.WriteEndElement();
        if (r.Type != "Cancel" && r.NightlyRates.Count > 0)
        {
            w.WriteStartElement("RoomRates", O);
            w.WriteStartElement("RoomRate", O);
            w.WriteAttributeString("EffectiveDate", ExpediaWire.Date(r.Arrival));
            w.WriteAttributeString("ExpireDate", ExpediaWire.Date(r.Departure));
            w.WriteAttributeString("RatePlanCode", r.RatePlanId);
            w.WriteStartElement("Rates", O);
            for (var i = 0; i < r.NightlyRates.Count; i++)
            {
                w.WriteStartElement("Rate", O);
                w.WriteAttributeString("EffectiveDate", ExpediaWire.Date(r.Arrival.AddDays(i)));
                w.WriteAttributeString("ExpireDate", ExpediaWire.Date(r.Arrival.AddDays(i + 1)));
                w.WriteAttributeString("RateTimeUnit", "Day");
                w.WriteAttributeString("UnitMultiplier", "1");
                w.WriteStartElement("Base", O);
                w.WriteAttributeString("AmountBeforeTax", ExpediaWire.Amount(r.NightlyRates[i]));
                w.WriteAttributeString("CurrencyCode", r.Currency);
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement(); // Rates
            w.WriteEndElement(); // RoomRate
            w.WriteEndElement(); // RoomRates
        }

        w.WriteStartElement("GuestCounts", O);
        w.WriteStartElement("GuestCount", O);
        w.WriteAttributeString("AgeQualifyingCode", "10");
        w.WriteAttributeString("Count", ExpediaWire.Int(r.Adults));
        w.WriteEndElement();
        foreach (var age in r.ChildAges)
        {
            w.WriteStartElement("GuestCount", O);
            w.WriteAttributeString("AgeQualifyingCode", "8");
            w.WriteAttributeString("Age", ExpediaWire.Int(age));
            w.WriteAttributeString("Count", "1");
            w.WriteEndElement();
        }

        w.WriteEndElement(); // GuestCounts
        w.WriteStartElement("TimeSpan", O);
        w.WriteAttributeString("Start", ExpediaWire.Date(r.Arrival));
        w.WriteAttributeString("End", ExpediaWire.Date(r.Departure));
        w.WriteEndElement();
        w.WriteStartElement("Total", O);
        w.WriteAttributeString("AmountAfterTax", ExpediaWire.Amount(r.TotalAmount));
        w.WriteAttributeString("CurrencyCode", r.Currency);
        if (r.Taxes > 0)
        {
            w.WriteStartElement("Taxes", O);
            w.WriteAttributeString("Amount", ExpediaWire.Amount(r.Taxes));
            w.WriteAttributeString("CurrencyCode", r.Currency);
            w.WriteEndElement();
        }

        w.WriteEndElement(); // Total
        w.WriteStartElement("BasicPropertyInfo", O);
        w.WriteAttributeString("HotelCode", r.HotelId);
        w.WriteEndElement();
        w.WriteEndElement(); // RoomStay
        w.WriteEndElement(); // RoomStays
        w.WriteStartElement("ResGuests", O);
        w.WriteStartElement("ResGuest", O);
        w.WriteStartElement("Profiles", O);
        w.WriteStartElement("ProfileInfo", O);
        w.WriteStartElement("Profile", O);
        w.WriteAttributeString("ProfileType", "1");
        w.WriteStartElement("Customer", O);
        w.WriteStartElement("PersonName", O);
        if (r.GivenName is not null)
        {
            w.WriteElementString("GivenName", O, r.GivenName);
        }

        w.WriteElementString("Surname", O, r.Surname ?? "Guest");
        w.WriteEndElement(); // PersonName
        if (r.PhoneNumber is not null)
        {
            w.WriteStartElement("Telephone", O);
            if (r.PhoneCountryCode is not null)
            {
                w.WriteAttributeString("CountryAccessCode", r.PhoneCountryCode);
            }

            if (r.PhoneAreaCode is not null)
            {
                w.WriteAttributeString("AreaCityCode", r.PhoneAreaCode);
            }

            w.WriteAttributeString("PhoneNumber", r.PhoneNumber);
            w.WriteEndElement();
        }

        if (r.Email is not null)
        {
            w.WriteElementString("Email", O, r.Email);
        }

        w.WriteEndElement(); // Customer
        w.WriteEndElement(); // Profile
        w.WriteEndElement(); // ProfileInfo
        w.WriteEndElement(); // Profiles
        if (r.SpecialRequest is not null)
        {
            w.WriteStartElement("SpecialRequests", O);
            w.WriteStartElement("SpecialRequest", O);
            w.WriteElementString("Text", O, r.SpecialRequest);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement(); // ResGuest
        w.WriteEndElement(); // ResGuests
        w.WriteStartElement("ResGlobalInfo", O);
        w.WriteStartElement("HotelReservationIDs", O);
        w.WriteStartElement("HotelReservationID", O);
        w.WriteAttributeString("ResID_Type", ExpediaIdType);
        w.WriteAttributeString("ResID_Value", r.BookingId);
        w.WriteAttributeString("ResID_Source", r.Source);
        w.WriteEndElement();
        w.WriteEndElement(); // HotelReservationIDs
        w.WriteStartElement("BasicPropertyInfo", O);
        w.WriteAttributeString("HotelCode", r.HotelId);
        w.WriteEndElement();
        w.WriteEndElement(); // ResGlobalInfo
        w.WriteEndElement(); // HotelReservation
        w.WriteEndElement(); // HotelReservations
        w.WriteEndElement(); // OTA_HotelResNotifRQ
    }
}

using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ChannelManager.Simulator.BookingCom;

/// <summary>The XML the simulated Booking.com reads and writes (OTA 2015A namespace; B.XML without one).</summary>
internal static class BookingComWire
{
    public const string OtaNamespace = "http://www.opentravel.org/OTA/2003/05";
    public static readonly XNamespace Ns = OtaNamespace;

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 16 * 1024 * 1024,
    };

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
    };

    /// <summary>Parses a request body with <see cref="XmlReader"/> (no DTD, no external resolution).</summary>
    public static XDocument Parse(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), ReaderSettings);
        return XDocument.Load(reader);
    }

    public static IResult Xml(int statusCode, Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, WriterSettings))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }

        return new XmlResult(statusCode, stream.ToArray());
    }

    /// <summary>An <c>OTA_…RS</c> with <c>&lt;Success/&gt;</c> and optional warnings.</summary>
    public static IResult Success(string root, TimeProvider time, IReadOnlyList<string>? warnings = null) =>
        Xml(StatusCodes.Status200OK, w =>
        {
            Root(w, root, time);
            w.WriteElementString("Success", OtaNamespace, string.Empty);
            if (warnings is { Count: > 0 })
            {
                w.WriteStartElement("Warnings", OtaNamespace);
                foreach (var text in warnings)
                {
                    w.WriteStartElement("Warning", OtaNamespace);
                    w.WriteAttributeString("Type", "3");
                    w.WriteAttributeString("ShortText", text);
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        });

    /// <summary>An <c>OTA_…RS</c> with <c>&lt;Errors&gt;</c>, e.g. <c>Code="497" … Status="NotProcessed" Type="6"</c>.</summary>
    public static IResult Error(int statusCode, string root, string shortText, string code = "450", string type = "3", TimeProvider? time = null) =>
        Xml(statusCode, w =>
        {
            Root(w, root, time ?? TimeProvider.System);
            w.WriteStartElement("Errors", OtaNamespace);
            w.WriteStartElement("Error", OtaNamespace);
            w.WriteAttributeString("Type", type);
            w.WriteAttributeString("Code", code);
            w.WriteAttributeString("ShortText", shortText);
            w.WriteAttributeString("Status", "NotProcessed");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        });

    public static void Root(XmlWriter w, string name, TimeProvider time)
    {
        w.WriteStartElement(name, OtaNamespace);
        w.WriteAttributeString("TimeStamp", Timestamp(time.GetUtcNow()));
        w.WriteAttributeString("Version", "3.000");
    }

    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Amount(decimal a) => a.ToString("0.00##########", CultureInfo.InvariantCulture);

    /// <summary>
    /// Writes one reservation as <c>HotelReservation</c> (new queue) or <c>HotelResModify</c> (modify queue), with one
    /// <c>RoomStay</c> per room type (each with its share of the total; <c>ResGlobalInfo/Total</c> is the whole).
    /// </summary>
    public static void Reservation(XmlWriter w, BookingComReservation r, string element)
    {
        w.WriteStartElement(element, OtaNamespace);
        w.WriteAttributeString("ResStatus", r.ResStatus);
        w.WriteAttributeString("CreateDateTime", Timestamp(r.CreatedAt));
        w.WriteAttributeString("LastModifyDateTime", Timestamp(r.LastModifiedAt));
        w.WriteStartElement("RoomStays", OtaNamespace);
        for (var index = 0; index < r.RoomIds.Count; index++)
        {
            w.WriteStartElement("RoomStay", OtaNamespace);
            w.WriteStartElement("RoomTypes", OtaNamespace);
            w.WriteStartElement("RoomType", OtaNamespace);
            w.WriteAttributeString("RoomTypeCode", r.RoomIds[index]);
            w.WriteEndElement();
            w.WriteEndElement();
            if (r.RatePlanId is not null)
            {
                w.WriteStartElement("RatePlans", OtaNamespace);
                w.WriteStartElement("RatePlan", OtaNamespace);
                w.WriteAttributeString("RatePlanCode", r.RatePlanId);
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteStartElement("GuestCounts", OtaNamespace);
            w.WriteStartElement("GuestCount", OtaNamespace);
            w.WriteAttributeString("AgeQualifyingCode", "10");
            w.WriteAttributeString("Count", r.NumberOfGuests.ToString(CultureInfo.InvariantCulture));
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("TimeSpan", OtaNamespace);
            w.WriteAttributeString("Start", Date(r.Arrival));
            w.WriteAttributeString("End", Date(r.Departure));
            w.WriteEndElement();
            WriteTotal(w, r.RoomTotal(index), r.Currency);
            w.WriteStartElement("BasicPropertyInfo", OtaNamespace);
            w.WriteAttributeString("HotelCode", r.HotelId);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("ResGuests", OtaNamespace);
        w.WriteStartElement("ResGuest", OtaNamespace);
        w.WriteStartElement("Profiles", OtaNamespace);
        w.WriteStartElement("ProfileInfo", OtaNamespace);
        w.WriteStartElement("Profile", OtaNamespace);
        w.WriteStartElement("Customer", OtaNamespace);
        w.WriteStartElement("PersonName", OtaNamespace);
        if (r.GuestFirstName is not null)
        {
            w.WriteElementString("GivenName", OtaNamespace, r.GuestFirstName);
        }

        w.WriteElementString("Surname", OtaNamespace, r.GuestLastName ?? "Guest");
        w.WriteEndElement();
        if (r.GuestPhone is not null)
        {
            w.WriteStartElement("Telephone", OtaNamespace);
            w.WriteAttributeString("PhoneNumber", r.GuestPhone);
            w.WriteEndElement();
        }

        if (r.GuestEmail is not null)
        {
            w.WriteElementString("Email", OtaNamespace, r.GuestEmail);
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("ResGlobalInfo", OtaNamespace);
        WriteTotal(w, r.TotalAmount, r.Currency);
        w.WriteStartElement("HotelReservationIDs", OtaNamespace);
        w.WriteStartElement("HotelReservationID", OtaNamespace);
        w.WriteAttributeString("ResID_Type", "14");
        w.WriteAttributeString("ResID_Value", r.ReservationId);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("BasicPropertyInfo", OtaNamespace);
        w.WriteAttributeString("HotelCode", r.HotelId);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteTotal(XmlWriter w, decimal amount, string currency)
    {
        w.WriteStartElement("Total", OtaNamespace);
        w.WriteAttributeString("AmountAfterTax", Amount(amount));
        w.WriteAttributeString("CurrencyCode", currency);
        w.WriteEndElement();
    }

    /// <summary>An XML body with a status code.</summary>
    private sealed class XmlResult(int statusCode, byte[] body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = "application/xml; charset=utf-8";
            httpContext.Response.ContentLength = body.Length;
            await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
    }

    /// <summary>An element or attribute by local name, whatever its namespace.</summary>
    public static IEnumerable<XElement> Named(this XContainer e, string localName) => e.Descendants().Where(d => d.Name.LocalName == localName);

    public static XElement? ChildNamed(this XElement e, string localName) => e.Elements().FirstOrDefault(d => d.Name.LocalName == localName);
}

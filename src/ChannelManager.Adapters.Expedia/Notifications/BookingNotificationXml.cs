using System.Xml;
using System.Xml.Linq;

namespace ChannelManager.Adapters.Expedia.Notifications;

/// <summary>
/// Namespaces, limits and the safe reader of Expedia's Booking Notification (BN, platforms.md §3): a SOAP envelope
/// whose header is <c>Interface</c> in <see cref="HeaderNamespace"/> and whose body is an OTA
/// <c>OTA_HotelResNotifRQ</c> (answered with <c>OTA_HotelResNotifRS</c>).
/// </summary>
internal static class BookingNotificationXml
{
    /// <summary>SOAP 1.1 (<c>text/xml</c>), what Expedia sends.</summary>
    public const string Soap11Namespace = "http://schemas.xmlsoap.org/soap/envelope/";

    /// <summary>SOAP 1.2 (<c>application/soap+xml</c>), accepted as well.</summary>
    public const string Soap12Namespace = "http://www.w3.org/2003/05/soap-envelope";

    /// <summary>The namespace of the SOAP header's <c>Interface</c> element.</summary>
    public const string HeaderNamespace = "http://www.newtrade.com/expedia/R14/header";

    /// <summary>The OpenTravel namespace of the body.</summary>
    public const string OtaNamespace = "http://www.opentravel.org/OTA/2003/05";

    /// <summary><c>Interface@Name</c>.</summary>
    public const string InterfaceName = "ExpediaDirectConnect";

    /// <summary><c>Interface@Version</c>.</summary>
    public const string InterfaceVersion = "4.0";

    /// <summary><c>PayloadDescriptor@Version</c>.</summary>
    public const string PayloadVersion = "2003A";

    /// <summary>The request's body element.</summary>
    public const string RequestRoot = "OTA_HotelResNotifRQ";

    /// <summary>The answer's body element.</summary>
    public const string ResponseRoot = "OTA_HotelResNotifRS";

    /// <summary>
    /// The largest notification read (1 MiB; one booking is a few KiB). The webhook endpoint has its own, usually equal,
    /// limit; this one holds for any caller of the adapter.
    /// </summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>No DTD (a <c>DOCTYPE</c> is an error), no external resolution, bounded size.</summary>
    public static XmlReaderSettings ReaderSettings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = MaxBodyBytes,
        MaxCharactersFromEntities = 1024,
    };

    /// <summary>Whether a <c>Content-Type</c> is one SOAP travels in: <c>text/xml</c>, <c>application/xml</c> or <c>application/soap+xml</c>.</summary>
    public static bool IsXmlContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var media = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return media.Equals("text/xml", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/soap+xml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Parses a body safely.</summary>
    /// <exception cref="XmlException">When it is not well-formed XML, has a DTD, or is too large.</exception>
    public static XDocument Parse(ReadOnlyMemory<byte> body)
    {
        if (body.Length > MaxBodyBytes)
        {
            throw new XmlException($"The body is larger than {MaxBodyBytes} bytes.");
        }

        using var stream = new MemoryStream(body.ToArray(), writable: false);
        using var reader = XmlReader.Create(stream, ReaderSettings);
        return XDocument.Load(reader);
    }
}

using System.Xml;
using System.Xml.Linq;
using ChannelManager.Adapters.Expedia.Api;

namespace ChannelManager.Adapters.Expedia.Notifications;

/// <summary>
/// The SOAP envelope of a Booking Notification: the header's <c>Interface/PayloadInfo</c> values and the body's
/// <c>OTA_HotelResNotifRQ</c>. A class, not a record, so that no generated <c>ToString</c> prints the password.
/// </summary>
internal sealed class BookingNotificationEnvelope
{
    private BookingNotificationEnvelope(string soapNamespace, XElement? payloadInfo, XElement? body)
    {
        SoapNamespace = soapNamespace;
        var comm = payloadInfo.Child("CommDescriptor");
        var authentication = comm.Child("Authentication") ?? payloadInfo.Child("Authentication");
        var descriptor = payloadInfo.Child("PayloadDescriptor");
        var reference = descriptor.Child("PayloadReference");
        RequestId = payloadInfo.Attr("RequestId");
        RequestorId = payloadInfo.Attr("RequestorId");
        ResponderId = payloadInfo.Attr("ResponderId");
        Location = payloadInfo.Attr("Location");
        SourceId = comm.Attr("SourceId");
        DestinationId = comm.Attr("DestinationId");
        RetryIndicator = comm.Attr("RetryIndicator");
        HasAuthentication = authentication is not null;

        // Credentials are compared as sent (no trimming): a password may begin or end with a space.
        Username = authentication?.Attribute("Username")?.Value;
        Password = authentication?.Attribute("Password")?.Value;
        PayloadName = descriptor.Attr("Name");
        SupplierHotelCode = reference.Attr("SupplierHotelCode");
        DistributorHotelId = reference.Attr("DistributorHotelId");
        Body = body;
    }

    /// <summary>The SOAP namespace of the envelope (the answer uses the same).</summary>
    public string SoapNamespace { get; }

    /// <summary><c>PayloadInfo@RequestId</c>: the delivery id (the same on retries).</summary>
    public string? RequestId { get; }

    /// <summary><c>PayloadInfo@RequestorId</c>.</summary>
    public string? RequestorId { get; }

    /// <summary><c>PayloadInfo@ResponderId</c>.</summary>
    public string? ResponderId { get; }

    /// <summary><c>PayloadInfo@Location</c> (e.g. <c>Body</c>).</summary>
    public string? Location { get; }

    /// <summary><c>CommDescriptor@SourceId</c>.</summary>
    public string? SourceId { get; }

    /// <summary><c>CommDescriptor@DestinationId</c>.</summary>
    public string? DestinationId { get; }

    /// <summary><c>CommDescriptor@RetryIndicator</c> (<c>true</c> on a resend).</summary>
    public string? RetryIndicator { get; }

    /// <summary>Whether the header holds an <c>Authentication</c> element.</summary>
    public bool HasAuthentication { get; }

    /// <summary><c>Authentication@Username</c>, as sent.</summary>
    public string? Username { get; }

    /// <summary><c>Authentication@Password</c>, as sent. Never logged or echoed.</summary>
    public string? Password { get; }

    /// <summary><c>PayloadDescriptor@Name</c>.</summary>
    public string? PayloadName { get; }

    /// <summary><c>PayloadReference@SupplierHotelCode</c>: the partner's code of the property.</summary>
    public string? SupplierHotelCode { get; }

    /// <summary><c>PayloadReference@DistributorHotelId</c>: Expedia's property id.</summary>
    public string? DistributorHotelId { get; }

    /// <summary>The body's <c>OTA_HotelResNotifRQ</c>, or <see langword="null"/> when the body holds something else.</summary>
    public XElement? Body { get; }

    /// <summary>Reads a notification's envelope.</summary>
    /// <exception cref="XmlException">When the body is not well-formed XML (a DTD included) or too large.</exception>
    /// <exception cref="FormatException">When it is not a SOAP envelope with the Expedia header.</exception>
    public static BookingNotificationEnvelope Read(ReadOnlyMemory<byte> body)
    {
        var root = BookingNotificationXml.Parse(body).Root ?? throw new FormatException("The body is empty.");
        var soap = root.Name.NamespaceName;
        if (root.Name.LocalName != "Envelope" || (soap != BookingNotificationXml.Soap11Namespace && soap != BookingNotificationXml.Soap12Namespace))
        {
            throw new FormatException($"The body is not a SOAP envelope (its root is {root.Name.LocalName}).");
        }

        XNamespace soapNs = soap;
        XNamespace headerNs = BookingNotificationXml.HeaderNamespace;
        var header = root.Element(soapNs + "Header");
        var payloadInfo = header?.Element(headerNs + "Interface")?.Element(headerNs + "PayloadInfo")
            ?? throw new FormatException($"The SOAP header has no Interface/PayloadInfo in {BookingNotificationXml.HeaderNamespace}.");
        var body1 = root.Element(soapNs + "Body")?.Elements().FirstOrDefault(e => e.Name == XName.Get(BookingNotificationXml.RequestRoot, BookingNotificationXml.OtaNamespace));
        return new BookingNotificationEnvelope(soap, payloadInfo, body1);
    }
}

using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ChannelManager.Adapters.Shared.Xml;

namespace ChannelManager.Adapters.Expedia.Api;

/// <summary>Namespaces, writer/reader settings and value formats of the EQC messages (platforms.md §3).</summary>
internal static class EqcXml
{
    /// <summary><c>AvailRateUpdateRQ</c> (2011/06; Expedia also accepts 2007/02).</summary>
    public const string ArRequestNamespace = "http://www.expediaconnect.com/EQC/AR/2011/06";

    /// <summary><c>AvailRateUpdateRS</c>.</summary>
    public const string ArResponseNamespace = "http://www.expediaconnect.com/EQC/AR/2007/02";

    /// <summary><c>BookingRetrievalRQ</c> / <c>BookingRetrievalRS</c>.</summary>
    public const string BrNamespace = "http://www.expediaconnect.com/EQC/BR/2014/01";

    /// <summary><c>BookingConfirmRQ</c> / <c>BookingConfirmRS</c>.</summary>
    public const string BcNamespace = "http://www.expediaconnect.com/EQC/BC/2007/09";

    /// <summary>Deterministic writer settings (<see cref="SafeXml.WriterSettings"/>).</summary>
    public static XmlWriterSettings WriterSettings => SafeXml.WriterSettings;

    /// <summary>No DTDs, no external resolution, bounded size (<see cref="SafeXml.ReaderSettings"/>).</summary>
    public static XmlReaderSettings ReaderSettings { get; } = SafeXml.ReaderSettings(50_000_000);

    /// <summary>Writes a document with <paramref name="write"/> and returns its bytes.</summary>
    public static byte[] Write(Action<XmlWriter> write) => SafeXml.Write(write);

    /// <summary>Parses a document safely.</summary>
    /// <exception cref="XmlException">When the text is not well-formed XML (or has a DTD).</exception>
    public static XDocument Parse(string text) => SafeXml.Parse(text, ReaderSettings);

    /// <summary>Writes <c>&lt;Authentication username password/&gt;</c> in the root's namespace.</summary>
    public static void WriteAuthentication(XmlWriter w, string ns, string username, string password)
    {
        w.WriteStartElement("Authentication", ns);
        w.WriteAttributeString("username", username);
        w.WriteAttributeString("password", password);
        w.WriteEndElement();
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A decimal amount in invariant form with at least two decimals, never through floating point.</summary>
    public static string Amount(decimal amount) => amount.ToString("0.00##########", CultureInfo.InvariantCulture);

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    public static IEnumerable<XElement> Children(this XElement element, string localName) =>
        element.Elements().Where(e => e.Name.LocalName == localName);

    public static XElement? Child(this XElement? element, string localName) => element?.Children(localName).FirstOrDefault();

    public static string? Attr(this XElement? element, string name) =>
        element?.Attribute(name)?.Value is { } value && value.Trim().Length > 0 ? value.Trim() : null;
}

using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ChannelManager.Adapters.Shared.Xml;

namespace ChannelManager.Adapters.Shared.Ota;

/// <summary>
/// Settings and helpers for the OTA (and B.XML) documents the XML adapters write and read: namespace, deterministic
/// writer settings, safe reader settings (no DTDs), invariant number and date formats. Compiled into each adapter.
/// </summary>
internal static class OtaXml
{
    /// <summary>The OpenTravel namespace.</summary>
    public const string Namespace = "http://www.opentravel.org/OTA/2003/05";

    public static readonly XNamespace Ns = Namespace;

    /// <summary>Deterministic writer settings (<see cref="SafeXml.WriterSettings"/>).</summary>
    public static XmlWriterSettings WriterSettings => SafeXml.WriterSettings;

    /// <summary>No DTDs, no external resolution, bounded size (<see cref="SafeXml.ReaderSettings"/>).</summary>
    public static XmlReaderSettings ReaderSettings { get; } = SafeXml.ReaderSettings(50_000_000);

    /// <summary>Writes a document with <paramref name="write"/> and returns its bytes.</summary>
    public static byte[] Write(Action<XmlWriter> write) => SafeXml.Write(write);

    /// <summary>Parses a document safely.</summary>
    /// <exception cref="XmlException">When the text is not well-formed XML (or has a DTD).</exception>
    public static XDocument Parse(string text) => SafeXml.Parse(text, ReaderSettings);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A decimal amount in invariant form with at least two decimals, never through floating point.</summary>
    public static string Amount(decimal amount) => amount.ToString("0.00##########", CultureInfo.InvariantCulture);

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An element's or attribute's local name match, whatever its namespace (platforms' answers are not always namespaced).</summary>
    public static IEnumerable<XElement> Children(this XElement element, string localName) =>
        element.Elements().Where(e => e.Name.LocalName == localName);

    public static XElement? Child(this XElement element, string localName) => element.Children(localName).FirstOrDefault();

    public static IEnumerable<XElement> DescendantsNamed(this XContainer element, string localName) =>
        element.Descendants().Where(e => e.Name.LocalName == localName);

    public static string? Attr(this XElement? element, string name) =>
        element?.Attribute(name)?.Value is { } value && value.Trim().Length > 0 ? value.Trim() : null;
}

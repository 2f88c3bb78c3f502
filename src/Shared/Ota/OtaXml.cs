using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

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

    /// <summary>UTF-8 without BOM, two-space indentation, <c>\n</c> line ends: the same bytes on every machine.</summary>
    public static XmlWriterSettings WriterSettings { get; } = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
        OmitXmlDeclaration = false,
        CloseOutput = false,
    };

    /// <summary>No DTDs, no external resolution, bounded size: safe for answers from the network.</summary>
    public static XmlReaderSettings ReaderSettings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = 50_000_000,
    };

    /// <summary>Writes a document with <paramref name="write"/> and returns its bytes.</summary>
    public static byte[] Write(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, WriterSettings))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    /// <summary>Parses a document safely.</summary>
    /// <exception cref="XmlException">When the text is not well-formed XML (or has a DTD).</exception>
    public static XDocument Parse(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), ReaderSettings);
        return XDocument.Load(reader);
    }

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

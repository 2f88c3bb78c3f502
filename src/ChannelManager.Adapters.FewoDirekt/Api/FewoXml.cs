using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ChannelManager.Adapters.Shared.Xml;

namespace ChannelManager.Adapters.FewoDirekt.Api;

/// <summary>Shared settings and helpers for the HomeAway-XML documents the adapter writes and reads (no namespace).</summary>
internal static class FewoXml
{
    /// <summary>Deterministic writer settings (<see cref="SafeXml.WriterSettings"/>).</summary>
    public static XmlWriterSettings WriterSettings => SafeXml.WriterSettings;

    /// <summary>No DTDs, no external resolution, bounded size (<see cref="SafeXml.ReaderSettings"/>).</summary>
    public static XmlReaderSettings ReaderSettings { get; } = SafeXml.ReaderSettings(20_000_000);

    /// <summary>Writes a document with <paramref name="write"/> and returns its bytes.</summary>
    public static byte[] Write(Action<XmlWriter> write) => SafeXml.Write(write);

    /// <summary>Parses a document safely.</summary>
    /// <exception cref="XmlException">When the text is not well-formed XML (or has a DTD).</exception>
    public static XDocument Parse(string text) => SafeXml.Parse(text, ReaderSettings);

    /// <summary>Parses bytes safely.</summary>
    /// <exception cref="XmlException">When the bytes are not well-formed XML (or have a DTD).</exception>
    public static XDocument Parse(ReadOnlyMemory<byte> bytes)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var reader = XmlReader.Create(stream, ReaderSettings);
        return XDocument.Load(reader);
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A decimal amount in invariant form with at least two decimals, never through floating point.</summary>
    public static string Amount(decimal amount) => amount.ToString("0.00##########", CultureInfo.InvariantCulture);

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static XElement? Child(this XElement? element, string localName) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static IEnumerable<XElement> Children(this XElement? element, string localName) =>
        element?.Elements().Where(e => e.Name.LocalName == localName) ?? [];

    /// <summary>The trimmed text of a child element, or <see langword="null"/> when absent or empty.</summary>
    public static string? Text(this XElement? element, string localName) =>
        element.Child(localName)?.Value.Trim() is { Length: > 0 } text ? text : null;

    public static DateOnly? ParseDate(string? text) =>
        text is not null && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static DateTimeOffset? ParseTimestamp(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;

    public static decimal? ParseAmount(string? text) =>
        text is not null && decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount) ? amount : null;

    public static int? ParseInt(string? text) =>
        text is not null && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}

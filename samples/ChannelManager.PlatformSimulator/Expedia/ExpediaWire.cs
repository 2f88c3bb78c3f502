using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ChannelManager.Simulator.Expedia;

/// <summary>The EQC XML the simulated Expedia reads and writes.</summary>
internal static class ExpediaWire
{
    public const string ArRequestNamespace = "http://www.expediaconnect.com/EQC/AR/2011/06";
    public const string ArLegacyNamespace = "http://www.expediaconnect.com/EQC/AR/2007/02";
    public const string ArResponseNamespace = "http://www.expediaconnect.com/EQC/AR/2007/02";
    public const string BrNamespace = "http://www.expediaconnect.com/EQC/BR/2014/01";
    public const string BcNamespace = "http://www.expediaconnect.com/EQC/BC/2007/09";

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

    /// <summary>An RS with <c>&lt;Success/&gt;</c>, holding warnings when there are any.</summary>
    public static IResult Success(string root, string ns, IReadOnlyList<(string Code, string Text)>? warnings = null) =>
        Xml(StatusCodes.Status200OK, w =>
        {
            w.WriteStartElement(root, ns);
            w.WriteStartElement("Success", ns);
            foreach (var (code, text) in warnings ?? [])
            {
                w.WriteStartElement("Warning", ns);
                w.WriteAttributeString("code", code);
                w.WriteString(text);
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });

    /// <summary>An RS holding only <c>&lt;Error code&gt;</c> (EQC answers errors with HTTP 200 unless told otherwise).</summary>
    public static IResult Error(string root, string ns, string code, string text, int statusCode = StatusCodes.Status200OK) =>
        Xml(statusCode, w =>
        {
            w.WriteStartElement(root, ns);
            w.WriteStartElement("Error", ns);
            w.WriteAttributeString("code", code);
            w.WriteString(text);
            w.WriteEndElement();
            w.WriteEndElement();
        });

    private sealed class XmlResult(int statusCode, byte[] body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = "text/xml; charset=utf-8";
            httpContext.Response.ContentLength = body.Length;
            await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Amount(decimal amount) => amount.ToString("0.00##########", CultureInfo.InvariantCulture);

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static IEnumerable<XElement> Named(this XElement element, string localName) => element.Elements().Where(e => e.Name.LocalName == localName);

    public static XElement? ChildNamed(this XElement? element, string localName) => element?.Named(localName).FirstOrDefault();

    public static string? Attr(this XElement? element, string name) => element?.Attribute(name)?.Value is { Length: > 0 } v ? v.Trim() : null;
}

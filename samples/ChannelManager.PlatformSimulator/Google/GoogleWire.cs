using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ChannelManager.Simulator.Google;

/// <summary>The XML and JSON the simulated Google reads and writes.</summary>
internal static class GoogleWire
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

    public static XDocument Parse(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), ReaderSettings);
        return XDocument.Load(reader);
    }

    /// <summary>An <c>OTA_…RS</c> with <c>&lt;Success/&gt;</c>.</summary>
    public static IResult Success(string root, TimeProvider time) => Xml(StatusCodes.Status200OK, w =>
    {
        Root(w, root, time);
        w.WriteElementString("Success", OtaNamespace, string.Empty);
        w.WriteEndElement();
    });

    /// <summary>An <c>OTA_…RS</c> with one <c>Error</c>.</summary>
    public static IResult Error(int statusCode, string root, string shortText, string code, TimeProvider time) => Xml(statusCode, w =>
    {
        Root(w, root, time);
        w.WriteStartElement("Errors", OtaNamespace);
        w.WriteStartElement("Error", OtaNamespace);
        w.WriteAttributeString("Type", "3");
        w.WriteAttributeString("Code", code);
        w.WriteAttributeString("Status", "NotProcessed");
        w.WriteAttributeString("ShortText", shortText);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    });

    /// <summary>A Google API JSON error: <c>{"error":{"code","message","status"}}</c>.</summary>
    public static IResult JsonError(int statusCode, string message) =>
        Results.Json(new { error = new { code = statusCode, message, status = StatusName(statusCode) } }, SimulatorJson.Options, statusCode: statusCode);

    public static string StatusName(int statusCode) => statusCode switch
    {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        429 => "RESOURCE_EXHAUSTED",
        503 => "UNAVAILABLE",
        _ when statusCode >= 500 => "INTERNAL",
        _ => "UNKNOWN",
    };

    private static void Root(XmlWriter w, string root, TimeProvider time)
    {
        w.WriteStartElement(root, OtaNamespace);
        w.WriteAttributeString("TimeStamp", time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        w.WriteAttributeString("Version", "3.0");
    }

    private static IResult Xml(int statusCode, Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, WriterSettings))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }

        return new BytesResult(statusCode, stream.ToArray());
    }

    private sealed class BytesResult(int statusCode, byte[] body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = "application/xml; charset=utf-8";
            httpContext.Response.ContentLength = body.Length;
            await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}

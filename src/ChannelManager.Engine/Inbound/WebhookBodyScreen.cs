using System.Xml;
using ChannelManager.Webhooks;

namespace ChannelManager.Engine.Inbound;

/// <summary>
/// The checks every webhook passes before its adapter sees it: the content type is the platform's
/// (<see cref="IWebhookReceptionContract.WebhookBodyFormat"/>), and an XML body is well-formed without a DTD. The XML
/// check streams through the document once (no tree is built, so depth costs nothing) with DTD processing prohibited and
/// no resolver, so a <c>DOCTYPE</c>, an external entity or an entity bomb is refused without anything being expanded or
/// fetched, and a platform whose credentials travel inside the body (Expedia) gets a clear 400 rather than a 401.
/// </summary>
internal static class WebhookBodyScreen
{
    private static readonly XmlReaderSettings PrologReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        MaxCharactersFromEntities = 1024,
    };

    /// <summary>Whether a <c>Content-Type</c> carries the given format.</summary>
    /// <param name="format">The platform's body format.</param>
    /// <param name="contentType">The request's content type (parameters such as charset are allowed).</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public static bool HasContentType(WebhookBodyFormat format, string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var media = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return format switch
        {
            WebhookBodyFormat.Json => media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)),
            WebhookBodyFormat.Xml => media.Equals("text/xml", StringComparison.OrdinalIgnoreCase)
                || media.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
                || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+xml", StringComparison.OrdinalIgnoreCase)),
            _ => false,
        };
    }

    /// <summary>The media types a format accepts, for messages.</summary>
    /// <param name="format">The format.</param>
    /// <returns>The media types.</returns>
    public static string Describe(WebhookBodyFormat format) => format == WebhookBodyFormat.Xml
        ? "text/xml, application/xml or application/soap+xml"
        : "application/json";

    /// <summary>
    /// What is wrong with an XML body (a DTD, or not well-formed), or <see langword="null"/> when it is well-formed
    /// XML without a DTD. Whether it is a valid notification is left to the adapter's parser.
    /// </summary>
    /// <param name="body">The body.</param>
    /// <returns>A message, or <see langword="null"/>.</returns>
    public static string? FindXmlProblem(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return "The XML body is empty.";
        }

        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, PrologReaderSettings);
            var sawRoot = false;
            while (reader.Read())
            {
                sawRoot |= reader.NodeType == XmlNodeType.Element;
            }

            return sawRoot ? null : "The XML body has no root element.";
        }
        catch (XmlException)
        {
            return MentionsDtd(body.Span)
                ? "The XML body has a DTD (DOCTYPE or ENTITY declaration); DTDs and entities are not accepted."
                : "The XML body is not well-formed.";
        }
    }

    private static bool MentionsDtd(ReadOnlySpan<byte> body) =>
        body.IndexOf("<!DOCTYPE"u8) >= 0 || body.IndexOf("<!ENTITY"u8) >= 0
        || body.IndexOf("<\0!\0D\0O\0C\0T\0Y\0P\0E\0"u8) >= 0 || body.IndexOf("\0<\0!\0D\0O\0C\0T\0Y\0P\0E"u8) >= 0;
}

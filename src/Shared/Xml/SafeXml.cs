using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ChannelManager.Adapters.Shared.Xml;

/// <summary>
/// Deterministic writing and safe reading of the XML documents every XML adapter exchanges (OTA, EQC, HomeAway-XML):
/// UTF-8 without BOM, two-space indentation and <c>\n</c> line ends (the same bytes on every machine); no DTDs, no
/// external resolution, bounded size. Compiled into each XML adapter.
/// </summary>
internal static class SafeXml
{
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

    /// <summary>No DTDs, no external resolution, bounded size: safe for documents from the network.</summary>
    /// <param name="maxCharacters">The largest document accepted, in characters.</param>
    /// <returns>New settings.</returns>
    public static XmlReaderSettings ReaderSettings(long maxCharacters) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = maxCharacters,
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

    /// <summary>Parses a document with <paramref name="settings"/>.</summary>
    /// <exception cref="XmlException">When the text is not well-formed XML (or has a DTD).</exception>
    public static XDocument Parse(string text, XmlReaderSettings settings)
    {
        using var reader = XmlReader.Create(new StringReader(text), settings);
        return XDocument.Load(reader);
    }
}

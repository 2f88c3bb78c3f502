using System.Xml.Linq;

namespace ChannelManager.Adapters.Shared.Ota;

/// <summary>One <c>Warning</c> or <c>Error</c> of an <c>OTA_…RS</c> (or a B.XML <c>fault</c>).</summary>
internal sealed record OtaIssue(string? Code, string? ShortText, string? Status, string? Type)
{
    public override string ToString()
    {
        var text = Code is null ? string.Empty : $"[{Code}] ";
        text += ShortText ?? "(no text)";
        return Status is null ? text : $"{text} ({Status})";
    }
}

/// <summary>What an answer says: <c>&lt;Success/&gt;</c> with optional warnings, or errors (never both).</summary>
internal sealed record OtaResult(bool HasErrors, IReadOnlyList<OtaIssue> Errors, IReadOnlyList<OtaIssue> Warnings)
{
    public static OtaResult Of(XDocument document)
    {
        var root = document.Root!;
        var errors = root.DescendantsNamed("Error").Select(Issue).ToArray();
        var warnings = root.DescendantsNamed("Warning").Select(Issue).ToArray();

        // B.XML answers carry <fault code=… string=…/> (or <error>) instead.
        var faults = root.DescendantsNamed("fault").Select(f => new OtaIssue(f.Attr("code"), f.Attr("string") ?? f.Value, null, null)).ToArray();
        var hasErrors = root.Child("Errors") is not null || errors.Length > 0 || faults.Length > 0;
        return new OtaResult(hasErrors, [.. errors, .. faults], warnings);
    }

    private static OtaIssue Issue(XElement e) =>
        new(e.Attr("Code"), e.Attr("ShortText") ?? (e.Value.Trim() is { Length: > 0 } v ? v : null), e.Attr("Status"), e.Attr("Type"));
}

using System.Xml;
using System.Xml.Linq;
using ChannelManager.Connections;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Adapters.Expedia.Api;

/// <summary>
/// Sends one EQC message and judges the answer. Every failure becomes a <see cref="PlatformCallException"/>:
/// 408/425/429/5xx, timeouts, cut-off bodies and EQC error 3210 (capacity) are transient, with <c>Retry-After</c>
/// (or <c>EG-Rate-Limit-Reset-Minute</c>); any other status or <c>&lt;Error&gt;</c> (authentication 1001,
/// authorization 1002, 3203 unknown room type, 3204 unknown rate plan, …) is final. <c>&lt;Warning&gt;</c>s inside
/// <c>&lt;Success&gt;</c> are logged and returned: the updates they name were skipped, the rest applied. Messages name
/// the operation and Expedia's error, never the password.
/// </summary>
internal sealed class EqcClient(ExpediaHttp http, ILogger<EqcClient> logger)
{
    private const int MaxErrorTextLength = 500;

    /// <summary>Posts <paramref name="body"/> and returns the answer's root (named <paramref name="expectedRoot"/>) and its warnings.</summary>
    public async Task<(XElement Root, IReadOnlyList<EqcIssue> Warnings)> SendAsync(string operation, Uri url, byte[] body, string expectedRoot, CancellationToken cancellationToken)
    {
        var response = await http.PostAsync(operation, url, body, cancellationToken).ConfigureAwait(false);
        XDocument? document = null;
        XmlException? parseError = null;
        if (!string.IsNullOrWhiteSpace(response.Body))
        {
            try
            {
                document = EqcXml.Parse(response.Body);
            }
            catch (XmlException ex)
            {
                parseError = ex;
            }
        }

        var errors = document?.Root is { } r ? Errors(r) : [];
        if (!response.IsSuccess)
        {
            var text = errors.Count > 0
                ? $"Expedia {operation} failed (HTTP {response.StatusCode}): {string.Join("; ", errors)}"
                : $"Expedia {operation} failed with HTTP {response.StatusCode}" + (string.IsNullOrWhiteSpace(response.Body) ? "." : ": " + response.Body.Trim());
            var transient = PlatformCallException.IsTransientStatus(response.StatusCode) || errors.Any(e => e.Code == EqcIssue.CapacityCode);
            throw new PlatformCallException(Platform.Expedia, Limit(text), transient, response.StatusCode, response.RetryAfter);
        }

        if (parseError is not null || document?.Root is null)
        {
            throw new PlatformCallException(
                Platform.Expedia,
                $"Expedia {operation}: the response (HTTP {response.StatusCode}) is not well-formed XML" + (parseError is null ? " (empty)." : $" ({parseError.Message})."),
                isTransient: false,
                statusCode: response.StatusCode,
                innerException: parseError);
        }

        var root = document.Root;
        if (errors.Count > 0)
        {
            var transient = errors.All(e => e.Code == EqcIssue.CapacityCode);
            var prefix = errors.Any(e => e.Code is EqcIssue.AuthenticationCode) ? "Expedia rejected the EQC user name or password. " : string.Empty;
            throw new PlatformCallException(
                Platform.Expedia,
                Limit($"{prefix}Expedia {operation} failed (HTTP {response.StatusCode}): {string.Join("; ", errors)}"),
                transient,
                response.StatusCode,
                response.RetryAfter);
        }

        if (root.Name.LocalName != expectedRoot)
        {
            throw new PlatformCallException(Platform.Expedia, $"Expedia {operation}: the response's root is {root.Name.LocalName}, not {expectedRoot}.", isTransient: false, statusCode: response.StatusCode);
        }

        var warnings = root.Descendants().Where(e => e.Name.LocalName == "Warning").Select(Issue).ToArray();
        foreach (var warning in warnings)
        {
            logger.LogWarning("Expedia {Operation} succeeded with a warning (the updates it names were skipped): {Warning}", operation, warning.ToString());
        }

        return (root, warnings);
    }

    private static List<EqcIssue> Errors(XElement root) => root.Descendants().Where(e => e.Name.LocalName == "Error").Select(Issue).ToList();

    private static EqcIssue Issue(XElement e) => new(e.Attr("code"), e.Value.Trim() is { Length: > 0 } text ? text : "(no text)");

    private static string Limit(string text) => text.Length > MaxErrorTextLength ? text[..MaxErrorTextLength] + "…" : text;
}

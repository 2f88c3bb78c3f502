using System.Text.RegularExpressions;

namespace ChannelManager.SampleHost.Logging;

/// <summary>
/// Removes secrets that other components put into log text: the token in an iCal export feed path
/// (<c>/ical/{tenant}/{connection}/{token}.ics</c>, which ASP.NET Core's hosting logs with every request and puts in
/// the request scope), credentials after <c>Bearer</c> / <c>Basic</c>, and secret-looking query parameters.
/// </summary>
internal static partial class LogSecretRedactor
{
    /// <summary>What replaces a secret.</summary>
    public const string Mask = "***";

    /// <summary>Returns <paramref name="text"/> with every secret masked (the same instance when there was none).</summary>
    /// <param name="text">Log text.</param>
    /// <returns>The text, redacted.</returns>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!MightContainSecret(text))
        {
            return text;
        }

        var redacted = ICalFeedToken().Replace(text, "$1" + Mask + "$2");
        redacted = Credentials().Replace(redacted, "$1 " + Mask);
        redacted = SecretQueryParameter().Replace(redacted, "$1" + Mask);
        return redacted == text ? text : redacted;
    }

    /// <summary>Whether <paramref name="text"/> has something to redact.</summary>
    /// <param name="text">Log text.</param>
    /// <returns><see langword="true"/> when <see cref="Redact"/> would change it.</returns>
    public static bool ContainsSecret(string text) => !ReferenceEquals(Redact(text), text);

    private static bool MightContainSecret(string text) =>
        text.Contains(".ics", StringComparison.OrdinalIgnoreCase)
        || text.Contains("Bearer", StringComparison.OrdinalIgnoreCase)
        || text.Contains("Basic", StringComparison.OrdinalIgnoreCase)
        || text.Contains('=', StringComparison.Ordinal);

    [GeneratedRegex(@"(/ical/[^/\s?#]+/[^/\s?#]+/)[^/\s?#]+(\.ics)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ICalFeedToken();

    [GeneratedRegex(@"\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=\-]{16,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Credentials();

    [GeneratedRegex(@"([?&;](?:key|api_key|apikey|token|access_token|refresh_token|client_secret|secret|password|pwd|s|t|sig|signature)=)[^&\s;#""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretQueryParameter();
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ChannelManager.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.FewoDirekt.Api;

/// <summary>
/// Sends one authenticated call (HTTP Basic with the partner-issued credentials, <c>User-Agent</c>,
/// <c>Content-Type: application/xml</c>) under <see cref="FewoDirektOptions.RequestTimeout"/> (headers and body) and
/// reads the whole answer. Every failure becomes a <see cref="PlatformCallException"/>: 408/425/429/5xx, timeouts,
/// refused connections and cut-off bodies are transient (with <c>Retry-After</c>); other statuses and malformed
/// answers are final. Never retries. Messages name the operation and the platform's error, never a credential.
/// </summary>
internal sealed class FewoDirektApiClient(
    IHttpClientFactory httpClientFactory,
    IOptions<FewoDirektOptions> options,
    TimeProvider timeProvider,
    ILogger<FewoDirektApiClient> logger)
{
    /// <summary>The name of the adapter's client on <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "ChannelManager.Adapters.FewoDirekt";

    private const int MaxErrorTextLength = 500;

    /// <summary>The root all paths are resolved against (always ending in <c>/</c>).</summary>
    public Uri Root
    {
        get
        {
            var url = options.Value.BaseUrl ?? throw new InvalidOperationException("FeWo-direkt: BaseUrl is not set.");
            return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        }
    }

    /// <summary>Sends a call; returns the parsed answer (<see langword="null"/> for an empty 2xx body, or a 404 when <paramref name="notFoundIsNull"/>).</summary>
    public async Task<XDocument?> SendAsync(string operation, HttpMethod method, Uri url, byte[]? body, CancellationToken cancellationToken, bool notFoundIsNull = false)
    {
        var settings = options.Value;
        var http = httpClientFactory.CreateClient(HttpClientName);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.RequestTimeout);
        var started = timeProvider.GetTimestamp();
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(settings.ClientId + ":" + settings.ClientSecret)));
        request.Headers.TryAddWithoutValidation("User-Agent", settings.UserAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw TimedOut(operation, settings.RequestTimeout, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PlatformCallException(Platform.FewoDirekt, $"FeWo-direkt {operation}: the connection failed ({ex.Message}).", isTransient: true, innerException: ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            string text;
            try
            {
                text = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(operation, settings.RequestTimeout, ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                throw new PlatformCallException(Platform.FewoDirekt, $"FeWo-direkt {operation}: the response (HTTP {status}) was cut off before its end ({ex.Message}).", isTransient: true, statusCode: status, innerException: ex);
            }

            logger.LogDebug("FeWo-direkt {Operation} answered HTTP {StatusCode} in {ElapsedMs:0.0} ms", operation, status, timeProvider.GetElapsedTime(started).TotalMilliseconds);
            XDocument? document = null;
            XmlException? parseError = null;
            if (!string.IsNullOrWhiteSpace(text))
            {
                try
                {
                    document = FewoXml.Parse(text);
                }
                catch (XmlException ex)
                {
                    parseError = ex;
                }
            }

            if (status == 404 && notFoundIsNull)
            {
                return null;
            }

            if (status is < 200 or >= 300)
            {
                throw new PlatformCallException(Platform.FewoDirekt, Limit(FailureText(operation, status, document, text)), PlatformCallException.IsTransientStatus(status), status, RetryAfter(response));
            }

            if (parseError is not null)
            {
                throw new PlatformCallException(Platform.FewoDirekt, $"FeWo-direkt {operation}: the response (HTTP {status}) is not well-formed XML ({parseError.Message}).", isTransient: false, statusCode: status, innerException: parseError);
            }

            if (document?.Root?.Name.LocalName == FewoDirektWire.ErrorRoot)
            {
                throw new PlatformCallException(Platform.FewoDirekt, Limit(FailureText(operation, status, document, text)), isTransient: false, statusCode: status);
            }

            return document;
        }
    }

    private static string FailureText(string operation, int status, XDocument? document, string text)
    {
        var reason = status switch
        {
            401 => " (the partner credentials were refused)",
            403 => " (no access to this listing)",
            _ => string.Empty,
        };
        var errors = document?.Root is { } root && root.Name.LocalName == FewoDirektWire.ErrorRoot
            ? root.Children("error").Select(e => e.Attribute("code")?.Value is { Length: > 0 } code ? $"[{code}] {e.Value.Trim()}" : e.Value.Trim()).ToArray()
            : [];
        var detail = errors.Length > 0 ? string.Join("; ", errors) : text.Trim();
        return $"FeWo-direkt {operation} failed with HTTP {status}{reason}" + (detail.Length > 0 ? ": " + detail : ".");
    }

    private static PlatformCallException TimedOut(string operation, TimeSpan timeout, Exception inner) =>
        new(Platform.FewoDirekt, $"FeWo-direkt {operation}: no complete answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.", isTransient: true, innerException: inner);

    private static string Limit(string text) => text.Length > MaxErrorTextLength ? text[..MaxErrorTextLength] + "…" : text;

    /// <summary>The <c>Retry-After</c> header as a delay: seconds, or an HTTP date relative to now.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}

using System.Net.Http.Headers;
using System.Xml;
using System.Xml.Linq;
using ChannelManager.Adapters.Shared.Http;
using ChannelManager.Adapters.Shared.Ota;
using ChannelManager.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.BookingCom.Api;

/// <summary>
/// Runs one authenticated Booking.com XML call: <c>Authorization: Bearer</c> the machine account's token,
/// <c>Accept-Version</c>, <c>Content-Type: application/xml</c>. A 401 drops the token and the call is sent once more
/// with a freshly exchanged one. Every failure becomes a <see cref="PlatformCallException"/>: 408/425/429/5xx,
/// timeouts and cut-off bodies are transient (with <c>Retry-After</c>); 400/401/403 and an answer carrying
/// <c>&lt;Errors&gt;</c> are final. Messages name the operation and Booking.com's error, never a token or secret.
/// </summary>
internal sealed class BookingComApiClient(
    BookingComHttp http,
    BookingComTokenProvider tokens,
    IOptions<BookingComOptions> options,
    ILogger<BookingComApiClient> logger)
{
    private const int MaxErrorTextLength = 500;

    /// <summary>Sends a call and returns the parsed answer (<see langword="null"/> for an empty 2xx body).</summary>
    public async Task<XDocument?> SendAsync(string operation, HttpMethod method, Uri url, byte[]? body, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var response = await SendOnceAsync(operation, method, url, body, token, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == 401)
        {
            logger.LogInformation("Booking.com {Operation} answered 401; exchanging the token once more", operation);
            tokens.Invalidate(token);
            token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            response = await SendOnceAsync(operation, method, url, body, token, cancellationToken).ConfigureAwait(false);
        }

        XDocument? document = null;
        XmlException? parseError = null;
        if (!string.IsNullOrWhiteSpace(response.Body))
        {
            try
            {
                document = OtaXml.Parse(response.Body);
            }
            catch (XmlException ex)
            {
                parseError = ex;
            }
        }

        if (!response.IsSuccess)
        {
            throw Failed(operation, response, document);
        }

        if (parseError is not null)
        {
            throw new PlatformCallException(
                Platform.BookingCom,
                $"Booking.com {operation}: the response (HTTP {response.StatusCode}) is not well-formed XML ({parseError.Message}).",
                isTransient: false,
                statusCode: response.StatusCode,
                innerException: parseError);
        }

        if (document is not null)
        {
            var result = OtaResult.Of(document);
            if (result.HasErrors)
            {
                throw new PlatformCallException(Platform.BookingCom, Text(operation, response.StatusCode, result.Errors), isTransient: false, statusCode: response.StatusCode);
            }

            foreach (var warning in result.Warnings)
            {
                logger.LogWarning("Booking.com {Operation} succeeded with a warning: {Warning}", operation, warning.ToString());
            }
        }

        return document;
    }

    private Task<RawResponse> SendOnceAsync(string operation, HttpMethod method, Uri url, byte[]? body, string token, CancellationToken cancellationToken) =>
        http.SendAsync(
            operation,
            () =>
            {
                var request = new HttpRequestMessage(method, url);
                if (body is not null)
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
                }

                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.TryAddWithoutValidation("Accept-Version", options.Value.AcceptVersion);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
                return request;
            },
            cancellationToken);

    private static PlatformCallException Failed(string operation, RawResponse response, XDocument? document)
    {
        var status = response.StatusCode;
        var issues = document is null ? [] : OtaResult.Of(document).Errors;
        string text;
        if (issues.Count > 0)
        {
            text = Text(operation, status, issues);
        }
        else
        {
            text = $"Booking.com {operation} failed with HTTP {status}";
            if (!string.IsNullOrWhiteSpace(response.Body))
            {
                text += ": " + response.Body.Trim();
            }
        }

        return new PlatformCallException(Platform.BookingCom, Limit(text), PlatformCallException.IsTransientStatus(status), status, response.RetryAfter);
    }

    private static string Text(string operation, int status, IReadOnlyList<OtaIssue> errors) =>
        Limit($"Booking.com {operation} failed (HTTP {status}): {string.Join("; ", errors)}");

    private static string Limit(string text) => text.Length > MaxErrorTextLength ? text[..MaxErrorTextLength] + "…" : text;
}

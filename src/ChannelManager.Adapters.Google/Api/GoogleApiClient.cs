using System.Net.Http.Headers;
using System.Xml;
using System.Xml.Linq;
using ChannelManager.Adapters.Shared.Http;
using ChannelManager.Adapters.Google.Auth;
using ChannelManager.Adapters.Shared.Ota;
using ChannelManager.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Google.Api;

/// <summary>
/// Runs one Google call: with a service account configured, <c>Authorization: Bearer</c> its access token (a 401
/// drops the token and the call is sent once more with a new one). Every failure becomes a
/// <see cref="PlatformCallException"/>: 408/425/429/5xx, timeouts and cut-off bodies are transient (with
/// <c>Retry-After</c>); other statuses and an <c>…RS</c> carrying <c>&lt;Errors&gt;</c> are final. Messages name the
/// operation and Google's error, never a token, key or the partner key.
/// </summary>
internal sealed class GoogleApiClient(
    GoogleHttp http,
    GoogleTokenProvider tokens,
    IOptions<GoogleOptions> options,
    ILogger<GoogleApiClient> logger)
{
    private const int MaxErrorTextLength = 500;

    /// <summary>Posts an OTA message and returns its parsed <c>…RS</c> (<see langword="null"/> for an empty 2xx body).</summary>
    public async Task<XDocument?> PostXmlAsync(string operation, Uri url, byte[] body, CancellationToken cancellationToken)
    {
        var response = await SendAsync(operation, HttpMethod.Post, url, body, "application/xml", cancellationToken).ConfigureAwait(false);
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
            var issues = document is null ? [] : OtaResult.Of(document).Errors;
            var text = issues.Count > 0
                ? $"Google {operation} failed (HTTP {response.StatusCode}): {string.Join("; ", issues)}"
                : $"Google {operation} failed with HTTP {response.StatusCode}" + (string.IsNullOrWhiteSpace(response.Body) ? "." : ": " + response.Body.Trim());
            throw new PlatformCallException(Platform.Google, Limit(text), PlatformCallException.IsTransientStatus(response.StatusCode), response.StatusCode, response.RetryAfter);
        }

        if (parseError is not null)
        {
            throw new PlatformCallException(
                Platform.Google,
                $"Google {operation}: the response (HTTP {response.StatusCode}) is not well-formed XML ({parseError.Message}).",
                isTransient: false,
                statusCode: response.StatusCode,
                innerException: parseError);
        }

        if (document is not null)
        {
            var result = OtaResult.Of(document);
            if (result.HasErrors)
            {
                throw new PlatformCallException(Platform.Google, Limit($"Google {operation} failed (HTTP {response.StatusCode}): {string.Join("; ", result.Errors)}"), isTransient: false, statusCode: response.StatusCode);
            }

            foreach (var warning in result.Warnings)
            {
                logger.LogWarning("Google {Operation} succeeded with a warning: {Warning}", operation, warning.ToString());
            }
        }

        return document;
    }

    /// <summary>Gets a JSON resource; a non-2xx answer throws.</summary>
    public async Task<string> GetJsonAsync(string operation, Uri url, CancellationToken cancellationToken)
    {
        var response = await SendAsync(operation, HttpMethod.Get, url, body: null, contentType: null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            var text = $"Google {operation} failed with HTTP {response.StatusCode}" + (string.IsNullOrWhiteSpace(response.Body) ? "." : ": " + response.Body.Trim());
            throw new PlatformCallException(Platform.Google, Limit(text), PlatformCallException.IsTransientStatus(response.StatusCode), response.StatusCode, response.RetryAfter);
        }

        return response.Body;
    }

    private async Task<RawResponse> SendAsync(string operation, HttpMethod method, Uri url, byte[]? body, string? contentType, CancellationToken cancellationToken)
    {
        if (!options.Value.UsesServiceAccount)
        {
            return await SendOnceAsync(operation, method, url, body, contentType, token: null, cancellationToken).ConfigureAwait(false);
        }

        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var response = await SendOnceAsync(operation, method, url, body, contentType, token, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == 401)
        {
            logger.LogInformation("Google {Operation} answered 401; fetching a new access token once more", operation);
            tokens.Invalidate(token);
            token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            response = await SendOnceAsync(operation, method, url, body, contentType, token, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private Task<RawResponse> SendOnceAsync(string operation, HttpMethod method, Uri url, byte[]? body, string? contentType, string? token, CancellationToken cancellationToken) =>
        http.SendAsync(
            operation,
            () =>
            {
                var request = new HttpRequestMessage(method, url);
                if (body is not null)
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/xml");
                }

                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(body is null ? "application/json" : "application/xml"));
                return request;
            },
            cancellationToken);

    private static string Limit(string text) => text.Length > MaxErrorTextLength ? text[..MaxErrorTextLength] + "…" : text;
}

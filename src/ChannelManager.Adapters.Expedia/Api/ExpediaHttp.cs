using System.Globalization;
using System.Net.Http.Headers;
using ChannelManager.Adapters.Shared.Http;
using ChannelManager.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Expedia.Api;

/// <summary>
/// Posts one EQC message (<c>Content-Type: text/xml</c>) under <see cref="ExpediaOptions.RequestTimeout"/> (see
/// <see cref="PlatformHttpSender"/>; EQC bodies carry the password, and no body is ever logged).
/// </summary>
internal sealed class ExpediaHttp(
    IHttpClientFactory httpClientFactory,
    IOptions<ExpediaOptions> options,
    TimeProvider timeProvider,
    ILogger<ExpediaHttp> logger)
    : PlatformHttpSender(httpClientFactory, HttpClientName, Platform.Expedia, "Expedia", () => options.Value.RequestTimeout, timeProvider, logger)
{
    /// <summary>The name of the adapter's client on <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "ChannelManager.Adapters.Expedia";

    /// <summary>Seconds until the per-minute window of Expedia's other APIs resets (XAP naming), read when no <c>Retry-After</c> is sent.</summary>
    public const string RateLimitResetHeader = "EG-Rate-Limit-Reset-Minute";

    public Task<RawResponse> PostAsync(string operation, Uri url, byte[] body, CancellationToken cancellationToken) =>
        SendAsync(
            operation,
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/xml"));
                return request;
            },
            cancellationToken);

    protected override TimeSpan? FallbackRetryAfter(HttpResponseMessage response) =>
        response.Headers.TryGetValues(RateLimitResetHeader, out var values) &&
        double.TryParse(values.FirstOrDefault(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) &&
        seconds is >= 0 and <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : null;
}

using System.Globalization;
using System.Net.Http.Headers;
using ChannelManager.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Expedia.Api;

/// <summary>An answer read to its end.</summary>
internal sealed record RawResponse(int StatusCode, string Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Posts one EQC message (<c>Content-Type: text/xml</c>) under <see cref="ExpediaOptions.RequestTimeout"/> (headers and
/// body) and reads the whole answer. Timeouts, refused connections and cut-off bodies become transient
/// <see cref="PlatformCallException"/>s; HTTP statuses are returned for the caller to judge. Never retries, never logs
/// a body (EQC bodies carry the password).
/// </summary>
internal sealed class ExpediaHttp(
    IHttpClientFactory httpClientFactory,
    IOptions<ExpediaOptions> options,
    TimeProvider timeProvider,
    ILogger<ExpediaHttp> logger)
{
    /// <summary>The name of the adapter's client on <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "ChannelManager.Adapters.Expedia";

    /// <summary>Seconds until the per-minute window of Expedia's other APIs resets (XAP naming), read when no <c>Retry-After</c> is sent.</summary>
    public const string RateLimitResetHeader = "EG-Rate-Limit-Reset-Minute";

    public async Task<RawResponse> PostAsync(string operation, Uri url, byte[] body, CancellationToken cancellationToken)
    {
        var http = httpClientFactory.CreateClient(HttpClientName);
        var timeout = options.Value.RequestTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var started = timeProvider.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/xml"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw TimedOut(operation, timeout, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PlatformCallException(Platform.Expedia, $"Expedia {operation}: the connection failed ({ex.Message}).", isTransient: true, innerException: ex);
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
                throw TimedOut(operation, timeout, ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                throw new PlatformCallException(
                    Platform.Expedia,
                    $"Expedia {operation}: the response (HTTP {status}) was cut off before its end ({ex.Message}).",
                    isTransient: true,
                    statusCode: status,
                    innerException: ex);
            }

            logger.LogDebug("Expedia {Operation} answered HTTP {StatusCode} in {ElapsedMs:0.0} ms", operation, status, timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return new RawResponse(status, text, RetryAfter(response));
        }
    }

    private static PlatformCallException TimedOut(string operation, TimeSpan timeout, Exception inner) =>
        new(Platform.Expedia, $"Expedia {operation}: no complete answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.", isTransient: true, innerException: inner);

    /// <summary><c>Retry-After</c> (seconds or an HTTP date), else <c>EG-Rate-Limit-Reset-Minute</c> (seconds).</summary>
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

        if (response.Headers.TryGetValues(RateLimitResetHeader, out var values) &&
            double.TryParse(values.FirstOrDefault(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) &&
            seconds is >= 0 and <= 3600)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }
}

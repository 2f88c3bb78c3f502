using System.Globalization;
using ChannelManager.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Google.Api;

/// <summary>An answer read to its end.</summary>
internal sealed record RawResponse(int StatusCode, string Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Sends one HTTP call under <see cref="GoogleOptions.RequestTimeout"/> (headers and body) and reads the whole
/// answer. Timeouts, refused connections and cut-off bodies become transient <see cref="PlatformCallException"/>s;
/// HTTP statuses are returned for the caller to judge. Never retries.
/// </summary>
internal sealed class GoogleHttp(
    IHttpClientFactory httpClientFactory,
    IOptions<GoogleOptions> options,
    TimeProvider timeProvider,
    ILogger<GoogleHttp> logger)
{
    /// <summary>The name of the adapter's client on <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "ChannelManager.Adapters.Google";

    public async Task<RawResponse> SendAsync(string operation, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        var http = httpClientFactory.CreateClient(HttpClientName);
        var timeout = options.Value.RequestTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var started = timeProvider.GetTimestamp();
        using var request = createRequest();
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
            throw new PlatformCallException(Platform.Google, $"Google {operation}: the connection failed ({ex.Message}).", isTransient: true, innerException: ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(operation, timeout, ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                throw new PlatformCallException(
                    Platform.Google,
                    $"Google {operation}: the response (HTTP {status}) was cut off before its end ({ex.Message}).",
                    isTransient: true,
                    statusCode: status,
                    innerException: ex);
            }

            logger.LogDebug("Google {Operation} answered HTTP {StatusCode} in {ElapsedMs:0.0} ms", operation, status, timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return new RawResponse(status, body, RetryAfter(response));
        }
    }

    private static PlatformCallException TimedOut(string operation, TimeSpan timeout, Exception inner) =>
        new(Platform.Google, $"Google {operation}: no complete answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.", isTransient: true, innerException: inner);

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

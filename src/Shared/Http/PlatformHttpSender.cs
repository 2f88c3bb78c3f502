using System.Globalization;
using ChannelManager.Connections;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Adapters.Shared.Http;

/// <summary>
/// Sends one HTTP call to a platform under a deadline that covers headers and body, and reads the whole answer.
/// Timeouts, refused connections and cut-off bodies become transient <see cref="PlatformCallException"/>s; HTTP
/// statuses are returned for the adapter to judge. Never retries (the engine's resilience pipeline does), never logs a
/// body. Shared by the adapters that speak XML over plain HTTP (compiled into each, not a public type).
/// </summary>
internal abstract class PlatformHttpSender
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly string _clientName;
    private readonly Platform _platform;
    private readonly string _platformName;
    private readonly Func<TimeSpan> _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    protected PlatformHttpSender(IHttpClientFactory httpClientFactory, string clientName, Platform platform, string platformName, Func<TimeSpan> timeout, TimeProvider timeProvider, ILogger logger)
    {
        _httpClientFactory = httpClientFactory;
        _clientName = clientName;
        _platform = platform;
        _platformName = platformName;
        _timeout = timeout;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Sends the request <paramref name="createRequest"/> makes and reads the whole answer.</summary>
    public async Task<RawResponse> SendAsync(string operation, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        var http = _httpClientFactory.CreateClient(_clientName);
        var timeout = _timeout();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var started = _timeProvider.GetTimestamp();
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
            throw new PlatformCallException(_platform, $"{_platformName} {operation}: the connection failed ({ex.Message}).", isTransient: true, innerException: ex);
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
                    _platform,
                    $"{_platformName} {operation}: the response (HTTP {status}) was cut off before its end ({ex.Message}).",
                    isTransient: true,
                    statusCode: status,
                    innerException: ex);
            }

            _logger.LogDebug("{Platform} {Operation} answered HTTP {StatusCode} in {ElapsedMs:0.0} ms", _platformName, operation, status, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return new RawResponse(status, body, RetryAfter(response) ?? FallbackRetryAfter(response));
        }
    }

    /// <summary>A platform's own hint of how long to wait, read when there is no <c>Retry-After</c>.</summary>
    protected virtual TimeSpan? FallbackRetryAfter(HttpResponseMessage response) => null;

    private PlatformCallException TimedOut(string operation, TimeSpan timeout, Exception inner) =>
        new(_platform, $"{_platformName} {operation}: no complete answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.", isTransient: true, innerException: inner);

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
            var wait = date - _timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}

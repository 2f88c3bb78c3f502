using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChannelManager.Adapters;
using ChannelManager.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace ChannelManager.Adapters.Airbnb.Api;

/// <summary>
/// Runs one Airbnb call under <see cref="AirbnbOptions.RequestTimeout"/> (headers and body) and turns every
/// failure into a <see cref="PlatformCallException"/>: HTTP errors (transient per
/// <see cref="PlatformCallException.IsTransientStatus"/>, with <c>Retry-After</c>), timeouts and connection errors
/// (transient), cut-off or unreadable bodies. It never retries: the engine's resilience pipeline does.
/// Messages name the operation and Airbnb's error, never a token or secret.
/// </summary>
internal sealed class AirbnbApiClient(
    IServiceProvider services,
    IOptions<AirbnbOptions> options,
    TimeProvider timeProvider,
    ILogger<AirbnbApiClient> logger)
{
    private const int MaxErrorTextLength = 500;

    /// <summary>Sends a call and reads its JSON answer.</summary>
    public async Task<T> SendAsync<T>(
        string operation,
        Func<IAirbnbApi, CancellationToken, Task<HttpResponseMessage>> call,
        JsonTypeInfo<T> responseType,
        CancellationToken cancellationToken)
        where T : class =>
        (await SendCoreAsync(operation, call, responseType, notFoundAsNull: false, cancellationToken))!;

    /// <summary>Sends a call and reads its JSON answer; a 404 gives <see langword="null"/>.</summary>
    public Task<T?> SendOrDefaultIfNotFoundAsync<T>(
        string operation,
        Func<IAirbnbApi, CancellationToken, Task<HttpResponseMessage>> call,
        JsonTypeInfo<T> responseType,
        CancellationToken cancellationToken)
        where T : class =>
        SendCoreAsync(operation, call, responseType, notFoundAsNull: true, cancellationToken);

    private async Task<T?> SendCoreAsync<T>(
        string operation,
        Func<IAirbnbApi, CancellationToken, Task<HttpResponseMessage>> call,
        JsonTypeInfo<T> responseType,
        bool notFoundAsNull,
        CancellationToken cancellationToken)
        where T : class
    {
        var api = services.GetRequiredService<IAirbnbApi>();
        var timeout = options.Value.RequestTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var started = timeProvider.GetTimestamp();

        HttpResponseMessage response;
        try
        {
            response = await call(api, deadline.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or ApiRequestException)
        {
            // Refit wraps what HttpClient throws; the wrapper holds the request (and its headers), so it is
            // dropped and only the cause is kept.
            var cause = ex is ApiRequestException { InnerException: { } inner } ? inner : ex;
            if (cause is OperationCanceledException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw TimedOut(operation, timeout, cause);
            }

            throw new PlatformCallException(Platform.Airbnb, $"Airbnb {operation}: the connection failed ({cause.Message}).", isTransient: true, innerException: cause);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(deadline.Token);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(operation, timeout, ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                throw new PlatformCallException(
                    Platform.Airbnb,
                    $"Airbnb {operation}: the response (HTTP {status}) was cut off before its end ({ex.Message}).",
                    isTransient: true,
                    statusCode: status,
                    innerException: ex);
            }

            logger.LogDebug("Airbnb {Operation} answered HTTP {StatusCode} in {ElapsedMs:0.0} ms", operation, status, timeProvider.GetElapsedTime(started).TotalMilliseconds);
            if (notFoundAsNull && status == 404)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw Failed(operation, response, status, body);
            }

            try
            {
                return JsonSerializer.Deserialize(body, responseType) ?? throw new JsonException("The body is JSON null.");
            }
            catch (JsonException ex)
            {
                throw new PlatformCallException(
                    Platform.Airbnb,
                    $"Airbnb {operation}: the response (HTTP {status}) is not the expected JSON ({ex.Message}).",
                    isTransient: false,
                    statusCode: status,
                    innerException: ex);
            }
        }
    }

    private static PlatformCallException TimedOut(string operation, TimeSpan timeout, Exception inner) =>
        new(Platform.Airbnb, $"Airbnb {operation}: no complete answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.", isTransient: true, innerException: inner);

    private PlatformCallException Failed(string operation, HttpResponseMessage response, int status, string body)
    {
        var text = $"Airbnb {operation} failed with HTTP {status}";
        AirbnbErrorResponse? error = null;
        try
        {
            error = body.Length > 0 ? JsonSerializer.Deserialize(body, AirbnbJsonContext.Default.AirbnbErrorResponse) : null;
        }
        catch (JsonException)
        {
            // Not Airbnb's error format (e.g. a proxy's page): the raw text is shown below.
        }

        if (error is { ErrorMessage: not null } || error?.ErrorDetails is { Count: > 0 })
        {
            var details = error.ErrorDetails ?? [];
            var messages = details.Select(d => d.ErrorMessage).Where(m => m is not null && m != error.ErrorMessage).ToArray();
            var reasons = details.Select(d => d.ErrorReason).Where(r => !string.IsNullOrEmpty(r)).Distinct().ToArray();
            text += $" ({error.ErrorType ?? "error"})";
            if (reasons.Length > 0)
            {
                text += $" [{string.Join(", ", reasons)}]";
            }

            if (error.ErrorMessage is not null)
            {
                text += ": " + error.ErrorMessage;
            }

            if (messages.Length > 0)
            {
                text += (error.ErrorMessage is null ? ": " : " ") + string.Join(" ", messages);
            }
        }
        else if (!string.IsNullOrWhiteSpace(body))
        {
            text += ": " + body.Trim();
        }

        if (text.Length > MaxErrorTextLength)
        {
            text = text[..MaxErrorTextLength] + "…";
        }

        return new PlatformCallException(Platform.Airbnb, text, PlatformCallException.IsTransientStatus(status), status, RetryAfter(response));
    }

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

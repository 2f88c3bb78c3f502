using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Text.Json;
using ChannelManager.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.BookingCom.Api;

/// <summary>
/// Holds the machine account's JWT (platforms.md §1: <c>POST …/token-based-authentication/exchange</c>, lifetime
/// 1 hour, at most 30 tokens per hour). The token is cached until <see cref="BookingComOptions.TokenRefreshMargin"/>
/// before its <c>exp</c>; callers that need a new one while an exchange is running wait for that exchange instead
/// of starting another; <see cref="Invalidate"/> drops a token Booking.com refused (401), so that the next call
/// exchanges once more. Thread-safe.
/// </summary>
internal sealed class BookingComTokenProvider(
    BookingComHttp http,
    IOptions<BookingComOptions> options,
    TimeProvider timeProvider,
    ILogger<BookingComTokenProvider> logger)
{
    /// <summary>The path of the exchange below <see cref="BookingComOptions.AuthBaseUrl"/>.</summary>
    public const string ExchangePath = "token-based-authentication/exchange";

    /// <summary>A token's lifetime when neither <c>exp</c> nor <c>expires_in</c> tells it.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private CachedToken? _current;
    private Task<CachedToken>? _exchange;
    private int _exchanges;

    /// <summary>How many exchanges were started (for diagnostics and tests).</summary>
    public int Exchanges => Volatile.Read(ref _exchanges);

    /// <summary>A valid token: the cached one, or a new one from an exchange shared by all concurrent callers.</summary>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        Task<CachedToken> exchange;
        lock (_gate)
        {
            if (_current is { } current && timeProvider.GetUtcNow() < current.RefreshAt)
            {
                return current.Token;
            }

            exchange = _exchange ??= ExchangeAndStoreAsync();
        }

        return (await exchange.WaitAsync(cancellationToken).ConfigureAwait(false)).Token;
    }

    /// <summary>Forgets <paramref name="token"/> if it is the cached one (Booking.com answered 401 to it).</summary>
    public void Invalidate(string token)
    {
        lock (_gate)
        {
            if (_current?.Token == token)
            {
                _current = null;
            }
        }
    }

    private async Task<CachedToken> ExchangeAndStoreAsync()
    {
        // Always completes asynchronously, so that the caller stores the task before it is cleared below.
        await Task.Yield();
        Interlocked.Increment(ref _exchanges);
        try
        {
            // Not tied to any caller's cancellation: others may be waiting for the same exchange. RequestTimeout bounds it.
            var token = await ExchangeAsync(CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                _current = token;
            }

            return token;
        }
        finally
        {
            lock (_gate)
            {
                _exchange = null;
            }
        }
    }

    private async Task<CachedToken> ExchangeAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var url = new Uri(BookingComUrls.Root(settings.EffectiveAuthBaseUrl), ExchangePath);
        var response = await http.SendAsync(
            "token exchange",
            () =>
            {
                var body = new MemoryStream();
                using (var json = new Utf8JsonWriter(body))
                {
                    json.WriteStartObject();
                    json.WriteString("client_id", settings.ClientId);
                    json.WriteString("client_secret", settings.ClientSecret);
                    json.WriteEndObject();
                }

                var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body.ToArray()) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                return request;
            },
            cancellationToken).ConfigureAwait(false);

        if (!response.IsSuccess)
        {
            var reason = response.StatusCode switch
            {
                400 or 401 or 403 => "Booking.com rejected the machine account's client id or secret",
                429 => "Booking.com refused more token exchanges for now (at most 30 per hour)",
                _ => "the token exchange failed",
            };
            throw new PlatformCallException(
                Platform.BookingCom,
                $"Booking.com token exchange failed with HTTP {response.StatusCode}: {reason}.",
                PlatformCallException.IsTransientStatus(response.StatusCode),
                response.StatusCode,
                response.RetryAfter);
        }

        string? jwt = null;
        double? expiresIn = null;
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            foreach (var name in (string[])["jwt", "token", "access_token"])
            {
                if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    jwt = value.GetString();
                    break;
                }
            }

            if (document.RootElement.TryGetProperty("expires_in", out var seconds) && seconds.ValueKind == JsonValueKind.Number)
            {
                expiresIn = seconds.GetDouble();
            }
        }
        catch (JsonException ex)
        {
            throw new PlatformCallException(Platform.BookingCom, $"Booking.com token exchange: the answer is not JSON ({ex.Message}).", isTransient: false, statusCode: response.StatusCode, innerException: ex);
        }

        if (string.IsNullOrWhiteSpace(jwt))
        {
            throw new PlatformCallException(Platform.BookingCom, "Booking.com token exchange: the answer holds no token.", isTransient: false, statusCode: response.StatusCode);
        }

        var now = timeProvider.GetUtcNow();
        var expiresAt = ExpiryOf(jwt) ?? (expiresIn is > 0 ? now.AddSeconds(expiresIn.Value) : now + DefaultLifetime);
        var refreshAt = expiresAt - settings.TokenRefreshMargin;
        if (refreshAt <= now)
        {
            refreshAt = now + ((expiresAt - now) / 2);
        }

        logger.LogDebug("Booking.com token exchanged; it expires at {ExpiresAt:O}", expiresAt);
        return new CachedToken(jwt, expiresAt, refreshAt);
    }

    /// <summary>The <c>exp</c> claim of a JWT, read without verifying it (it is Booking.com's own token).</summary>
    internal static DateTimeOffset? ExpiryOf(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(parts[1]);
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private sealed record CachedToken(string Token, DateTimeOffset ExpiresAt, DateTimeOffset RefreshAt)
    {
        public override string ToString() => $"CachedToken {{ ExpiresAt = {ExpiresAt:O} }}";
    }
}

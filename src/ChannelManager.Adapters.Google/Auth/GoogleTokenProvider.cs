using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using ChannelManager.Adapters.Google.Api;
using ChannelManager.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Google.Auth;

/// <summary>
/// Holds the service account's OAuth 2.0 access token (RFC 7523 JWT bearer grant, as Google documents for service
/// accounts): an RS256 assertion <c>{iss: client_email, scope, aud: token URL, iat, exp = iat + 1 h}</c> signed with the
/// configured private key is posted to the token endpoint as
/// <c>grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&amp;assertion=…</c>; the answer's <c>access_token</c> is cached
/// until <see cref="GoogleOptions.TokenRefreshMargin"/> before it expires (<c>expires_in</c>). Concurrent callers that
/// need a new token share one exchange; <see cref="Invalidate"/> drops a token Google refused (401). Thread-safe.
/// </summary>
internal sealed class GoogleTokenProvider : IDisposable
{
    /// <summary>The grant type of the exchange.</summary>
    public const string GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    /// <summary>The lifetime of the assertion (Google accepts at most 1 hour).</summary>
    public static readonly TimeSpan AssertionLifetime = TimeSpan.FromHours(1);

    private readonly GoogleHttp _http;
    private readonly IOptions<GoogleOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<GoogleTokenProvider> _logger;
    private readonly Lock _gate = new();
    private RSA? _key;
    private CachedToken? _current;
    private Task<CachedToken>? _exchange;
    private int _exchanges;

    public GoogleTokenProvider(GoogleHttp http, IOptions<GoogleOptions> options, TimeProvider timeProvider, ILogger<GoogleTokenProvider> logger)
    {
        _http = http;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>How many exchanges were started (for diagnostics and tests).</summary>
    public int Exchanges => Volatile.Read(ref _exchanges);

    /// <summary>A valid access token: the cached one, or a new one from an exchange shared by all concurrent callers.</summary>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        Task<CachedToken> exchange;
        lock (_gate)
        {
            if (_current is { } current && _timeProvider.GetUtcNow() < current.RefreshAt)
            {
                return current.Token;
            }

            exchange = _exchange ??= ExchangeAndStoreAsync();
        }

        return (await exchange.WaitAsync(cancellationToken).ConfigureAwait(false)).Token;
    }

    /// <summary>Forgets <paramref name="token"/> if it is the cached one (Google answered 401 to it).</summary>
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

    public void Dispose()
    {
        lock (_gate)
        {
            _key?.Dispose();
            _key = null;
        }
    }

    /// <summary>The signed assertion for <paramref name="now"/> (internal: the golden test pins it).</summary>
    internal string CreateAssertion(DateTimeOffset now)
    {
        var settings = _options.Value;
        var key = Key();
        var issuedAt = now.ToUnixTimeSeconds();
        return Rs256Jwt.Sign(key, settings.ServiceAccountKeyId, w =>
        {
            w.WriteString("iss", settings.ServiceAccountEmail);
            w.WriteString("scope", settings.Scope);
            w.WriteString("aud", settings.EffectiveTokenUrl.AbsoluteUri);
            w.WriteNumber("iat", issuedAt);
            w.WriteNumber("exp", issuedAt + (long)AssertionLifetime.TotalSeconds);
        });
    }

    private RSA Key()
    {
        lock (_gate)
        {
            if (_key is null)
            {
                var rsa = RSA.Create();
                rsa.ImportFromPem(_options.Value.ServiceAccountPrivateKey);
                _key = rsa;
            }

            return _key;
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
        var settings = _options.Value;
        var assertion = CreateAssertion(_timeProvider.GetUtcNow());
        var response = await _http.SendAsync(
            "token exchange",
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, settings.EffectiveTokenUrl)
                {
                    Content = new FormUrlEncodedContent([new("grant_type", GrantType), new("assertion", assertion)]),
                };
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                return request;
            },
            cancellationToken).ConfigureAwait(false);

        if (!response.IsSuccess)
        {
            var error = ErrorCode(response.Body);
            var reason = response.StatusCode switch
            {
                400 or 401 or 403 => $"Google rejected the service account's assertion ({error ?? "no error code"})",
                429 => "Google refused more token requests for now",
                _ => "the token exchange failed",
            };
            throw new PlatformCallException(
                Platform.Google,
                $"Google token exchange failed with HTTP {response.StatusCode}: {reason}.",
                PlatformCallException.IsTransientStatus(response.StatusCode),
                response.StatusCode,
                response.RetryAfter);
        }

        string? accessToken = null;
        double? expiresIn = null;
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            if (document.RootElement.TryGetProperty("access_token", out var value) && value.ValueKind == JsonValueKind.String)
            {
                accessToken = value.GetString();
            }

            if (document.RootElement.TryGetProperty("expires_in", out var seconds) && seconds.ValueKind == JsonValueKind.Number)
            {
                expiresIn = seconds.GetDouble();
            }
        }
        catch (JsonException ex)
        {
            throw new PlatformCallException(Platform.Google, $"Google token exchange: the answer is not JSON ({ex.Message}).", isTransient: false, statusCode: response.StatusCode, innerException: ex);
        }

        if (string.IsNullOrWhiteSpace(accessToken))
        {
            throw new PlatformCallException(Platform.Google, "Google token exchange: the answer holds no access_token.", isTransient: false, statusCode: response.StatusCode);
        }

        var now = _timeProvider.GetUtcNow();
        var expiresAt = now + (expiresIn is > 0 ? TimeSpan.FromSeconds(expiresIn.Value) : AssertionLifetime);
        var refreshAt = expiresAt - settings.TokenRefreshMargin;
        if (refreshAt <= now)
        {
            refreshAt = now + ((expiresAt - now) / 2);
        }

        _logger.LogDebug("Google access token fetched; it expires at {ExpiresAt:O}", expiresAt);
        return new CachedToken(accessToken, expiresAt, refreshAt);
    }

    private static string? ErrorCode(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                ? error.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record CachedToken(string Token, DateTimeOffset ExpiresAt, DateTimeOffset RefreshAt)
    {
        public override string ToString() => $"CachedToken {{ ExpiresAt = {ExpiresAt:O} }}";
    }
}

using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Google.PubSub;

/// <summary>
/// Google's public keys fetched from <see cref="GoogleOptions.PubSubJwksUrl"/> and cached for the answer's
/// <c>Cache-Control: max-age</c> (else <see cref="GoogleOptions.PubSubJwksCacheDuration"/>). An unknown <c>kid</c>
/// (key rotation) triggers one refetch, at most once a minute; concurrent lookups share one fetch, waited for at most
/// <see cref="GoogleOptions.RequestTimeout"/>. A failed fetch keeps the keys already known. Thread-safe.
/// </summary>
internal sealed class HttpPubSubKeySource(
    IHttpClientFactory httpClientFactory,
    IOptions<GoogleOptions> options,
    TimeProvider timeProvider,
    ILogger<HttpPubSubKeySource> logger) : IGooglePubSubKeySource, IDisposable
{
    public const string HttpClientName = "ChannelManager.Adapters.Google.Jwks";

    private static readonly TimeSpan MinRefetchInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private Dictionary<string, RSA> _keys = new(StringComparer.Ordinal);
    private DateTimeOffset _expiresAt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastFetch = DateTimeOffset.MinValue;
    private Task? _fetch;

    /// <summary>How many fetches were started (for diagnostics and tests).</summary>
    public int Fetches { get; private set; }

    /// <summary>Until when the keys known now are fresh (<see cref="DateTimeOffset.MinValue"/> before the first fetch).</summary>
    public DateTimeOffset ExpiresAt
    {
        get
        {
            lock (_gate)
            {
                return _expiresAt;
            }
        }
    }

    /// <summary>
    /// Fetches the keys now (or joins a fetch under way), so that verifications find them in memory. Used by
    /// <see cref="PubSubKeyRefresher"/> at start-up and before the keys expire. Never throws for a failed fetch.
    /// </summary>
    /// <returns>When the fetch is over.</returns>
    public Task RefreshAsync()
    {
        lock (_gate)
        {
            if (_fetch is null)
            {
                _lastFetch = timeProvider.GetUtcNow();
                Fetches++;
                _fetch = FetchAsync();
            }

            return _fetch;
        }
    }

    public RSA? FindKey(string keyId)
    {
        Task fetch;
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            var fresh = now < _expiresAt;
            if (fresh && _keys.TryGetValue(keyId, out var known))
            {
                return known;
            }

            if (fresh && now - _lastFetch < MinRefetchInterval)
            {
                return null;
            }

            if (_fetch is null)
            {
                _lastFetch = now;
                Fetches++;
                _fetch = FetchAsync();
            }

            fetch = _fetch;
        }

        try
        {
            // The engine's webhook verification is synchronous: wait for the shared fetch, bounded. With the refresher
            // running this happens only before the first fetch succeeded or when Google rotated to an unknown key.
            fetch.Wait(options.Value.RequestTimeout);
        }
        catch (AggregateException ex)
        {
            logger.LogWarning(ex.InnerException, "Fetching Google's Pub/Sub signing keys failed");
        }

        lock (_gate)
        {
            return _keys.GetValueOrDefault(keyId);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var key in _keys.Values)
            {
                key.Dispose();
            }

            _keys.Clear();
        }
    }

    private async Task FetchAsync()
    {
        await Task.Yield();
        try
        {
            var settings = options.Value;
            using var timeout = new CancellationTokenSource(settings.RequestTimeout);
            var http = httpClientFactory.CreateClient(HttpClientName);
            using var response = await http.GetAsync(settings.PubSubJwksUrl, timeout.Token).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var json = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var keys = GoogleJwks.Import(GoogleJwks.Parse(json));
            var maxAge = response.Headers.CacheControl?.MaxAge;
            lock (_gate)
            {
                // Old key objects are not disposed: a verification may still hold one. They are few and small.
                _keys = keys;
                _expiresAt = timeProvider.GetUtcNow() + (maxAge is { } age && age > TimeSpan.Zero ? age : settings.PubSubJwksCacheDuration);
            }

            logger.LogDebug("Fetched {Count} Google Pub/Sub signing keys", keys.Count);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or FormatException)
        {
            logger.LogWarning("Fetching Google's Pub/Sub signing keys failed: {Error}", ex.Message);
        }
        finally
        {
            lock (_gate)
            {
                _fetch = null;
            }
        }
    }
}

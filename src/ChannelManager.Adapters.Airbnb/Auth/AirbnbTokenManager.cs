using System.Globalization;
using System.Text;
using System.Text.Json;
using ChannelManager.Adapters.Airbnb.Api;
using ChannelManager.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Airbnb.Auth;

/// <summary>
/// Keeps each connection's Airbnb access token usable (platforms.md §2 Auth). The credentials used are always the
/// freshest known: read through <see cref="IChannelCredentialsStore"/> when one is registered (the
/// <see cref="ChannelConnection"/> the engine passes may be older), else the connection's own, replaced by tokens
/// this manager refreshed from them. A refresh is <c>POST /v2/oauth2/authorizations?_unwrapped=true</c> with HTTP
/// Basic <c>client_id:client_secret</c> and the refresh token; the new tokens are stored through the store. Concurrent
/// refreshes of one connection share one call. A refresh token Airbnb refused (400, 401, 403: revoked or expired
/// grant) is remembered and not tried again, so that callers fail at once with a non-transient
/// <see cref="PlatformCallException"/> telling that the host must reconnect, until new credentials are stored.
/// Nothing here logs or throws a token. Thread-safe.
/// </summary>
internal sealed class AirbnbTokenManager(
    AirbnbApiClient client,
    IServiceProvider services,
    IOptions<AirbnbOptions> options,
    TimeProvider timeProvider,
    ILogger<AirbnbTokenManager> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Task<ChannelCredentials>> _inFlight = [];

    /// <summary>Tokens refreshed here that no store holds (none registered, or the save failed), with the access token they replaced.</summary>
    private readonly Dictionary<Guid, RefreshedCredentials> _refreshed = [];

    /// <summary>Refresh tokens Airbnb refused, per connection.</summary>
    private readonly Dictionary<Guid, string> _rejected = [];

    private IChannelCredentialsStore? _store;
    private int _storeResolved;
    private int _refreshes;
    private int _warnedNoSecret;

    /// <summary>How many refresh calls were made (for diagnostics and tests).</summary>
    public int Refreshes => Volatile.Read(ref _refreshes);

    /// <summary>Whether Airbnb may be asked for a new access token with these credentials.</summary>
    public bool CanRefresh(ChannelCredentials credentials) =>
        options.Value.RefreshesTokens && !string.IsNullOrWhiteSpace(credentials.RefreshToken);

    /// <summary>
    /// The credentials to call with: the freshest known, refreshed first when the access token expires within
    /// <see cref="AirbnbOptions.TokenRefreshMargin"/> and a refresh token exists. When that refresh fails but the
    /// access token has not expired yet, the call goes on with it.
    /// </summary>
    public async Task<ChannelCredentials> GetCredentialsAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        var credentials = (await ReadAsync(connection, cancellationToken).ConfigureAwait(false)).Effective;
        if (!IsDue(credentials) || !CanRefreshOrWarn(connection, credentials))
        {
            return credentials;
        }

        try
        {
            return await RefreshAsync(connection, credentials, cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformCallException ex) when (credentials.ExpiresAt is { } expiresAt && expiresAt > timeProvider.GetUtcNow())
        {
            logger.LogWarning(
                "The Airbnb access token of connection {ConnectionId} expires at {ExpiresAt:O} and could not be refreshed ({Error}); the call goes on with it",
                connection.Id,
                expiresAt,
                ex.Message);
            return credentials;
        }
    }

    /// <summary>
    /// New credentials for a connection whose access token <paramref name="stale"/> no longer works (or is about to
    /// expire): those another caller refreshed meanwhile when there are, else the result of one refresh call shared
    /// with every concurrent caller for the connection.
    /// </summary>
    /// <exception cref="PlatformCallException">The refresh failed; non-transient when the host must reconnect.</exception>
    public async Task<ChannelCredentials> RefreshAsync(ChannelConnection connection, ChannelCredentials stale, CancellationToken cancellationToken)
    {
        Task<ChannelCredentials> refresh;
        lock (_gate)
        {
            if (!_inFlight.TryGetValue(connection.Id, out refresh!))
            {
                refresh = RefreshOnceAsync(connection, stale.AccessToken);
                _inFlight[connection.Id] = refresh;
            }
        }

        return await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<ChannelCredentials> RefreshOnceAsync(ChannelConnection connection, string staleAccessToken)
    {
        // Always completes asynchronously, so that the caller stores the task before it is removed below.
        await Task.Yield();
        try
        {
            // Not tied to any caller's cancellation: others may wait for the same refresh. RequestTimeout bounds the calls.
            var (own, current) = await ReadAsync(connection, CancellationToken.None).ConfigureAwait(false);
            if (current.AccessToken != staleAccessToken && !IsDue(current))
            {
                return current; // refreshed by another caller (or reconnected by the host) since the stale token was read
            }

            if (string.IsNullOrWhiteSpace(current.RefreshToken))
            {
                throw new PlatformCallException(
                    Platform.Airbnb,
                    $"Airbnb: the access token of connection {connection.Id} is no longer valid and no refresh token is stored; the host must reconnect the Airbnb account.",
                    isTransient: false,
                    statusCode: 401);
            }

            lock (_gate)
            {
                if (_rejected.TryGetValue(connection.Id, out var rejected) && rejected == current.RefreshToken)
                {
                    throw MustReconnect(connection, statusCode: null);
                }
            }

            var fresh = await CallAsync(connection, current.RefreshToken).ConfigureAwait(false);
            await SaveAsync(connection, own, fresh).ConfigureAwait(false);
            return fresh;
        }
        finally
        {
            lock (_gate)
            {
                _inFlight.Remove(connection.Id);
            }
        }
    }

    private async Task<ChannelCredentials> CallAsync(ChannelConnection connection, string refreshToken)
    {
        var settings = options.Value;
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.ClientId}:{settings.ClientSecret}"));
        var body = new AirbnbRefreshTokenRequest(refreshToken);
        Interlocked.Increment(ref _refreshes);
        AirbnbAuthorization answer;
        try
        {
            answer = await client.SendAsync(
                "token_refresh",
                (api, ct) => api.RefreshAuthorizationAsync(basic, body, ct),
                AirbnbJsonContext.Default.AirbnbAuthorization,
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (PlatformCallException ex) when (ex.StatusCode is 401 && ex.Message.Contains("invalid_client", StringComparison.Ordinal))
        {
            throw new PlatformCallException(
                Platform.Airbnb,
                $"Airbnb rejected the partner's client id or secret ({AirbnbConfigurationKeys.ClientId}, {AirbnbConfigurationKeys.ClientSecret}) when refreshing the access token of connection {connection.Id}.",
                isTransient: false,
                statusCode: 401);
        }
        catch (PlatformCallException ex) when (ex.StatusCode is 400 or 401 or 403)
        {
            lock (_gate)
            {
                _rejected[connection.Id] = refreshToken;
            }

            logger.LogWarning(
                "Airbnb refused to refresh the access token of connection {ConnectionId} (HTTP {StatusCode}); the host must reconnect the Airbnb account",
                connection.Id,
                ex.StatusCode);
            throw MustReconnect(connection, ex.StatusCode);
        }

        if (string.IsNullOrWhiteSpace(answer.AccessToken))
        {
            throw new PlatformCallException(Platform.Airbnb, "Airbnb token_refresh: the answer holds no access token.", isTransient: false, statusCode: 200);
        }

        var expiresAt = ExpiryOf(answer);
        var refreshed = new ChannelCredentials(
            answer.AccessToken,
            string.IsNullOrWhiteSpace(answer.RefreshToken) ? refreshToken : answer.RefreshToken,
            expiresAt);
        logger.LogInformation(
            "Refreshed the Airbnb access token of connection {ConnectionId}; it expires at {ExpiresAt:O}{Rotated}",
            connection.Id,
            expiresAt,
            refreshed.RefreshToken == refreshToken ? string.Empty : " (refresh token rotated)");
        return refreshed;
    }

    private async Task SaveAsync(ChannelConnection connection, ChannelCredentials own, ChannelCredentials fresh)
    {
        var saved = false;
        if (Store is { } store)
        {
            try
            {
                saved = await store.SaveAsync(connection.TenantId, connection.Id, fresh, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The new tokens are kept in memory below; the store's failure must not fail the call.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Storing the refreshed Airbnb credentials of connection {ConnectionId} failed; they are kept in memory", connection.Id);
            }
        }

        lock (_gate)
        {
            if (saved)
            {
                _refreshed.Remove(connection.Id);
            }
            else
            {
                _refreshed[connection.Id] = new RefreshedCredentials(own.AccessToken, fresh);
            }

            _rejected.Remove(connection.Id);
        }
    }

    /// <summary>The credentials stored (or the connection's own), and those to use (replaced by a refresh kept in memory).</summary>
    private async Task<(ChannelCredentials Own, ChannelCredentials Effective)> ReadAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        var own = connection.Credentials;
        if (Store is { } store &&
            await store.GetAsync(connection.TenantId, connection.Id, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            own = stored;
        }

        lock (_gate)
        {
            return _refreshed.TryGetValue(connection.Id, out var refreshed) && refreshed.Replaced == own.AccessToken
                ? (own, refreshed.Credentials)
                : (own, own);
        }
    }

    private bool IsDue(ChannelCredentials credentials) =>
        credentials.ExpiresAt is { } expiresAt && expiresAt - options.Value.TokenRefreshMargin <= timeProvider.GetUtcNow();

    private bool CanRefreshOrWarn(ChannelConnection connection, ChannelCredentials credentials)
    {
        if (CanRefresh(credentials))
        {
            return true;
        }

        if (!string.IsNullOrWhiteSpace(credentials.RefreshToken) && options.Value.RefreshAccessTokens is null && Interlocked.Exchange(ref _warnedNoSecret, 1) == 0)
        {
            logger.LogWarning(
                "The Airbnb access token of connection {ConnectionId} is about to expire, but no client secret is configured ({Key}), so it is not refreshed",
                connection.Id,
                AirbnbConfigurationKeys.ClientSecret);
        }

        return false;
    }

    private IChannelCredentialsStore? Store
    {
        get
        {
            if (Volatile.Read(ref _storeResolved) == 0)
            {
                _store = services.GetService<IChannelCredentialsStore>();
                Volatile.Write(ref _storeResolved, 1);
            }

            return _store;
        }
    }

    private static PlatformCallException MustReconnect(ChannelConnection connection, int? statusCode) =>
        new(
            Platform.Airbnb,
            string.Create(
                CultureInfo.InvariantCulture,
                $"Airbnb refused to refresh the access token of connection {connection.Id}{(statusCode is { } s ? $" (HTTP {s})" : string.Empty)}: the authorization was revoked or has expired; the host must reconnect the Airbnb account."),
            isTransient: false,
            statusCode: statusCode ?? 401);

    /// <summary><c>expires_at</c> (Unix seconds, or milliseconds when that large, or an ISO 8601 string), else <c>expires_in</c> seconds from now.</summary>
    internal DateTimeOffset? ExpiryOf(AirbnbAuthorization answer)
    {
        if (answer.ExpiresAt is { } at)
        {
            if (at.ValueKind == JsonValueKind.Number && at.TryGetInt64(out var unix))
            {
                return FromUnix(unix);
            }

            if (at.ValueKind == JsonValueKind.String && at.GetString() is { } text)
            {
                if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out unix))
                {
                    return FromUnix(unix);
                }

                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                {
                    return date.ToUniversalTime();
                }
            }
        }

        if (answer.ExpiresIn is { ValueKind: JsonValueKind.Number } inSeconds && inSeconds.TryGetDouble(out var seconds) && seconds > 0)
        {
            return timeProvider.GetUtcNow().AddSeconds(seconds);
        }

        return null;
    }

    private static DateTimeOffset? FromUnix(long value) =>
        value switch
        {
            <= 0 => null,
            > 100_000_000_000 => DateTimeOffset.FromUnixTimeMilliseconds(value),
            _ => DateTimeOffset.FromUnixTimeSeconds(value),
        };

    private sealed record RefreshedCredentials(string Replaced, ChannelCredentials Credentials)
    {
        public override string ToString() => $"RefreshedCredentials {{ {Credentials} }}";
    }
}

using ChannelManager.Adapters.Airbnb;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator.Airbnb;
using ChannelManager.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Tests.Airbnb;

/// <summary>
/// OAuth2 access-token refresh against the simulator over HTTP: before expiry, on 401, collapsed for concurrent
/// callers, stored through <see cref="IChannelCredentialsStore"/>, and a refused refresh token a clear permanent error.
/// </summary>
public sealed class AirbnbTokenRefreshTests(OAuthSimulatorFixture fixture) : IClassFixture<OAuthSimulatorFixture>, IDisposable
{
    private const string OAuthTokenHeader = "X-Airbnb-OAuth-Token";
    private readonly CapturingLoggerProvider _logs = new();
    private readonly List<string> _secrets = [TestData.ClientSecret];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AirbnbSimulator Airbnb => fixture.Simulator.Airbnb;

    [Fact]
    public async Task A_token_about_to_expire_is_refreshed_before_the_call_and_the_new_tokens_are_stored()
    {
        var grant = Issue(TimeSpan.FromMinutes(2)); // within the default 5-minute margin
        var store = new InMemoryCredentialsStore();
        await using var scope = Scope(store);
        var (connection, listing) = Connect(grant, store);

        var result = await Push(scope, connection);

        Assert.Equal(1, result.PlatformCalls);
        Assert.Single(fixture.RefreshCalls(grant.RefreshToken), c => c.StatusCode == 200);
        var stored = store[connection.Id]!;
        Remember(stored);
        Assert.NotEqual(grant.AccessToken, stored.AccessToken);
        Assert.Equal(grant.RefreshToken, stored.RefreshToken);
        Assert.True(stored.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(50));
        var call = Assert.Single(fixture.CalendarCalls(listing));
        Assert.Equal(200, call.StatusCode);
        Assert.Equal(stored.AccessToken, call.RequestHeaders[OAuthTokenHeader]);
        Assert.False(fixture.Simulator.State.IsTokenValid(grant.AccessToken)); // the simulator invalidated the old token
        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task A_401_for_an_expired_token_triggers_one_refresh_and_the_call_succeeds()
    {
        var grant = Issue(TimeSpan.FromHours(1));
        fixture.Simulator.State.Airbnb.ExpireAccessToken(grant.AccessToken); // expired on Airbnb's side only
        var store = new InMemoryCredentialsStore();
        await using var scope = Scope(store);
        var (connection, listing) = Connect(grant, store);

        await Push(scope, connection);

        Assert.Single(fixture.RefreshCalls(grant.RefreshToken));
        Assert.Equal([401, 200], fixture.CalendarCalls(listing).Select(c => c.StatusCode));
        var stored = store[connection.Id]!;
        Remember(stored);
        Assert.NotEqual(grant.AccessToken, stored.AccessToken);
        Assert.Equal(stored.AccessToken, fixture.CalendarCalls(listing)[1].RequestHeaders[OAuthTokenHeader]);
        AssertNoSecretsLogged();
    }

    [Theory]
    [InlineData(true)]  // the connection knows its token expired: refreshed before the calls
    [InlineData(false)] // only Airbnb knows: every call answers 401 first
    public async Task Twenty_concurrent_pushes_with_an_expired_token_cause_exactly_one_refresh(bool expiryKnown)
    {
        var grant = Issue(TimeSpan.FromHours(1));
        fixture.Simulator.State.Airbnb.ExpireAccessToken(grant.AccessToken);
        var store = new InMemoryCredentialsStore();
        await using var scope = Scope(store);
        var (connection, listing) = Connect(grant, store, expiresAt: expiryKnown ? DateTimeOffset.UtcNow.AddMinutes(-1) : grant.ExpiresAt);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Push(scope, connection, day: i)));

        Assert.All(results, r => Assert.Equal(1, r.PlatformCalls));
        Assert.Single(fixture.RefreshCalls(grant.RefreshToken));
        Assert.Equal(1, store.Saves);
        Remember(store[connection.Id]!);
        var calls = fixture.CalendarCalls(listing);
        Assert.Equal(20, calls.Count(c => c.StatusCode == 200));
        Assert.All(calls.Where(c => c.StatusCode == 200), c => Assert.Equal(store[connection.Id]!.AccessToken, c.RequestHeaders[OAuthTokenHeader]));
        if (expiryKnown)
        {
            Assert.DoesNotContain(calls, c => c.StatusCode == 401);
        }

        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task A_revoked_refresh_token_gives_a_clear_non_transient_error_and_no_retry_loop()
    {
        var grant = Issue(TimeSpan.FromHours(1));
        fixture.Simulator.State.Airbnb.ExpireAccessToken(grant.AccessToken);
        fixture.Simulator.State.RevokeToken(grant.RefreshToken); // the host disconnected the app
        var store = new InMemoryCredentialsStore();
        await using var scope = Scope(store);
        var (connection, listing) = Connect(grant, store);

        var first = await Assert.ThrowsAsync<PlatformCallException>(() => Push(scope, connection));
        var second = await Assert.ThrowsAsync<PlatformCallException>(() => Push(scope, connection));

        foreach (var ex in new[] { first, second })
        {
            Assert.False(ex.IsTransient);
            Assert.Contains("must reconnect", ex.Message, StringComparison.Ordinal);
            Assert.Contains(connection.Id.ToString(), ex.Message, StringComparison.Ordinal);
            AssertNoSecrets(ex.ToString());
        }

        Assert.Single(fixture.RefreshCalls(grant.RefreshToken)); // the refused refresh token is not tried again
        Assert.Equal([401, 401], fixture.CalendarCalls(listing).Select(c => c.StatusCode));
        Assert.Equal(0, store.Saves);
        Assert.Equal(grant.AccessToken, store[connection.Id]!.AccessToken);
        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task New_credentials_stored_by_the_host_are_tried_after_a_refused_refresh_token()
    {
        var grant = Issue(TimeSpan.FromHours(1));
        fixture.Simulator.State.Airbnb.ExpireAccessToken(grant.AccessToken);
        fixture.Simulator.State.RevokeToken(grant.RefreshToken);
        var store = new InMemoryCredentialsStore();
        await using var scope = Scope(store);
        var (connection, listing) = Connect(grant, store);
        await Assert.ThrowsAsync<PlatformCallException>(() => Push(scope, connection));

        var reconnected = Issue(TimeSpan.FromHours(1));
        store.Set(connection.Id, new ChannelCredentials(reconnected.AccessToken, reconnected.RefreshToken, reconnected.ExpiresAt));
        await Push(scope, connection); // the engine still passes the old connection: the store's credentials win

        Assert.Equal(reconnected.AccessToken, fixture.CalendarCalls(listing)[^1].RequestHeaders[OAuthTokenHeader]);
        Assert.Empty(fixture.RefreshCalls(reconnected.RefreshToken));
        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task Without_a_credentials_store_the_connections_own_tokens_are_used_and_refreshed_ones_kept_in_memory()
    {
        var grant = Issue(TimeSpan.FromHours(1));
        fixture.Simulator.State.Airbnb.ExpireAccessToken(grant.AccessToken);
        await using var scope = Scope(store: null);
        var (connection, listing) = Connect(grant, store: null);

        await Push(scope, connection);
        await Push(scope, connection, day: 1); // the same stale connection again

        Assert.Single(fixture.RefreshCalls(grant.RefreshToken));
        Assert.Equal([401, 200, 200], fixture.CalendarCalls(listing).Select(c => c.StatusCode));
        Remember(new ChannelCredentials(fixture.CalendarCalls(listing)[^1].RequestHeaders[OAuthTokenHeader]));
        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task A_rotated_refresh_token_is_stored()
    {
        var grant = Issue(TimeSpan.Zero);
        fixture.Simulator.Airbnb.Options.RotateRefreshTokens = true;
        try
        {
            var store = new InMemoryCredentialsStore();
            await using var scope = Scope(store);
            var (connection, _) = Connect(grant, store);

            await Push(scope, connection);

            var stored = store[connection.Id]!;
            Remember(stored);
            Assert.NotEqual(grant.RefreshToken, stored.RefreshToken);
            Assert.NotNull(stored.RefreshToken);
        }
        finally
        {
            fixture.Simulator.Airbnb.Options.RotateRefreshTokens = false;
        }

        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task A_wrong_client_secret_is_a_non_transient_error_that_names_the_setting_not_the_secret()
    {
        var grant = Issue(TimeSpan.Zero);
        var store = new InMemoryCredentialsStore();
        _secrets.Add("wrong-client-secret");
        await using var scope = Scope(store, o => o.ClientSecret = "wrong-client-secret");
        var (connection, _) = Connect(grant, store);

        var ex = await Assert.ThrowsAsync<PlatformCallException>(() => Push(scope, connection));

        Assert.False(ex.IsTransient);
        Assert.Contains(AirbnbConfigurationKeys.ClientSecret, ex.Message, StringComparison.Ordinal);
        AssertNoSecrets(ex.ToString());
        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task Tokens_are_not_refreshed_when_no_client_secret_is_configured()
    {
        var grant = Issue(TimeSpan.FromHours(1));
        fixture.Simulator.State.Airbnb.ExpireAccessToken(grant.AccessToken);
        await using var scope = Scope(store: null, o => o.ClientSecret = null);
        var (connection, _) = Connect(grant, store: null);

        var ex = await Assert.ThrowsAsync<PlatformCallException>(() => Push(scope, connection));

        Assert.Equal(401, ex.StatusCode);
        Assert.Empty(fixture.RefreshCalls(grant.RefreshToken));
        AssertNoSecrets(ex.ToString());
    }

    [Fact]
    public async Task Refresh_required_without_a_client_secret_fails_at_host_start()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        new TestChannelManagerBuilder(builder.Services).AddAirbnb(o =>
        {
            o.ClientId = "client";
            o.WebhookSecret = "0123456789abcdef";
            o.RefreshAccessTokens = true;
            o.TokenRefreshMargin = TimeSpan.FromSeconds(-1);
        });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains(ex.Failures, f => f.Contains("ClientSecret", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("TokenRefreshMargin", StringComparison.Ordinal));
    }

    public void Dispose() => _logs.Dispose();

    private AirbnbTokenGrant Issue(TimeSpan lifetime)
    {
        var grant = Airbnb.IssueTokens(lifetime);
        _secrets.Add(grant.AccessToken);
        _secrets.Add(grant.RefreshToken);
        return grant;
    }

    private void Remember(ChannelCredentials credentials)
    {
        _secrets.Add(credentials.AccessToken);
        if (credentials.RefreshToken is { } refresh)
        {
            _secrets.Add(refresh);
        }
    }

    private AdapterScope Scope(InMemoryCredentialsStore? store, Action<AirbnbOptions>? configure = null) =>
        AdapterScope.Create(
            fixture.Simulator.AirbnbBaseAddress,
            o =>
            {
                o.ClientSecret = TestData.ClientSecret;
                configure?.Invoke(o);
            },
            services: s =>
            {
                s.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
                if (store is not null)
                {
                    s.AddSingleton<IChannelCredentialsStore>(store);
                }
            });

    private static (ChannelConnection Connection, string ListingId) Connect(AirbnbTokenGrant grant, InMemoryCredentialsStore? store, DateTimeOffset? expiresAt = null)
    {
        var listing = TestData.NewListingId();
        var credentials = new ChannelCredentials(grant.AccessToken, grant.RefreshToken, expiresAt ?? grant.ExpiresAt);
        var connection = TestData.Connection(listing) with { Credentials = credentials };
        store?.Set(connection.Id, credentials);
        return (connection, listing);
    }

    private static Task<AriPushResult> Push(AdapterScope scope, ChannelConnection connection, int day = 0) =>
        scope.Adapter.PushAriAsync(
            new AriPushRequest(connection, [new AriDay { Date = new DateOnly(2030, 5, 1).AddDays(day), AvailableUnits = 1, Rate = 100m, Currency = "EUR" }]),
            Ct);

    private void AssertNoSecrets(string text)
    {
        foreach (var secret in _secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    private void AssertNoSecretsLogged()
    {
        var entries = _logs.Entries;
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            AssertNoSecrets(entry.Text);
        }
    }
}

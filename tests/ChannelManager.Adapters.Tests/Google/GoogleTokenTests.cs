using System.Buffers.Text;
using System.Text.Json;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator.Faults;
using Microsoft.Extensions.Time.Testing;

namespace ChannelManager.Adapters.Tests.Google;

public sealed class GoogleTokenTests(GoogleFixture fixture) : IClassFixture<GoogleFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AriPushRequest Push(string hotel) =>
        new(GoogleTestData.Connection(hotel), [new AriDay { Date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7), AvailableUnits = 1 }], AriPushScope.Availability);

    [Fact]
    public async Task The_assertion_is_an_RS256_JWT_for_the_token_endpoint_and_the_token_is_cached()
    {
        await using var scope = GoogleScope.Create(fixture.Simulator.GoogleBaseAddress);
        await scope.Adapter.PushAriAsync(Push(GoogleTestData.NewHotelCode()), Ct);
        await scope.Adapter.PushAriAsync(Push(GoogleTestData.NewHotelCode()), Ct);

        Assert.Equal(1, scope.Tokens.Exchanges);
        var assertion = scope.Tokens.CreateAssertion(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000));
        var parts = assertion.Split('.');
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal("RS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("test-key-1", header.RootElement.GetProperty("kid").GetString());
        Assert.Equal(GoogleTestData.ServiceAccountEmail, claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal(new Uri(fixture.Simulator.GoogleBaseAddress, "token").AbsoluteUri, claims.RootElement.GetProperty("aud").GetString());
        Assert.Equal("https://www.googleapis.com/auth/travelpartner", claims.RootElement.GetProperty("scope").GetString());
        Assert.Equal(1_900_000_000, claims.RootElement.GetProperty("iat").GetInt64());
        Assert.Equal(1_900_003_600, claims.RootElement.GetProperty("exp").GetInt64());

        var exchange = fixture.Simulator.State.CallsFor(Platform.Google).Last(c => c.Path == "/google/token");
        Assert.Contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer", exchange.RequestBody, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", exchange.RequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_is_refreshed_before_it_expires()
    {
        // Starts 55 minutes in the past, so that the simulator (real clock) takes the assertions made at both ends.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-55));
        await using var scope = GoogleScope.Create(fixture.Simulator.GoogleBaseAddress, timeProvider: clock);
        await scope.Adapter.PushAriAsync(Push(GoogleTestData.NewHotelCode()), Ct);

        clock.Advance(TimeSpan.FromMinutes(54));
        await scope.Adapter.PushAriAsync(Push(GoogleTestData.NewHotelCode()), Ct);
        Assert.Equal(1, scope.Tokens.Exchanges);

        // 5 minutes before the 1-hour expiry the token is replaced, although Google would still take it.
        clock.Advance(TimeSpan.FromMinutes(1.5));
        await scope.Adapter.PushAriAsync(Push(GoogleTestData.NewHotelCode()), Ct);
        Assert.Equal(2, scope.Tokens.Exchanges);
    }

    [Fact]
    public async Task Concurrent_calls_share_one_token_exchange()
    {
        await using var scope = GoogleScope.Create(fixture.Simulator.GoogleBaseAddress);
        fixture.Simulator.State.InjectFault(SimulatorFault.Slow(Platform.Google, TimeSpan.FromMilliseconds(300), pathPrefix: "/token"));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => scope.Adapter.PushAriAsync(Push(GoogleTestData.NewHotelCode()), Ct)));

        Assert.Equal(1, scope.Tokens.Exchanges);
    }

    [Fact]
    public async Task A_revoked_token_is_replaced_once_and_the_call_succeeds()
    {
        await using var scope = GoogleScope.Create(fixture.Simulator.GoogleBaseAddress);
        var hotel = GoogleTestData.NewHotelCode();
        await scope.Adapter.PushAriAsync(Push(hotel), Ct);
        fixture.Simulator.State.Google.ExpireTokens();

        var result = await scope.Adapter.PushAriAsync(Push(hotel), Ct);

        Assert.Equal(2, result.PlatformCalls);
        Assert.Equal(2, scope.Tokens.Exchanges);
        Assert.Equal([200, 200, 401, 200, 200], fixture.CallsFor(hotel).Select(c => c.StatusCode));
    }

    [Fact]
    public async Task An_assertion_signed_with_another_key_is_final()
    {
        using var other = System.Security.Cryptography.RSA.Create(2048);
        await using var scope = GoogleScope.Create(fixture.Simulator.GoogleBaseAddress, o => o.ServiceAccountPrivateKey = other.ExportPkcs8PrivateKeyPem());

        var ex = await Assert.ThrowsAsync<PlatformCallException>(() => scope.Adapter.PushAriAsync(Push(GoogleTestData.NewHotelCode()), Ct));

        Assert.False(ex.IsTransient);
        Assert.Equal(400, ex.StatusCode);
        Assert.Contains("invalid_grant", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", ex.Message, StringComparison.Ordinal);
        var test = await scope.Adapter.TestConnectionAsync(GoogleTestData.Connection(GoogleTestData.NewHotelCode()), Ct);
        Assert.False(test.Healthy);
        Assert.Contains("credentials", test.Message, StringComparison.Ordinal);
    }
}

using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator.Faults;

namespace ChannelManager.Adapters.Tests.Google;

public sealed class GoogleFailureTests(GoogleFixture fixture) : IClassFixture<GoogleFixture>
{
    private const string InvPath = "/ota/hotel_inv_count_notif";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AriPushRequest Push(string hotel) =>
        new(GoogleTestData.Connection(hotel), [new AriDay { Date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(9), AvailableUnits = 1 }], AriPushScope.Availability);

    private async Task<PlatformCallException> FailAsync(SimulatorFault fault, IChannelAdapter? adapter = null)
    {
        // Prime the token so that the fault hits the ARI call, not the token endpoint.
        await fixture.Scope.Tokens.GetTokenAsync(Ct);
        fixture.Simulator.State.InjectFault(fault);
        return await Assert.ThrowsAsync<PlatformCallException>(() => (adapter ?? fixture.Adapter).PushAriAsync(Push(GoogleTestData.NewHotelCode()), Ct));
    }

    [Fact]
    public async Task Status_429_is_transient_and_carries_Retry_After()
    {
        var ex = await FailAsync(SimulatorFault.Status(Platform.Google, 429, retryAfterSeconds: 7, pathPrefix: InvPath));
        Assert.True(ex.IsTransient);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Equal(Platform.Google, ex.Platform);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Server_errors_are_transient(int status)
    {
        var ex = await FailAsync(SimulatorFault.Status(Platform.Google, status, pathPrefix: InvPath));
        Assert.True(ex.IsTransient);
        Assert.Equal(status, ex.StatusCode);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    public async Task Client_errors_are_final(int status)
    {
        var ex = await FailAsync(SimulatorFault.Status(Platform.Google, status, pathPrefix: InvPath));
        Assert.False(ex.IsTransient);
        Assert.Equal(status, ex.StatusCode);
        Assert.Contains("Simulated failure", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_401_is_retried_once_with_a_new_token_then_final()
    {
        await fixture.Scope.Tokens.GetTokenAsync(Ct);
        var before = fixture.Simulator.State.Google.TokenExchanges;
        var ex = await FailAsync(SimulatorFault.Status(Platform.Google, 401, times: 2, pathPrefix: InvPath));
        Assert.False(ex.IsTransient);
        Assert.Equal(401, ex.StatusCode);
        Assert.Equal(before + 1, fixture.Simulator.State.Google.TokenExchanges);
    }

    [Fact]
    public async Task Token_endpoint_failures_are_classified_too()
    {
        await using var scope = GoogleScope.Create(fixture.Simulator.GoogleBaseAddress);
        fixture.Simulator.State.InjectFault(SimulatorFault.Status(Platform.Google, 503, retryAfterSeconds: 3, pathPrefix: "/token"));
        var ex = await Assert.ThrowsAsync<PlatformCallException>(() => scope.Adapter.PushAriAsync(Push(GoogleTestData.NewHotelCode()), Ct));
        Assert.True(ex.IsTransient);
        Assert.Equal(503, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), ex.RetryAfter);

        // The failed exchange is not cached: the next call gets a token.
        await scope.Adapter.PushAriAsync(Push(GoogleTestData.NewHotelCode()), Ct);
    }

    [Fact]
    public async Task Timeouts_and_cut_off_bodies_are_transient_and_a_slow_body_within_the_timeout_succeeds()
    {
        await using var scope = GoogleScope.Create(fixture.Simulator.GoogleBaseAddress, o => o.RequestTimeout = TimeSpan.FromMilliseconds(700));
        await scope.Tokens.GetTokenAsync(Ct);
        fixture.Simulator.State.InjectFault(SimulatorFault.Hang(Platform.Google, TimeSpan.FromSeconds(5), pathPrefix: InvPath));
        var timeout = await Assert.ThrowsAsync<PlatformCallException>(() => scope.Adapter.PushAriAsync(Push(GoogleTestData.NewHotelCode()), Ct));
        Assert.True(timeout.IsTransient);
        Assert.Null(timeout.StatusCode);

        fixture.Simulator.State.InjectFault(SimulatorFault.Truncated(Platform.Google, pathPrefix: InvPath));
        var truncated = await Assert.ThrowsAsync<PlatformCallException>(() => scope.Adapter.PushAriAsync(Push(GoogleTestData.NewHotelCode()), Ct));
        Assert.True(truncated.IsTransient);

        fixture.Simulator.State.InjectFault(SimulatorFault.Slow(Platform.Google, TimeSpan.FromSeconds(3), pathPrefix: InvPath));
        var slow = await Assert.ThrowsAsync<PlatformCallException>(() => scope.Adapter.PushAriAsync(Push(GoogleTestData.NewHotelCode()), Ct));
        Assert.True(slow.IsTransient);

        fixture.Simulator.State.InjectFault(SimulatorFault.Slow(Platform.Google, TimeSpan.FromMilliseconds(200), pathPrefix: InvPath));
        Assert.Equal(2, (await scope.Adapter.PushAriAsync(Push(GoogleTestData.NewHotelCode()), Ct)).PlatformCalls);
    }

    [Fact]
    public async Task An_OTA_error_answer_is_final_and_names_Googles_error()
    {
        var hotel = GoogleTestData.NewHotelCode();
        fixture.Simulator.State.RemoveListing(Platform.Google, hotel);
        var unknown = await Assert.ThrowsAsync<PlatformCallException>(() => fixture.Adapter.PushAriAsync(Push(hotel), Ct));
        Assert.False(unknown.IsTransient);
        Assert.Equal(400, unknown.StatusCode);
        Assert.Contains("Unknown property", unknown.Message, StringComparison.Ordinal);

        await using var scope = GoogleScope.Create(fixture.Simulator.GoogleBaseAddress, o => o.PartnerKey = "not_our_partner");
        var partner = await Assert.ThrowsAsync<PlatformCallException>(() => scope.Adapter.PushAriAsync(Push(GoogleTestData.NewHotelCode()), Ct));
        Assert.False(partner.IsTransient);
        Assert.Equal(403, partner.StatusCode);
        Assert.DoesNotContain("not_our_partner", partner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_tests_report_health_missing_properties_and_incomplete_connections()
    {
        var healthy = await fixture.Adapter.TestConnectionAsync(GoogleTestData.Connection(GoogleTestData.NewHotelCode()), Ct);
        Assert.True(healthy.Healthy, healthy.Message);
        Assert.Contains("/google/v3/accounts/1234567/hotelViews", fixture.Simulator.State.CallsFor(Platform.Google)[^1].Path, StringComparison.Ordinal);

        var missing = GoogleTestData.NewHotelCode();
        fixture.Simulator.State.RemoveListing(Platform.Google, missing);
        var notFound = await fixture.Adapter.TestConnectionAsync(GoogleTestData.Connection(missing), Ct);
        Assert.False(notFound.Healthy);
        Assert.Contains("is not in Hotel Center account", notFound.Message, StringComparison.Ordinal);

        var invalid = await fixture.Adapter.TestConnectionAsync(GoogleTestData.Connection(" "), Ct);
        Assert.False(invalid.Healthy);
        Assert.Contains("platform_listing_id", invalid.Message, StringComparison.Ordinal);

        fixture.Simulator.State.InjectFault(SimulatorFault.Status(Platform.Google, 503, pathPrefix: "/v3/"));
        var down = await fixture.Adapter.TestConnectionAsync(GoogleTestData.Connection(GoogleTestData.NewHotelCode()), Ct);
        Assert.False(down.Healthy);
        Assert.Contains("not reachable", down.Message, StringComparison.Ordinal);

        await using var otherAccount = GoogleScope.Create(fixture.Simulator.GoogleBaseAddress, o => o.AccountId = "999");
        var forbidden = await otherAccount.Adapter.TestConnectionAsync(GoogleTestData.Connection(GoogleTestData.NewHotelCode()), Ct);
        Assert.False(forbidden.Healthy);
        Assert.Contains("no access to Hotel Center account 999", forbidden.Message, StringComparison.Ordinal);
    }
}

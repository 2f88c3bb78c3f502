using ChannelManager.Adapters.BookingCom;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator.Faults;

namespace ChannelManager.Adapters.Tests.BookingCom;

public sealed class BookingComFailureTests(BookingComFixture fixture) : IClassFixture<BookingComFixture>
{
    private const string AvailPath = "/hotels/ota/OTA_HotelAvailNotif";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AriPushRequest Push(string hotel) =>
        new(BookingComTestData.Connection(hotel), [new AriDay { Date = new DateOnly(2030, 10, 1), AvailableUnits = 1 }], AriPushScope.Availability);

    private async Task<PlatformCallException> FailAsync(SimulatorFault fault, IChannelAdapter? adapter = null)
    {
        // Prime the token so that the fault hits the ARI call, not the exchange.
        await fixture.Scope.Tokens.GetTokenAsync(Ct);
        fixture.Simulator.State.InjectFault(fault);
        return await Assert.ThrowsAsync<PlatformCallException>(() => (adapter ?? fixture.Adapter).PushAriAsync(Push(BookingComTestData.NewHotelId()), Ct));
    }

    [Fact]
    public async Task Status_429_is_transient_and_carries_Retry_After()
    {
        var ex = await FailAsync(SimulatorFault.Status(Platform.BookingCom, 429, retryAfterSeconds: 7, pathPrefix: AvailPath));
        Assert.True(ex.IsTransient);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Equal(Platform.BookingCom, ex.Platform);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Server_errors_are_transient(int status)
    {
        var ex = await FailAsync(SimulatorFault.Status(Platform.BookingCom, status, pathPrefix: AvailPath));
        Assert.True(ex.IsTransient);
        Assert.Equal(status, ex.StatusCode);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    public async Task Client_errors_are_final(int status)
    {
        var ex = await FailAsync(SimulatorFault.Status(Platform.BookingCom, status, pathPrefix: AvailPath));
        Assert.False(ex.IsTransient);
        Assert.Equal(status, ex.StatusCode);
        Assert.Contains("Simulated failure", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_401_is_retried_once_with_a_new_token_then_final()
    {
        // Prime first: when this test runs first in the class, the first exchange is not the retry's.
        await fixture.Scope.Tokens.GetTokenAsync(Ct);
        var before = fixture.Simulator.State.BookingCom.TokenExchanges;
        var ex = await FailAsync(SimulatorFault.Status(Platform.BookingCom, 401, times: 2, pathPrefix: AvailPath));
        Assert.False(ex.IsTransient);
        Assert.Equal(401, ex.StatusCode);
        Assert.Equal(before + 1, fixture.Simulator.State.BookingCom.TokenExchanges);
    }

    [Fact]
    public async Task An_expired_token_is_exchanged_once_and_the_call_succeeds()
    {
        var hotel = BookingComTestData.NewHotelId();
        await fixture.Adapter.PushAriAsync(Push(hotel), Ct);
        var before = fixture.Simulator.State.BookingCom.TokenExchanges;
        fixture.Simulator.State.BookingCom.ExpireTokens();

        var result = await fixture.Adapter.PushAriAsync(Push(hotel), Ct);

        Assert.Equal(1, result.PlatformCalls);
        Assert.Equal(before + 1, fixture.Simulator.State.BookingCom.TokenExchanges);
        Assert.Equal([200, 401, 200], fixture.CallsFor(hotel).Select(c => c.StatusCode));
    }

    [Fact]
    public async Task Concurrent_calls_share_one_token_exchange()
    {
        await using var scope = BookingComScope.Create(fixture.Simulator.BookingComBaseAddress);
        fixture.Simulator.State.InjectFault(SimulatorFault.Slow(Platform.BookingCom, TimeSpan.FromMilliseconds(300), pathPrefix: "/token-based-authentication"));

        var pushes = Enumerable.Range(0, 8).Select(_ => scope.Adapter.PushAriAsync(Push(BookingComTestData.NewHotelId()), Ct)).ToArray();
        await Task.WhenAll(pushes);

        Assert.Equal(1, scope.Tokens.Exchanges);
    }

    [Fact]
    public async Task Wrong_machine_account_credentials_are_final()
    {
        await using var scope = BookingComScope.Create(fixture.Simulator.BookingComBaseAddress, o => o.ClientSecret = "wrong-secret");
        var ex = await Assert.ThrowsAsync<PlatformCallException>(() => scope.Adapter.PushAriAsync(Push(BookingComTestData.NewHotelId()), Ct));
        Assert.False(ex.IsTransient);
        Assert.Equal(401, ex.StatusCode);
        Assert.DoesNotContain("wrong-secret", ex.Message, StringComparison.Ordinal);

        var test = await scope.Adapter.TestConnectionAsync(BookingComTestData.Connection(BookingComTestData.NewHotelId()), Ct);
        Assert.False(test.Healthy);
        Assert.Contains("credentials", test.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hotel_without_access_answers_the_OTA_error_and_is_final()
    {
        var hotel = BookingComTestData.NewHotelId();
        fixture.Simulator.State.RemoveListing(Platform.BookingCom, hotel);
        var ex = await Assert.ThrowsAsync<PlatformCallException>(() => fixture.Adapter.PushAriAsync(Push(hotel), Ct));
        Assert.False(ex.IsTransient);
        Assert.Equal(403, ex.StatusCode);
        Assert.Contains("[497] You do not have access to hotel:" + hotel, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeouts_and_cut_off_bodies_are_transient()
    {
        // 2 s, not less: the priming token exchange (a cold connection on a loaded CI machine) must fit in it.
        await using var scope = BookingComScope.Create(fixture.Simulator.BookingComBaseAddress, o => o.RequestTimeout = TimeSpan.FromSeconds(2));
        await scope.Tokens.GetTokenAsync(Ct);
        fixture.Simulator.State.InjectFault(SimulatorFault.Hang(Platform.BookingCom, TimeSpan.FromSeconds(10), pathPrefix: AvailPath));
        var timeout = await Assert.ThrowsAsync<PlatformCallException>(() => scope.Adapter.PushAriAsync(Push(BookingComTestData.NewHotelId()), Ct));
        Assert.True(timeout.IsTransient);
        Assert.Null(timeout.StatusCode);

        fixture.Simulator.State.InjectFault(SimulatorFault.Truncated(Platform.BookingCom, pathPrefix: AvailPath));
        var truncated = await Assert.ThrowsAsync<PlatformCallException>(() => scope.Adapter.PushAriAsync(Push(BookingComTestData.NewHotelId()), Ct));
        Assert.True(truncated.IsTransient);
    }

    [Fact]
    public async Task A_healthy_connection_tests_healthy()
    {
        var result = await fixture.Adapter.TestConnectionAsync(BookingComTestData.Connection(BookingComTestData.NewHotelId()), Ct);
        Assert.True(result.Healthy, result.Message);

        var invalid = await fixture.Adapter.TestConnectionAsync(BookingComTestData.Connection(BookingComTestData.NewHotelId(), roomId: null), Ct);
        Assert.False(invalid.Healthy);
        Assert.Contains("platform_listing_id", invalid.Message, StringComparison.Ordinal);
    }
}

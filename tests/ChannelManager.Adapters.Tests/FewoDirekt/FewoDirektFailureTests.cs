using ChannelManager.Adapters.FewoDirekt;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator.Faults;

namespace ChannelManager.Adapters.Tests.FewoDirekt;

public sealed class FewoDirektFailureTests(FewoDirektFixture fixture) : IClassFixture<FewoDirektFixture>
{
    private const string ListingsPath = "/listings";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AriPushRequest Push(string listing) =>
        new(FewoDirektTestData.Connection(listing), [new AriDay { Date = new DateOnly(2030, 10, 1), AvailableUnits = 1 }], AriPushScope.Availability);

    private async Task<PlatformCallException> FailAsync(SimulatorFault fault, IChannelAdapter? adapter = null)
    {
        fixture.Simulator.State.InjectFault(fault);
        return await Assert.ThrowsAsync<PlatformCallException>(() => (adapter ?? fixture.Adapter).PushAriAsync(Push(FewoDirektTestData.NewListingId()), Ct));
    }

    [Fact]
    public async Task Status_429_is_transient_and_carries_Retry_After()
    {
        var ex = await FailAsync(SimulatorFault.Status(Platform.FewoDirekt, 429, retryAfterSeconds: 7, pathPrefix: ListingsPath));
        Assert.True(ex.IsTransient);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Equal(Platform.FewoDirekt, ex.Platform);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Server_errors_are_transient(int status)
    {
        var ex = await FailAsync(SimulatorFault.Status(Platform.FewoDirekt, status, pathPrefix: ListingsPath));
        Assert.True(ex.IsTransient);
        Assert.Equal(status, ex.StatusCode);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    public async Task Client_errors_are_final(int status)
    {
        var ex = await FailAsync(SimulatorFault.Status(Platform.FewoDirekt, status, pathPrefix: ListingsPath));
        Assert.False(ex.IsTransient);
        Assert.Equal(status, ex.StatusCode);
        Assert.Contains("Simulated failure", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Faults_on_the_booking_index_and_booking_reads_are_classified_too()
    {
        var listing = FewoDirektTestData.NewListingId();
        var advertiser = FewoDirektTestData.NewAdvertiserId();
        fixture.Simulator.State.FewoDirekt.Create(new ChannelManager.Simulator.FewoDirekt.FewoDirektReservationRequest { ListingId = listing, AdvertiserId = advertiser, BeginDate = new DateOnly(2030, 11, 1), EndDate = new DateOnly(2030, 11, 3) });
        var connection = FewoDirektTestData.Connection(listing, advertiser);

        fixture.Simulator.State.InjectFault(SimulatorFault.Status(Platform.FewoDirekt, 503, retryAfterSeconds: 30, pathPrefix: "/bookings/index"));
        var index = await Assert.ThrowsAsync<PlatformCallException>(() => fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct));
        Assert.True(index.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(30), index.RetryAfter);

        fixture.Simulator.State.InjectFault(SimulatorFault.Truncated(Platform.FewoDirekt, pathPrefix: "/bookings/HA-"));
        var booking = await Assert.ThrowsAsync<PlatformCallException>(() => fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct));
        Assert.True(booking.IsTransient);

        Assert.Single(await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct));
    }

    [Fact]
    public async Task Wrong_partner_credentials_are_final_and_never_echoed()
    {
        await using var scope = FewoDirektScope.Create(fixture.Simulator.FewoDirektBaseAddress, o => o.ClientSecret = "wrong-password-xyz");
        var ex = await Assert.ThrowsAsync<PlatformCallException>(() => scope.Adapter.PushAriAsync(Push(FewoDirektTestData.NewListingId()), Ct));
        Assert.False(ex.IsTransient);
        Assert.Equal(401, ex.StatusCode);
        Assert.DoesNotContain("wrong-password-xyz", ex.Message, StringComparison.Ordinal);

        var test = await scope.Adapter.TestConnectionAsync(FewoDirektTestData.Connection(FewoDirektTestData.NewListingId()), Ct);
        Assert.False(test.Healthy);
        Assert.Contains("credentials", test.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_listing_is_final()
    {
        var listing = FewoDirektTestData.NewListingId();
        fixture.Simulator.State.RemoveListing(Platform.FewoDirekt, listing);
        var ex = await Assert.ThrowsAsync<PlatformCallException>(() => fixture.Adapter.PushAriAsync(Push(listing), Ct));
        Assert.False(ex.IsTransient);
        Assert.Equal(404, ex.StatusCode);
        Assert.Contains("[UNKNOWN_LISTING]", ex.Message, StringComparison.Ordinal);

        var test = await fixture.Adapter.TestConnectionAsync(FewoDirektTestData.Connection(listing), Ct);
        Assert.False(test.Healthy);
        Assert.Contains("no access", test.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeouts_slow_and_cut_off_bodies_are_transient()
    {
        await using var scope = FewoDirektScope.Create(fixture.Simulator.FewoDirektBaseAddress, o => o.RequestTimeout = TimeSpan.FromMilliseconds(500));
        fixture.Simulator.State.InjectFault(SimulatorFault.Hang(Platform.FewoDirekt, TimeSpan.FromSeconds(5), pathPrefix: ListingsPath));
        var timeout = await Assert.ThrowsAsync<PlatformCallException>(() => scope.Adapter.PushAriAsync(Push(FewoDirektTestData.NewListingId()), Ct));
        Assert.True(timeout.IsTransient);
        Assert.Null(timeout.StatusCode);

        fixture.Simulator.State.InjectFault(SimulatorFault.Slow(Platform.FewoDirekt, TimeSpan.FromSeconds(3), pathPrefix: ListingsPath));
        var slow = await Assert.ThrowsAsync<PlatformCallException>(() => scope.Adapter.PushAriAsync(Push(FewoDirektTestData.NewListingId()), Ct));
        Assert.True(slow.IsTransient);

        fixture.Simulator.State.InjectFault(SimulatorFault.Truncated(Platform.FewoDirekt, pathPrefix: ListingsPath));
        var truncated = await Assert.ThrowsAsync<PlatformCallException>(() => scope.Adapter.PushAriAsync(Push(FewoDirektTestData.NewListingId()), Ct));
        Assert.True(truncated.IsTransient);
    }

    [Fact]
    public async Task A_healthy_connection_tests_healthy_and_an_incomplete_one_names_the_setting()
    {
        var result = await fixture.Adapter.TestConnectionAsync(FewoDirektTestData.Connection(FewoDirektTestData.NewListingId()), Ct);
        Assert.True(result.Healthy, result.Message);

        var invalid = await fixture.Adapter.TestConnectionAsync(FewoDirektTestData.Connection(FewoDirektTestData.NewListingId(), unitId: "a/b"), Ct);
        Assert.False(invalid.Healthy);
        Assert.Contains(FewoDirektMetadataKeys.UnitExternalId, invalid.Message, StringComparison.Ordinal);
    }
}

using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Connections;
using ChannelManager.Simulator.Faults;

namespace ChannelManager.Adapters.Tests.Airbnb;

public sealed class AirbnbConnectionTests : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorFixture _fixture;

    public AirbnbConnectionTests(SimulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Simulator.State.ClearFaults();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_valid_token_and_listing_are_healthy_after_one_cheap_call()
    {
        var listing = TestData.NewListingId();
        var connection = TestData.Connection(listing);

        var result = await _fixture.Adapter.TestConnectionAsync(connection, Ct);

        Assert.True(result.Healthy, result.Message);
        Assert.True(result.LatencyMs > 0);
        var call = Assert.Single(_fixture.CallsFor(listing));
        Assert.Equal($"/airbnb/v2/listings/{listing}", call.PathAndQuery);
        Assert.Equal(connection.Credentials.AccessToken, call.RequestHeaders["X-Airbnb-OAuth-Token"]);
        Assert.Equal(TestData.ClientId, call.RequestHeaders["X-Airbnb-API-Key"]);
    }

    [Fact]
    public async Task A_revoked_token_is_unhealthy_and_the_message_says_so_without_the_token()
    {
        var connection = TestData.Connection(TestData.NewListingId());
        _fixture.Simulator.State.RevokeToken(connection.Credentials.AccessToken);

        var result = await _fixture.Adapter.TestConnectionAsync(connection, Ct);

        Assert.False(result.Healthy);
        Assert.Contains("access token invalid or revoked", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(connection.Credentials.AccessToken, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_listing_is_unhealthy_with_listing_not_found()
    {
        var listing = TestData.NewListingId();
        _fixture.Simulator.State.RemoveListing(Platform.Airbnb, listing);

        var result = await _fixture.Adapter.TestConnectionAsync(TestData.Connection(listing), Ct);

        Assert.False(result.Healthy);
        Assert.Contains("listing not found", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outage_is_unhealthy_with_the_reason_and_does_not_throw()
    {
        _fixture.Simulator.State.InjectFault(SimulatorFault.Status(Platform.Airbnb, 503));

        var result = await _fixture.Adapter.TestConnectionAsync(TestData.Connection(TestData.NewListingId()), Ct);

        Assert.False(result.Healthy);
        Assert.Contains("503", result.Message, StringComparison.Ordinal);
        Assert.Contains("not reachable", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_of_another_platform_is_refused()
    {
        var connection = TestData.Connection(TestData.NewListingId()) with { Platform = Platform.BookingCom };

        await Assert.ThrowsAsync<ArgumentException>(() => _fixture.Adapter.TestConnectionAsync(connection, Ct));
    }
}

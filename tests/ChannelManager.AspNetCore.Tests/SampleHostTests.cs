using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChannelManager.SampleHost;
using ChannelManager.Simulator;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>
/// The sample host boots and serves the API, the webhooks and the sample PMS. Under WebApplicationFactory the
/// sample's own in-process simulator cannot run (the factory swaps every server built in the entry point for a
/// test server), so the test starts a simulator first and hands the sample its address and secrets through the
/// same configuration keys an operator would use.
/// </summary>
public sealed class SampleHostTests : IAsyncLifetime
{
    private PlatformSimulator _simulator = null!;
    private WebApplicationFactory<SampleHostEntryPoint> _factory = null!;

    public async ValueTask InitializeAsync()
    {
        _simulator = await PlatformSimulator.StartAsync();
        _factory = new WebApplicationFactory<SampleHostEntryPoint>().WithWebHostBuilder(b => b
            .UseSetting("Simulator:Enabled", "false")
            .UseSetting("AIRBNB_API_BASE_URL", _simulator.AirbnbBaseAddress.ToString())
            .UseSetting("AIRBNB_CLIENT_ID", "sample-test")
            .UseSetting("AIRBNB_WEBHOOK_SECRET", "0123456789abcdef0123456789abcdef"));
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task The_sample_host_serves_the_api_the_webhooks_and_the_sample_pms()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = _factory.CreateClient();
        var index = await client.GetStringAsync("/", ct);
        Assert.Contains("/channel-connections", index, StringComparison.Ordinal);

        var property = Guid.NewGuid();
        var created = await client.PostAsJsonAsync("/channel-connections", new { property_id = property, platform_type = "airbnb", platform_listing_id = "airbnb_listing_789", access_token = "your_token" }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (_simulator.State.GetDay(Connections.Platform.Airbnb, "airbnb_listing_789", today.AddDays(7)) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, ct);
        }

        Assert.True(_simulator.State.GetDay(Connections.Platform.Airbnb, "airbnb_listing_789", today.AddDays(7))?.IsAvailable, "the sample pushed the calendar to the configured platform");

        var health = JsonDocument.Parse(await client.GetStringAsync("/webhooks/health", ct)).RootElement;
        Assert.Contains(health.GetProperty("platforms").EnumerateArray(), p => p.GetProperty("platform").GetString() == "airbnb" && p.GetProperty("enabled").GetBoolean());

        var published = await client.PostAsJsonAsync("/pms/events", new
        {
            type = "booking.confirmed",
            property_id = property,
            payload = new { booking_id = "booking_123", check_in = today.AddDays(7), check_out = today.AddDays(9), source = "direct" },
        }, ct);
        Assert.Equal(HttpStatusCode.Accepted, published.StatusCode);

        var bad = await client.PostAsJsonAsync("/pms/events", new { type = "booking.exploded", property_id = property }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        deadline = DateTime.UtcNow.AddSeconds(15);
        while (_simulator.State.GetDay(Connections.Platform.Airbnb, "airbnb_listing_789", today.AddDays(8)) is not { IsAvailable: false } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, ct);
        }

        Assert.False(_simulator.State.GetDay(Connections.Platform.Airbnb, "airbnb_listing_789", today.AddDays(8))!.IsAvailable, "the direct booking closed the Airbnb calendar");
        var night = JsonDocument.Parse(await client.GetStringAsync($"/pms/properties/{property}/calendar?from={today.AddDays(7):yyyy-MM-dd}&to={today.AddDays(8):yyyy-MM-dd}", ct)).RootElement[0];
        Assert.False(night.GetProperty("bookable").GetBoolean());
    }
}

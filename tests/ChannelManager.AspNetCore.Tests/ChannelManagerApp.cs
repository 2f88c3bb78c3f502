using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ChannelManager.AspNetCore.Tests.Hosting;
using ChannelManager.Connections;
using ChannelManager.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>
/// A real host on Kestrel (loopback, free port) with the engine on embedded defaults, the HTTP endpoints, and the
/// Airbnb adapter talking HTTP to the platform simulator. One per test class. A derived fixture may change the
/// engine's settings through <see cref="SimulatedPlatformsHost.ConfigureEngine"/>.
/// </summary>
public class ChannelManagerApp : SimulatedPlatformsHost
{
    public string WebhookSecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public Uri AirbnbWebhookUrl => new(BaseAddress, "webhooks/airbnb");

    protected override PlatformSimulatorOptions CreateSimulatorOptions() => new() { Airbnb = { WebhookSecret = WebhookSecret } };

    protected override void AddPlatforms(IChannelManagerBuilder channelManager, PlatformSimulator simulator) =>
        channelManager.AddAirbnb(o =>
        {
            o.BaseUrl = simulator.AirbnbBaseAddress;
            o.ClientId = "test-client";
            o.WebhookSecret = WebhookSecret;
            o.RequestTimeout = TimeSpan.FromSeconds(5);
        });

    protected override void MapEndpoints(WebApplication app) => app.MapChannelManagerOperations();

    /// <summary>Creates a connection through the API and returns its JSON.</summary>
    public async Task<JsonElement> CreateConnectionAsync(Guid propertyId, string listingId, string platform = "airbnb", string token = "token-123", string? status = null)
    {
        var response = await Client.PostAsJsonAsync("channel-connections", new Dictionary<string, object?>
        {
            ["property_id"] = propertyId.ToString(),
            ["platform_type"] = platform,
            ["platform_listing_id"] = listingId,
            ["access_token"] = token,
            ["refresh_token"] = "refresh-" + token,
            ["platform_metadata"] = new Dictionary<string, object> { ["listing_id"] = listingId, ["rooms"] = 2 },
            ["status"] = status,
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create failed: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Whether the simulator holds a night as bookable for a listing.</summary>
    public bool IsAvailableOnPlatform(string listingId, DateOnly night) =>
        Simulator.State.GetDay(Platform.Airbnb, listingId, night) is { IsAvailable: true };

    /// <summary>Whether the simulator holds a night as blocked for a listing.</summary>
    public bool IsBlockedOnPlatform(string listingId, DateOnly night) =>
        Simulator.State.GetDay(Platform.Airbnb, listingId, night) is { IsAvailable: false };
}

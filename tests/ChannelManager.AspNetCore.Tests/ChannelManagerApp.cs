using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Simulator;
using ChannelManager.Sync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>
/// A real host on Kestrel (loopback, free port) with the engine on embedded defaults, the HTTP endpoints, and the
/// Airbnb adapter talking HTTP to the platform simulator. One per test class. A derived fixture may change the
/// engine's settings through <see cref="ConfigureEngine"/>.
/// </summary>
public class ChannelManagerApp : IAsyncLifetime
{
    public string WebhookSecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public PlatformSimulator Simulator { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public Uri AirbnbWebhookUrl => new(BaseAddress, "webhooks/airbnb");

    public HttpClient Client { get; private set; } = null!;

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public async ValueTask InitializeAsync()
    {
        Simulator = await PlatformSimulator.StartAsync(new PlatformSimulatorOptions { Airbnb = { WebhookSecret = WebhookSecret } });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddProblemDetails();
        builder.Services
            .AddChannelManager(o =>
            {
                o.DispatchRetryBaseDelay = TimeSpan.FromMilliseconds(50);
                o.DefaultResilience.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
                o.DefaultResilience.MaxRetryAttempts = 2;
                ConfigureEngine(o);
            })
            .AddHttpEndpoints()
            .AddAirbnb(o =>
            {
                o.BaseUrl = Simulator.AirbnbBaseAddress;
                o.ClientId = "test-client";
                o.WebhookSecret = WebhookSecret;
                o.RequestTimeout = TimeSpan.FromSeconds(5);
            });
        App = builder.Build();
        App.MapChannelManager();
        App.MapChannelManagerOperations();
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Simulator.DisposeAsync();
    }

    /// <summary>Changes the engine's settings after this fixture's defaults (short retry delays); nothing here.</summary>
    /// <param name="options">The engine's settings.</param>
    protected virtual void ConfigureEngine(ChannelManagerOptions options)
    {
    }

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

    /// <summary>
    /// Waits until the push a new connection starts with (its whole sync window) has landed: only after its sync-log
    /// row is written are later platform calls, and later changes to the connection's status, caused by the test.
    /// </summary>
    public Task WaitForInitialPushAsync(Guid connectionId, string? tenantId = null) =>
        Eventually.TrueAsync(
            async () => (await Get<ISyncLogStore>().ListAsync(tenantId ?? "default", connectionId, new PageRequest(), TestContext.Current.CancellationToken)).Items
                .Any(e => e.Operation == SyncOperations.AriPush && e.Outcome == SyncOutcome.Succeeded),
            $"connection {connectionId} got its initial calendar");

    /// <summary>Whether the simulator holds a night as bookable for a listing.</summary>
    public bool IsAvailableOnPlatform(string listingId, DateOnly night) =>
        Simulator.State.GetDay(Platform.Airbnb, listingId, night) is { IsAvailable: true };

    /// <summary>Whether the simulator holds a night as blocked for a listing.</summary>
    public bool IsBlockedOnPlatform(string listingId, DateOnly night) =>
        Simulator.State.GetDay(Platform.Airbnb, listingId, night) is { IsAvailable: false };
}

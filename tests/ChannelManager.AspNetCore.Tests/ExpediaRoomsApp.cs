using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChannelManager.Adapters.Expedia;
using ChannelManager.Common;
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
/// A real host (Kestrel on loopback) with the engine on embedded defaults and the Airbnb and Expedia adapters talking
/// HTTP to the platform simulator, which also pushes Expedia Booking Notifications to the host's
/// <c>/webhooks/expedia</c>: for the tests of Expedia room type connections.
/// </summary>
public sealed class ExpediaRoomsApp : IAsyncLifetime
{
    public const string NotificationUsername = "rooms-expedia-bn";

    private readonly PlatformSimulatorOptions _simulatorOptions = new()
    {
        Expedia =
        {
            Username = "rooms-eqc",
            Password = "rooms-eqc-password",
            NotificationUsername = NotificationUsername,
            NotificationPassword = NotificationPassword,
            BookingNotificationRetryDelay = TimeSpan.FromMilliseconds(20),
        },
    };

    public static string NotificationPassword { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public PlatformSimulator Simulator { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public async ValueTask InitializeAsync()
    {
        Simulator = await PlatformSimulator.StartAsync(_simulatorOptions);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddProblemDetails();
        builder.Services
            .AddChannelManager(o =>
            {
                o.DispatchRetryBaseDelay = TimeSpan.FromMilliseconds(50);
                o.InboxPollInterval = TimeSpan.FromMilliseconds(200);
                o.DefaultResilience.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
                o.DefaultResilience.MaxRetryAttempts = 2;
            })
            .AddHttpEndpoints()
            .AddAirbnb(o =>
            {
                o.BaseUrl = Simulator.AirbnbBaseAddress;
                o.ClientId = "test-client";
                o.WebhookSecret = "unused-airbnb-webhook-secret-0123456789";
                o.RequestTimeout = TimeSpan.FromSeconds(5);
            })
            .AddExpedia(o =>
            {
                o.BaseUrl = Simulator.ExpediaBaseAddress;
                o.Username = _simulatorOptions.Expedia.Username;
                o.Password = _simulatorOptions.Expedia.Password;
                o.NotificationUsername = NotificationUsername;
                o.NotificationPassword = NotificationPassword;
                o.RequestTimeout = TimeSpan.FromSeconds(5);
            });
        App = builder.Build();
        App.MapChannelManager();
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address.TrimEnd('/') + "/");
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

        // The simulator reads its settings at every call: its BN callback is this host, known only now.
        _simulatorOptions.Expedia.BookingNotificationUrl = new Uri(baseAddress, "webhooks/expedia");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Simulator.DisposeAsync();
    }

    /// <summary>Creates a connection through the API; returns the answer's status and JSON.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> TryCreateAsync(Guid property, string platform, string listing, Dictionary<string, string>? metadata = null)
    {
        var response = await Client.PostAsJsonAsync("channel-connections", new Dictionary<string, object?>
        {
            ["property_id"] = property.ToString(),
            ["platform_type"] = platform,
            ["platform_listing_id"] = listing,
            ["access_token"] = "unused",
            ["platform_metadata"] = metadata ?? new Dictionary<string, string> { ["rate_plan_id"] = "200154A", ["currency"] = "EUR" },
        });
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>Creates a connection and waits for its initial push.</summary>
    public async Task<Guid> CreateAsync(Guid property, string platform, string listing)
    {
        var (status, body) = await TryCreateAsync(property, platform, listing);
        Assert.True(status == HttpStatusCode.Created, $"create failed: {(int)status} {body}");
        var id = body.GetProperty("id").GetGuid();
        await Eventually.TrueAsync(
            async () => (await Get<ISyncLogStore>().ListAsync("default", id, new PageRequest(), TestContext.Current.CancellationToken)).Items
                .Any(e => e.Operation == SyncOperations.AriPush && e.Outcome == SyncOutcome.Succeeded),
            $"connection {id} got its initial calendar");
        return id;
    }
}

using ChannelManager.Adapters.Expedia;
using ChannelManager.AspNetCore.Tests.Hosting;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>
/// A real host (Kestrel on loopback) with the engine on embedded defaults and the Airbnb and Expedia adapters talking
/// HTTP to the platform simulator, which also pushes Expedia Booking Notifications to the host's
/// <c>/webhooks/expedia</c>: for the tests of Expedia room type connections.
/// </summary>
public sealed class ExpediaRoomsApp : SimulatedPlatformsHost
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

    protected override PlatformSimulatorOptions CreateSimulatorOptions() => _simulatorOptions;

    protected override Dictionary<string, string> DefaultMetadata(string platform) => new() { ["rate_plan_id"] = "200154A", ["currency"] = "EUR" };

    protected override void ConfigureEngine(ChannelManagerOptions options) => options.InboxPollInterval = TimeSpan.FromMilliseconds(200);

    protected override void AddPlatforms(IChannelManagerBuilder channelManager, PlatformSimulator simulator) =>
        channelManager
            .AddAirbnb(o =>
            {
                o.BaseUrl = simulator.AirbnbBaseAddress;
                o.ClientId = "test-client";
                o.WebhookSecret = "unused-airbnb-webhook-secret-0123456789";
                o.RequestTimeout = TimeSpan.FromSeconds(5);
            })
            .AddExpedia(o =>
            {
                o.BaseUrl = simulator.ExpediaBaseAddress;
                o.Username = _simulatorOptions.Expedia.Username;
                o.Password = _simulatorOptions.Expedia.Password;
                o.NotificationUsername = NotificationUsername;
                o.NotificationPassword = NotificationPassword;
                o.RequestTimeout = TimeSpan.FromSeconds(5);
            });

    // The simulator reads its settings at every call: its BN callback is this host, known only now.
    protected override void OnStarted(Uri baseAddress) => _simulatorOptions.Expedia.BookingNotificationUrl = new Uri(baseAddress, "webhooks/expedia");
}

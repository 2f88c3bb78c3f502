using ChannelManager.Adapters.Expedia;
using ChannelManager.AspNetCore.Tests.Hosting;
using ChannelManager.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>
/// A real host on Kestrel with the Expedia adapter against the platform simulator, which pushes Booking Notifications
/// (SOAP <c>OTA_HotelResNotifRQ</c>) to the host's <c>/webhooks/expedia</c> with the credentials the host accepts.
/// </summary>
public sealed class ExpediaBookingNotificationApp : SimulatedPlatformsHost
{
    public const string NotificationUsername = "e2e-expedia-bn";

    private readonly PlatformSimulatorOptions _simulatorOptions = new()
    {
        Expedia =
        {
            Username = "e2e-eqc",
            Password = "e2e-eqc-password",
            NotificationUsername = NotificationUsername,
            NotificationPassword = NotificationPassword,
            BookingNotificationRetryDelay = TimeSpan.FromMilliseconds(20),
        },
    };

    public static string NotificationPassword { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    protected override PlatformSimulatorOptions CreateSimulatorOptions() => _simulatorOptions;

    protected override void AddPlatforms(IChannelManagerBuilder channelManager, PlatformSimulator simulator) =>
        channelManager.AddExpedia(o =>
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

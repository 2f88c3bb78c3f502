using ChannelManager.Adapters.BookingCom;
using ChannelManager.AspNetCore.Tests.Hosting;
using ChannelManager.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>
/// A real host (Kestrel on loopback) with the engine on embedded defaults and the Airbnb and Booking.com adapters
/// talking HTTP to the platform simulator, for the tests of Booking.com room connections.
/// </summary>
public sealed class BookingComRoomsApp : SimulatedPlatformsHost
{
    public const string ClientId = "rooms-machine-account";
    public const string ClientSecret = "rooms-secret-0123456789";
    public const string SigningKey = "rooms-cns-signing-key-0123456789abcdef";

    protected override PlatformSimulatorOptions CreateSimulatorOptions() => new() { BookingCom = { ClientId = ClientId, ClientSecret = ClientSecret } };

    protected override void AddPlatforms(IChannelManagerBuilder channelManager, PlatformSimulator simulator) =>
        channelManager
            .AddAirbnb(o =>
            {
                o.BaseUrl = simulator.AirbnbBaseAddress;
                o.ClientId = "test-client";
                o.WebhookSecret = "unused-airbnb-webhook-secret-0123456789";
                o.RequestTimeout = TimeSpan.FromSeconds(5);
            })
            .AddBookingCom(o =>
            {
                o.BaseUrl = simulator.BookingComBaseAddress;
                o.ClientId = ClientId;
                o.ClientSecret = ClientSecret;
                o.NotificationSigningKey = SigningKey;
                o.RequestTimeout = TimeSpan.FromSeconds(5);
            });
}

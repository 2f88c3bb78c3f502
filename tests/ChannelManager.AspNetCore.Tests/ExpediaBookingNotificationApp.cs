using System.Net;
using ChannelManager.Adapters.Expedia;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>
/// A real host on Kestrel with the Expedia adapter against the platform simulator, which pushes Booking Notifications
/// (SOAP <c>OTA_HotelResNotifRQ</c>) to the host's <c>/webhooks/expedia</c> with the credentials the host accepts.
/// </summary>
public sealed class ExpediaBookingNotificationApp : IAsyncLifetime
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
                o.DefaultResilience.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
                o.DefaultResilience.MaxRetryAttempts = 2;
            })
            .AddHttpEndpoints()
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
}

using System.Net;
using System.Security.Cryptography;
using ChannelManager.Adapters.Airbnb;
using ChannelManager.Adapters.BookingCom;
using ChannelManager.Adapters.Expedia;
using ChannelManager.Adapters.FewoDirekt;
using ChannelManager.Adapters.Google;
using ChannelManager.Bookings;
using ChannelManager.Engine.Bookings;
using ChannelManager.Simulator;
using ChannelManager.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChannelManager.AspNetCore.Tests.Hostile;

/// <summary>
/// A real host on Kestrel with every webhook platform enabled (Airbnb, Booking.com, Expedia, FeWo-direkt, Google),
/// each with its own verification secret, against the platform simulator. <see cref="Messages"/> builds valid signed
/// webhooks for it.
/// </summary>
public sealed class AllWebhookPlatformsApp : IAsyncLifetime
{
    private readonly RSA _pubSubKey = RSA.Create(2048);

    public WebhookMessages Messages { get; private set; } = null!;

    public PlatformSimulator Simulator { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public CountingWebhookInbox Inbox => (CountingWebhookInbox)Get<IWebhookInbox>();

    public IReadOnlyList<ImportedBooking> Imported => ((InMemoryPmsBookingSink)Get<IPmsBookingSink>()).Received;

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public async ValueTask InitializeAsync()
    {
        Messages = new WebhookMessages(_pubSubKey);
        Simulator = await PlatformSimulator.StartAsync(new PlatformSimulatorOptions { Airbnb = { WebhookSecret = Messages.AirbnbSecret } });
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
                o.InboxPollInterval = TimeSpan.FromMilliseconds(200);
            })
            .AddHttpEndpoints()
            .AddAirbnb(o =>
            {
                o.BaseUrl = Simulator.AirbnbBaseAddress;
                o.ClientId = "hostile-client";
                o.WebhookSecret = Messages.AirbnbSecret;
                o.RequestTimeout = TimeSpan.FromSeconds(5);
            })
            .AddBookingCom(o =>
            {
                o.BaseUrl = Simulator.BookingComBaseAddress;
                o.ClientId = "hostile-booking";
                o.ClientSecret = "hostile-booking-secret";
                o.NotificationSigningKey = Messages.BookingComSigningKey;
            })
            .AddExpedia(o =>
            {
                o.BaseUrl = Simulator.ExpediaBaseAddress;
                o.Username = "hostile-eqc";
                o.Password = "hostile-eqc-password";
                o.NotificationUsername = WebhookMessages.ExpediaNotificationUsername;
                o.NotificationPassword = Messages.ExpediaNotificationPassword;
            })
            .AddFewoDirekt(o =>
            {
                o.FeedUsername = WebhookMessages.FewoUsername;
                o.FeedPassword = Messages.FewoPassword;
            })
            .AddGoogle(o =>
            {
                o.ApiBaseUrl = Simulator.GoogleBaseAddress;
                o.PartnerKey = "hostile_partner";
                o.PubSubAudience = WebhookMessages.GoogleAudience;
                o.PubSubServiceAccountEmail = WebhookMessages.GooglePushAccount;
                o.PubSubJwks = Messages.GoogleJwks;
            });
        var inbox = builder.Services.Last(d => d.ServiceType == typeof(IWebhookInbox));
        builder.Services.Remove(inbox);
        builder.Services.AddSingleton<IWebhookInbox>(sp => new CountingWebhookInbox(
            (IWebhookInbox)(inbox.ImplementationInstance ?? inbox.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, inbox.ImplementationType!))));
        App = builder.Build();
        App.MapChannelManager();
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
        _pubSubKey.Dispose();
    }
}

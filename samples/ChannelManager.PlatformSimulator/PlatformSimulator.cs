using System.Net;
using ChannelManager.Connections;
using ChannelManager.Simulator.Admin;
using ChannelManager.Simulator.Airbnb;
using ChannelManager.Simulator.BookingCom;
using ChannelManager.Simulator.FewoDirekt;
using ChannelManager.Simulator.Calls;
using ChannelManager.Simulator.Google;
using ChannelManager.Simulator.Hosting;
using ChannelManager.Simulator.ICal;
using ChannelManager.Simulator.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ChannelManager.Simulator;

/// <summary>
/// A Kestrel server on loopback that pretends to be the booking platforms: each platform's wire format under
/// <c>/{platform}/</c> (Airbnb under <c>/airbnb/</c>), a control API under <c>/_sim/</c>, faults on demand, and a
/// record of every call. Start it in-process with <see cref="StartAsync"/>, or standalone with <c>dotnet run</c>.
/// </summary>
public sealed class PlatformSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _webhookClient;
    private int _disposed;

    private PlatformSimulator(WebApplication app, HttpClient webhookClient, Uri baseAddress, SimulatorState state, AirbnbSimulator airbnb)
    {
        _app = app;
        _webhookClient = webhookClient;
        BaseAddress = baseAddress;
        State = state;
        Airbnb = airbnb;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The Airbnb API's base address (<see cref="BaseAddress"/> + <c>airbnb/</c>), to use as the adapter's base URL.</summary>
    public Uri AirbnbBaseAddress => BaseAddressOf(Platform.Airbnb);

    /// <summary>The Booking.com APIs' base address (<see cref="BaseAddress"/> + <c>booking-com/</c>): ARI, reservations and token exchange.</summary>
    public Uri BookingComBaseAddress => BaseAddressOf(Platform.BookingCom);

    /// <summary>The Expedia EQC base address (<see cref="BaseAddress"/> + <c>expedia/</c>): <c>eqc/ar</c>, <c>eqc/br</c>, <c>eqc/bc</c>.</summary>
    public Uri ExpediaBaseAddress => BaseAddressOf(Platform.Expedia);

    /// <summary>Expedia's own actions: Booking Notifications (SOAP <c>OTA_HotelResNotifRQ</c>) pushed to the partner, with their synchronous answers.</summary>
    public Expedia.ExpediaBookingNotifier ExpediaBookingNotifications => _app.Services.GetRequiredService<Expedia.ExpediaBookingNotifier>();

    /// <summary>Vrbo / FeWo-direkt's own actions: polls of the partner's feeds, and bookings, changes and cancellations posted to the partner.</summary>
    public FewoDirektSimulator FewoDirekt => _app.Services.GetRequiredService<FewoDirektSimulator>();

    /// <summary>The Google APIs' base address (<see cref="BaseAddress"/> + <c>google/</c>): ARI uploads, token endpoint, Travel Partner API, Pub/Sub JWKS.</summary>
    public Uri GoogleBaseAddress => BaseAddressOf(Platform.Google);

    /// <summary>Google's own actions: signed Pub/Sub push deliveries.</summary>
    public GoogleSimulator Google => _app.Services.GetRequiredService<GoogleSimulator>();

    /// <summary>Calendars, calls, faults, tokens, listings and reservations.</summary>
    public SimulatorState State { get; }

    /// <summary>Airbnb's own actions: bookings, alterations, cancellations and their webhooks.</summary>
    public AirbnbSimulator Airbnb { get; }

    /// <summary>The iCal export feeds of simulated listings (<c>/ical/{listing}.ics</c>, <c>/ical/{platform}/{listing}.ics</c>).</summary>
    public ICalFeedSimulator ICalFeeds => _app.Services.GetRequiredService<ICalFeedSimulator>();

    /// <summary>Starts a simulator.</summary>
    /// <param name="options">The settings; defaults when omitted (a free port on 127.0.0.1).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running simulator; dispose it to stop.</returns>
    public static async Task<PlatformSimulator> StartAsync(PlatformSimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PlatformSimulatorOptions();
        options.Validate();

        var state = new SimulatorState(options.TimeProvider);
        var webhookClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var airbnb = new AirbnbSimulator(state, options.Airbnb, webhookClient);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(PlatformSimulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            kestrel.Listen(options.ListenAddress, options.Port);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(airbnb);
        builder.Services.AddSingleton(new ICalFeedSimulator(state));
        builder.Services.AddSingleton(options.BookingCom);
        builder.Services.AddSingleton(options.Expedia);
        builder.Services.AddSingleton(new Expedia.ExpediaBookingNotifier(state, options.Expedia, webhookClient));
        builder.Services.AddSingleton(options.FewoDirekt);
        var fewoDirekt = new FewoDirektSimulator(state, options.FewoDirekt, webhookClient);
        builder.Services.AddSingleton(fewoDirekt);
        builder.Services.AddSingleton(options.Google);
        builder.Services.AddSingleton(new GoogleSimulator(state, options.Google, webhookClient));
        builder.Services.AddSingleton<SimulatedPlatforms>();
        options.ConfigureLogging?.Invoke(builder.Logging);

        var app = builder.Build();
        app.UseMiddleware<PlatformCallMiddleware>();
        app.UseRouting();
        AdminEndpoints.Map(app);
        BookingComAdminEndpoints.Map(app);
        Expedia.ExpediaAdminEndpoints.Map(app);
        FewoDirektAdminEndpoints.Map(app);
        GoogleAdminEndpoints.Map(app);
        foreach (var platform in app.Services.GetRequiredService<SimulatedPlatforms>().All)
        {
            platform.MapEndpoints(app.MapGroup(SimulatedPlatforms.MountOf(platform.Platform)));
        }

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            webhookClient.Dispose();
            throw;
        }

        fewoDirekt.StartPolling();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PlatformSimulator(app, webhookClient, new Uri(address.TrimEnd('/') + "/"), state, airbnb);
    }

    /// <summary>The base address of a platform's API, e.g. <c>http://127.0.0.1:54321/airbnb/</c>.</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The address.</returns>
    public Uri BaseAddressOf(Platform platform) => new(BaseAddress, platform.ToWebhookSlug() + "/");

    /// <inheritdoc cref="AirbnbSimulator.CreateReservationAsync"/>
    public Task<AirbnbReservationResult> CreateAirbnbReservationAsync(AirbnbReservationRequest request, CancellationToken cancellationToken = default) =>
        Airbnb.CreateReservationAsync(request, cancellationToken);

    /// <inheritdoc cref="AirbnbSimulator.CancelReservationAsync"/>
    public Task<AirbnbReservationResult> CancelAirbnbReservationAsync(string confirmationCode, Uri? webhookUrl = null, CancellationToken cancellationToken = default) =>
        Airbnb.CancelReservationAsync(confirmationCode, webhookUrl, cancellationToken);

    /// <inheritdoc cref="AirbnbSimulator.AlterReservationAsync"/>
    public Task<AirbnbReservationResult> AlterAirbnbReservationAsync(string confirmationCode, DateOnly newStartDate, int newNights, Uri? webhookUrl = null, CancellationToken cancellationToken = default) =>
        Airbnb.AlterReservationAsync(confirmationCode, newStartDate, newNights, webhookUrl, cancellationToken);

    /// <summary>Stops the server (open calls get up to 5 seconds) and releases it.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await FewoDirekt.StopAsync();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _app.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Calls still hanging (e.g. an injected timeout) are cut off.
            }
        }

        await _app.DisposeAsync();
        _webhookClient.Dispose();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChannelManager.Common;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Simulator;
using ChannelManager.Sync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChannelManager.AspNetCore.Tests.Hosting;

/// <summary>
/// The shape every Kestrel test host here shares: the platform simulator started first, a <see cref="WebApplication"/>
/// on loopback (port 0 unless <see cref="ListenPort"/> says otherwise) with problem details, the engine
/// (<c>AddChannelManager</c> with short retry delays) and the HTTP endpoints, an <see cref="HttpClient"/> on the host's
/// address, and everything disposed in reverse order. A derived fixture states only what differs: the simulator's
/// settings, the adapters, engine settings, extra services (a bus, stores, a sink), extra endpoints, and what to do
/// once the host's address is known.
/// </summary>
public abstract class SimulatedPlatformsHost : IAsyncLifetime
{
    /// <summary>The tenant of the API when no tenant resolver is configured.</summary>
    public const string DefaultTenant = "default";

    /// <summary>The running simulator.</summary>
    public PlatformSimulator Simulator { get; private set; } = null!;

    /// <summary>The running host.</summary>
    public WebApplication App { get; private set; } = null!;

    /// <summary>The host's address, ending in a slash.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A client on <see cref="BaseAddress"/>.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The loopback port the host listens on; 0 picks a free one.</summary>
    protected virtual int ListenPort => 0;

    /// <summary>Resolves a service of the host.</summary>
    /// <typeparam name="T">The service.</typeparam>
    /// <returns>The service.</returns>
    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        await StartDependenciesAsync();
        Simulator = await PlatformSimulator.StartAsync(CreateSimulatorOptions());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, ListenPort));
        builder.Services.AddProblemDetails();
        var channelManager = builder.Services
            .AddChannelManager(o =>
            {
                o.DispatchRetryBaseDelay = TimeSpan.FromMilliseconds(50);
                o.DefaultResilience.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
                o.DefaultResilience.MaxRetryAttempts = 2;
                ConfigureEngine(o);
            })
            .AddHttpEndpoints();
        AddPlatforms(channelManager, Simulator);
        ConfigureServices(channelManager);
        App = builder.Build();
        App.MapChannelManager();
        MapEndpoints(App);
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        OnStarted(BaseAddress);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }

        await StopDependenciesAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates a connection through the API; returns the answer's status and JSON.</summary>
    /// <param name="property">The PMS property.</param>
    /// <param name="platform">The platform's wire name.</param>
    /// <param name="listing">The platform listing id.</param>
    /// <param name="metadata">The platform metadata (<see cref="DefaultMetadata"/> when null).</param>
    /// <returns>The status and the body.</returns>
    public async Task<(HttpStatusCode Status, JsonElement Body)> TryCreateAsync(Guid property, string platform, string listing, Dictionary<string, string>? metadata = null)
    {
        var response = await Client.PostAsJsonAsync("channel-connections", new Dictionary<string, object?>
        {
            ["property_id"] = property.ToString(),
            ["platform_type"] = platform,
            ["platform_listing_id"] = listing,
            ["access_token"] = "unused",
            ["platform_metadata"] = metadata ?? DefaultMetadata(platform),
        });
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>Creates a connection and waits for its initial push.</summary>
    /// <param name="property">The PMS property.</param>
    /// <param name="platform">The platform's wire name.</param>
    /// <param name="listing">The platform listing id.</param>
    /// <param name="metadata">The platform metadata (<see cref="DefaultMetadata"/> when null).</param>
    /// <returns>The connection's id.</returns>
    public async Task<Guid> CreateAsync(Guid property, string platform, string listing, Dictionary<string, string>? metadata = null)
    {
        var (status, body) = await TryCreateAsync(property, platform, listing, metadata);
        Assert.True(status == HttpStatusCode.Created, $"create failed: {(int)status} {body}");
        var id = body.GetProperty("id").GetGuid();
        await WaitForInitialPushAsync(id);
        return id;
    }

    /// <summary>
    /// Waits until the push a new connection starts with (its whole sync window) has landed: only after its sync-log
    /// row is written are later platform calls, and later changes to the connection's status, caused by the test.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="tenantId">Its tenant (<see cref="DefaultTenant"/> when null).</param>
    /// <returns>A task that completes when the push is logged.</returns>
    public Task WaitForInitialPushAsync(Guid connectionId, string? tenantId = null) =>
        Eventually.TrueAsync(
            async () => (await Get<ISyncLogStore>().ListAsync(tenantId ?? DefaultTenant, connectionId, new PageRequest(), TestContext.Current.CancellationToken)).Items
                .Any(e => e.Operation == SyncOperations.AriPush && e.Outcome == SyncOutcome.Succeeded),
            $"connection {connectionId} got its initial calendar");

    /// <summary>The metadata <see cref="TryCreateAsync"/> sends when none is given.</summary>
    /// <param name="platform">The platform's wire name.</param>
    /// <returns>The metadata.</returns>
    protected virtual Dictionary<string, string> DefaultMetadata(string platform) => new() { ["rate_plan_id"] = "987654", ["currency"] = "EUR" };

    /// <summary>Starts what the host needs before it starts (servers); nothing here.</summary>
    /// <returns>A task that completes when they run.</returns>
    protected virtual Task StartDependenciesAsync() => Task.CompletedTask;

    /// <summary>Stops what <see cref="StartDependenciesAsync"/> started; nothing here.</summary>
    /// <returns>A task that completes when they are stopped.</returns>
    protected virtual ValueTask StopDependenciesAsync() => ValueTask.CompletedTask;

    /// <summary>The simulator's settings; the defaults here.</summary>
    /// <returns>The options (the simulator reads them at every call, so they may still change after the start).</returns>
    protected virtual PlatformSimulatorOptions CreateSimulatorOptions() => new();

    /// <summary>Changes the engine's settings after this base's defaults (short retry delays); nothing here.</summary>
    /// <param name="options">The engine's settings.</param>
    protected virtual void ConfigureEngine(ChannelManagerOptions options)
    {
    }

    /// <summary>Registers the adapters, pointed at the simulator.</summary>
    /// <param name="channelManager">The ChannelManager builder.</param>
    /// <param name="simulator">The running simulator.</param>
    protected abstract void AddPlatforms(IChannelManagerBuilder channelManager, PlatformSimulator simulator);

    /// <summary>Registers further services (a bus, stores, a sink) after the adapters; nothing here.</summary>
    /// <param name="channelManager">The ChannelManager builder (its <see cref="IChannelManagerBuilder.Services"/> too).</param>
    protected virtual void ConfigureServices(IChannelManagerBuilder channelManager)
    {
    }

    /// <summary>Maps further endpoints after <c>MapChannelManager</c>; nothing here.</summary>
    /// <param name="app">The host.</param>
    protected virtual void MapEndpoints(WebApplication app)
    {
    }

    /// <summary>Called once the host listens, with its address (to point the simulator's callbacks at it); nothing here.</summary>
    /// <param name="baseAddress">The host's address, ending in a slash.</param>
    protected virtual void OnStarted(Uri baseAddress)
    {
    }
}

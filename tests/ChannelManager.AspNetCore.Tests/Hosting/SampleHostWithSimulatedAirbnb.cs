using ChannelManager.SampleHost;
using ChannelManager.SampleHost.Security;
using ChannelManager.Simulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChannelManager.AspNetCore.Tests.Hosting;

/// <summary>
/// The sample host as a deployment runs it (its own simulator off), with Airbnb enabled against a platform simulator of
/// the test's own, API keys per tenant, and any further settings.
/// </summary>
internal sealed class SampleHostWithSimulatedAirbnb : IAsyncDisposable
{
    private SampleHostWithSimulatedAirbnb(PlatformSimulator simulator, WebApplicationFactory<SampleHostEntryPoint> factory)
    {
        Simulator = simulator;
        Factory = factory;
    }

    /// <summary>The platform simulator the host's Airbnb adapter talks to.</summary>
    public PlatformSimulator Simulator { get; }

    /// <summary>The host.</summary>
    public WebApplicationFactory<SampleHostEntryPoint> Factory { get; }

    /// <summary>Starts the simulator and builds the host (it starts on its first client).</summary>
    /// <param name="apiKeys">Each tenant's API key (stored as its SHA-256, as the sample host expects).</param>
    /// <param name="settings">Further settings, applied after the defaults (a later one wins).</param>
    public static async Task<SampleHostWithSimulatedAirbnb> StartAsync(IEnumerable<(string Tenant, string Key)> apiKeys, params (string Key, string Value)[] settings)
    {
        var simulator = await PlatformSimulator.StartAsync();
        var factory = new WebApplicationFactory<SampleHostEntryPoint>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Simulator:Enabled", "false")
                .UseSetting("AIRBNB_API_BASE_URL", simulator.AirbnbBaseAddress.ToString())
                .UseSetting("AIRBNB_CLIENT_ID", "sample-test")
                .UseSetting("AIRBNB_WEBHOOK_SECRET", "0123456789abcdef0123456789abcdef");
            foreach (var (tenant, key) in apiKeys)
            {
                b.UseSetting($"SampleHost:ApiKeys:{tenant}", SampleApiKeys.HashOf(key));
            }

            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        return new SampleHostWithSimulatedAirbnb(simulator, factory);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

using ChannelManager.Connections;
using ChannelManager.Simulator;
using ChannelManager.Simulator.Calls;

namespace ChannelManager.Adapters.Tests.Infrastructure;

/// <summary>One in-process simulator (real HTTP on loopback) and one adapter, shared by the tests of a class.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private AdapterScope? _adapter;

    public PlatformSimulator Simulator { get; private set; } = null!;

    public IChannelAdapter Adapter => _adapter!.Adapter;

    public async ValueTask InitializeAsync()
    {
        Simulator = await PlatformSimulator.StartAsync(
            new PlatformSimulatorOptions { Airbnb = { WebhookSecret = TestData.WebhookSecret } },
            TestContext.Current.CancellationToken);
        _adapter = AdapterScope.Create(Simulator.AirbnbBaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        if (_adapter is not null)
        {
            await _adapter.DisposeAsync();
        }

        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }
    }

    /// <summary>The Airbnb calls that concern one listing (by path, query or body).</summary>
    public IReadOnlyList<RecordedCall> CallsFor(string listingId) =>
        Simulator.State.CallsFor(Platform.Airbnb)
            .Where(c => c.PathAndQuery.Contains(listingId, StringComparison.Ordinal) || c.RequestBody.Contains(listingId, StringComparison.Ordinal))
            .ToArray();
}

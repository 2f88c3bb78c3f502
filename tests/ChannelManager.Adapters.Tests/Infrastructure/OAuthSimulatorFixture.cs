using ChannelManager.Connections;
using ChannelManager.Simulator;
using ChannelManager.Simulator.Calls;

namespace ChannelManager.Adapters.Tests.Infrastructure;

/// <summary>A simulator whose Airbnb token endpoint expects the test client id and secret.</summary>
public sealed class OAuthSimulatorFixture : IAsyncLifetime
{
    public const string TokenPath = "/airbnb/v2/oauth2/authorizations";

    public PlatformSimulator Simulator { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Simulator = await PlatformSimulator.StartAsync(
            new PlatformSimulatorOptions { Airbnb = { WebhookSecret = TestData.WebhookSecret, ClientId = TestData.ClientId, ClientSecret = TestData.ClientSecret } },
            TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }
    }

    /// <summary>The token-endpoint calls that presented one refresh token.</summary>
    public IReadOnlyList<RecordedCall> RefreshCalls(string refreshToken) =>
        Simulator.State.CallsFor(Platform.Airbnb)
            .Where(c => c.Path == TokenPath && c.RequestBody.Contains(refreshToken, StringComparison.Ordinal))
            .ToArray();

    /// <summary>The calendar calls for one listing.</summary>
    public IReadOnlyList<RecordedCall> CalendarCalls(string listingId) =>
        Simulator.State.CallsFor(Platform.Airbnb)
            .Where(c => c.Path == "/airbnb/v2/calendar_operations" && c.RequestBody.Contains(listingId, StringComparison.Ordinal))
            .ToArray();
}

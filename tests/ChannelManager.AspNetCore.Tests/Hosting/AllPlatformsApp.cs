using ChannelManager.AspNetCore.Tests.Hosting;
using ChannelManager.Bookings;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.SampleHost.Platforms;
using ChannelManager.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChannelManager.AspNetCore.Tests.Hosting;

/// <summary>
/// A real host with every platform enabled against the simulator, wired as the sample host wires them (credentials
/// generated for the run, the simulator's webhooks and Vrbo's feed reads addressed to this host), the FeWo-direkt feeds
/// mapped, and a <see cref="CountingPmsBookingSink"/> as the PMS. On embedded defaults; a derived fixture adds Redis
/// Streams and PostgreSQL. The host listens on a port chosen up front, because the simulator must know it at start.
/// </summary>
public class AllPlatformsApp : SimulatedPlatformsHost
{
    /// <summary>Where the FeWo-direkt feeds are mapped, as in the sample host.</summary>
    public const string FewoDirektFeedPrefix = SamplePlatforms.FewoDirektFeedPrefix;

    private readonly int _port = FreePort.Next();
    private readonly SimulatedPlatformCredentials _credentials = new();

    /// <summary>The PMS: every call, repeats included.</summary>
    public CountingPmsBookingSink Sink { get; } = new();

    /// <inheritdoc />
    protected override int ListenPort => _port;

    private string SelfUrl => $"http://127.0.0.1:{_port}";

    /// <inheritdoc />
    protected override PlatformSimulatorOptions CreateSimulatorOptions()
    {
        var options = _credentials.ToSimulatorOptions(0, SelfUrl);
        options.FewoDirekt.PollInterval = TimeSpan.Zero; // the tests make Vrbo poll when they look
        options.Expedia.BookingNotificationRetryDelay = TimeSpan.FromMilliseconds(20);
        return options;
    }

    /// <inheritdoc />
    protected override void ConfigureEngine(ChannelManagerOptions options) => options.InboxPollInterval = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc />
    protected override void AddPlatforms(IChannelManagerBuilder channelManager, PlatformSimulator simulator) =>
        _credentials.AddAdapters(channelManager, simulator, SelfUrl);

    /// <inheritdoc />
    protected override void ConfigureServices(IChannelManagerBuilder channelManager) =>
        channelManager.Services.Replace(ServiceDescriptor.Singleton<IPmsBookingSink>(Sink));

    /// <inheritdoc />
    protected override void MapEndpoints(WebApplication app) => app.MapChannelManagerFewoDirektFeeds(FewoDirektFeedPrefix);
}

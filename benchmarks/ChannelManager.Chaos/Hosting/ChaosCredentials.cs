using System.Security.Cryptography;
using System.Text;
using ChannelManager.SampleHost.Platforms;
using ChannelManager.Simulator;

namespace ChannelManager.Chaos.Hosting;

/// <summary>
/// The secrets of one run, generated at start: the platforms' credentials (the sample host's
/// <see cref="SimulatedPlatformCredentials"/>, given to the simulator and, as the environment variables the adapters
/// read, to every worker), the tenant's API key and the token encryption key.
/// Every webhook and feed read the simulator makes is addressed to the front proxy, never to one worker.
/// </summary>
internal sealed class ChaosCredentials
{
    public const string Tenant = "chaos";

    private readonly SimulatedPlatformCredentials _platforms = new();
    private readonly string _tokenKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The tenant's API key (sent as <c>Authorization: Bearer</c>).</summary>
    public string ApiKey { get; } = "cm_chaos_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// The simulator's settings (the sample host's simulated platforms): webhooks, Vrbo's feed reads and bookings go to
    /// the front proxy; Expedia's unanswered Booking Notifications are sent again after 1 s and Vrbo re-reads the feeds
    /// every 5 s, so that a run of minutes sees both.
    /// </summary>
    /// <param name="front">The front proxy's address.</param>
    /// <returns>The options.</returns>
    public PlatformSimulatorOptions SimulatorOptions(Uri front)
    {
        var options = _platforms.ToSimulatorOptions(0, SelfUrl(front));
        options.Expedia.BookingNotificationRetryDelay = TimeSpan.FromSeconds(1);
        options.FewoDirekt.PollInterval = TimeSpan.FromSeconds(5);
        return options;
    }

    /// <summary>
    /// A worker's environment: Production, simulator off, Redis Streams + PostgreSQL, every platform pointed at the
    /// simulator, the durable PMS record on, and the timings shortened for the run (each named in docs/benchmarks.md).
    /// </summary>
    /// <param name="port">The worker's own port.</param>
    /// <param name="simulator">The simulator.</param>
    /// <param name="front">The front proxy (Vrbo's feed documents are linked through it).</param>
    /// <param name="redis">The StackExchange.Redis configuration.</param>
    /// <param name="postgres">The application role's connection string.</param>
    /// <returns>The variables.</returns>
    public Dictionary<string, string> WorkerEnvironment(int port, PlatformSimulator simulator, Uri front, string redis, string postgres)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Simulator__Enabled"] = "false",
            ["ConnectionStrings__Redis"] = redis,
            ["ConnectionStrings__Postgres"] = postgres,
            ["CHANNEL_MANAGER_TOKEN_KEY"] = _tokenKey,
            ["SampleHost__ApiKeys__" + Tenant] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
            ["SampleHost__Pms__DurableBookings"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",

            // Timings shortened for a run of minutes (defaults: 30 s, 5 s, 2 min, 1 s, 2 min / 1 min / 15 min, 5 s, 5 min).
            ["ChannelManager__RedisStreams__ClaimMinIdleTime"] = "00:00:05",
            ["ChannelManager__RedisStreams__ClaimInterval"] = "00:00:01",
            ["ChannelManager__Postgres__OutboxRedeliveryTimeout"] = "00:00:20",
            ["ChannelManager__Postgres__OutboxPollInterval"] = "00:00:00.500",
            ["ChannelManager__ReservationPollIntervals__BookingCom"] = "00:00:05",
            ["ChannelManager__ReservationPollIntervals__Expedia"] = "00:00:10",
            ["ChannelManager__ReservationPollIntervals__Airbnb"] = "00:00:30",
            ["ChannelManager__InboxPollInterval"] = "00:00:01",
            ["ChannelManager__DispatchRetryMaxDelay"] = "00:00:10",
        };
        foreach (var (name, value) in _platforms.ToAdapterEnvironment(simulator, SelfUrl(front)))
        {
            environment[name] = value;
        }

        return environment;
    }

    private static string SelfUrl(Uri front) => front.AbsoluteUri.TrimEnd('/');
}

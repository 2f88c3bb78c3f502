using System.Security.Cryptography;
using System.Text;
using ChannelManager.Simulator;

namespace ChannelManager.Chaos.Hosting;

/// <summary>
/// The secrets of one run, generated at start: the platforms' credentials (given to the simulator and, as the
/// environment variables the adapters read, to every worker), the tenant's API key and the token encryption key.
/// Every webhook and feed read the simulator makes is addressed to the front proxy, never to one worker.
/// </summary>
internal sealed class ChaosCredentials
{
    public const string Tenant = "chaos";

    private const string AirbnbClientId = "chaos-airbnb";
    private const string BookingComClientId = "chaos-booking-com";
    private const string ExpediaUsername = "chaos-eqc";
    private const string ExpediaNotificationUsername = "chaos-expedia-bn";
    private const string FewoDirektFeedUsername = "chaos-vrbo";
    private const string GoogleAccountId = "1000001";
    private const string GoogleServiceAccountEmail = "channel-manager@chaos.iam.gserviceaccount.com";

    private readonly string _airbnbClientSecret = Secret();
    private readonly string _airbnbWebhookSecret = Secret();
    private readonly string _bookingComClientSecret = Secret();
    private readonly string _bookingComNotificationSigningKey = Secret();
    private readonly string _expediaPassword = Secret();
    private readonly string _expediaNotificationPassword = Secret();
    private readonly string _fewoDirektFeedPassword = Secret();
    private readonly string _googlePartnerKey = "chaos_partner_" + Secret(8);
    private readonly string _googlePrivateKey;
    private readonly string _googlePublicKey;
    private readonly string _tokenKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public ChaosCredentials()
    {
        using var rsa = RSA.Create(2048);
        _googlePrivateKey = rsa.ExportPkcs8PrivateKeyPem();
        _googlePublicKey = rsa.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>The tenant's API key (sent as <c>Authorization: Bearer</c>).</summary>
    public string ApiKey { get; } = "cm_chaos_" + Secret(16);

    /// <summary>The simulator's settings: webhooks, Vrbo's feed reads and bookings go to the front proxy.</summary>
    /// <param name="front">The front proxy's address.</param>
    /// <returns>The options.</returns>
    public PlatformSimulatorOptions SimulatorOptions(Uri front) => new()
    {
        Port = 0,
        Airbnb = { ClientId = AirbnbClientId, ClientSecret = _airbnbClientSecret, WebhookUrl = new Uri(front, "webhooks/airbnb"), WebhookSecret = _airbnbWebhookSecret },
        BookingCom = { ClientId = BookingComClientId, ClientSecret = _bookingComClientSecret },
        Expedia =
        {
            Username = ExpediaUsername,
            Password = _expediaPassword,
            BookingNotificationUrl = new Uri(front, "webhooks/expedia"),
            NotificationUsername = ExpediaNotificationUsername,
            NotificationPassword = _expediaNotificationPassword,
            BookingNotificationRetryDelay = TimeSpan.FromSeconds(1),
        },
        FewoDirekt =
        {
            FeedUrl = new Uri(front, "fewo-direkt/advertisers"),
            BookingUrl = new Uri(front, "webhooks/fewo-direkt"),
            PartnerUsername = FewoDirektFeedUsername,
            PartnerPassword = _fewoDirektFeedPassword,
            PollInterval = TimeSpan.FromSeconds(5),
        },
        Google = { PartnerKey = _googlePartnerKey, AccountId = GoogleAccountId, ServiceAccountEmail = GoogleServiceAccountEmail, ServiceAccountPublicKeyPem = _googlePublicKey },
    };

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
    public Dictionary<string, string> WorkerEnvironment(int port, PlatformSimulator simulator, Uri front, string redis, string postgres) => new()
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

        ["AIRBNB_CLIENT_ID"] = AirbnbClientId,
        ["AIRBNB_CLIENT_SECRET"] = _airbnbClientSecret,
        ["AIRBNB_WEBHOOK_SECRET"] = _airbnbWebhookSecret,
        ["AIRBNB_API_BASE_URL"] = simulator.AirbnbBaseAddress.AbsoluteUri,
        ["BOOKINGCOM_CLIENT_ID"] = BookingComClientId,
        ["BOOKINGCOM_CLIENT_SECRET"] = _bookingComClientSecret,
        ["BOOKINGCOM_NOTIFICATION_SIGNING_KEY"] = _bookingComNotificationSigningKey,
        ["BOOKINGCOM_API_BASE_URL"] = simulator.BookingComBaseAddress.AbsoluteUri,
        ["EXPEDIA_USERNAME"] = ExpediaUsername,
        ["EXPEDIA_PASSWORD"] = _expediaPassword,
        ["EXPEDIA_NOTIFICATION_USERNAME"] = ExpediaNotificationUsername,
        ["EXPEDIA_NOTIFICATION_PASSWORD"] = _expediaNotificationPassword,
        ["EXPEDIA_API_BASE_URL"] = simulator.ExpediaBaseAddress.AbsoluteUri,
        ["FEWODIREKT_FEED_USERNAME"] = FewoDirektFeedUsername,
        ["FEWODIREKT_FEED_PASSWORD"] = _fewoDirektFeedPassword,
        ["FEWODIREKT_PUBLIC_FEED_BASE_URL"] = new Uri(front, "fewo-direkt").AbsoluteUri,
        ["GOOGLE_PARTNER_KEY"] = _googlePartnerKey,
        ["GOOGLE_ACCOUNT_ID"] = GoogleAccountId,
        ["GOOGLE_SERVICE_ACCOUNT_EMAIL"] = GoogleServiceAccountEmail,
        ["GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY"] = _googlePrivateKey,
        ["GOOGLE_SERVICE_ACCOUNT_KEY_ID"] = "chaos-key-1",
        ["GOOGLE_API_BASE_URL"] = simulator.GoogleBaseAddress.AbsoluteUri,
    };

    private static string Secret(int bytes = 32) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}

using System.Security.Cryptography;
using ChannelManager.Adapters.Airbnb;
using ChannelManager.Adapters.BookingCom;
using ChannelManager.Adapters.Expedia;
using ChannelManager.Adapters.FewoDirekt;
using ChannelManager.Adapters.Google;
using ChannelManager.Adapters.ICal;
using ChannelManager.Connections;
using ChannelManager.Simulator;

namespace ChannelManager.SampleHost.Platforms;

/// <summary>
/// Which platforms the sample host enables, and how. With the simulator every adapter is registered and pointed at
/// it, with credentials generated for this run (<see cref="SimulatedPlatformCredentials"/>); without it a platform
/// is registered only when one of its credential settings is configured, so that a deployment does not fail at
/// start for platforms it does not use (a half-configured one still fails, naming what is missing).
/// </summary>
internal static class SamplePlatforms
{
    /// <summary>The configuration key of the iCal feed signing key.</summary>
    public const string ICalFeedSigningKey = ICalConfigurationKeys.FeedSigningKey;

    /// <summary>Where the FeWo-direkt feeds are mapped (Vrbo is given <c>{host}/fewo-direkt/advertisers</c>).</summary>
    public const string FewoDirektFeedPrefix = "/fewo-direkt";

    /// <summary>Every platform the sample can enable, in display order.</summary>
    public static IReadOnlyList<Platform> All { get; } =
        [Platform.Airbnb, Platform.BookingCom, Platform.Expedia, Platform.FewoDirekt, Platform.Google, Platform.ICal];

    /// <summary>The credential settings of each platform; any one of them set enables the platform (simulator off).</summary>
    public static IReadOnlyDictionary<Platform, string[]> CredentialKeys { get; } = new Dictionary<Platform, string[]>
    {
        [Platform.Airbnb] = [AirbnbConfigurationKeys.ClientId, AirbnbConfigurationKeys.ClientSecret, AirbnbConfigurationKeys.WebhookSecret],
        [Platform.BookingCom] =
        [
            BookingComConfigurationKeys.ClientId, BookingComConfigurationKeys.ClientSecret, BookingComConfigurationKeys.NotificationSigningKey,
            BookingComConfigurationKeys.NotificationBasicUsername, BookingComConfigurationKeys.NotificationBasicPassword,
        ],
        [Platform.Expedia] =
        [
            ExpediaConfigurationKeys.Username, ExpediaConfigurationKeys.Password,
            ExpediaConfigurationKeys.NotificationUsername, ExpediaConfigurationKeys.NotificationPassword,
        ],
        [Platform.FewoDirekt] = [FewoDirektConfigurationKeys.FeedUsername, FewoDirektConfigurationKeys.FeedPassword],
        [Platform.Google] = [GoogleConfigurationKeys.PartnerKey, GoogleConfigurationKeys.ServiceAccountEmail, GoogleConfigurationKeys.ServiceAccountPrivateKey],
        [Platform.ICal] = [ICalFeedSigningKey],
    };

    /// <summary>
    /// Registers the adapters of the platforms that have credentials in configuration; each adapter reads the rest of
    /// its settings (base URLs, …) from the keys its README names.
    /// </summary>
    /// <param name="channelManager">The ChannelManager builder.</param>
    /// <param name="configuration">The host's configuration (environment variables included).</param>
    /// <returns>The platforms registered.</returns>
    public static IReadOnlyList<Platform> AddConfigured(IChannelManagerBuilder channelManager, IConfiguration configuration)
    {
        var enabled = All.Where(p => CredentialKeys[p].Any(k => !string.IsNullOrWhiteSpace(configuration[k]))).ToList();
        foreach (var platform in enabled)
        {
            _ = platform switch
            {
                Platform.Airbnb => channelManager.AddAirbnb(),
                Platform.BookingCom => channelManager.AddBookingCom(),
                Platform.Expedia => channelManager.AddExpedia(),
                Platform.FewoDirekt => channelManager.AddFewoDirekt(),
                Platform.Google => channelManager.AddGoogle(),
                Platform.ICal => channelManager.AddICal(), // ICAL_FEED_SIGNING_KEY
                _ => channelManager,
            };
        }

        return enabled;
    }

    /// <summary>The configuration keys that would enable a platform, for messages.</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The keys, comma-separated.</returns>
    public static string KeysOf(Platform platform) => string.Join(", ", CredentialKeys[platform]);
}

/// <summary>
/// The credentials of one run against the in-process simulator: generated at start, given to the simulator
/// (<see cref="ToSimulatorOptions"/>) and to the adapters (<see cref="AddAdapters"/>), never logged.
/// </summary>
internal sealed class SimulatedPlatformCredentials
{
    private const string AirbnbClientId = "sample-host-airbnb";
    private const string BookingComClientId = "sample-host-booking-com";
    private const string ExpediaUsername = "sample-host-eqc";
    private const string ExpediaNotificationUsername = "sample-host-expedia-bn";
    private const string FewoDirektFeedUsername = "sample-host-vrbo";
    private const string GoogleAccountId = "1000001";
    private const string GoogleServiceAccountEmail = "channel-manager@sample-host.iam.gserviceaccount.com";
    private const string GooglePubSubServiceAccountEmail = "pubsub-push@sample-host.iam.gserviceaccount.com";

    /// <summary>How often the simulated Vrbo re-reads this host's feeds (the real one: several times a day).</summary>
    private static readonly TimeSpan SimulatedFewoDirektPollInterval = TimeSpan.FromSeconds(10);

    private readonly string _airbnbClientSecret = Secret();
    private readonly string _airbnbWebhookSecret = Secret();
    private readonly string _bookingComClientSecret = Secret();
    private readonly string _bookingComNotificationSigningKey = Secret();
    private readonly string _expediaPassword = Secret();
    private readonly string _expediaNotificationPassword = Secret();
    private readonly string _fewoDirektFeedPassword = Secret();
    private readonly string _googlePartnerKey = "sample_partner_" + Secret(8);
    private readonly string _googleServiceAccountPrivateKey;
    private readonly string _googleServiceAccountPublicKey;
    private readonly string _icalFeedSigningKey = Secret();

    public SimulatedPlatformCredentials()
    {
        using var rsa = RSA.Create(2048);
        _googleServiceAccountPrivateKey = rsa.ExportPkcs8PrivateKeyPem();
        _googleServiceAccountPublicKey = rsa.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>The simulator's settings: the same credentials, and webhooks addressed to this host.</summary>
    /// <param name="port">The simulator's port (0: a free one).</param>
    /// <param name="selfUrl">This host's address, e.g. <c>http://127.0.0.1:5080</c>.</param>
    /// <returns>The options.</returns>
    public PlatformSimulatorOptions ToSimulatorOptions(int port, string selfUrl) => new()
    {
        Port = port,
        Airbnb =
        {
            ClientId = AirbnbClientId,
            ClientSecret = _airbnbClientSecret,
            WebhookUrl = WebhookUrl(selfUrl, Platform.Airbnb),
            WebhookSecret = _airbnbWebhookSecret,
        },
        BookingCom = { ClientId = BookingComClientId, ClientSecret = _bookingComClientSecret },
        Expedia =
        {
            Username = ExpediaUsername,
            Password = _expediaPassword,
            BookingNotificationUrl = WebhookUrl(selfUrl, Platform.Expedia),
            NotificationUsername = ExpediaNotificationUsername,
            NotificationPassword = _expediaNotificationPassword,
        },
        FewoDirekt =
        {
            // Vrbo pulls this host's feeds and posts bookings here, with the credentials this host issued to it.
            FeedUrl = new Uri(selfUrl + SamplePlatforms.FewoDirektFeedPrefix + "/advertisers"),
            BookingUrl = WebhookUrl(selfUrl, Platform.FewoDirekt),
            PartnerUsername = FewoDirektFeedUsername,
            PartnerPassword = _fewoDirektFeedPassword,
            PollInterval = SimulatedFewoDirektPollInterval,
        },
        Google =
        {
            PartnerKey = _googlePartnerKey,
            AccountId = GoogleAccountId,
            ServiceAccountEmail = GoogleServiceAccountEmail,
            ServiceAccountPublicKeyPem = _googleServiceAccountPublicKey,
            PubSubServiceAccountEmail = GooglePubSubServiceAccountEmail,
        },
    };

    /// <summary>Registers every adapter, pointed at the simulator's path for its platform.</summary>
    /// <param name="channelManager">The ChannelManager builder.</param>
    /// <param name="simulator">The running simulator.</param>
    /// <param name="selfUrl">This host's address (the audience of Google Pub/Sub pushes).</param>
    /// <returns>The platforms registered: all of them.</returns>
    public IReadOnlyList<Platform> AddAdapters(IChannelManagerBuilder channelManager, PlatformSimulator simulator, string selfUrl)
    {
        channelManager
            .AddAirbnb(o =>
            {
                o.BaseUrl = simulator.AirbnbBaseAddress;
                o.ClientId = AirbnbClientId;
                o.ClientSecret = _airbnbClientSecret;
                o.WebhookSecret = _airbnbWebhookSecret;
            })
            .AddBookingCom(o =>
            {
                // One root serves the ARI, reservations and token hosts (ReservationsBaseUrl/AuthBaseUrl follow BaseUrl).
                o.BaseUrl = simulator.BookingComBaseAddress;
                o.ClientId = BookingComClientId;
                o.ClientSecret = _bookingComClientSecret;
                o.NotificationSigningKey = _bookingComNotificationSigningKey;
            })
            .AddExpedia(o =>
            {
                o.BaseUrl = simulator.ExpediaBaseAddress;
                o.Username = ExpediaUsername;
                o.Password = _expediaPassword;
                o.NotificationUsername = ExpediaNotificationUsername;
                o.NotificationPassword = _expediaNotificationPassword;
            })
            .AddFewoDirekt(o =>
            {
                // Nothing points at the simulator: it reads this host's feeds (mapped at /fewo-direkt) itself.
                o.FeedUsername = FewoDirektFeedUsername;
                o.FeedPassword = _fewoDirektFeedPassword;
            })
            .AddGoogle(o =>
            {
                // The token endpoint and the Travel Partner API follow ApiBaseUrl ({ApiBaseUrl}token, {ApiBaseUrl}v3/…).
                o.ApiBaseUrl = simulator.GoogleBaseAddress;
                o.PartnerKey = _googlePartnerKey;
                o.AccountId = GoogleAccountId;
                o.ServiceAccountEmail = GoogleServiceAccountEmail;
                o.ServiceAccountPrivateKey = _googleServiceAccountPrivateKey;
                o.ServiceAccountKeyId = "sample-host-key-1";
                o.PubSubAudience = WebhookUrl(selfUrl, Platform.Google).AbsoluteUri;
                o.PubSubServiceAccountEmail = GooglePubSubServiceAccountEmail;
                o.PubSubJwksUrl = new Uri(simulator.GoogleBaseAddress, "oauth2/v3/certs");
            })
            .AddICal(o =>
            {
                o.FeedSigningKey = _icalFeedSigningKey;
                o.AllowInsecureHttp = true; // the simulator's feeds (/ical/{platform}/{listing}.ics) are plain http on loopback
            });
        return SamplePlatforms.All;
    }

    private static Uri WebhookUrl(string selfUrl, Platform platform) => new(selfUrl + "/webhooks/" + platform.ToWebhookSlug());

    private static string Secret(int bytes = 32) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}

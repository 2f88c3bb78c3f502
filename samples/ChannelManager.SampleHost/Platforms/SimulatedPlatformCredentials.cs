using System.Security.Cryptography;
using ChannelManager.Adapters.Airbnb;
using ChannelManager.Adapters.BookingCom;
using ChannelManager.Adapters.Expedia;
using ChannelManager.Adapters.FewoDirekt;
using ChannelManager.Adapters.Google;
using ChannelManager.Adapters.ICal;
using ChannelManager.Connections;
using ChannelManager.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.SampleHost.Platforms;

/// <summary>
/// The credentials of one run against the in-process simulator: generated at start, given to the simulator
/// (<see cref="ToSimulatorOptions"/>) and to the adapters (<see cref="AddAdapters"/>, or
/// <see cref="ToAdapterEnvironment"/> for sample-host processes started separately), never logged. Shared as source
/// with the benchmarks (linked into benchmarks/ChannelManager.Benchmarks, which run the same adapters against the
/// simulator without a host to receive webhooks, and into benchmarks/ChannelManager.Chaos, whose worker processes get
/// them as environment variables).
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
    private const string GoogleServiceAccountKeyId = "sample-host-key-1";
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
            FeedUrl = new Uri(selfUrl + "/fewo-direkt/advertisers"), // SamplePlatforms.FewoDirektFeedPrefix
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

    /// <summary>
    /// The simulator's settings with the same credentials but no host behind it: no webhooks, and the simulated Vrbo
    /// does not poll feeds (nothing books on the platforms; a benchmark drives the adapters' pushes only).
    /// </summary>
    /// <returns>The options.</returns>
    public PlatformSimulatorOptions ToSimulatorOptionsWithoutHost()
    {
        var options = ToSimulatorOptions(0, "http://127.0.0.1:9"); // the URLs are cleared below
        options.Airbnb.WebhookUrl = null;
        options.Expedia.BookingNotificationUrl = null;
        options.FewoDirekt.FeedUrl = null;
        options.FewoDirekt.BookingUrl = null;
        options.FewoDirekt.PollInterval = TimeSpan.Zero;
        return options;
    }

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
                o.ServiceAccountKeyId = GoogleServiceAccountKeyId;
                o.PubSubAudience = WebhookUrl(selfUrl, Platform.Google).AbsoluteUri;
                o.PubSubServiceAccountEmail = GooglePubSubServiceAccountEmail;
                o.PubSubJwksUrl = new Uri(simulator.GoogleBaseAddress, "oauth2/v3/certs");
            })
            .AddICal(o =>
            {
                o.FeedSigningKey = _icalFeedSigningKey;
                o.AllowInsecureHttp = true; // the simulator's feeds (/ical/{platform}/{listing}.ics) are plain http on loopback
            });
        return [Platform.Airbnb, Platform.BookingCom, Platform.Expedia, Platform.FewoDirekt, Platform.Google, Platform.ICal];
    }

    /// <summary>
    /// The environment variables (the adapters' configuration keys) that give a sample-host process started on its own
    /// the same credentials, pointed at the simulator; what <see cref="AddAdapters"/> does in process.
    /// </summary>
    /// <param name="simulator">The running simulator.</param>
    /// <param name="selfUrl">The address the platforms reach the host at (webhooks, Vrbo's feeds), e.g. a proxy in front of several hosts.</param>
    /// <returns>The variables.</returns>
    public Dictionary<string, string> ToAdapterEnvironment(PlatformSimulator simulator, string selfUrl) => new()
    {
        [AirbnbConfigurationKeys.ClientId] = AirbnbClientId,
        [AirbnbConfigurationKeys.ClientSecret] = _airbnbClientSecret,
        [AirbnbConfigurationKeys.WebhookSecret] = _airbnbWebhookSecret,
        [AirbnbConfigurationKeys.ApiBaseUrl] = simulator.AirbnbBaseAddress.AbsoluteUri,
        [BookingComConfigurationKeys.ClientId] = BookingComClientId,
        [BookingComConfigurationKeys.ClientSecret] = _bookingComClientSecret,
        [BookingComConfigurationKeys.NotificationSigningKey] = _bookingComNotificationSigningKey,
        [BookingComConfigurationKeys.ApiBaseUrl] = simulator.BookingComBaseAddress.AbsoluteUri,
        [ExpediaConfigurationKeys.Username] = ExpediaUsername,
        [ExpediaConfigurationKeys.Password] = _expediaPassword,
        [ExpediaConfigurationKeys.NotificationUsername] = ExpediaNotificationUsername,
        [ExpediaConfigurationKeys.NotificationPassword] = _expediaNotificationPassword,
        [ExpediaConfigurationKeys.ApiBaseUrl] = simulator.ExpediaBaseAddress.AbsoluteUri,
        [FewoDirektConfigurationKeys.FeedUsername] = FewoDirektFeedUsername,
        [FewoDirektConfigurationKeys.FeedPassword] = _fewoDirektFeedPassword,
        [FewoDirektConfigurationKeys.PublicFeedBaseUrl] = selfUrl + "/fewo-direkt",
        [GoogleConfigurationKeys.PartnerKey] = _googlePartnerKey,
        [GoogleConfigurationKeys.AccountId] = GoogleAccountId,
        [GoogleConfigurationKeys.ServiceAccountEmail] = GoogleServiceAccountEmail,
        [GoogleConfigurationKeys.ServiceAccountPrivateKey] = _googleServiceAccountPrivateKey,
        [GoogleConfigurationKeys.ServiceAccountKeyId] = GoogleServiceAccountKeyId,
        [GoogleConfigurationKeys.ApiBaseUrl] = simulator.GoogleBaseAddress.AbsoluteUri,
        [GoogleConfigurationKeys.PubSubAudience] = WebhookUrl(selfUrl, Platform.Google).AbsoluteUri,
        [GoogleConfigurationKeys.PubSubServiceAccountEmail] = GooglePubSubServiceAccountEmail,
        [GoogleConfigurationKeys.PubSubJwksUrl] = new Uri(simulator.GoogleBaseAddress, "oauth2/v3/certs").AbsoluteUri,
        [ICalConfigurationKeys.FeedSigningKey] = _icalFeedSigningKey,
    };

    private static Uri WebhookUrl(string selfUrl, Platform platform) => new(selfUrl + "/webhooks/" + platform.ToWebhookSlug());

    private static string Secret(int bytes = 32) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}

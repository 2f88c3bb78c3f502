using System.Security.Cryptography;
using ChannelManager.Adapters;
using ChannelManager.Adapters.Airbnb;
using ChannelManager.Adapters.BookingCom;
using ChannelManager.Adapters.Expedia;
using ChannelManager.Adapters.FewoDirekt;
using ChannelManager.Adapters.Google;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Benchmarks.Latency;

/// <summary>
/// Credentials of one run against the in-process simulator for the five platforms, generated at start and given to
/// both sides (as the sample host's <c>SimulatedPlatformCredentials</c> does). Vrbo / FeWo-direkt is a pull model:
/// its adapter serves feeds, so nothing of it points at the simulator, and the simulator's own polling is off.
/// </summary>
internal sealed class BenchmarkPlatformCredentials
{
    private const string AirbnbClientId = "bench-airbnb";
    private const string BookingComClientId = "bench-booking-com";
    private const string ExpediaUsername = "bench-eqc";
    private const string ExpediaNotificationUsername = "bench-expedia-bn";
    private const string FewoDirektFeedUsername = "bench-vrbo";
    private const string GoogleAccountId = "1000001";
    private const string GoogleServiceAccountEmail = "channel-manager@bench.iam.gserviceaccount.com";
    private const string GooglePubSubServiceAccountEmail = "pubsub-push@bench.iam.gserviceaccount.com";
    private const string SelfUrl = "http://127.0.0.1:9";

    private readonly string _airbnbClientSecret = Secret();
    private readonly string _airbnbWebhookSecret = Secret();
    private readonly string _bookingComClientSecret = Secret();
    private readonly string _bookingComNotificationSigningKey = Secret();
    private readonly string _expediaPassword = Secret();
    private readonly string _expediaNotificationPassword = Secret();
    private readonly string _fewoDirektFeedPassword = Secret();
    private readonly string _googlePartnerKey = "bench_partner_" + Secret(8);
    private readonly string _googleServiceAccountPrivateKey;
    private readonly string _googleServiceAccountPublicKey;

    public BenchmarkPlatformCredentials()
    {
        using var rsa = RSA.Create(2048);
        _googleServiceAccountPrivateKey = rsa.ExportPkcs8PrivateKeyPem();
        _googleServiceAccountPublicKey = rsa.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>The simulator's settings with the same credentials; no webhooks (nothing books on the platforms).</summary>
    public PlatformSimulatorOptions ToSimulatorOptions() => new()
    {
        Airbnb = { ClientId = AirbnbClientId, ClientSecret = _airbnbClientSecret, WebhookSecret = _airbnbWebhookSecret },
        BookingCom = { ClientId = BookingComClientId, ClientSecret = _bookingComClientSecret },
        Expedia =
        {
            Username = ExpediaUsername,
            Password = _expediaPassword,
            NotificationUsername = ExpediaNotificationUsername,
            NotificationPassword = _expediaNotificationPassword,
        },
        FewoDirekt =
        {
            PartnerUsername = FewoDirektFeedUsername,
            PartnerPassword = _fewoDirektFeedPassword,
            PollInterval = TimeSpan.Zero,
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

    /// <summary>Registers the five adapters with their default options, pointed at the simulator.</summary>
    public IChannelManagerBuilder AddAdapters(IChannelManagerBuilder channelManager, PlatformSimulator simulator) => channelManager
        .AddAirbnb(o =>
        {
            o.BaseUrl = simulator.AirbnbBaseAddress;
            o.ClientId = AirbnbClientId;
            o.ClientSecret = _airbnbClientSecret;
            o.WebhookSecret = _airbnbWebhookSecret;
        })
        .AddBookingCom(o =>
        {
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
            o.FeedUsername = FewoDirektFeedUsername;
            o.FeedPassword = _fewoDirektFeedPassword;
        })
        .AddGoogle(o =>
        {
            o.ApiBaseUrl = simulator.GoogleBaseAddress;
            o.PartnerKey = _googlePartnerKey;
            o.AccountId = GoogleAccountId;
            o.ServiceAccountEmail = GoogleServiceAccountEmail;
            o.ServiceAccountPrivateKey = _googleServiceAccountPrivateKey;
            o.ServiceAccountKeyId = "bench-key-1";
            o.PubSubAudience = SelfUrl + "/webhooks/google";
            o.PubSubServiceAccountEmail = GooglePubSubServiceAccountEmail;
            o.PubSubJwksUrl = new Uri(simulator.GoogleBaseAddress, "oauth2/v3/certs");
        });

    private static string Secret(int bytes = 32) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}

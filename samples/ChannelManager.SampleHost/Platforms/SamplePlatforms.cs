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

namespace ChannelManager.Adapters.FewoDirekt;

/// <summary>The configuration keys (e.g. environment variables) the adapter reads for settings not set in code.</summary>
public static class FewoDirektConfigurationKeys
{
    /// <summary><see cref="FewoDirektOptions.FeedUsername"/>.</summary>
    public const string FeedUsername = "FEWODIREKT_FEED_USERNAME";

    /// <summary><see cref="FewoDirektOptions.FeedPassword"/>.</summary>
    public const string FeedPassword = "FEWODIREKT_FEED_PASSWORD";

    /// <summary><see cref="FewoDirektOptions.FeedDays"/>.</summary>
    public const string FeedDays = "FEWODIREKT_FEED_DAYS";

    /// <summary><see cref="FewoDirektOptions.PublicFeedBaseUrl"/>.</summary>
    public const string PublicFeedBaseUrl = "FEWODIREKT_PUBLIC_FEED_BASE_URL";
}

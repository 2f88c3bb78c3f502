namespace ChannelManager.Adapters.ICal;

/// <summary>
/// The configuration keys (environment variables) the iCal adapter reads when its options are not set in code.
/// </summary>
public static class ICalConfigurationKeys
{
    /// <summary>The key behind every export feed URL's secret token (at least 32 characters).</summary>
    public const string FeedSigningKey = "ICAL_FEED_SIGNING_KEY";
}

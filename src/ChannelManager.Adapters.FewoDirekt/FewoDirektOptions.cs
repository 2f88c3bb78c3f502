namespace ChannelManager.Adapters.FewoDirekt;

/// <summary>
/// Settings of the Vrbo / FeWo-direkt adapter. Vrbo pulls this ChannelManager's feeds and posts bookings to it, always
/// with the credentials the partner (you) issued to Vrbo: <see cref="FeedUsername"/> and <see cref="FeedPassword"/>.
/// Values not set in code fall back to the configuration keys in <see cref="FewoDirektConfigurationKeys"/>; the whole
/// is validated when the host starts.
/// </summary>
public sealed class FewoDirektOptions
{
    /// <summary>The shortest <see cref="FeedPassword"/> accepted.</summary>
    public const int MinFeedPasswordLength = 16;

    /// <summary>The most days a feed may describe (Expedia Group accepts ARI up to two years ahead).</summary>
    public const int MaxFeedDays = 730;

    /// <summary>
    /// The HTTP Basic user name Vrbo presents when it reads the feeds, posts a <c>bookingRequest</c> or asks the
    /// booking update service. Required; it cannot contain <c>:</c>.
    /// </summary>
    public string? FeedUsername { get; set; }

    /// <summary>The HTTP Basic password that goes with <see cref="FeedUsername"/>. Required, at least 16 characters.</summary>
    public string? FeedPassword { get; set; }

    /// <summary>How many nights from today the availability and rate feeds describe. Default 730 (at most 730).</summary>
    public int FeedDays { get; set; } = MaxFeedDays;

    /// <summary>
    /// The public URL the feeds are mapped at, e.g. <c>https://cm.example.com/fewo-direkt</c>, used for the content
    /// URLs written into the indexes. When unset they are built from the request (scheme, host, path base) — set it
    /// when a proxy rewrites those.
    /// </summary>
    public Uri? PublicFeedBaseUrl { get; set; }

    /// <summary>A description without secrets.</summary>
    /// <returns>The user name, whether a password is set, and the feed settings.</returns>
    public override string ToString() =>
        $"FewoDirektOptions {{ FeedUsername = {FeedUsername}, FeedPassword = {(string.IsNullOrEmpty(FeedPassword) ? "none" : "***")}, FeedDays = {FeedDays}, PublicFeedBaseUrl = {PublicFeedBaseUrl} }}";
}

namespace ChannelManager.Adapters.ICal;

/// <summary>Settings of the iCal adapter; validated when the host starts.</summary>
public sealed class ICalOptions
{
    /// <summary>The default connection-metadata key that holds a platform's export feed URL.</summary>
    public const string DefaultImportUrlMetadataKey = "ical_url";

    /// <summary>The default product identifier written to exported feeds.</summary>
    public const string DefaultProductId = "-//ChannelManager//iCal feed 1.0//EN";

    /// <summary>
    /// The secret that feed URL tokens are derived from (HMAC-SHA256 over tenant and connection), at least 32
    /// characters. Required. Changing it invalidates every feed URL handed out.
    /// </summary>
    public string? FeedSigningKey { get; set; }

    /// <summary>How often every iCal connection's platform feed is imported. Default 15 minutes; <see cref="TimeSpan.Zero"/> turns polling off.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long one feed download may take, headers and body. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest feed accepted, in bytes. Default 2 MiB (real feeds are a few KiB).</summary>
    public long MaxFeedBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>The most events a feed may hold (past events included); a larger feed is rejected. Default 5,000.</summary>
    public int MaxEvents { get; set; } = 5000;

    /// <summary>The connection-metadata key that holds the platform's feed URL. Default <c>ical_url</c>.</summary>
    public string ImportUrlMetadataKey { get; set; } = DefaultImportUrlMetadataKey;

    /// <summary>Whether plain <c>http://</c> feed URLs may be imported (tests, the simulator). Default <see langword="false"/>: https only.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>How many nights from today an exported feed covers. Default 365.</summary>
    public int ExportDays { get; set; } = 365;

    /// <summary>The <c>PRODID</c> of exported feeds.</summary>
    public string ProductId { get; set; } = DefaultProductId;

    /// <summary>The <c>SUMMARY</c> of exported events (no guest data is ever exported). Default <c>Not available</c>.</summary>
    public string ExportSummary { get; set; } = "Not available";

    /// <summary>
    /// The domain part of exported UIDs (<c>…@{UidDomain}</c>). Imported events whose UID ends with it are this
    /// ChannelManager's own blocks echoed back by a platform that re-exports imported events, and are skipped.
    /// </summary>
    public string UidDomain { get; set; } = "channelmanager.ical";

    /// <summary>The <c>User-Agent</c> sent with feed downloads.</summary>
    public string UserAgent { get; set; } = "ChannelManager-iCal/1.0";

    /// <summary>A description without secrets.</summary>
    /// <returns>The settings, with the signing key redacted.</returns>
    public override string ToString() =>
        $"ICalOptions {{ FeedSigningKey = {(string.IsNullOrEmpty(FeedSigningKey) ? "none" : "***")}, PollInterval = {PollInterval}, RequestTimeout = {RequestTimeout}, MaxFeedBytes = {MaxFeedBytes}, MaxEvents = {MaxEvents} }}";
}

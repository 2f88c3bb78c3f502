namespace ChannelManager.Adapters.ICal.Export;

/// <summary>A rendered export feed.</summary>
/// <param name="Content">The <c>text/calendar</c> body (UTF-8, CRLF).</param>
/// <param name="ETag">A strong entity tag of the body, quoted.</param>
/// <param name="LastModified">When this content was first served (whole seconds); also every event's <c>DTSTAMP</c>.</param>
/// <param name="EventCount">How many events the feed holds.</param>
public sealed record ICalFeed(byte[] Content, string ETag, DateTimeOffset LastModified, int EventCount);

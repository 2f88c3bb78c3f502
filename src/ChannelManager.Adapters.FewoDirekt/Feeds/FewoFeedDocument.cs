namespace ChannelManager.Adapters.FewoDirekt.Feeds;

/// <summary>A rendered feed document.</summary>
/// <param name="Content">The XML (UTF-8).</param>
/// <param name="ETag">A strong entity tag of the bytes, quoted.</param>
/// <param name="LastModified">When this content was first served (whole seconds).</param>
internal sealed record FewoFeedDocument(byte[] Content, string ETag, DateTimeOffset LastModified);

namespace ChannelManager.Webhooks;

/// <summary>The platform-specific body the webhook endpoint answers an accepted notification with.</summary>
/// <param name="Content">The body text.</param>
/// <param name="ContentType">Its media type, e.g. <c>text/xml; charset=utf-8</c>.</param>
public sealed record WebhookReply(string Content, string ContentType);

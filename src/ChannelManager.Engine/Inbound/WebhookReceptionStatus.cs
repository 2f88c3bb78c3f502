namespace ChannelManager.Engine.Inbound;

/// <summary>What one platform's webhook route last saw, in this process.</summary>
/// <param name="LastAcceptedAt">When a webhook was last accepted (stored, or a duplicate of a stored one).</param>
/// <param name="LastRejectedAt">When a webhook was last refused.</param>
/// <param name="LastRejectionReason">Why it was refused.</param>
public sealed record WebhookReceptionStatus(DateTimeOffset? LastAcceptedAt, DateTimeOffset? LastRejectedAt, WebhookRejectionReason? LastRejectionReason);

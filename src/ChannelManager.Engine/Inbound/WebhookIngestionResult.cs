namespace ChannelManager.Engine.Inbound;

/// <summary>The result of receiving a webhook.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="InboxEntryId">The inbox entry, when accepted.</param>
/// <param name="Detail">Why it was refused (safe to return: names no secret).</param>
public sealed record WebhookIngestionResult(WebhookIngestionOutcome Outcome, Guid? InboxEntryId = null, string? Detail = null);

namespace ChannelManager.Webhooks;

/// <summary>Whether a webhook is authentic.</summary>
/// <param name="IsAuthentic">Whether it passed verification.</param>
/// <param name="FailureReason">Why not (safe to return to the caller: names no secret).</param>
public sealed record WebhookVerificationResult(bool IsAuthentic, string? FailureReason)
{
    /// <summary>An authentic webhook.</summary>
    public static WebhookVerificationResult Authentic { get; } = new(true, null);

    /// <summary>A rejected webhook.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The result.</returns>
    public static WebhookVerificationResult Rejected(string reason) => new(false, reason);
}

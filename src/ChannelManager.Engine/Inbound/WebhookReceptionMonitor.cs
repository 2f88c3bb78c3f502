using System.Collections.Concurrent;
using ChannelManager.Connections;

namespace ChannelManager.Engine.Inbound;

/// <summary>
/// Remembers, per platform and in memory of this process only, when a webhook was last accepted and when (and why,
/// as a category) one was last refused, for <c>GET /webhooks/health</c>. Cheap: one dictionary write per request; a
/// restart forgets it, and each process of a scaled-out host knows only its own requests.
/// </summary>
public sealed class WebhookReceptionMonitor
{
    private readonly ConcurrentDictionary<Platform, WebhookReceptionStatus> _status = new();

    /// <summary>Records an accepted webhook (new or duplicate).</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="at">When it arrived.</param>
    public void RecordAccepted(Platform platform, DateTimeOffset at) =>
        _status.AddOrUpdate(platform, static (_, at) => new WebhookReceptionStatus(at, null, null), static (_, s, at) => s with { LastAcceptedAt = at }, at);

    /// <summary>Records a refused webhook.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="reason">Why it was refused.</param>
    /// <param name="at">When it arrived.</param>
    public void RecordRejected(Platform platform, WebhookRejectionReason reason, DateTimeOffset at) =>
        _status.AddOrUpdate(
            platform,
            static (_, a) => new WebhookReceptionStatus(null, a.at, a.reason),
            static (_, s, a) => s with { LastRejectedAt = a.at, LastRejectionReason = a.reason },
            (at, reason));

    /// <summary>What a platform's route last saw.</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The status (all empty when nothing arrived yet).</returns>
    public WebhookReceptionStatus Get(Platform platform) =>
        _status.TryGetValue(platform, out var s) ? s : new WebhookReceptionStatus(null, null, null);
}

using System.Security.Cryptography;
using ChannelManager.Connections;
using ChannelManager.Engine.Sync;
using ChannelManager.Webhooks;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Engine.Inbound;

/// <summary>
/// Receives a platform webhook: the platform's adapter verifies and parses it; a duplicate (same platform and
/// delivery id, or same body hash) is acknowledged and dropped; a new one is stored in the inbox and the inbox
/// worker is woken. Nothing else happens on the request path, so the endpoint answers in milliseconds.
/// </summary>
public sealed class WebhookIngestionService
{
    private readonly AdapterRegistry _adapters;
    private readonly IWebhookInbox _inbox;
    private readonly InboxSignal _signal;
    private readonly ILogger<WebhookIngestionService> _logger;

    internal WebhookIngestionService(AdapterRegistry adapters, IWebhookInbox inbox, InboxSignal signal, ILogger<WebhookIngestionService> logger)
    {
        _adapters = adapters;
        _inbox = inbox;
        _signal = signal;
        _logger = logger;
    }

    /// <summary>Receives one webhook.</summary>
    /// <param name="platform">The platform the route names.</param>
    /// <param name="request">The raw request.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What happened.</returns>
    public async Task<WebhookIngestionResult> IngestAsync(Platform platform, WebhookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_adapters.TryGet(platform, out var adapter))
        {
            return new WebhookIngestionResult(WebhookIngestionOutcome.PlatformNotEnabled, Detail: $"The {platform.ToWireName()} integration is not enabled on this host.");
        }

        var verification = adapter.VerifyWebhook(request);
        if (!verification.IsAuthentic)
        {
            _logger.LogWarning("Rejected a {Platform} webhook: {Reason}", platform.ToWireName(), verification.FailureReason);
            return new WebhookIngestionResult(WebhookIngestionOutcome.Unauthenticated, Detail: verification.FailureReason);
        }

        WebhookNotification notification;
        try
        {
            notification = adapter.ParseWebhook(request);
        }
        catch (WebhookFormatException ex)
        {
            return new WebhookIngestionResult(WebhookIngestionOutcome.Malformed, Detail: ex.Message);
        }

        var dedupeKey = notification.DeliveryId is { Length: > 0 } id
            ? "id:" + id
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(request.Body.Span));
        var entry = new WebhookInboxEntry
        {
            Id = Guid.CreateVersion7(),
            Platform = platform,
            DedupeKey = dedupeKey,
            Notification = notification,
            ReceivedAt = request.ReceivedAt,
            NextAttemptAt = request.ReceivedAt,
        };
        if (!await _inbox.TryAddAsync(entry, cancellationToken).ConfigureAwait(false))
        {
            return new WebhookIngestionResult(WebhookIngestionOutcome.Duplicate);
        }

        _signal.Notify();
        return new WebhookIngestionResult(WebhookIngestionOutcome.Accepted, entry.Id);
    }
}

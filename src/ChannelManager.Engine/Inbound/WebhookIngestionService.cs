using System.Diagnostics;
using ChannelManager.Engine.Telemetry;
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
    private readonly ReservationSanityCheck _sanity;
    private readonly WebhookReceptionMonitor _monitor;
    private readonly ILogger<WebhookIngestionService> _logger;

    internal WebhookIngestionService(
        AdapterRegistry adapters,
        IWebhookInbox inbox,
        InboxSignal signal,
        ReservationSanityCheck sanity,
        WebhookReceptionMonitor monitor,
        ILogger<WebhookIngestionService> logger)
    {
        _adapters = adapters;
        _inbox = inbox;
        _signal = signal;
        _sanity = sanity;
        _monitor = monitor;
        _logger = logger;
    }

    /// <summary>
    /// Receives one webhook. In order: the platform is enabled (else <see cref="WebhookIngestionOutcome.PlatformNotEnabled"/>)
    /// and its verification secret configured (else <see cref="WebhookIngestionOutcome.VerificationNotConfigured"/>); the
    /// content type is the platform's (else <see cref="WebhookIngestionOutcome.UnsupportedMediaType"/>); an XML body has
    /// no DTD (else <see cref="WebhookIngestionOutcome.Malformed"/>); the adapter verifies it (else
    /// <see cref="WebhookIngestionOutcome.Unauthenticated"/>) and parses it (else <see cref="WebhookIngestionOutcome.Malformed"/>);
    /// a carried reservation has plausible dates (else <see cref="WebhookIngestionOutcome.InvalidReservation"/>). Only
    /// then is anything stored. An adapter that throws anything but <see cref="WebhookFormatException"/> is treated as a
    /// refusal, never as a server error.
    /// </summary>
    /// <param name="platform">The platform the route names.</param>
    /// <param name="request">The raw request.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What happened.</returns>
    public async Task<WebhookIngestionResult> IngestAsync(Platform platform, WebhookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = ChannelManagerActivitySource.Source.StartActivity(ChannelManagerActivitySource.WebhookReceive, ActivityKind.Internal);
        activity?.SetTag(ChannelManagerActivitySource.PlatformTag, platform.ToWireName());
        using var scope = LogScopes.ForWebhook(_logger, platform);
        var result = await IngestCoreAsync(platform, request, cancellationToken).ConfigureAwait(false);
        if (activity is not null)
        {
            activity.SetTag(ChannelManagerActivitySource.OutcomeTag, result.Outcome.ToString());
            if (result.InboxEntryId is { } entryId)
            {
                activity.SetTag(ChannelManagerActivitySource.InboxEntryIdTag, entryId.ToString("D"));
            }
        }

        return result;
    }

    private async Task<WebhookIngestionResult> IngestCoreAsync(Platform platform, WebhookRequest request, CancellationToken cancellationToken)
    {
        if (!_adapters.TryGet(platform, out var adapter))
        {
            return new WebhookIngestionResult(WebhookIngestionOutcome.PlatformNotEnabled, Detail: $"The {platform.ToWireName()} integration is not enabled on this host.");
        }

        if (adapter is IWebhookReceptionContract contract)
        {
            if (!contract.IsWebhookVerificationConfigured)
            {
                return Refuse(platform, request, WebhookIngestionOutcome.VerificationNotConfigured, WebhookRejectionReason.NotConfigured, $"{platform.ToWireName()} webhooks are not configured on this host (no verification secret).");
            }

            if (!WebhookBodyScreen.HasContentType(contract.WebhookBodyFormat, request.ContentType))
            {
                return Refuse(platform, request, WebhookIngestionOutcome.UnsupportedMediaType, WebhookRejectionReason.UnsupportedMediaType, $"{platform.ToWireName()} webhooks must be sent as {WebhookBodyScreen.Describe(contract.WebhookBodyFormat)}.");
            }

            if (contract.WebhookBodyFormat == WebhookBodyFormat.Xml && WebhookBodyScreen.FindXmlProblem(request.Body) is { } xmlProblem)
            {
                return Refuse(platform, request, WebhookIngestionOutcome.Malformed, WebhookRejectionReason.Malformed, xmlProblem);
            }
        }

        WebhookVerificationResult verification;
        try
        {
            verification = adapter.VerifyWebhook(request);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning("Verifying a {Platform} webhook threw {ExceptionType}; it is refused", platform.ToWireName(), ex.GetType().Name);
            verification = WebhookVerificationResult.Rejected("The webhook could not be authenticated.");
        }

        if (!verification.IsAuthentic)
        {
            return Refuse(platform, request, WebhookIngestionOutcome.Unauthenticated, WebhookRejectionReason.Unauthenticated, verification.FailureReason);
        }

        WebhookNotification notification;
        try
        {
            notification = adapter.ParseWebhook(request);
        }
        catch (WebhookFormatException ex)
        {
            return Refuse(platform, request, WebhookIngestionOutcome.Malformed, WebhookRejectionReason.Malformed, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning("Parsing a {Platform} webhook threw {ExceptionType}; it is refused as malformed", platform.ToWireName(), ex.GetType().Name);
            return Refuse(platform, request, WebhookIngestionOutcome.Malformed, WebhookRejectionReason.Malformed, "The webhook body is not a valid notification.");
        }

        if (notification.Reservation is { } reservation && _sanity.FindProblem(reservation, request.ReceivedAt) is { } datesProblem)
        {
            return Refuse(platform, request, WebhookIngestionOutcome.InvalidReservation, WebhookRejectionReason.InvalidReservation, datesProblem);
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
            _monitor.RecordAccepted(platform, request.ReceivedAt);
            return new WebhookIngestionResult(WebhookIngestionOutcome.Duplicate);
        }

        _monitor.RecordAccepted(platform, request.ReceivedAt);
        _signal.Notify();
        return new WebhookIngestionResult(WebhookIngestionOutcome.Accepted, entry.Id);
    }

    private WebhookIngestionResult Refuse(Platform platform, WebhookRequest request, WebhookIngestionOutcome outcome, WebhookRejectionReason reason, string? detail)
    {
        _logger.LogWarning("Refused a {Platform} webhook ({Reason}): {Detail}", platform.ToWireName(), reason, detail);
        _monitor.RecordRejected(platform, reason, request.ReceivedAt);
        return new WebhookIngestionResult(outcome, Detail: detail);
    }
}

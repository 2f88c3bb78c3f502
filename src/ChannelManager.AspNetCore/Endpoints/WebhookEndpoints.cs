using System.Buffers;
using ChannelManager.AspNetCore.Contracts;
using ChannelManager.AspNetCore.Http;
using ChannelManager.AspNetCore.Tenancy;
using ChannelManager.Connections;
using ChannelManager.Engine.Inbound;
using ChannelManager.Engine.Sync;
using ChannelManager.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ChannelManager.AspNetCore.Endpoints;

/// <summary>One <c>POST /webhooks/{platform}</c> route per platform, and <c>GET /webhooks/health</c>.</summary>
internal static class WebhookEndpoints
{
    /// <summary>The platforms that push webhooks (iCal is polled).</summary>
    public static readonly Platform[] WebhookPlatforms = [Platform.Airbnb, Platform.BookingCom, Platform.Expedia, Platform.FewoDirekt, Platform.Google];

    public static void Map(RouteGroupBuilder group)
    {
        foreach (var platform in WebhookPlatforms)
        {
            var contentTypes = WebhookContentTypes(platform);
            var route = group.MapPost("/" + platform.ToWebhookSlug(), (HttpContext http, WebhookIngestionService ingestion, AdapterRegistry adapters, WebhookReceptionMonitor monitor, IOptions<ChannelManagerEndpointOptions> options, TimeProvider time, CancellationToken ct) =>
                    ReceiveAsync(platform, http, ingestion, adapters, monitor, options.Value, time, ct))
                .WithName("Webhook" + platform)
                .WithSummary("Receive a webhook of " + platform.ToWireName())
                .WithDescription(WebhookDescription(platform))
                .DescribesRequestBody<string>(true, contentTypes)
                .Produces<WebhookAcceptedResponse>()
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
            if (platform is Platform.Expedia or Platform.FewoDirekt)
            {
                route.Produces<string>(StatusCodes.Status200OK, "application/xml");
            }
        }

        group.MapGet("/health", HealthAsync).WithName("WebhookHealth")
            .WithSummary("Webhook readiness per platform")
            .WithDescription("Anonymous (no tenant data): per platform whether it is enabled, whether its verification secret is configured "
                + "(ready, not_configured: the route answers 404, not_enabled), the inbox backlog and when this process last accepted or rejected a webhook, and why.")
            .Produces<WebhookHealthResponse>();
    }

    /// <summary>How a platform's webhook is authenticated (not by the host's API keys: by the platform's own scheme).</summary>
    private static string WebhookDescription(Platform platform) => platform switch
    {
        Platform.Airbnb => "Anonymous to the host's authentication; authenticated by an HMAC signature: headers X-Airbnb-Delivery-Id, "
            + "X-Airbnb-Timestamp (unix seconds, within the tolerance window) and X-Airbnb-Signature: v1=<hex HMAC-SHA256(webhook secret, \"{timestamp}.{raw body}\")> "
            + "(several v1= values accepted while a secret rotates). JSON body. A delivery id seen before answers 200 with status duplicate.",
        Platform.BookingCom => "Anonymous to the host's authentication; authenticated by Authorization: Bearer <HS256 JWT signed with the notification signing key> "
            + "(exp required, aud checked when configured) or, for early adopters, HTTP Basic with the configured notification pair. JSON body.",
        Platform.Expedia => "Anonymous to the host's authentication; Booking Notification: a SOAP envelope (OTA_HotelResNotifRQ, XML, no DTD) whose "
            + "header carries Authentication@Username/@Password equal to the configured notification credentials. Answers with the OTA acknowledgement (XML) "
            + "instead of the JSON body; 404 while no notification credentials are configured.",
        Platform.FewoDirekt => "Anonymous to the host's authentication; Vrbo's bookingRequest (XML, no DTD) with HTTP Basic carrying the partner "
            + "credentials issued to Vrbo. Answers with the bookingResponse document (XML) instead of the JSON body.",
        Platform.Google => "Anonymous to the host's authentication; a Cloud Pub/Sub authenticated push: Authorization: Bearer <Google-signed OIDC JWT> "
            + "(RS256, iss, aud = the configured audience, exp, the push service account's email). JSON body (the Pub/Sub push envelope).",
        _ => "Anonymous to the host's authentication; authenticated by the platform's own scheme.",
    };

    private static string[] WebhookContentTypes(Platform platform) =>
        platform is Platform.Expedia or Platform.FewoDirekt ? ["application/xml", "text/xml"] : ["application/json"];

    internal static async Task<Results<JsonHttpResult<WebhookAcceptedResponse>, ContentHttpResult, ProblemHttpResult>> ReceiveAsync(
        Platform platform, HttpContext http, WebhookIngestionService ingestion, AdapterRegistry adapters, WebhookReceptionMonitor monitor, ChannelManagerEndpointOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow();
        byte[]? body;
        try
        {
            body = await ReadLimitedAsync(http.Request, options.MaxWebhookBodyBytes, cancellationToken);
        }
        catch (BadHttpRequestException ex)
        {
            // A body that ends early or breaks its chunked framing: the client's fault, and nothing was read into the inbox.
            return Problems.BadRequest("The request body could not be read: " + ex.Message);
        }

        if (body is null)
        {
            if (adapters.TryGet(platform, out _))
            {
                monitor.RecordRejected(platform, WebhookRejectionReason.PayloadTooLarge, receivedAt);
            }

            return Problems.TooLarge($"Webhook bodies may be at most {options.MaxWebhookBodyBytes} bytes.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in http.Request.Headers)
        {
            headers[h.Key] = h.Value.ToString();
        }

        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var q in http.Request.Query)
        {
            query[q.Key] = q.Value.ToString();
        }

        var request = new WebhookRequest
        {
            Headers = headers,
            Query = query,
            Body = body,
            ContentType = http.Request.ContentType,
            ReceivedAt = receivedAt,
        };
        var result = await ingestion.IngestAsync(platform, request, cancellationToken);
        if (result.Outcome is WebhookIngestionOutcome.Accepted or WebhookIngestionOutcome.Duplicate
            && adapters.TryGet(platform, out var adapter)
            && adapter is IWebhookReplyWriter replies
            && replies.CreateReply(request, result.Outcome == WebhookIngestionOutcome.Duplicate) is { } reply)
        {
            return TypedResults.Text(reply.Content, reply.ContentType, statusCode: StatusCodes.Status200OK);
        }

        return result.Outcome switch
        {
            WebhookIngestionOutcome.Accepted => TypedResults.Json(new WebhookAcceptedResponse("accepted", result.InboxEntryId), ChannelManagerJsonContext.Default.WebhookAcceptedResponse),
            WebhookIngestionOutcome.Duplicate => TypedResults.Json(new WebhookAcceptedResponse("duplicate", null), ChannelManagerJsonContext.Default.WebhookAcceptedResponse),
            WebhookIngestionOutcome.Unauthenticated => Problems.Unauthorized(result.Detail ?? "The webhook could not be authenticated."),
            WebhookIngestionOutcome.Malformed => Problems.BadRequest(result.Detail ?? "The webhook body is not a valid notification."),
            WebhookIngestionOutcome.UnsupportedMediaType => Problems.UnsupportedMediaType(result.Detail ?? "The webhook's content type is not accepted."),
            WebhookIngestionOutcome.InvalidReservation => Problems.Unprocessable(result.Detail ?? "The webhook's reservation has implausible dates."),
            WebhookIngestionOutcome.VerificationNotConfigured => Problems.NotFound(result.Detail ?? "Webhooks of this platform are not configured."),
            _ => Problems.NotFound(result.Detail ?? "This platform is not enabled."),
        };
    }

    internal static async Task<JsonHttpResult<WebhookHealthResponse>> HealthAsync(AdapterRegistry adapters, IWebhookInbox inbox, WebhookReceptionMonitor monitor, CancellationToken cancellationToken)
    {
        var backlog = await inbox.GetBacklogAsync(cancellationToken);
        var platforms = WebhookPlatforms.Select(p =>
            {
                var enabled = adapters.TryGet(p, out var adapter);

                // An adapter that does not declare its secret verifies on its own: counted as configured.
                var configured = enabled && (adapter is not IWebhookReceptionContract contract || contract.IsWebhookVerificationConfigured);
                var seen = monitor.Get(p);
                return new WebhookPlatformHealth(
                    p.ToWireName(),
                    "/webhooks/" + p.ToWebhookSlug(),
                    enabled,
                    configured,
                    !enabled ? "not_enabled" : configured ? "ready" : "not_configured",
                    backlog.GetValueOrDefault(p),
                    seen.LastAcceptedAt,
                    seen.LastRejectedAt,
                    seen.LastRejectionReason is { } reason ? ReasonName(reason) : null);
            })
            .ToList();
        return TypedResults.Json(new WebhookHealthResponse("ok", platforms), ChannelManagerJsonContext.Default.WebhookHealthResponse);
    }

    private static string ReasonName(WebhookRejectionReason reason) => reason switch
    {
        WebhookRejectionReason.NotConfigured => "not_configured",
        WebhookRejectionReason.UnsupportedMediaType => "unsupported_media_type",
        WebhookRejectionReason.PayloadTooLarge => "payload_too_large",
        WebhookRejectionReason.Unauthenticated => "unauthenticated",
        WebhookRejectionReason.Malformed => "malformed",
        WebhookRejectionReason.InvalidReservation => "invalid_reservation",
        _ => "other",
    };

    /// <summary>Reads the body into memory, stopping as soon as it passes <paramref name="limit"/> (never buffering more).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, 64 * 1024));
        try
        {
            using var ms = new MemoryStream();
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, limit + 1 - (int)ms.Length)), cancellationToken)) > 0)
            {
                ms.Write(buffer, 0, read);
                if (ms.Length > limit)
                {
                    return null;
                }
            }

            return ms.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

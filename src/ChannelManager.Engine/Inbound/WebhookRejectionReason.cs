namespace ChannelManager.Engine.Inbound;

/// <summary>Why a webhook was refused, as <c>GET /webhooks/health</c> reports it (a category, never the request).</summary>
public enum WebhookRejectionReason
{
    /// <summary>The platform's webhook verification secret is not configured on this host (404).</summary>
    NotConfigured = 1,

    /// <summary>The content type is not the platform's (415).</summary>
    UnsupportedMediaType = 2,

    /// <summary>The body is larger than the configured limit (413).</summary>
    PayloadTooLarge = 3,

    /// <summary>Missing, bad or stale signature or credentials (401).</summary>
    Unauthenticated = 4,

    /// <summary>Not a valid notification: malformed JSON/XML, a DTD, missing fields (400).</summary>
    Malformed = 5,

    /// <summary>A reservation with impossible or implausible dates (422).</summary>
    InvalidReservation = 6,
}

namespace ChannelManager.Engine.Inbound;

/// <summary>How a webhook was received.</summary>
public enum WebhookIngestionOutcome
{
    /// <summary>Verified, new, stored in the inbox; processing happens in the background.</summary>
    Accepted = 1,

    /// <summary>Verified, but already received: acknowledged and dropped.</summary>
    Duplicate = 2,

    /// <summary>Not authentic (bad or missing signature, outside the replay window).</summary>
    Unauthenticated = 3,

    /// <summary>Authentic but malformed.</summary>
    Malformed = 4,

    /// <summary>No adapter is registered for the platform.</summary>
    PlatformNotEnabled = 5,

    /// <summary>The platform is enabled but the secret that verifies its webhooks is not configured (HTTP 404).</summary>
    VerificationNotConfigured = 6,

    /// <summary>The content type is not the platform's (HTTP 415).</summary>
    UnsupportedMediaType = 7,

    /// <summary>Authentic and well-formed, but the reservation's dates are impossible or implausible (HTTP 422).</summary>
    InvalidReservation = 8,
}

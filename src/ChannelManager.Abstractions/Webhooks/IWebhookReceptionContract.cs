namespace ChannelManager.Webhooks;

/// <summary>
/// Implemented by an adapter whose platform pushes webhooks: what its bodies look like and whether this host can
/// verify them. The engine checks both before the adapter sees a request: a body of another content type is refused
/// (415) and an XML body with a DTD is refused (400) without being parsed; a platform whose verification secret is
/// not configured answers 404 "not configured" instead of trying, and <c>GET /webhooks/health</c> says so.
/// </summary>
public interface IWebhookReceptionContract
{
    /// <summary>The format of the platform's webhook bodies.</summary>
    WebhookBodyFormat WebhookBodyFormat { get; }

    /// <summary>
    /// Whether the secret (or credentials) that verifies the platform's webhooks is configured. Never exposes the
    /// secret itself.
    /// </summary>
    bool IsWebhookVerificationConfigured { get; }
}

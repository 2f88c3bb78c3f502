namespace ChannelManager.Webhooks;

/// <summary>The format of a platform's webhook bodies; the endpoint refuses other content types with 415.</summary>
public enum WebhookBodyFormat
{
    /// <summary>JSON: <c>application/json</c> or a <c>+json</c> media type.</summary>
    Json = 1,

    /// <summary>XML: <c>text/xml</c>, <c>application/xml</c>, <c>application/soap+xml</c> or a <c>+xml</c> media type. DTDs are refused.</summary>
    Xml = 2,
}

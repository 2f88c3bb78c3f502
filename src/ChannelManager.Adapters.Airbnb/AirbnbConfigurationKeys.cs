namespace ChannelManager.Adapters.Airbnb;

/// <summary>The configuration keys (e.g. environment variables) the adapter reads for settings not set in code.</summary>
public static class AirbnbConfigurationKeys
{
    /// <summary><see cref="AirbnbOptions.ClientId"/>.</summary>
    public const string ClientId = "AIRBNB_CLIENT_ID";

    /// <summary><see cref="AirbnbOptions.ClientSecret"/>.</summary>
    public const string ClientSecret = "AIRBNB_CLIENT_SECRET";

    /// <summary><see cref="AirbnbOptions.WebhookSecret"/>.</summary>
    public const string WebhookSecret = "AIRBNB_WEBHOOK_SECRET";

    /// <summary><see cref="AirbnbOptions.BaseUrl"/>.</summary>
    public const string ApiBaseUrl = "AIRBNB_API_BASE_URL";
}

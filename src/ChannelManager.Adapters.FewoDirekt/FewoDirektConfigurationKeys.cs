namespace ChannelManager.Adapters.FewoDirekt;

/// <summary>The configuration keys (e.g. environment variables) the adapter reads for settings not set in code.</summary>
public static class FewoDirektConfigurationKeys
{
    /// <summary><see cref="FewoDirektOptions.ClientId"/>.</summary>
    public const string ClientId = "FEWODIREKT_CLIENT_ID";

    /// <summary><see cref="FewoDirektOptions.ClientSecret"/>.</summary>
    public const string ClientSecret = "FEWODIREKT_CLIENT_SECRET";

    /// <summary><see cref="FewoDirektOptions.BaseUrl"/>.</summary>
    public const string ApiBaseUrl = "FEWODIREKT_API_BASE_URL";

    /// <summary><see cref="FewoDirektOptions.WebhookSecret"/>.</summary>
    public const string WebhookSecret = "FEWODIREKT_WEBHOOK_SECRET";
}

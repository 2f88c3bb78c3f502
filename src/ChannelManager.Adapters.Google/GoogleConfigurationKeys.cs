namespace ChannelManager.Adapters.Google;

/// <summary>The configuration keys (e.g. environment variables) the adapter reads for settings not set in code.</summary>
public static class GoogleConfigurationKeys
{
    /// <summary><see cref="GoogleOptions.PartnerKey"/>.</summary>
    public const string PartnerKey = "GOOGLE_PARTNER_KEY";

    /// <summary><see cref="GoogleOptions.ApiBaseUrl"/>.</summary>
    public const string ApiBaseUrl = "GOOGLE_API_BASE_URL";

    /// <summary><see cref="GoogleOptions.TokenUrl"/>.</summary>
    public const string TokenUrl = "GOOGLE_TOKEN_URL";

    /// <summary><see cref="GoogleOptions.TravelPartnerBaseUrl"/>.</summary>
    public const string TravelPartnerBaseUrl = "GOOGLE_TRAVEL_PARTNER_BASE_URL";

    /// <summary><see cref="GoogleOptions.AccountId"/>.</summary>
    public const string AccountId = "GOOGLE_ACCOUNT_ID";

    /// <summary><see cref="GoogleOptions.ServiceAccountEmail"/>.</summary>
    public const string ServiceAccountEmail = "GOOGLE_SERVICE_ACCOUNT_EMAIL";

    /// <summary><see cref="GoogleOptions.ServiceAccountPrivateKey"/> (PEM).</summary>
    public const string ServiceAccountPrivateKey = "GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY";

    /// <summary><see cref="GoogleOptions.ServiceAccountKeyId"/>.</summary>
    public const string ServiceAccountKeyId = "GOOGLE_SERVICE_ACCOUNT_KEY_ID";

    /// <summary><see cref="GoogleOptions.PubSubAudience"/>.</summary>
    public const string PubSubAudience = "GOOGLE_PUBSUB_AUDIENCE";

    /// <summary><see cref="GoogleOptions.PubSubServiceAccountEmail"/>.</summary>
    public const string PubSubServiceAccountEmail = "GOOGLE_PUBSUB_SERVICE_ACCOUNT_EMAIL";

    /// <summary><see cref="GoogleOptions.PubSubJwksUrl"/>.</summary>
    public const string PubSubJwksUrl = "GOOGLE_PUBSUB_JWKS_URL";

    /// <summary><see cref="GoogleOptions.PubSubJwks"/> (a JWKS JSON document).</summary>
    public const string PubSubJwks = "GOOGLE_PUBSUB_JWKS";
}

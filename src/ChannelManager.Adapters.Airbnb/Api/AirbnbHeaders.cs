namespace ChannelManager.Adapters.Airbnb.Api;

/// <summary>The request headers of Airbnb's API (platforms.md §2).</summary>
internal static class AirbnbHeaders
{
    public const string ApiKey = "X-Airbnb-API-Key";
    public const string OAuthToken = "X-Airbnb-OAuth-Token";
    public const string ApiVersion = "X-AIRBNB-REQ-API-VERSION";
}

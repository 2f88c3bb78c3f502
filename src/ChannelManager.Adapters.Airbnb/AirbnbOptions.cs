namespace ChannelManager.Adapters.Airbnb;

/// <summary>
/// Settings of the Airbnb adapter. Values not set in code fall back to the configuration keys in
/// <see cref="AirbnbConfigurationKeys"/>; the whole is validated when the host starts.
/// </summary>
public sealed class AirbnbOptions
{
    /// <summary>Airbnb's API root.</summary>
    public static Uri DefaultBaseUrl { get; } = new("https://api.airbnb.com/");

    /// <summary>The dated API version this adapter speaks.</summary>
    public const string DefaultApiVersion = "2025.06.30";

    /// <summary>The API root; calls go to <c>{BaseUrl}v2/…</c>. Default <c>https://api.airbnb.com/</c>.</summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The partner application's client id, sent as <c>X-Airbnb-API-Key</c>. Required.</summary>
    public string? ClientId { get; set; }

    /// <summary>The partner application's client secret (for the host's OAuth token exchange; never sent by this adapter's calls).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The secret webhooks are signed with (at least 16 characters). Required.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The dated API version sent as <c>X-AIRBNB-REQ-API-VERSION</c>.</summary>
    public string ApiVersion { get; set; } = DefaultApiVersion;

    /// <summary>How far a webhook's timestamp may be from now (replay window). Default 5 minutes.</summary>
    public TimeSpan WebhookTimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one call may take, body included. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many calendar operations per <c>POST /v2/calendar_operations</c>. Default 100.</summary>
    public int MaxOperationsPerCall { get; set; } = 100;

    /// <summary>A description without secrets.</summary>
    /// <returns>The base URL, client id, API version and which secrets are set.</returns>
    public override string ToString() =>
        $"AirbnbOptions {{ BaseUrl = {BaseUrl}, ClientId = {ClientId}, ClientSecret = {(string.IsNullOrEmpty(ClientSecret) ? "none" : "***")}, " +
        $"WebhookSecret = {(string.IsNullOrEmpty(WebhookSecret) ? "none" : "***")}, ApiVersion = {ApiVersion} }}";
}

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

    /// <summary>
    /// The partner application's client secret: sent (HTTP Basic, with <see cref="ClientId"/>) only to Airbnb's token
    /// endpoint when the adapter refreshes a connection's access token. Without it no token is refreshed.
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Whether the adapter refreshes access tokens with the connection's refresh token (before they expire and when
    /// Airbnb answers 401). <see langword="null"/> (the default): when <see cref="ClientSecret"/> is set;
    /// <see langword="true"/>: always, and a missing <see cref="ClientSecret"/> fails start-up; <see langword="false"/>: never
    /// (the host keeps the tokens current).
    /// </summary>
    public bool? RefreshAccessTokens { get; set; }

    /// <summary>An access token that expires within this margin is refreshed before the call. Default 5 minutes.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether access tokens are refreshed, as <see cref="RefreshAccessTokens"/> and <see cref="ClientSecret"/> decide.</summary>
    internal bool RefreshesTokens => RefreshAccessTokens ?? !string.IsNullOrWhiteSpace(ClientSecret);

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

namespace ChannelManager.Adapters.Google;

/// <summary>
/// Settings of the Google Hotel Center / Vacation Rentals adapter. Values not set in code fall back to the
/// configuration keys in <see cref="GoogleConfigurationKeys"/>; the whole is validated when the host starts.
/// </summary>
public sealed class GoogleOptions
{
    /// <summary>Google's ARI upload root.</summary>
    public static Uri DefaultApiBaseUrl { get; } = new("https://www.google.com/travel/hotels/uploads/");

    /// <summary>Google's OAuth 2.0 token endpoint (service accounts).</summary>
    public static Uri DefaultTokenUrl { get; } = new("https://oauth2.googleapis.com/token");

    /// <summary>Google's Travel Partner API root.</summary>
    public static Uri DefaultTravelPartnerBaseUrl { get; } = new("https://travelpartner.googleapis.com/");

    /// <summary>Google's public keys for the OIDC tokens of Pub/Sub push deliveries.</summary>
    public static Uri DefaultPubSubJwksUrl { get; } = new("https://www.googleapis.com/oauth2/v3/certs");

    /// <summary>The scope requested for the service account's access token.</summary>
    public const string DefaultScope = "https://www.googleapis.com/auth/travelpartner";

    /// <summary>The ARI upload root; messages go to <c>{ApiBaseUrl}ota/hotel_avail_notif</c> etc.</summary>
    public Uri ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>
    /// The token endpoint (the <c>aud</c> of the service account's assertion). When unset: Google's if
    /// <see cref="ApiBaseUrl"/> is Google's, else <c>{ApiBaseUrl}token</c> (one root serving everything, e.g. the simulator).
    /// </summary>
    public Uri? TokenUrl { get; set; }

    /// <summary>The Travel Partner API root (used by the connection test). When unset: Google's, or <see cref="ApiBaseUrl"/> as for <see cref="TokenUrl"/>.</summary>
    public Uri? TravelPartnerBaseUrl { get; set; }

    /// <summary>The partner key written into <c>POS/Source/RequestorID/@ID</c> of every message. Required.</summary>
    public string? PartnerKey { get; set; }

    /// <summary>The Hotel Center account id, for the connection test's Travel Partner API call. Optional.</summary>
    public string? AccountId { get; set; }

    /// <summary>The service account's e-mail (<c>client_email</c>): the assertion's <c>iss</c>. Set together with <see cref="ServiceAccountPrivateKey"/>.</summary>
    public string? ServiceAccountEmail { get; set; }

    /// <summary>The service account's RSA private key in PEM (<c>private_key</c> of its JSON key). Never logged.</summary>
    public string? ServiceAccountPrivateKey { get; set; }

    /// <summary>The key's id (<c>private_key_id</c>), written as the assertion's <c>kid</c>. Optional.</summary>
    public string? ServiceAccountKeyId { get; set; }

    /// <summary>The OAuth scope requested. Default <see cref="DefaultScope"/>.</summary>
    public string Scope { get; set; } = DefaultScope;

    /// <summary>An access token is fetched again this long before it expires. Default 5 minutes.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one call may take, body included. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many messages (<c>Inventory</c>, <c>AvailStatusMessage</c>, <c>RateAmountMessage</c>) per request. Default 1,000.</summary>
    public int MaxMessagesPerRequest { get; set; } = 1000;

    /// <summary>Nights more than this many days ahead are not pushed (Google's vacation-rental booking window: 330 days).</summary>
    public int BookingWindowDays { get; set; } = 330;

    /// <summary>The longest stay Google sells (vacation rentals: 30 nights); larger maximum stays are capped, "no maximum" is sent as this.</summary>
    public int MaxLengthOfStay { get; set; } = 30;

    /// <summary>The <c>aud</c> Pub/Sub push tokens must carry (the push subscription's audience, by default its endpoint URL). Required to accept pushes.</summary>
    public string? PubSubAudience { get; set; }

    /// <summary>The <c>email</c> Pub/Sub push tokens must carry: the push subscription's service account. Required with <see cref="PubSubAudience"/>.</summary>
    public string? PubSubServiceAccountEmail { get; set; }

    /// <summary>Accepted <c>iss</c> values. Default <c>https://accounts.google.com</c> and <c>accounts.google.com</c>.</summary>
    public IList<string> PubSubIssuers { get; } = ["https://accounts.google.com", "accounts.google.com"];

    /// <summary>Where Google's public keys are fetched (JWKS). Default <see cref="DefaultPubSubJwksUrl"/>.</summary>
    public Uri PubSubJwksUrl { get; set; } = DefaultPubSubJwksUrl;

    /// <summary>A fixed JWKS document (JSON) to verify pushes with instead of fetching <see cref="PubSubJwksUrl"/> (tests, air-gapped hosts).</summary>
    public string? PubSubJwks { get; set; }

    /// <summary>How long fetched keys are kept when Google sends no <c>Cache-Control: max-age</c>. Default 1 hour.</summary>
    public TimeSpan PubSubJwksCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Clock skew allowed when checking a push token's <c>exp</c>/<c>iat</c>. Default 1 minute.</summary>
    public TimeSpan PubSubClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether calls carry a service-account access token.</summary>
    internal bool UsesServiceAccount => !string.IsNullOrWhiteSpace(ServiceAccountEmail);

    internal Uri EffectiveTokenUrl => TokenUrl ?? (ApiBaseUrl == DefaultApiBaseUrl ? DefaultTokenUrl : new Uri(GoogleRoot(ApiBaseUrl), "token"));

    internal Uri EffectiveTravelPartnerBaseUrl => TravelPartnerBaseUrl ?? (ApiBaseUrl == DefaultApiBaseUrl ? DefaultTravelPartnerBaseUrl : ApiBaseUrl);

    /// <summary>A description without secrets.</summary>
    /// <returns>The hosts, ids and which secrets are set.</returns>
    public override string ToString() =>
        $"GoogleOptions {{ ApiBaseUrl = {ApiBaseUrl}, TokenUrl = {EffectiveTokenUrl}, TravelPartnerBaseUrl = {EffectiveTravelPartnerBaseUrl}, " +
        $"PartnerKey = {(string.IsNullOrEmpty(PartnerKey) ? "none" : "***")}, AccountId = {AccountId}, ServiceAccountEmail = {ServiceAccountEmail}, " +
        $"ServiceAccountPrivateKey = {(string.IsNullOrEmpty(ServiceAccountPrivateKey) ? "none" : "***")}, PubSubAudience = {PubSubAudience} }}";

    internal static Uri GoogleRoot(Uri baseUrl)
    {
        var text = baseUrl.AbsoluteUri;
        return text.EndsWith('/') ? baseUrl : new Uri(text + "/");
    }
}

namespace ChannelManager.Adapters.BookingCom;

/// <summary>
/// Settings of the Booking.com adapter. Values not set in code fall back to the configuration keys in
/// <see cref="BookingComConfigurationKeys"/>; the whole is validated when the host starts.
/// </summary>
public sealed class BookingComOptions
{
    /// <summary>Booking.com's ARI host.</summary>
    public static Uri DefaultBaseUrl { get; } = new("https://supply-xml.booking.com/");

    /// <summary>Booking.com's reservations (PCI) host.</summary>
    public static Uri DefaultReservationsBaseUrl { get; } = new("https://secure-supply-xml.booking.com/");

    /// <summary>Booking.com's token exchange host.</summary>
    public static Uri DefaultAuthBaseUrl { get; } = new("https://connectivity-authentication.booking.com/");

    /// <summary>The ARI host; calls go to <c>{BaseUrl}hotels/ota/…</c> and <c>{BaseUrl}hotels/xml/…</c>.</summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>
    /// The reservations host (<c>{ReservationsBaseUrl}hotels/ota/OTA_HotelResNotif</c>). When unset: Booking.com's
    /// secure host if <see cref="BaseUrl"/> is the production host, else <see cref="BaseUrl"/> (one root serving
    /// everything, e.g. the platform simulator).
    /// </summary>
    public Uri? ReservationsBaseUrl { get; set; }

    /// <summary>
    /// The token exchange host (<c>{AuthBaseUrl}token-based-authentication/exchange</c>). When unset: Booking.com's
    /// authentication host if <see cref="BaseUrl"/> is the production host, else <see cref="BaseUrl"/>.
    /// </summary>
    public Uri? AuthBaseUrl { get; set; }

    /// <summary>The machine account's client id. Required.</summary>
    public string? ClientId { get; set; }

    /// <summary>The machine account's client secret. Required; only ever sent to the token exchange.</summary>
    public string? ClientSecret { get; set; }

    /// <summary><c>Target</c> of every OTA message: <c>Production</c> (default) or <c>Test</c>.</summary>
    public string Target { get; set; } = "Production";

    /// <summary>The <c>Accept-Version</c> header. Default <c>1.1</c>.</summary>
    public string AcceptVersion { get; set; } = "1.1";

    /// <summary>A token is exchanged again this long before it expires. Default 5 minutes.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one call may take, body included. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The key of the HS256 JWTs the partner's own token endpoint issues to the Connectivity Notification Service
    /// (at least 32 characters); notifications must carry <c>Authorization: Bearer</c> such a JWT. Either this or
    /// the Basic pair is required.
    /// </summary>
    public string? NotificationSigningKey { get; set; }

    /// <summary>Early adopters' scheme: the user name of <c>Authorization: Basic</c> on notifications.</summary>
    public string? NotificationBasicUsername { get; set; }

    /// <summary>Early adopters' scheme: the password of <c>Authorization: Basic</c> on notifications.</summary>
    public string? NotificationBasicPassword { get; set; }

    /// <summary>The <c>aud</c> notification JWTs must carry, when set.</summary>
    public string? NotificationAudience { get; set; }

    /// <summary>Clock skew allowed when checking a notification JWT's <c>exp</c>/<c>nbf</c>. Default 1 minute.</summary>
    public TimeSpan NotificationClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The ARI host to use for the reservation host when <see cref="ReservationsBaseUrl"/> is unset.</summary>
    internal Uri EffectiveReservationsBaseUrl => ReservationsBaseUrl ?? (BaseUrl == DefaultBaseUrl ? DefaultReservationsBaseUrl : BaseUrl);

    /// <summary>The token host actually used.</summary>
    internal Uri EffectiveAuthBaseUrl => AuthBaseUrl ?? (BaseUrl == DefaultBaseUrl ? DefaultAuthBaseUrl : BaseUrl);

    /// <summary>A description without secrets.</summary>
    /// <returns>The hosts, client id and which secrets are set.</returns>
    public override string ToString() =>
        $"BookingComOptions {{ BaseUrl = {BaseUrl}, ReservationsBaseUrl = {EffectiveReservationsBaseUrl}, AuthBaseUrl = {EffectiveAuthBaseUrl}, " +
        $"ClientId = {ClientId}, ClientSecret = {(string.IsNullOrEmpty(ClientSecret) ? "none" : "***")}, " +
        $"NotificationSigningKey = {(string.IsNullOrEmpty(NotificationSigningKey) ? "none" : "***")}, Target = {Target} }}";
}

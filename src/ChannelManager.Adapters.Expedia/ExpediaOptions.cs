namespace ChannelManager.Adapters.Expedia;

/// <summary>
/// Settings of the Expedia adapter. Values not set in code fall back to the configuration keys in
/// <see cref="ExpediaConfigurationKeys"/>; the whole is validated when the host starts.
/// </summary>
public sealed class ExpediaOptions
{
    /// <summary>The most updates Expedia accepts in one <c>AvailRateUpdateRQ</c>.</summary>
    public const int DocumentedMaxUpdatesPerMessage = 5_000;

    /// <summary>Expedia's EQC host.</summary>
    public static Uri DefaultBaseUrl { get; } = new("https://services.expediapartnercentral.com/");

    /// <summary>The EQC host; calls go to <c>{BaseUrl}eqc/ar</c>, <c>{BaseUrl}eqc/br</c> and <c>{BaseUrl}eqc/bc</c>.</summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The EQC user name, sent in every message's <c>Authentication@username</c>. Required.</summary>
    public string? Username { get; set; }

    /// <summary>The EQC password, sent in every message's <c>Authentication@password</c>. Required; never logged.</summary>
    public string? Password { get; set; }

    /// <summary>How long one call may take, body included. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most updates (nights × room type/rate plan) one <c>AvailRateUpdateRQ</c> carries; a larger push is split
    /// into several messages. Default and maximum <see cref="DocumentedMaxUpdatesPerMessage"/>.
    /// </summary>
    public int MaxUpdatesPerMessage { get; set; } = DocumentedMaxUpdatesPerMessage;

    /// <summary>
    /// The prefix of the partner confirmation number sent with Booking Confirmation (<c>confirmNumber</c> =
    /// prefix + Expedia booking id). Default <c>CM-</c>.
    /// </summary>
    public string ConfirmNumberPrefix { get; set; } = "CM-";

    /// <summary>
    /// The user name Expedia sends in the SOAP header (<c>Authentication@Username</c>) of every Booking Notification
    /// (<c>OTA_HotelResNotifRQ</c>) pushed to <c>/webhooks/expedia</c>: the one the host gave Expedia. Set together with
    /// <see cref="NotificationPassword"/>; with neither set, Booking Notifications are refused.
    /// </summary>
    public string? NotificationUsername { get; set; }

    /// <summary>The password paired with <see cref="NotificationUsername"/> (<c>Authentication@Password</c>). Never logged.</summary>
    public string? NotificationPassword { get; set; }

    /// <summary>Whether Booking Notifications are accepted: both notification credentials are set.</summary>
    public bool AcceptsBookingNotifications => !string.IsNullOrEmpty(NotificationUsername) && !string.IsNullOrEmpty(NotificationPassword);

    /// <summary>A description without secrets.</summary>
    /// <returns>The host, user names and whether passwords are set.</returns>
    public override string ToString() =>
        $"ExpediaOptions {{ BaseUrl = {BaseUrl}, Username = {Username}, Password = {(string.IsNullOrEmpty(Password) ? "none" : "***")}, MaxUpdatesPerMessage = {MaxUpdatesPerMessage}, " +
        $"NotificationUsername = {NotificationUsername ?? "none"}, NotificationPassword = {(string.IsNullOrEmpty(NotificationPassword) ? "none" : "***")} }}";
}

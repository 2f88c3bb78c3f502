namespace ChannelManager.Adapters.Expedia;

/// <summary>The configuration keys (e.g. environment variables) the adapter reads for settings not set in code.</summary>
public static class ExpediaConfigurationKeys
{
    /// <summary><see cref="ExpediaOptions.Username"/>: the EQC user name.</summary>
    public const string Username = "EXPEDIA_USERNAME";

    /// <summary><see cref="ExpediaOptions.Password"/>: the EQC password.</summary>
    public const string Password = "EXPEDIA_PASSWORD";

    /// <summary><see cref="ExpediaOptions.BaseUrl"/>: the EQC host.</summary>
    public const string ApiBaseUrl = "EXPEDIA_API_BASE_URL";

    /// <summary><see cref="ExpediaOptions.NotificationUsername"/>: the user name Expedia's Booking Notifications carry.</summary>
    public const string NotificationUsername = "EXPEDIA_NOTIFICATION_USERNAME";

    /// <summary><see cref="ExpediaOptions.NotificationPassword"/>: the password Expedia's Booking Notifications carry.</summary>
    public const string NotificationPassword = "EXPEDIA_NOTIFICATION_PASSWORD";
}

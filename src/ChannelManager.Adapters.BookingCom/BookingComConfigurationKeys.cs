namespace ChannelManager.Adapters.BookingCom;

/// <summary>The configuration keys (e.g. environment variables) the adapter reads for settings not set in code.</summary>
public static class BookingComConfigurationKeys
{
    /// <summary><see cref="BookingComOptions.ClientId"/>.</summary>
    public const string ClientId = "BOOKINGCOM_CLIENT_ID";

    /// <summary><see cref="BookingComOptions.ClientSecret"/>.</summary>
    public const string ClientSecret = "BOOKINGCOM_CLIENT_SECRET";

    /// <summary><see cref="BookingComOptions.BaseUrl"/>.</summary>
    public const string ApiBaseUrl = "BOOKINGCOM_API_BASE_URL";

    /// <summary><see cref="BookingComOptions.ReservationsBaseUrl"/>.</summary>
    public const string ReservationsBaseUrl = "BOOKINGCOM_RESERVATIONS_BASE_URL";

    /// <summary><see cref="BookingComOptions.AuthBaseUrl"/>.</summary>
    public const string AuthBaseUrl = "BOOKINGCOM_AUTH_BASE_URL";

    /// <summary><see cref="BookingComOptions.NotificationSigningKey"/>.</summary>
    public const string NotificationSigningKey = "BOOKINGCOM_NOTIFICATION_SIGNING_KEY";

    /// <summary><see cref="BookingComOptions.NotificationBasicUsername"/>.</summary>
    public const string NotificationBasicUsername = "BOOKINGCOM_NOTIFICATION_USERNAME";

    /// <summary><see cref="BookingComOptions.NotificationBasicPassword"/>.</summary>
    public const string NotificationBasicPassword = "BOOKINGCOM_NOTIFICATION_PASSWORD";
}

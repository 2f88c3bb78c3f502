namespace ChannelManager.Simulator.Expedia;

/// <summary>Settings of the simulated Expedia EQC. Read at every call, so they may be changed after start.</summary>
public sealed class ExpediaSimulatorOptions
{
    /// <summary>The EQC user name accepted in <c>Authentication@username</c>; any non-empty one when unset.</summary>
    public string? Username { get; set; }

    /// <summary>The EQC password accepted in <c>Authentication@password</c>; any non-empty one when unset.</summary>
    public string? Password { get; set; }

    /// <summary>A rate above this is skipped with warning 7013 ("rate out of threshold"). Default 50,000.</summary>
    public decimal RateThreshold { get; set; } = 50_000m;

    /// <summary>Where Booking Notifications (SOAP <c>OTA_HotelResNotifRQ</c>) are posted, e.g. the host's <c>/webhooks/expedia</c>; none are sent when unset.</summary>
    public Uri? BookingNotificationUrl { get; set; }

    /// <summary>The user name sent in each Booking Notification's <c>Authentication@Username</c>; no <c>Authentication</c> when neither this nor the password is set.</summary>
    public string? NotificationUsername { get; set; }

    /// <summary>The password sent in each Booking Notification's <c>Authentication@Password</c>.</summary>
    public string? NotificationPassword { get; set; }

    /// <summary>How long to wait for the partner's synchronous answer. Default 10 seconds.</summary>
    public TimeSpan BookingNotificationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times one notification is sent at most until the partner answers it with Success (the resends carry <c>RetryIndicator="true"</c>). Default 3.</summary>
    public int BookingNotificationAttempts { get; set; } = 3;

    /// <summary>The pause between two attempts. Default 200 ms.</summary>
    public TimeSpan BookingNotificationRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}

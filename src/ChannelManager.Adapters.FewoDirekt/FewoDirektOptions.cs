namespace ChannelManager.Adapters.FewoDirekt;

/// <summary>
/// Settings of the Vrbo / FeWo-direkt adapter. Values not set in code fall back to the configuration keys in
/// <see cref="FewoDirektConfigurationKeys"/>; the whole is validated when the host starts.
/// </summary>
public sealed class FewoDirektOptions
{
    /// <summary>
    /// The partner endpoint's root (<c>{BaseUrl}listings/…</c>, <c>{BaseUrl}bookings/…</c>). Required: Vrbo's
    /// software-partner hosts are issued with the partner credentials and are not public.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The partner-issued user name, sent with HTTP Basic. Required.</summary>
    public string? ClientId { get; set; }

    /// <summary>The partner-issued password, sent with HTTP Basic. Required.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The secret booking notifications are signed with (at least 16 characters). Required.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How far a notification's timestamp may be from now (replay window). Default 5 minutes.</summary>
    public TimeSpan WebhookTimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one call may take, body included. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How far back a reservation pull without <c>ChangedSince</c> asks the booking index. Default 30 days.</summary>
    public TimeSpan ReservationLookback { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The <c>User-Agent</c> sent on every call (partner integrations identify themselves).</summary>
    public string UserAgent { get; set; } = "ChannelManager-FewoDirekt/0.1";

    /// <summary>A description without secrets.</summary>
    /// <returns>The host, user name and which secrets are set.</returns>
    public override string ToString() =>
        $"FewoDirektOptions {{ BaseUrl = {BaseUrl}, ClientId = {ClientId}, ClientSecret = {(string.IsNullOrEmpty(ClientSecret) ? "none" : "***")}, " +
        $"WebhookSecret = {(string.IsNullOrEmpty(WebhookSecret) ? "none" : "***")} }}";
}

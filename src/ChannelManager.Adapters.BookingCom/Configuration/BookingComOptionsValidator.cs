using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.BookingCom.Configuration;

/// <summary>Validates <see cref="BookingComOptions"/> when the host starts. Messages name settings, never their values.</summary>
internal sealed class BookingComOptionsValidator : IValidateOptions<BookingComOptions>
{
    /// <summary>The shortest notification signing key accepted (256 bits of text).</summary>
    public const int MinSigningKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, BookingComOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckUrl(options.BaseUrl, "BaseUrl", BookingComConfigurationKeys.ApiBaseUrl, failures);
        if (options.ReservationsBaseUrl is not null)
        {
            CheckUrl(options.ReservationsBaseUrl, "ReservationsBaseUrl", BookingComConfigurationKeys.ReservationsBaseUrl, failures);
        }

        if (options.AuthBaseUrl is not null)
        {
            CheckUrl(options.AuthBaseUrl, "AuthBaseUrl", BookingComConfigurationKeys.AuthBaseUrl, failures);
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"Booking.com: ClientId is required (or set {BookingComConfigurationKeys.ClientId}).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"Booking.com: ClientSecret is required (or set {BookingComConfigurationKeys.ClientSecret}).");
        }

        var hasKey = !string.IsNullOrEmpty(options.NotificationSigningKey);
        var hasBasic = !string.IsNullOrEmpty(options.NotificationBasicUsername) || !string.IsNullOrEmpty(options.NotificationBasicPassword);
        if (!hasKey && !hasBasic)
        {
            failures.Add($"Booking.com: NotificationSigningKey (or set {BookingComConfigurationKeys.NotificationSigningKey}) or the NotificationBasicUsername/NotificationBasicPassword pair is required to verify notifications.");
        }

        if (hasKey && options.NotificationSigningKey!.Length < MinSigningKeyLength)
        {
            failures.Add($"Booking.com: NotificationSigningKey ({BookingComConfigurationKeys.NotificationSigningKey}) must have at least {MinSigningKeyLength} characters.");
        }

        if (hasBasic && (string.IsNullOrEmpty(options.NotificationBasicUsername) || string.IsNullOrEmpty(options.NotificationBasicPassword) || options.NotificationBasicUsername.Contains(':', StringComparison.Ordinal)))
        {
            failures.Add($"Booking.com: NotificationBasicUsername ({BookingComConfigurationKeys.NotificationBasicUsername}, without ':') and NotificationBasicPassword ({BookingComConfigurationKeys.NotificationBasicPassword}) must be set together.");
        }

        if (options.Target is not ("Production" or "Test"))
        {
            failures.Add("Booking.com: Target must be Production or Test.");
        }

        if (string.IsNullOrWhiteSpace(options.AcceptVersion))
        {
            failures.Add("Booking.com: AcceptVersion is required (1.1).");
        }

        if (options.TokenRefreshMargin < TimeSpan.Zero || options.TokenRefreshMargin >= TimeSpan.FromMinutes(30))
        {
            failures.Add("Booking.com: TokenRefreshMargin must be between 0 and 30 minutes (tokens live 1 hour).");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add("Booking.com: RequestTimeout must be positive.");
        }

        if (options.NotificationClockSkew < TimeSpan.Zero)
        {
            failures.Add("Booking.com: NotificationClockSkew cannot be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(Uri? url, string setting, string key, List<string> failures)
    {
        if (url is not { IsAbsoluteUri: true } || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Booking.com: {setting} must be an absolute http(s) URL (or set {key}).");
        }
    }
}

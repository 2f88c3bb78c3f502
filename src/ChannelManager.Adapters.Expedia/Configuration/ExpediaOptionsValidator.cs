using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Expedia.Configuration;

/// <summary>Validates <see cref="ExpediaOptions"/> when the host starts. Messages name settings, never their values.</summary>
internal sealed class ExpediaOptionsValidator : IValidateOptions<ExpediaOptions>
{
    public ValidateOptionsResult Validate(string? name, ExpediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BaseUrl is not { IsAbsoluteUri: true } || (options.BaseUrl.Scheme != Uri.UriSchemeHttps && options.BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Expedia: BaseUrl must be an absolute http(s) URL (or set {ExpediaConfigurationKeys.ApiBaseUrl}).");
        }

        if (string.IsNullOrWhiteSpace(options.Username))
        {
            failures.Add($"Expedia: Username is required (or set {ExpediaConfigurationKeys.Username}).");
        }

        if (string.IsNullOrEmpty(options.Password))
        {
            failures.Add($"Expedia: Password is required (or set {ExpediaConfigurationKeys.Password}).");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add("Expedia: RequestTimeout must be positive.");
        }

        if (options.MaxUpdatesPerMessage is < 1 or > ExpediaOptions.DocumentedMaxUpdatesPerMessage)
        {
            failures.Add($"Expedia: MaxUpdatesPerMessage must be between 1 and {ExpediaOptions.DocumentedMaxUpdatesPerMessage}.");
        }

        if (options.ConfirmNumberPrefix is null || options.ConfirmNumberPrefix.Length > 16 || options.ConfirmNumberPrefix.Any(char.IsControl))
        {
            failures.Add("Expedia: ConfirmNumberPrefix must be at most 16 printable characters.");
        }

        // Booking Notification: both credentials or neither (then notifications are refused).
        var hasNotificationUser = !string.IsNullOrEmpty(options.NotificationUsername);
        var hasNotificationPassword = !string.IsNullOrEmpty(options.NotificationPassword);
        if (hasNotificationUser != hasNotificationPassword)
        {
            failures.Add(hasNotificationUser
                ? $"Expedia: NotificationPassword is required when NotificationUsername is set (or set {ExpediaConfigurationKeys.NotificationPassword})."
                : $"Expedia: NotificationUsername is required when NotificationPassword is set (or set {ExpediaConfigurationKeys.NotificationUsername}).");
        }

        if (options.NotificationUsername is { } user && (user.Trim().Length == 0 || user.Any(char.IsControl)))
        {
            failures.Add($"Expedia: NotificationUsername ({ExpediaConfigurationKeys.NotificationUsername}) must be printable text.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

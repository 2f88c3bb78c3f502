using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Expedia.Configuration;

/// <summary>
/// Fills settings that are still empty from configuration (<see cref="ExpediaConfigurationKeys"/>). Registered before
/// the code's own configure actions, and filling only what is unset, so that code always wins.
/// </summary>
internal sealed class ExpediaConfigurationFallback(IConfiguration? configuration) : IConfigureOptions<ExpediaOptions>
{
    public void Configure(ExpediaOptions options)
    {
        if (configuration is null)
        {
            return;
        }

        options.Username = string.IsNullOrEmpty(options.Username) ? Value(ExpediaConfigurationKeys.Username) : options.Username;
        options.Password = string.IsNullOrEmpty(options.Password) ? Value(ExpediaConfigurationKeys.Password) : options.Password;
        options.NotificationUsername = string.IsNullOrEmpty(options.NotificationUsername) ? Value(ExpediaConfigurationKeys.NotificationUsername) : options.NotificationUsername;
        options.NotificationPassword = string.IsNullOrEmpty(options.NotificationPassword) ? Value(ExpediaConfigurationKeys.NotificationPassword) : options.NotificationPassword;
        if (options.BaseUrl == ExpediaOptions.DefaultBaseUrl && Value(ExpediaConfigurationKeys.ApiBaseUrl) is { } url)
        {
            // An unusable value stays visible to validation instead of being silently ignored.
            options.BaseUrl = Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out var uri) ? uri : new Uri("invalid-base-url", UriKind.Relative);
        }
    }

    private string? Value(string key) => configuration![key] is { Length: > 0 } value ? value.Trim() : null;
}

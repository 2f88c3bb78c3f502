using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Airbnb.Configuration;

/// <summary>
/// Fills settings that are still empty from configuration (<see cref="AirbnbConfigurationKeys"/>). Registered before
/// the code's own configure actions, and filling only what is unset, so that code always wins.
/// </summary>
internal sealed class AirbnbConfigurationFallback(IConfiguration? configuration) : IConfigureOptions<AirbnbOptions>
{
    public void Configure(AirbnbOptions options)
    {
        if (configuration is null)
        {
            return;
        }

        if (string.IsNullOrEmpty(options.ClientId))
        {
            options.ClientId = Value(AirbnbConfigurationKeys.ClientId) ?? options.ClientId;
        }

        if (string.IsNullOrEmpty(options.ClientSecret))
        {
            options.ClientSecret = Value(AirbnbConfigurationKeys.ClientSecret) ?? options.ClientSecret;
        }

        if (string.IsNullOrEmpty(options.WebhookSecret))
        {
            options.WebhookSecret = Value(AirbnbConfigurationKeys.WebhookSecret) ?? options.WebhookSecret;
        }

        if (options.BaseUrl == AirbnbOptions.DefaultBaseUrl && Value(AirbnbConfigurationKeys.ApiBaseUrl) is { } url)
        {
            // An unusable value stays visible to validation instead of being silently ignored.
            options.BaseUrl = Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out var uri) ? uri : new Uri("invalid-base-url", UriKind.Relative);
        }
    }

    private string? Value(string key) => configuration![key] is { Length: > 0 } value ? value.Trim() : null;
}

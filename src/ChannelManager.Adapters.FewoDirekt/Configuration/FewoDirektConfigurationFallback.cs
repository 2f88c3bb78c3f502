using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.FewoDirekt.Configuration;

/// <summary>
/// Fills settings that are still empty from configuration (<see cref="FewoDirektConfigurationKeys"/>). Registered
/// before the code's own configure actions, and filling only what is unset, so that code always wins.
/// </summary>
internal sealed class FewoDirektConfigurationFallback(IConfiguration? configuration) : IConfigureOptions<FewoDirektOptions>
{
    public void Configure(FewoDirektOptions options)
    {
        if (configuration is null)
        {
            return;
        }

        options.ClientId = string.IsNullOrEmpty(options.ClientId) ? Value(FewoDirektConfigurationKeys.ClientId) : options.ClientId;
        options.ClientSecret = string.IsNullOrEmpty(options.ClientSecret) ? Value(FewoDirektConfigurationKeys.ClientSecret) : options.ClientSecret;
        options.WebhookSecret = string.IsNullOrEmpty(options.WebhookSecret) ? Value(FewoDirektConfigurationKeys.WebhookSecret) : options.WebhookSecret;
        if (options.BaseUrl is null && Value(FewoDirektConfigurationKeys.ApiBaseUrl) is { } url)
        {
            // An unusable value stays visible to validation instead of being silently ignored.
            options.BaseUrl = Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out var uri) ? uri : new Uri("invalid-base-url", UriKind.Relative);
        }
    }

    private string? Value(string key) => configuration![key] is { Length: > 0 } value ? value.Trim() : null;
}

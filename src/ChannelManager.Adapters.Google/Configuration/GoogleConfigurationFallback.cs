using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Google.Configuration;

/// <summary>
/// Fills settings that are still empty from configuration (<see cref="GoogleConfigurationKeys"/>). Registered before
/// the code's own configure actions, and filling only what is unset, so that code always wins.
/// </summary>
internal sealed class GoogleConfigurationFallback(IConfiguration? configuration) : IConfigureOptions<GoogleOptions>
{
    public void Configure(GoogleOptions options)
    {
        if (configuration is null)
        {
            return;
        }

        options.PartnerKey = Fill(options.PartnerKey, GoogleConfigurationKeys.PartnerKey);
        options.AccountId = Fill(options.AccountId, GoogleConfigurationKeys.AccountId);
        options.ServiceAccountEmail = Fill(options.ServiceAccountEmail, GoogleConfigurationKeys.ServiceAccountEmail);
        options.ServiceAccountKeyId = Fill(options.ServiceAccountKeyId, GoogleConfigurationKeys.ServiceAccountKeyId);
        options.PubSubAudience = Fill(options.PubSubAudience, GoogleConfigurationKeys.PubSubAudience);
        options.PubSubServiceAccountEmail = Fill(options.PubSubServiceAccountEmail, GoogleConfigurationKeys.PubSubServiceAccountEmail);
        options.PubSubJwks = Fill(options.PubSubJwks, GoogleConfigurationKeys.PubSubJwks);
        if (string.IsNullOrEmpty(options.ServiceAccountPrivateKey) && Value(GoogleConfigurationKeys.ServiceAccountPrivateKey) is { } pem)
        {
            // Environment variables often carry the JSON key's "\n" escapes instead of line breaks.
            options.ServiceAccountPrivateKey = pem.Replace("\\n", "\n", StringComparison.Ordinal);
        }

        if (options.ApiBaseUrl == GoogleOptions.DefaultApiBaseUrl && Value(GoogleConfigurationKeys.ApiBaseUrl) is { } api)
        {
            options.ApiBaseUrl = ToUri(api);
        }

        if (options.TokenUrl is null && Value(GoogleConfigurationKeys.TokenUrl) is { } token)
        {
            options.TokenUrl = ToUri(token);
        }

        if (options.TravelPartnerBaseUrl is null && Value(GoogleConfigurationKeys.TravelPartnerBaseUrl) is { } partner)
        {
            options.TravelPartnerBaseUrl = ToUri(partner);
        }

        if (options.PubSubJwksUrl == GoogleOptions.DefaultPubSubJwksUrl && Value(GoogleConfigurationKeys.PubSubJwksUrl) is { } jwks)
        {
            options.PubSubJwksUrl = ToUri(jwks);
        }
    }

    // An unusable value stays visible to validation instead of being silently ignored.
    private static Uri ToUri(string text) =>
        Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out var uri) ? uri : new Uri("invalid-url", UriKind.Relative);

    private string? Fill(string? current, string key) => string.IsNullOrEmpty(current) ? Value(key) : current;

    private string? Value(string key) => configuration![key] is { Length: > 0 } value ? value.Trim() : null;
}

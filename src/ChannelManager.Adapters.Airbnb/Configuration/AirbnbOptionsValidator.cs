using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Airbnb.Configuration;

/// <summary>Validates <see cref="AirbnbOptions"/> when the host starts. Messages name settings, never their values.</summary>
internal sealed partial class AirbnbOptionsValidator : IValidateOptions<AirbnbOptions>
{
    /// <summary>The shortest webhook secret accepted.</summary>
    public const int MinWebhookSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, AirbnbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Airbnb: BaseUrl must be an absolute http(s) URL (or set {AirbnbConfigurationKeys.ApiBaseUrl}).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"Airbnb: ClientId is required (or set {AirbnbConfigurationKeys.ClientId}).");
        }

        if (options.RefreshAccessTokens == true && string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"Airbnb: ClientSecret is required to refresh access tokens (or set {AirbnbConfigurationKeys.ClientSecret}, or RefreshAccessTokens = false).");
        }

        if (options.TokenRefreshMargin < TimeSpan.Zero)
        {
            failures.Add("Airbnb: TokenRefreshMargin must not be negative.");
        }

        if (options.WebhookSecret is null || options.WebhookSecret.Length < MinWebhookSecretLength)
        {
            failures.Add($"Airbnb: WebhookSecret must have at least {MinWebhookSecretLength} characters (or set {AirbnbConfigurationKeys.WebhookSecret}).");
        }

        if (string.IsNullOrWhiteSpace(options.ApiVersion) || !ApiVersionPattern().IsMatch(options.ApiVersion))
        {
            failures.Add("Airbnb: ApiVersion must be a dated version such as 2025.06.30.");
        }

        if (options.WebhookTimestampTolerance <= TimeSpan.Zero)
        {
            failures.Add("Airbnb: WebhookTimestampTolerance must be positive.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add("Airbnb: RequestTimeout must be positive.");
        }

        if (options.MaxOperationsPerCall <= 0)
        {
            failures.Add("Airbnb: MaxOperationsPerCall must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^\d{4}\.\d{2}\.\d{2}$")]
    private static partial Regex ApiVersionPattern();
}

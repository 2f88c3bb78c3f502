using System.Security.Cryptography;
using ChannelManager.Adapters.Google.PubSub;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Google.Configuration;

/// <summary>Validates <see cref="GoogleOptions"/> when the host starts. Messages name settings, never their values.</summary>
internal sealed class GoogleOptionsValidator : IValidateOptions<GoogleOptions>
{
    public ValidateOptionsResult Validate(string? name, GoogleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckUrl(options.ApiBaseUrl, "ApiBaseUrl", GoogleConfigurationKeys.ApiBaseUrl, failures);
        if (options.TokenUrl is not null)
        {
            CheckUrl(options.TokenUrl, "TokenUrl", GoogleConfigurationKeys.TokenUrl, failures);
        }

        if (options.TravelPartnerBaseUrl is not null)
        {
            CheckUrl(options.TravelPartnerBaseUrl, "TravelPartnerBaseUrl", GoogleConfigurationKeys.TravelPartnerBaseUrl, failures);
        }

        CheckUrl(options.PubSubJwksUrl, "PubSubJwksUrl", GoogleConfigurationKeys.PubSubJwksUrl, failures);

        if (string.IsNullOrWhiteSpace(options.PartnerKey))
        {
            failures.Add($"Google: PartnerKey is required (or set {GoogleConfigurationKeys.PartnerKey}).");
        }

        var hasEmail = !string.IsNullOrWhiteSpace(options.ServiceAccountEmail);
        var hasKey = !string.IsNullOrWhiteSpace(options.ServiceAccountPrivateKey);
        if (hasEmail != hasKey)
        {
            failures.Add($"Google: ServiceAccountEmail ({GoogleConfigurationKeys.ServiceAccountEmail}) and ServiceAccountPrivateKey ({GoogleConfigurationKeys.ServiceAccountPrivateKey}) must be set together.");
        }
        else if (hasKey && !IsRsaPrivateKey(options.ServiceAccountPrivateKey!))
        {
            failures.Add($"Google: ServiceAccountPrivateKey ({GoogleConfigurationKeys.ServiceAccountPrivateKey}) must be an RSA private key in PEM (\"-----BEGIN PRIVATE KEY-----\").");
        }

        if (string.IsNullOrWhiteSpace(options.Scope))
        {
            failures.Add("Google: Scope is required.");
        }

        var hasAudience = !string.IsNullOrWhiteSpace(options.PubSubAudience);
        var hasPushEmail = !string.IsNullOrWhiteSpace(options.PubSubServiceAccountEmail);
        if (hasAudience != hasPushEmail)
        {
            failures.Add($"Google: PubSubAudience ({GoogleConfigurationKeys.PubSubAudience}) and PubSubServiceAccountEmail ({GoogleConfigurationKeys.PubSubServiceAccountEmail}) must be set together.");
        }

        if (options.PubSubIssuers.Count == 0 || options.PubSubIssuers.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Google: PubSubIssuers needs at least one non-empty issuer.");
        }

        if (!string.IsNullOrWhiteSpace(options.PubSubJwks))
        {
            try
            {
                _ = GoogleJwks.Parse(options.PubSubJwks);
            }
            catch (FormatException ex)
            {
                failures.Add($"Google: PubSubJwks ({GoogleConfigurationKeys.PubSubJwks}) is not a usable JWKS document: {ex.Message}");
            }
        }

        if (options.TokenRefreshMargin < TimeSpan.Zero || options.TokenRefreshMargin >= TimeSpan.FromMinutes(30))
        {
            failures.Add("Google: TokenRefreshMargin must be between 0 and 30 minutes (access tokens live 1 hour).");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add("Google: RequestTimeout must be positive.");
        }

        if (options.MaxMessagesPerRequest is < 1 or > 100_000)
        {
            failures.Add("Google: MaxMessagesPerRequest must be between 1 and 100000.");
        }

        if (options.BookingWindowDays is < 1 or > 730)
        {
            failures.Add("Google: BookingWindowDays must be between 1 and 730.");
        }

        if (options.MaxLengthOfStay is < 1 or > 365)
        {
            failures.Add("Google: MaxLengthOfStay must be between 1 and 365.");
        }

        if (options.PubSubClockSkew < TimeSpan.Zero || options.PubSubClockSkew > TimeSpan.FromMinutes(10))
        {
            failures.Add("Google: PubSubClockSkew must be between 0 and 10 minutes.");
        }

        if (options.PubSubJwksCacheDuration <= TimeSpan.Zero)
        {
            failures.Add("Google: PubSubJwksCacheDuration must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsRsaPrivateKey(string pem)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            _ = rsa.ExportParameters(includePrivateParameters: true);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            return false;
        }
    }

    private static void CheckUrl(Uri? url, string setting, string key, List<string> failures)
    {
        if (url is not { IsAbsoluteUri: true } || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Google: {setting} must be an absolute http(s) URL (or set {key}).");
        }
    }
}

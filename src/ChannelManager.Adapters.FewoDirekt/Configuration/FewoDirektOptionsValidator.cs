using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.FewoDirekt.Configuration;

/// <summary>Validates <see cref="FewoDirektOptions"/> when the host starts. Messages name settings, never their values.</summary>
internal sealed class FewoDirektOptionsValidator : IValidateOptions<FewoDirektOptions>
{
    /// <summary>The shortest webhook secret accepted.</summary>
    public const int MinWebhookSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, FewoDirektOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BaseUrl is not { IsAbsoluteUri: true } || (options.BaseUrl.Scheme != Uri.UriSchemeHttps && options.BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"FeWo-direkt: BaseUrl must be an absolute http(s) URL (or set {FewoDirektConfigurationKeys.ApiBaseUrl}).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId) || options.ClientId.Contains(':', StringComparison.Ordinal))
        {
            failures.Add($"FeWo-direkt: ClientId is required and cannot contain ':' (or set {FewoDirektConfigurationKeys.ClientId}).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"FeWo-direkt: ClientSecret is required (or set {FewoDirektConfigurationKeys.ClientSecret}).");
        }

        if (string.IsNullOrEmpty(options.WebhookSecret))
        {
            failures.Add($"FeWo-direkt: WebhookSecret is required to verify booking notifications (or set {FewoDirektConfigurationKeys.WebhookSecret}).");
        }
        else if (options.WebhookSecret.Length < MinWebhookSecretLength)
        {
            failures.Add($"FeWo-direkt: WebhookSecret must have at least {MinWebhookSecretLength} characters.");
        }

        if (options.WebhookTimestampTolerance <= TimeSpan.Zero || options.WebhookTimestampTolerance > TimeSpan.FromHours(1))
        {
            failures.Add("FeWo-direkt: WebhookTimestampTolerance must be positive and at most 1 hour.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add("FeWo-direkt: RequestTimeout must be positive.");
        }

        if (options.ReservationLookback <= TimeSpan.Zero)
        {
            failures.Add("FeWo-direkt: ReservationLookback must be positive.");
        }

        if (string.IsNullOrWhiteSpace(options.UserAgent))
        {
            failures.Add("FeWo-direkt: UserAgent is required.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

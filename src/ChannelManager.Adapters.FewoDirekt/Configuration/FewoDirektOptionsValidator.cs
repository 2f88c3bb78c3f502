using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.FewoDirekt.Configuration;

/// <summary>Validates <see cref="FewoDirektOptions"/> when the host starts. Messages name settings, never their values.</summary>
internal sealed class FewoDirektOptionsValidator : IValidateOptions<FewoDirektOptions>
{
    public ValidateOptionsResult Validate(string? name, FewoDirektOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.FeedUsername) || options.FeedUsername.Contains(':', StringComparison.Ordinal))
        {
            failures.Add($"FeWo-direkt: FeedUsername is required and cannot contain ':' (or set {FewoDirektConfigurationKeys.FeedUsername}).");
        }

        if (string.IsNullOrEmpty(options.FeedPassword) || options.FeedPassword.Length < FewoDirektOptions.MinFeedPasswordLength)
        {
            failures.Add($"FeWo-direkt: FeedPassword is required and must have at least {FewoDirektOptions.MinFeedPasswordLength} characters (or set {FewoDirektConfigurationKeys.FeedPassword}).");
        }

        if (options.FeedDays is < 1 or > FewoDirektOptions.MaxFeedDays)
        {
            failures.Add($"FeWo-direkt: FeedDays must be between 1 and {FewoDirektOptions.MaxFeedDays} (or set {FewoDirektConfigurationKeys.FeedDays}).");
        }

        if (options.PublicFeedBaseUrl is not null &&
            (!options.PublicFeedBaseUrl.IsAbsoluteUri || (options.PublicFeedBaseUrl.Scheme != Uri.UriSchemeHttps && options.PublicFeedBaseUrl.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"FeWo-direkt: PublicFeedBaseUrl must be an absolute http(s) URL when set (or set {FewoDirektConfigurationKeys.PublicFeedBaseUrl}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

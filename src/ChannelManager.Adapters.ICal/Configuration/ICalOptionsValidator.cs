using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.ICal.Configuration;

/// <summary>Validates <see cref="ICalOptions"/> when the host starts. Messages name settings, never their values.</summary>
internal sealed class ICalOptionsValidator : IValidateOptions<ICalOptions>
{
    /// <summary>The shortest feed signing key accepted.</summary>
    public const int MinSigningKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, ICalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.FeedSigningKey is null || options.FeedSigningKey.Length < MinSigningKeyLength)
        {
            failures.Add($"ICal: FeedSigningKey must have at least {MinSigningKeyLength} characters (or set {ICalConfigurationKeys.FeedSigningKey}).");
        }

        if (options.PollInterval < TimeSpan.Zero || (options.PollInterval > TimeSpan.Zero && options.PollInterval < TimeSpan.FromSeconds(1)))
        {
            failures.Add("ICal: PollInterval must be zero (off) or at least one second.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add("ICal: RequestTimeout must be positive.");
        }

        if (options.MaxFeedBytes <= 0)
        {
            failures.Add("ICal: MaxFeedBytes must be positive.");
        }

        if (options.MaxEvents <= 0)
        {
            failures.Add("ICal: MaxEvents must be positive.");
        }

        if (string.IsNullOrWhiteSpace(options.ImportUrlMetadataKey))
        {
            failures.Add("ICal: ImportUrlMetadataKey is required.");
        }

        if (options.ExportDays is <= 0 or > 1100)
        {
            failures.Add("ICal: ExportDays must be between 1 and 1100.");
        }

        if (string.IsNullOrWhiteSpace(options.ProductId) || ContainsLineBreak(options.ProductId))
        {
            failures.Add("ICal: ProductId is required and must be one line.");
        }

        if (string.IsNullOrWhiteSpace(options.ExportSummary) || ContainsLineBreak(options.ExportSummary))
        {
            failures.Add("ICal: ExportSummary is required and must be one line.");
        }

        if (string.IsNullOrWhiteSpace(options.UidDomain) || options.UidDomain.Any(c => char.IsWhiteSpace(c) || c == '@'))
        {
            failures.Add("ICal: UidDomain must be a domain name without spaces or '@'.");
        }

        if (string.IsNullOrWhiteSpace(options.UserAgent))
        {
            failures.Add("ICal: UserAgent is required.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool ContainsLineBreak(string value) => value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal);
}

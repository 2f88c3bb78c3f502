using System.Globalization;
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

        options.FeedUsername = string.IsNullOrEmpty(options.FeedUsername) ? Value(FewoDirektConfigurationKeys.FeedUsername) : options.FeedUsername;
        options.FeedPassword = string.IsNullOrEmpty(options.FeedPassword) ? Value(FewoDirektConfigurationKeys.FeedPassword) : options.FeedPassword;
        if (Value(FewoDirektConfigurationKeys.FeedDays) is { } days)
        {
            // An unusable value stays visible to validation instead of being silently ignored.
            options.FeedDays = int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        }

        if (options.PublicFeedBaseUrl is null && Value(FewoDirektConfigurationKeys.PublicFeedBaseUrl) is { } url)
        {
            options.PublicFeedBaseUrl = Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out var uri) ? uri : new Uri("invalid-base-url", UriKind.Relative);
        }
    }

    private string? Value(string key) => configuration![key] is { Length: > 0 } value ? value.Trim() : null;
}

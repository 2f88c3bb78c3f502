using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.ICal.Configuration;

/// <summary>
/// Fills settings that are still empty from configuration (<see cref="ICalConfigurationKeys"/>). Registered before the
/// code's own configure actions, and filling only what is unset, so that code always wins.
/// </summary>
internal sealed class ICalConfigurationFallback(IConfiguration? configuration) : IConfigureOptions<ICalOptions>
{
    public void Configure(ICalOptions options)
    {
        if (configuration is not null && string.IsNullOrEmpty(options.FeedSigningKey)
            && configuration[ICalConfigurationKeys.FeedSigningKey] is { Length: > 0 } key)
        {
            options.FeedSigningKey = key.Trim();
        }
    }
}

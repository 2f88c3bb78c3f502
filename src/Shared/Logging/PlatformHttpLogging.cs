using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Adapters.Shared.Logging;

/// <summary>Replaces the HttpClientFactory's request logging of a platform client by <see cref="PlatformHttpLogger"/>.</summary>
internal static class PlatformHttpLogging
{
    /// <summary>The log category prefix of platform HTTP calls (<c>ChannelManager.Http.{client name}</c>).</summary>
    public const string CategoryPrefix = "ChannelManager.Http.";

    /// <summary>
    /// Removes the default loggers (which put every header's raw value in the structured state, whatever the
    /// redaction of the text) and logs each call with <see cref="PlatformHttpLogger"/>.
    /// </summary>
    /// <param name="builder">The client's builder.</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder UsePlatformHttpLogging(this IHttpClientBuilder builder)
    {
        var category = CategoryPrefix + builder.Name;
        return builder
            .RemoveAllLoggers()
            .AddLogger(sp => new PlatformHttpLogger(sp.GetRequiredService<ILoggerFactory>().CreateLogger(category)));
    }
}

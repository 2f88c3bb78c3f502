using ChannelManager;
using ChannelManager.Adapters;
using ChannelManager.Adapters.FewoDirekt;
using ChannelManager.Adapters.FewoDirekt.Configuration;
using ChannelManager.Adapters.FewoDirekt.Feeds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Vrbo / FeWo-direkt adapter.</summary>
public static class FewoDirektChannelManagerBuilderExtensions
{
    /// <summary>
    /// Adds the FeWo-direkt adapter (an <see cref="IChannelAdapter"/> next to any other adapters), its feed renderer
    /// (map the feeds with <c>app.MapChannelManagerFewoDirektFeeds()</c>) and its options, validated when the host
    /// starts. Settings not set by <paramref name="configure"/> are read from the configuration keys in
    /// <see cref="FewoDirektConfigurationKeys"/> (<c>FEWODIREKT_FEED_USERNAME</c>, <c>FEWODIREKT_FEED_PASSWORD</c>, …)
    /// when an <see cref="IConfiguration"/> is registered. Calling it again only adds <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The ChannelManager builder.</param>
    /// <param name="configure">Sets the options in code.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IChannelManagerBuilder AddFewoDirekt(this IChannelManagerBuilder builder, Action<FewoDirektOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(FewoDirektRegistrationMarker)))
        {
            services.AddSingleton<FewoDirektRegistrationMarker>();

            // Registered before the code's configure actions, so that code wins over configuration.
            services.AddSingleton<IConfigureOptions<FewoDirektOptions>>(sp => new FewoDirektConfigurationFallback(sp.GetService<IConfiguration>()));
            services.AddOptions<FewoDirektOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FewoDirektOptions>, FewoDirektOptionsValidator>());
            services.TryAddSingleton(TimeProvider.System);
            services.AddLogging();
            services.TryAddSingleton<FewoDirektFeedService>();
            services.TryAddSingleton<FewoDirektChannelAdapter>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelAdapter, FewoDirektChannelAdapter>(sp => sp.GetRequiredService<FewoDirektChannelAdapter>()));
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return builder;
    }

    /// <summary>Marks that the FeWo-direkt services are registered.</summary>
    private sealed class FewoDirektRegistrationMarker;
}

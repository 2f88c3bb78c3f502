using ChannelManager;
using ChannelManager.Adapters;
using ChannelManager.Adapters.Expedia;
using ChannelManager.Adapters.Expedia.Api;
using ChannelManager.Adapters.Expedia.Configuration;
using Microsoft.Extensions.Configuration;
using ChannelManager.Adapters.Shared.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Expedia adapter.</summary>
public static class ExpediaChannelManagerBuilderExtensions
{
    /// <summary>
    /// Adds the Expedia EQC adapter (an <see cref="IChannelAdapter"/>, also <see cref="IReservationAcknowledger"/>,
    /// next to any other adapters), its HTTP client and its options, validated when the host starts. Settings not set
    /// by <paramref name="configure"/> are read from the configuration keys in <see cref="ExpediaConfigurationKeys"/>
    /// (<c>EXPEDIA_USERNAME</c>, <c>EXPEDIA_PASSWORD</c>, <c>EXPEDIA_API_BASE_URL</c>) when an
    /// <see cref="IConfiguration"/> is registered. Calling it again only adds <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The ChannelManager builder.</param>
    /// <param name="configure">Sets the options in code.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IChannelManagerBuilder AddExpedia(this IChannelManagerBuilder builder, Action<ExpediaOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(ExpediaRegistrationMarker)))
        {
            services.AddSingleton<ExpediaRegistrationMarker>();

            // Registered before the code's configure actions, so that code wins over configuration.
            services.AddSingleton<IConfigureOptions<ExpediaOptions>>(sp => new ExpediaConfigurationFallback(sp.GetService<IConfiguration>()));
            services.AddOptions<ExpediaOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExpediaOptions>, ExpediaOptionsValidator>());
            services.TryAddSingleton(TimeProvider.System);

            // ExpediaHttp enforces RequestTimeout over headers and body together.
            services.AddHttpClient(ExpediaHttp.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
                .UsePlatformHttpLogging();
            services.TryAddSingleton<ExpediaHttp>();
            services.TryAddSingleton<EqcClient>();
            services.TryAddSingleton<ExpediaChannelAdapter>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelAdapter, ExpediaChannelAdapter>(sp => sp.GetRequiredService<ExpediaChannelAdapter>()));
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return builder;
    }

    /// <summary>Marks that the Expedia services are registered.</summary>
    private sealed class ExpediaRegistrationMarker;
}
